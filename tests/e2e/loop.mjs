// SPDX-License-Identifier: ISC
//
// The end-to-end loop in a real browser: Debian's chromium, headless,
// driven by playwright-core against `foidesk serve` on 127.0.0.1.
//
//   1. the clerk logs an in-person request (after one try with the
//      request left empty: the message shows at the field and what was
//      typed stays), prints the 登记回执 and registers the case;
//   2. the officer reviews and accepts it, starts and ends a third-party
//      consultation, and replies `partial` with its reasons, which goes
//      to the reviewer;
//   3. the reviewer opens the draft letter beside the decision (样稿, no
//      文号) and approves; the case then lists reply v1 with its 文号,
//      the browser downloads that PDF, and pdftotext finds the 文号 and
//      the remedy text in it and no 样稿;
//   4. the case is archived.
//
// Environment: FOIDESK_BIN (default ../../foidesk), SCREENSHOT_DIR (when
// set, screenshots of the main pages are written there), CHROMIUM
// (default /usr/bin/chromium).  Exits non-zero on the first failure.
// Prints "N passed, 0 failed" at the end.

import { writeFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { run, check, login as login1, act, textOf, pdfText, shot, today }
    from './lib.mjs';

await run('the closed loop', async (t) => {
	const base = t.base, browser = t.browser, work = t.work;
	const login = (b, user, opts) => login1(t, user, opts);
	const state = async (page) =>
	    (await page.locator('header.case h1 .st').innerText()).trim();
	/* The login page. */
	{
		const ctx = await browser.newContext({ locale: 'zh-CN',
		    viewport: { width: 1360, height: 760 } });
		const page = await ctx.newPage();
		const r = await page.goto(base + '/');
		check(page.url().startsWith(base + '/login'), 'pages need a login');
		check(r.headers()['content-security-policy'].includes("script-src 'self'"),
		    'CSP without inline script');
		await shot(page, 'login');
		await ctx.close();
	}

	/* 1. The clerk at the front desk. */
	let number;
	{
		const { ctx, page } = await login(base, 'clerk');
		await page.click('nav a[href="/cases/new"]');
		await page.selectOption('#channel', 'in_person');
		await page.selectOption('#applicant_type', 'person');
		await page.fill('#applicant', '赵敏');
		await page.selectOption('#id_type', 'passport');
		await page.fill('#id_number', 'E99887766');
		await page.fill('#phone', '139 1111 2222');
		await page.fill('#address', '示范市示范区和平路9号');
		await page.fill('#delivery', '纸质文本，邮寄');
		await page.fill('#doc_number', '示范教发〔2026〕3号');
		await Promise.all([page.waitForNavigation(), page.click('form.intake button[type=submit]')]);
		check(await page.locator('#f-request.invalid .msg').count() === 1,
		    'a missing request is flagged at its field');
		check(await page.inputValue('#applicant') === '赵敏',
		    'what was typed is kept');
		await shot(page, 'intake-validation');
		await page.fill('#request', '示范区2026年义务教育阶段招生划片方案及其论证材料、'
		    + '征求意见情况');
		await shot(page, 'intake');
		await Promise.all([page.waitForNavigation(), page.click('form.intake button[type=submit]')]);
		const m = page.url().match(/\/cases\/(\d{4}-\d{4})\?ok=registered/);
		check(m !== null, 'the request is logged and registered: ' + page.url());
		number = m[1];
		check(await page.locator('#print-receipt').count() === 1,
		    'the 登记回执 is offered for printing');
		const receipt = await pdfText(ctx, base + '/cases/' + number +
		    '/letters/receipt.pdf', join(work, 'receipt.pdf'));
		check(receipt.replace(/\s+/g, '').includes(number),
		    'the receipt names the case number');
		/* Issue 15: 登记 at the counter receives and registers. */
		check(await state(page) === '已登记', 'registered by the clerk');
		check(await page.locator('details.act input[value="reply"]').count() === 0,
		    'the clerk is not offered a reply');
		await ctx.close();
	}

	/* 2. The officer handles it. */
	{
		const { ctx, page } = await login(base, 'officer');
		await shot(page, 'dashboard');
		await page.goto(base + '/cases/' + number);
		await act(page, 'review');
		check(await state(page) === '审核中', 'under review');
		await act(page, 'accept');
		check(await state(page) === '办理中', 'accepted');
		await act(page, 'consult-start', { party: 'third_party',
		    consult_party: '示范市宏达建筑工程有限公司',
		    consult_subject: '招生划片论证材料中涉及该公司商业信息的部分' });
		check(await state(page) === '征求意见中', 'third-party consultation started');
		check((await page.locator('#deadline').innerText()).includes('中止'),
		    'the clock stops during the consultation');
		await act(page, 'consult-end');
		check(await state(page) === '办理中', 'consultation ended');
		await act(page, 'reply', { outcome: 'partial',
		    provided: '1.示范区2026年义务教育阶段招生划片方案',
		    withheld_items: '2.论证材料中第三方的商业信息——涉及商业秘密，第三方不同意公开',
		    reasons: '依据《中华人民共和国政府信息公开条例》第十五条、第三十二条，'
		    + '涉及第三方商业秘密的部分不予公开。' });
		check(page.url().includes('ok=requested'), 'the reply goes to the reviewer');
		check(await state(page) === '办理中', 'not replied until approved');
		await shot(page, 'case-officer');
		await page.goto(base + '/cases?open=1');
		await shot(page, 'case-list');
		await page.goto(base + '/search?q=' + encodeURIComponent('招生划片'));
		check(await page.locator(`a[href="/cases/${number}"]`).count() > 0,
		    'full-text search finds the case');
		await shot(page, 'search');
		await ctx.close();
	}

	/* 3. The reviewer reads the draft, approves; the reply letter. */
	{
		const { ctx, page } = await login(base, 'reviewer');
		check(await page.locator('#approvals a[href="/cases/' + number + '"]').count() === 1,
		    'the reviewer sees the request on the dashboard');
		check(await page.locator('#approvals a[href^="/cases/' + number +
		    '/approvals/"][href$="/draft.pdf"]').count() === 1,
		    'the dashboard links the draft letter');
		await shot(page, 'dashboard-reviewer');
		await page.goto(base + '/cases/' + number);
		/* The draft beside the decision: embedded and linked. */
		const draftLink = page.locator('#approvals a.draft-link');
		check(await draftLink.count() === 1, 'the approval box links the 样稿');
		const draftUrl = await draftLink.getAttribute('href');
		check(await page.locator(`#approvals iframe[src="${draftUrl}"]`).count() === 1,
		    'the approval box embeds the 样稿 beside the decision');
		const draft = (await pdfText(ctx, base + draftUrl,
		    join(work, 'draft.pdf'))).replace(/\s+/g, '');
		check(draft.includes('样稿'), 'the draft is marked 样稿');
		check(draft.includes('文号待签发时编定'),
		    'the draft says the 文号 is given when it is issued');
		check(draft.includes('部分公开') || draft.includes('不予公开'),
		    'the draft is the partial-disclosure reply');
		await page.fill('#approvals textarea[name="comment"]', '同意部分公开。');
		await Promise.all([page.waitForNavigation(),
		    page.click('#approvals button[value="approve"]')]);
		check(page.url().includes('ok=approved'), 'approved');
		check(await state(page) === '已答复', 'replied');
		/* The letter went out with the approval: reply v1, numbered. */
		const row = page.locator('#letters tbody tr', {
		    has: page.locator('a[href*="/letters/reply.pdf"]') });
		check(await row.count() === 1, 'the case lists one reply letter');
		const cells = await row.locator('td').allInnerTexts();
		const docnum = cells[1].trim();
		check(/〔2026〕\d+号$/.test(docnum), 'reply v1 has a 文号: ' + docnum);
		check(cells[2].trim() === '1', 'it is version 1');
		check(!draft.includes(docnum), 'the draft had no 文号');
		check(await page.locator(`form[action="/cases/${number}/letters/reply"]`).count() === 0,
		    'no second issue of the reply is offered');
		/* The browser downloads the stored PDF. */
		const link = row.locator('a[href*="/letters/reply.pdf"]');
		const [dl] = await Promise.all([page.waitForEvent('download'),
		    link.evaluate((a) => {
			a.removeAttribute('target');
			a.setAttribute('download', '');
			a.click();
		    })]);
		const file = join(work, 'reply.pdf');
		await dl.saveAs(file);
		const bytes = readFileSync(file);
		check(bytes.subarray(0, 4).toString('latin1') === '%PDF',
		    'the downloaded reply is a PDF');
		const hash = createHash('sha256').update(bytes).digest('hex');
		check(hash.startsWith((await row.locator('code.hash').innerText()).replace('…', '')),
		    'the download is the stored letter (SHA-256)');
		const text = textOf(file).replace(/\s+/g, '');
		check(text.includes(docnum), 'the PDF carries its 文号');
		check(!text.includes('样稿'), 'the letter that went out is no draft');
		check(text.includes('部分公开') || text.includes('不予公开'),
		    'the PDF is the partial-disclosure reply');
		check(text.replace(/\s+/g, '').includes('对不予公开部分') &&
		    text.replace(/\s+/g, '').includes('应当先申请行政复议'),
		    'the remedy text: reconsideration first for the withheld part');
		check(text.includes('示范市示范区人民政府') && text.includes('6个月内'),
		    'the remedy text names the reconsideration body and the time limit');
		await act(page, 'archive');
		check(await state(page) === '已归档', 'archived');
		await page.locator('#audit summary').click();
		check((await page.locator('#audit').innerText()).includes('127.0.0.1'),
		    'the audit trail shows who and from where');
		await shot(page, 'case');
		/* The annual report of this year, with its drill-down. */
		await page.goto(base + '/reports/annual?year=2026');
		check((await page.content()).includes('收到和处理政府信息公开申请情况'),
		    'the annual report page shows table 三');
		await shot(page, 'report');
		await ctx.close();
	}

	/* The administrator's page. */
	{
		const { ctx, page } = await login(base, 'admin');
		await page.goto(base + '/admin');
		check((await page.locator('#calendar').innerText()).includes('2027'),
		    'the calendar warning names the missing year');
		await shot(page, 'admin');
		await ctx.close();
	}
});
