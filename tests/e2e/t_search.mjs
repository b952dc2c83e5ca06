// SPDX-License-Identifier: ISC
//
// The search box in the browser (issue 15): a 文号 typed with square
// brackets finds the case that cites it with 〔〕, and so do 2020年17号
// and an applicant's identity number; each result says why it matched.
import { run, check, login } from './lib.mjs';

async function search(page, base, q) {
	await page.goto(base + '/search');
	await page.fill('input[name="q"]', q);
	await Promise.all([page.waitForNavigation(),
	    page.click('form.search button[type=submit]')]);
	return page.locator('table.cases tbody').innerText();
}

await run('search: 文号 in any brackets, identity number', async (t) => {
	const out = JSON.parse(t.foidesk('case', 'new', '--received', '2026-11-18',
	    '--channel', 'online', '--applicant', '孙文号测试',
	    '--applicant-type', 'person',
	    '--request', '请公开烟政办发〔2020〕17号文件的全文',
	    '--id-type', 'resident_id', '--id-number', '11010519491231002X',
	    '--phone', '139-0000-1717', '--json'));
	const num = out.number;
	check(/^2026-\d{4}$/.test(num), 'case ' + num + ' filed');
	const { ctx, page } = await login(t, 'clerk');

	let body = await search(page, t.base, '烟政办发[2020]17号');
	check(body.includes(num), '烟政办发[2020]17号 finds ' + num);
	check(body.includes('匹配：文号 烟政办发〔2020〕17号'),
	    'the result says it matched the 文号');
	body = await search(page, t.base, '2020年17号');
	check(body.includes(num), '2020年17号 finds ' + num);
	body = await search(page, t.base, '11010519491231002x');
	check(body.includes(num), 'the identity number finds ' + num);
	check(body.includes('匹配：身份证件号码'), 'the result says why');
	body = await search(page, t.base, '13900001717');
	check(body.includes(num), 'the phone number finds ' + num);
	body = await search(page, t.base, '孙文');
	check(body.includes(num), 'two characters of the name find ' + num);
	body = await search(page, t.base, '烟政办发[2021]17号');
	check(!body.includes(num), 'another year does not find ' + num);
	await ctx.close();
});
