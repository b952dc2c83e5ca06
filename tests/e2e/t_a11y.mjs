// SPDX-License-Identifier: ISC
//
// Accessibility and layout of every page, as each role (issue 15):
//
//   - axe-core finds no violation (all rules of its default set), with
//     every <details> opened, at a phone width (390×844), and at a
//     desktop width (1360×900) on the first page of each route;
//   - at 390×844 no page scrolls sideways
//     (document.documentElement.scrollWidth <= innerWidth), before and
//     after the <details> are opened, nor at 360 px with them open;
//   - at 390 px the navigation is collapsed behind the menu button,
//     which opens it, and 退出 is on screen;
//   - the Nu HTML checker (vnu.jar, one JVM for all pages) finds no
//     error in the HTML the server sent;
//   - the first Tab lands on the skip link, which leads to <main>.
//
// The pages: PAGES below (one row per role and path; role null is the
// login page, before any login), then, per role, every link on those
// pages to a route not yet visited (one page per route of web/route.c),
// so that a new page linked from anywhere is checked without an entry
// here.  At the end every HTML GET route of web/route.c must have been
// visited by some role.  To check a page that no link reaches, or one
// route in several states, add a row.  REFUSED lists forms sent empty:
// the page with the server's messages at the fields is checked too.
//
// The browser keeps the pages' CSP (axe-core is served from their
// origin by the test), and a CSP violation on any page is a problem.
//
// Run alone: FOIDESK_BIN=$PWD/build/release/foidesk node tests/e2e/t_a11y.mjs

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, check, password, shots } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const axePath = join(here, 'node_modules/axe-core/axe.min.js');
const AXE_URL = '/__t_a11y/axe.min.js';
const vnuJar = join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 360, height: 740 };
const DESK = { width: 1360, height: 900 };

// Demo cases (ops/demo.c) in several states; 2026-0035 gets a letter
// and a pending reply approval below, 2026-0033 has its reply letter.
const CASES = ['2026-0042', '2026-0040', '2026-0039', '2026-0035',
    '2026-0036', '2026-0037', '2026-0038', '2026-0033', '2025-0001'];
const rows = (role, paths) => paths.map((path) => ({ role, path }));
export const PAGES = [
	{ role: null, path: '/login' },
	...rows('clerk', ['/', '/cases', '/cases/new', '/cases/2026-0042',
	    '/cases/2026-0035', '/search?q=' + encodeURIComponent('招生')]),
	...rows('officer', ['/', '/cases', '/cases?open=1',
	    '/cases?state=handling', '/cases?overdue=1',
	    '/search?q=' + encodeURIComponent('招生'), '/search?q=zzzz',
	    '/cases/new', '/export', '/reports/annual',
	    '/reports/annual?year=2026', '/hotspots', '/proactive',
	    '/proactive/repeats/2026-0042', '/cases/9999-9999',
	    ...CASES.map((n) => '/cases/' + n)]),
	...rows('reviewer', ['/', '/cases', '/audit', '/reports/annual',
	    '/cases/2026-0035', '/cases/2026-0033']),
	...rows('admin', ['/', '/cases', '/admin', '/admin/phrases',
	    '/admin/texts', '/admin/calendar/2026', '/audit',
	    '/reports/annual', '/hotspots', '/cases/2026-0033']),
];

// Forms sent empty: the page that comes back, with its messages
// (expect), is checked like the others.
const REFUSED = [
	{ role: 'clerk', path: '/cases/new', submit: 'form.intake button[type=submit]',
	    expect: '.field.invalid .msg' },
];

// Phone screenshots (with SCREENSHOT_DIR, `make screenshots`): the
// viewport of these pages at 390×844, before the <details> open.
const PHONE_SHOTS = { 'officer /cases?open=1': 'phone-list',
    'officer /cases/2026-0035': 'phone-case' };

// Links not followed: files, the API, logout.
const NOT_HTML = /\.(pdf|csv|css|js|png|xlsx)(\?|$)|^\/(api|static)\/|\/attachments\/|\/letters\/|^\/cases\/[^/]+\/archive\/|^\/logout/;

// The GET routes of web/route.c as regular expressions.
function routes() {
	const src = readFileSync(join(here, '../../web/route.c'), 'utf8');
	const out = [];
	for (const m of src.matchAll(/\{\s*HTTP_GET,\s*"([^"]+)"/g)) {
		const pat = m[1];
		const re = new RegExp('^' + pat.split('{}').map((s) =>
		    s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+') + '$');
		out.push({ pat, re });
	}
	return out;
}

function routeOf(rts, path) {
	const p = path.split('?')[0];
	const hits = rts.filter((r) => r.re.test(p));
	/* The most literal pattern wins (/cases/new over /cases/{}). */
	hits.sort((a, b) => b.pat.replace(/\{\}/g, '').length -
	    a.pat.replace(/\{\}/g, '').length);
	return hits.length ? hits[0].pat : null;
}

// A context at the phone width, logged in as role (null: not logged
// in), under the pages' real CSP: axe.min.js is served by the test at
// AXE_URL on the application's origin, so that script-src 'self'
// admits it.  A CSP violation (an inline style or script a page
// carries) is a problem of that page.
async function newPage(t, role, st) {
	const ctx = await t.browser.newContext({ locale: 'zh-CN',
	    viewport: PHONE });
	const axeSrc = readFileSync(axePath, 'utf8');
	await ctx.route(t.base + AXE_URL, (r) => r.fulfill({
	    contentType: 'text/javascript; charset=utf-8', body: axeSrc }));
	const page = await ctx.newPage();
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text()))
			st.problems.push((role || '(not logged in)') + ' ' +
			    new URL(page.url()).pathname + ': ' + m.text());
	});
	if (role !== null) {
		await page.goto(t.base + '/login');
		await page.fill('#user', role);
		await page.fill('#password', password);
		await Promise.all([page.waitForURL(t.base + '/'),
		    page.click('button[type=submit]')]);
	}
	return { ctx, page };
}

const overflow = (page) => page.evaluate(() => {
	const w = window.innerWidth;
	const d = document.documentElement.scrollWidth;
	if (d <= w)
		return null;
	/* Name the widest elements that stick out. */
	const wide = [];
	for (const e of document.body.querySelectorAll('*')) {
		const r = e.getBoundingClientRect();
		if (r.right > w + 0.5 && getComputedStyle(e).position !== 'fixed')
			wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
			    (e.className && typeof e.className === 'string' ?
			    '.' + e.className.trim().split(/\s+/).join('.') : '') +
			    ' right=' + Math.round(r.right));
	}
	return 'scrollWidth ' + d + ' > ' + w + ': ' + wide.slice(0, 6).join(', ');
});

// The first Tab stop is a link to <main>, and following it moves the
// focus into <main>.  Returns the problems.
async function skipLink(page) {
	await page.keyboard.press('Tab');
	const ok = await page.evaluate(() => {
		const a = document.activeElement;
		const m = document.querySelector('main');
		return a !== null && a.tagName === 'A' && m !== null &&
		    m.id !== '' && a.getAttribute('href') === '#' + m.id;
	});
	if (!ok)
		return ['the first Tab does not land on a skip link to <main>'];
	await page.keyboard.press('Enter');
	if (!await page.evaluate(() =>
	    document.querySelector('main').contains(document.activeElement)))
		return ['the skip link does not move the focus into <main>'];
	return [];
}

async function axe(page) {
	if (await page.evaluate(() => typeof window.axe === 'undefined'))
		await page.addScriptTag({ url: AXE_URL });
	const res = await page.evaluate(() => window.axe.run(document,
	    { resultTypes: ['violations'] }));
	return res.violations.map((v) => v.id + ' (' + v.impact + '): ' +
	    v.nodes.slice(0, 3).map((n) => n.target.join(' ') +
	    (n.any[0] && n.any[0].message ? ' — ' + n.any[0].message : ''))
	    .join('; '));
}

// The phone header: the navigation is collapsed behind the menu
// button, which opens it; the user's name and 退出 are on screen.
async function phoneMenu(page) {
	const out = [];
	const btn = page.locator('header.top button.menu');
	const nav = page.locator('header.top nav');
	if (!await btn.isVisible())
		return ['at 390 px there is no menu button'];
	if (await nav.isVisible())
		out.push('at 390 px the navigation is not collapsed');
	await btn.click();
	if (shots && await page.evaluate(() =>
	    document.querySelector('.who span').innerText.startsWith('officer')))
		await page.screenshot({ path: join(shots, 'phone-menu.png') });
	if (!await nav.isVisible() ||
	    await btn.getAttribute('aria-expanded') !== 'true')
		out.push('the menu button does not open the navigation');
	const box = await page.locator('header.top .who button').boundingBox();
	if (box === null || box.x + box.width > PHONE.width)
		out.push('at 390 px 退出 is not on screen');
	await btn.click();
	return out;
}

// The checks of the page on screen (at 390 px): no sideways scrolling
// at 390 px (details closed, then open) and 360 px, axe at 390 px and,
// when desk, at 1360 px.  Pushes the problems to st.problems.
async function checkShown(page, where, st, desk) {
	let o = await overflow(page);
	if (o)
		st.problems.push(where + ' at 390 px: ' + o);
	await page.evaluate(() => document.querySelectorAll('details')
	    .forEach((d) => { d.open = true; }));
	o = await overflow(page);
	if (o)
		st.problems.push(where + ' at 390 px, details open: ' + o);
	await page.setViewportSize(NARROW);
	o = await overflow(page);
	if (o)
		st.problems.push(where + ' at 360 px, details open: ' + o);
	await page.setViewportSize(PHONE);
	for (const v of await axe(page))
		st.problems.push(where + ' axe at 390 px: ' + v);
	if (!desk)
		return;
	await page.setViewportSize(DESK);
	for (const v of await axe(page))
		st.problems.push(where + ' axe at 1360 px: ' + v);
}

// Checks every page one role reaches (see the top); pushes the problems
// to st.problems and the saved HTML to st.files.
async function checkRole(t, rts, role, st) {
	const who = role === null ? '(not logged in)' : role;
	const { ctx, page } = await newPage(t, role, st);
	const queue = PAGES.filter((p) => p.role === role).map((p) => p.path);
	const seen = new Set(queue.map((p) => routeOf(rts, p)));
	const done = new Set();
	const deskDone = new Set();
	/* The skip link and the menu (the login page has neither a
	 * navigation nor a skip link as its first stop: it focuses its
	 * first field). */
	await page.goto(t.base + queue[0]);
	if (role !== null)
		for (const p of [...await skipLink(page), ...await phoneMenu(page)])
			st.problems.push(who + ': ' + p);
	while (queue.length > 0) {
		const path = queue.shift();
		if (done.has(path))
			continue;
		done.add(path);
		const where = who + ' ' + path;
		await page.setViewportSize(PHONE);
		const resp = await page.goto(t.base + path);
		const code = resp.status();
		const ctype = resp.headers()['content-type'] || '';
		check(ctype.startsWith('text/html') && (code === 200 ||
		    path === '/cases/9999-9999' && code === 404),
		    where + ' is an HTML page (' + code + ')');
		if (role !== null && new URL(page.url()).pathname === '/login')
			throw new Error(path + ' sent ' + who + ' to the login page');
		const route = routeOf(rts, path);
		if (!st.visited.has(route))
			st.visited.set(route, new Set());
		st.visited.get(route).add(who);
		const file = join(st.dir, 'p' + st.files.size + '-' + who.replace(/\W/g, '') + '.html');
		st.files.set(file, where);
		writeFileSync(file, await resp.body());
		/* Links to routes not seen yet. */
		const links = role === null ? [] : await page.evaluate(() =>
		    [...document.querySelectorAll('a[href]')].map((a) =>
		    a.getAttribute('href')));
		for (const h of links) {
			if (!h.startsWith('/') || h.startsWith('//') ||
			    NOT_HTML.test(h))
				continue;
			const hp = h.split('#')[0];
			const r = routeOf(rts, hp);
			if (r === null || seen.has(r))
				continue;
			seen.add(r);
			queue.push(hp);
		}
		if (shots && PHONE_SHOTS[where])
			await page.screenshot({ path: join(shots,
			    PHONE_SHOTS[where] + '.png') });
		await checkShown(page, where, st, !deskDone.has(route));
		deskDone.add(route);
	}
	/* Forms sent empty (the browser's own checks off): the page with
	 * the server's messages at the fields. */
	for (const f of REFUSED.filter((r) => r.role === role)) {
		const where = who + ' ' + f.path + ' sent empty';
		await page.setViewportSize(PHONE);
		await page.goto(t.base + f.path);
		await page.evaluate(() => document.querySelectorAll('form')
		    .forEach((e) => { e.noValidate = true; }));
		const [resp] = await Promise.all([page.waitForNavigation(),
		    page.click(f.submit)]);
		check(await page.locator(f.expect).count() > 0,
		    where + ': the messages are shown (' + f.expect + ')');
		const file = join(st.dir, 'p' + st.files.size + '-' +
		    who.replace(/\W/g, '') + '.html');
		st.files.set(file, where);
		writeFileSync(file, await resp.body());
		await checkShown(page, where, st, true);
	}
	await ctx.close();
}

// The Nu HTML checker over all saved pages in one JVM; its errors.
function vnu(files) {
	let report = '';
	try {
		execFileSync('java', ['-jar', vnuJar, '--errors-only',
		    '--format', 'json', ...files.keys()],
		    { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
	} catch (e) {
		report = e.stderr ? e.stderr.toString('utf8') : '';
		if (!report.trim().startsWith('{'))
			throw e;
	}
	const msgs = report ? JSON.parse(report).messages : [];
	return msgs.map((m) => files.get(decodeURIComponent(
	    (m.url || '').replace(/^file:/, ''))) + ' vnu: ' + m.message +
	    ' [' + (m.extract || '').replace(/\s+/g, ' ').trim() + ']');
}

await run('accessibility and layout of every page', async (t) => {
	const rts = routes();
	const st = { dir: join(t.work, 'html'), problems: [],
	    files: new Map(), visited: new Map() };
	mkdirSync(st.dir);
	/* A case in handling with a letter (its 登记回执) and a pending
	 * reply approval (the reviewer's decision box). */
	t.foidesk('letter', '2026-0035', '--kind', 'receipt', '-o',
	    join(t.work, 'receipt.pdf'), '--by', 'clerk');
	t.foidesk('case', 'act', '2026-0035', 'reply', '--outcome', 'partial',
	    '--provided', '招生划片方案', '--withheld-items', '内部讨论稿',
	    '--reasons', '属于过程性信息', '--by', 'officer');
	/* Two roles at a time. */
	const roles = [...new Set(PAGES.map((p) => p.role))];
	const workers = [0, 1].map(async () => {
		while (roles.length > 0)
			await checkRole(t, rts, roles.shift(), st);
	});
	await Promise.all(workers);
	const problems = [...st.problems, ...vnu(st.files)];
	console.log('# ' + st.files.size + ' pages checked');
	for (const p of problems)
		console.log('# ' + p);
	check(problems.length === 0, 'no axe violation, no vnu error, no ' +
	    'sideways scrolling on ' + st.files.size + ' pages (' +
	    problems.length + ' problems listed above)');
	/* Every HTML page of the route table was visited. */
	const missed = rts.filter((r) => !st.visited.has(r.pat) &&
	    !NOT_HTML.test(r.pat.replace(/\{\}/g, 'x'))).map((r) => r.pat);
	check(missed.length === 0, 'every HTML GET route was checked' +
	    (missed.length ? '; add a row to PAGES for: ' + missed.join(' ') :
	    ''));
});
