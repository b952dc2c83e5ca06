// SPDX-License-Identifier: ISC
//
// Intake at the counter (issue 15), in Chromium: a post request taken
// with the keyboard only (the Tab presses counted), an error that puts
// the focus on its field, and a session that expires while the form is
// being typed (the input comes back after the login).

import { execFileSync } from 'node:child_process';
import { run, check, login, today } from './lib.mjs';

const REQ = '示范区2026年背街小巷改造工程的立项批复和资金安排';

// The id of the focused element.
async function focused(page) {
	return page.evaluate(() => document.activeElement ?
	    document.activeElement.id : '');
}

// The state badge on a case page.
async function state(page) {
	return (await page.locator('header.case h1 .st').innerText()).trim();
}

await run('intake at the counter', async (t) => {
	/* 1. Keyboard only: a request that came by post, received and
	 *    registered in one step. */
	{
		const { ctx, page } = await login(t, 'clerk');
		await page.goto(t.base + '/cases/new');
		check(await focused(page) === 'channel',
		    'the first field has the focus (no header links first)');
		check(await page.locator('input[type=date]').count() === 0,
		    'dates are one text box each (one tab stop)');
		let tabs = 0;
		const tab = async (expect) => {
			await page.keyboard.press('Tab');
			tabs++;
			check(await focused(page) === expect, 'Tab ' + tabs +
			    ' reaches #' + expect);
		};
		// 请选择 → 当面提交 → 邮寄.
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		check(await page.inputValue('#channel') === 'post', 'channel 邮寄');
		check(await page.locator('#f-received').isHidden(),
		    'by post the receipt date is not asked (it is the arrival)');
		await tab('arrived');
		check(await page.inputValue('#arrived') === today,
		    'the arrival is today by default');
		await tab('applicant_type');
		await page.keyboard.press('ArrowDown');
		check(await page.inputValue('#applicant_type') === 'person',
		    'applicant type 公民');
		await tab('applicant');
		await page.keyboard.type('孙晓明');
		await tab('id_type');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		check(await page.inputValue('#id_type') === 'passport',
		    'ID type 护照');
		await tab('id_number');
		await page.keyboard.type('E55566677');
		await tab('phone');
		await page.keyboard.type('139 2222 3333');
		await tab('email');
		await tab('address');
		await tab('request');
		await page.keyboard.type(REQ);
		await tab('doc_number');
		await tab('delivery');
		await tab('register');
		check(tabs <= 12, 'at most 12 Tab presses from the first field to'
		    + ' 登记 (' + tabs + ')');
		await Promise.all([page.waitForNavigation(),
		    page.keyboard.press('Enter')]);
		const m = page.url().match(/\/cases\/(\d{4}-\d{4})\?ok=registered/);
		check(m !== null, 'received and registered in one step: ' +
		    page.url());
		check(await state(page) === '已登记', 'the badge says 已登记');
		check((await page.locator('.flash').first().innerText())
		    .includes('已接收并登记'), 'the flash agrees');
		check(await page.locator('#print-receipt').count() === 1,
		    'the 登记回执 is offered');
		check(await page.locator('details.act input[value="register"]')
		    .count() === 0, 'no separate 登记 action is offered');
		const shown = JSON.parse(t.foidesk('case', 'show', m[1],
		    '--json'));
		check(shown.state === 'registered' &&
		    shown.received === today, 'stored registered, received today');
		await Promise.all([page.waitForNavigation(),
		    page.click('#intake-next')]);
		check(page.url() === t.base + '/cases/new', '登记下一件 opens the form');
		check(await page.inputValue('#applicant') === '' &&
		    await page.locator('#intake-restored').count() === 0,
		    'the next form is empty');
		await ctx.close();
	}

	/* 2. An error puts the focus on its field. */
	{
		const { ctx, page } = await login(t, 'clerk');
		await page.goto(t.base + '/cases/new');
		await page.selectOption('#channel', 'online');
		check(await page.locator('#f-confirmed').isVisible(),
		    'online: the confirmation date is asked');
		check(await page.inputValue('#received') === '',
		    'online: no receipt date is filled in');
		await page.selectOption('#applicant_type', 'person');
		await page.fill('#applicant', '周立');
		await page.fill('#request', REQ + '（网上申请）');
		await Promise.all([page.waitForNavigation(),
		    page.click('#receive-only')]);
		check(await focused(page) === 'confirmed',
		    'the focus is on 确认日期');
		const conf = page.locator('#confirmed');
		check(await conf.getAttribute('aria-invalid') === 'true',
		    'the field is marked invalid');
		const desc = await conf.getAttribute('aria-describedby');
		check(desc.split(' ').includes('confirmed-msg'),
		    'it is described by its message');
		const msg = await page.locator('#confirmed-msg').innerText();
		check(msg.startsWith('确认日期：') && !/[A-Za-z]/.test(msg),
		    'the message names the field, in Chinese: ' + msg);
		check(await page.inputValue('#applicant') === '周立',
		    'what was typed is kept');
		// A date years back asks for a confirmation, focused.
		await page.fill('#confirmed', '2019-01-05');
		await page.fill('#arrived', '2019-01-05');
		await Promise.all([page.waitForNavigation(),
		    page.click('#receive-only')]);
		check(await focused(page) === 'confirm_old_date',
		    'a receipt date years back: the confirmation has the focus');
		check((await page.locator('#confirm_old_date-msg').innerText())
		    .includes('2019-01-05'), 'the message names the date');
		await page.fill('#confirmed', today);
		await page.fill('#arrived', today);
		await Promise.all([page.waitForNavigation(),
		    page.click('#receive-only')]);
		check(/\/cases\/\d{4}-\d{4}\?ok=created/.test(page.url()),
		    'corrected, the request is received: ' + page.url());
		check(await state(page) === '已接收', 'received, not registered');
		await ctx.close();
	}

	/* 3. The session expires while the form is typed. */
	{
		const { ctx, page } = await login(t, 'clerk');
		await page.goto(t.base + '/cases/new');
		await page.selectOption('#channel', 'post');
		await page.selectOption('#applicant_type', 'person');
		await page.fill('#applicant', '吴敏');
		await page.fill('#phone', '13833334444');
		await page.fill('#request', REQ + '（邮寄）');
		execFileSync('sqlite3', [t.db, 'DELETE FROM sessions']);
		await Promise.all([page.waitForNavigation(),
		    page.click('#receive-only')]);
		check(page.url().startsWith(t.base + '/login'),
		    'an expired session leads to the login: ' + page.url());
		check((await page.locator('.flash').first().innerText())
		    .includes('登录已过期'), 'saying the login expired');
		await page.fill('#user', 'clerk');
		await page.fill('#password', 'demo-pass-2026');
		await Promise.all([page.waitForNavigation(),
		    page.click('button[type=submit]')]);
		check(page.url() === t.base + '/cases/new',
		    'back to the form after the login');
		check(await page.locator('#intake-restored').isVisible(),
		    'a notice says the input was restored');
		check((await page.locator('#intake-restored').innerText())
		    .includes('已恢复未提交的内容'), 'in Chinese');
		check(await page.inputValue('#applicant') === '吴敏' &&
		    await page.inputValue('#phone') === '13833334444' &&
		    await page.inputValue('#request') === REQ + '（邮寄）' &&
		    await page.inputValue('#channel') === 'post' &&
		    await page.inputValue('#arrived') === today,
		    'what was typed is back');
		check(await page.locator('#f-arrived').isVisible() &&
		    await page.locator('#f-received').isHidden(),
		    'the channel\'s date fields are shown');
		// Discarding empties the form.
		await Promise.all([page.waitForNavigation(),
		    page.click('#intake-discard')]);
		check(await page.inputValue('#applicant') === '' &&
		    await page.locator('#intake-restored').count() === 0,
		    'the restored input can be discarded');
		// Logging out on purpose drops the kept copy.
		await page.fill('#applicant', '郑华');
		await Promise.all([page.waitForNavigation(),
		    page.click('form[action="/logout"] button')]);
		await page.goto(t.base + '/login?next=%2Fcases%2Fnew');
		await page.fill('#user', 'clerk');
		await page.fill('#password', 'demo-pass-2026');
		await Promise.all([page.waitForNavigation(),
		    page.click('button[type=submit]')]);
		check(page.url() === t.base + '/cases/new' &&
		    await page.locator('#intake-restored').count() === 0 &&
		    await page.inputValue('#applicant') === '',
		    'after logging out the next user gets an empty form');
		await ctx.close();
	}
});
