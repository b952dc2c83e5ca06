// SPDX-License-Identifier: ISC
//
// Issue 13, the office's workflow: the reviewer assigns a case the
// officer handed back (退回) from the dashboard's 待分派 list; the
// officer finds it under 新分派给我的案件; the officer's reply goes to
// the reviewer, who sends it back with a comment; the officer's
// dashboard shows the returned reply with that comment, in the order
// overdue, returned, due soon, newly assigned, awaiting delivery.

import { run, check, login, act } from './lib.mjs';

await run('workflow: assignment and a returned reply', async (t) => {
	const base = t.base;
	const list = JSON.parse(t.foidesk('case', 'list', '--state', 'handling',
	    '--json'));
	check(list.length > 0, 'the demo has a case in handling');
	const mine = list.find((c) => JSON.parse(t.foidesk('case', 'show',
	    c.number, '--json')).assignee === 'officer');
	check(mine !== undefined, 'the officer handles one of them');
	const comment = '请补充说明获取信息的方式和时间';
	let returned;

	/* 1. The reviewer assigns the case the officer returned. */
	{
		const { ctx, page } = await login(t, 'reviewer');
		const row = page.locator('#unassigned tbody tr', { hasText: '退回：' });
		check(await row.count() >= 1,
		    'the reviewer sees the returned case, with its reason');
		returned = (await row.first().locator('td.num a').innerText()).trim();
		await page.goto(base + '/cases/' + returned);
		check((await page.locator('#assign .assignee').innerText())
		    .includes('待分派'), 'the case page says it awaits assignment');
		const det = page.locator('#assign details', { hasText: '分派承办人' });
		await det.locator('summary').click();
		await det.locator('select[name="to"]').selectOption('officer');
		await Promise.all([page.waitForNavigation(),
		    det.locator('button[type=submit]').click()]);
		check(page.url().includes('ok=saved'), 'assigned: ' + page.url());
		check((await page.locator('#assign .assignee').innerText())
		    .includes('officer'), 'the officer handles it now');
		check((await page.locator('#timeline').innerText())
		    .includes('分派承办人'), 'the assignment is in the case record');
		await ctx.close();
	}

	/* 2. The officer replies on their own case. */
	{
		const { ctx, page } = await login(t, 'officer');
		check(await page.locator('#newly-assigned a[href="/cases/' + returned +
		    '"]').count() === 1, 'newly assigned to the officer: ' + returned);
		await page.goto(base + '/cases/' + mine.number);
		await act(page, 'reply', { outcome: 'disclosed',
		    provided: '示范区2025年度招生计划', how_to_obtain: '电子邮件发送' });
		check(page.url().includes('ok=requested'), 'the reply goes to the reviewer');
		await ctx.close();
	}

	/* 3. The reviewer sends it back with a comment. */
	{
		const { ctx, page } = await login(t, 'reviewer');
		check(await page.locator('#approvals th', { hasText: '答复期限' })
		    .count() === 1, 'the 待审批 list shows the deadline');
		await page.goto(base + '/cases/' + mine.number);
		await page.fill('#approvals textarea[name="comment"]', comment);
		await Promise.all([page.waitForNavigation(),
		    page.click('#approvals button[value="reject"]')]);
		check(page.url().includes('ok=rejected'), 'sent back');
		await ctx.close();
	}

	/* 4. The officer's dashboard shows it, with the comment. */
	{
		const { ctx, page } = await login(t, 'officer');
		const row = page.locator('#rejected tbody tr', { hasText: mine.number });
		check(await row.count() === 1, 'the returned reply is on the dashboard');
		check((await row.innerText()).includes(comment),
		    'with the reviewer\'s comment');
		check((await row.innerText()).includes('个工作日'),
		    'and the deadline');
		const ids = await page.locator('main section[id]').evaluateAll(
		    (s) => s.map((e) => e.id));
		const order = ['my-overdue', 'rejected', 'my-due-soon',
		    'newly-assigned', 'awaiting-delivery'];
		const pos = order.map((id) => ids.indexOf(id));
		check(pos.every((p) => p >= 0) &&
		    pos.every((p, i) => i === 0 || pos[i - 1] < p),
		    'what needs me, in order: ' + ids.join(' '));
		/* The case list opens on open cases. */
		await page.goto(base + '/cases');
		check(await page.locator('table.cases .st-archived').count() === 0,
		    'the case list opens on open cases');
		await page.goto(base + '/cases?all=1');
		check(await page.locator('table.cases .st-archived').count() > 0,
		    'all=1 shows the archived ones too');
		await ctx.close();
	}
});
