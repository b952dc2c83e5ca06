// SPDX-License-Identifier: ISC
//
// Accessibility and layout of every page, as each role (issue 15):
//
//   - axe-core finds no violation (all rules of its default set), with
//     every <details> opened, at a phone width (390×844) and at a
//     desktop width (1360×900);
//   - at 390×844 no page scrolls sideways
//     (document.documentElement.scrollWidth <= innerWidth), before and
//     after the <details> are opened;
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
// route in several states, add a row.
//
// Run alone: FOIDESK_BIN=$PWD/build/release/foidesk node tests/e2e/t_a11y.mjs

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, check, password } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const axePath = join(here, 'node_modules/axe-core/axe.min.js');
const vnuJar = join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1360, height: 900 };

// Demo cases (ops/demo.c) in several states; 2026-0035 gets a pending
// reply approval below, 2026-0033 has its reply letter.
const CASES = ['2026-0042', '2026-0040', '2026-0039', '2026-0035',
    '2026-0036', '2026-0037', '2026-0038', '2026-0033', '2025-0001'];
const EVERYONE = ['/', '/cases', '/cases?open=1', '/cases?state=handling',
    '/cases?overdue=1', '/search?q=' + encodeURIComponent('招生'),
    '/proactive', '/cases/9999-9999'];
const rows = (role, paths) => paths.map((path) => ({ role, path }));
export const PAGES = [
	{ role: null, path: '/login' },
	...rows('clerk', [...EVERYONE, '/cases/new', '/cases/2026-0042',
	    '/cases/2026-0035', '/cases/2026-0033']),
	...rows('officer', [...EVERYONE, '/cases/new', '/export',
	    '/reports/annual', '/reports/annual?year=2025', '/hotspots',
	    ...CASES.map((n) => '/cases/' + n)]),
	...rows('reviewer', [...EVERYONE, '/audit', '/reports/annual',
	    '/cases/2026-0035', '/cases/2026-0033', '/cases/2026-0039']),
	...rows('admin', [...EVERYONE, '/admin', '/admin/phrases',
	    '/admin/texts', '/admin/calendar/2026', '/audit',
	    '/reports/annual', '/hotspots', '/cases/2026-0033']),
];

// Links not followed: files, the API, logout.
const NOT_HTML = /\.(pdf|csv|css|js|png|xlsx)(\?|$)|^\/(api|static)\/|\/attachments\/|\/letters\/|^\/logout/;

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

async function newPage(t, role) {
	const ctx = await t.browser.newContext({ locale: 'zh-CN',
	    viewport: PHONE, bypassCSP: true });
	const page = await ctx.newPage();
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

async function axe(page) {
	if (await page.evaluate(() => typeof window.axe === 'undefined'))
		await page.addScriptTag({ path: axePath });
	const res = await page.evaluate(() => window.axe.run(document,
	    { resultTypes: ['violations'] }));
	return res.violations.map((v) => v.id + ' (' + v.impact + '): ' +
	    v.nodes.slice(0, 3).map((n) => n.target.join(' ') +
	    (n.any[0] && n.any[0].message ? ' — ' + n.any[0].message : ''))
	    .join('; '));
}

await run('accessibility and layout of every page', async (t) => {
	const rts = routes();
	const htmlDir = join(t.work, 'html');
	mkdirSync(htmlDir);
	/* A pending reply approval (the reviewer's decision box) on a case
	 * in handling. */
	t.foidesk('case', 'act', '2026-0035', 'reply', '--outcome', 'partial',
	    '--provided', '招生划片方案', '--withheld-items', '内部讨论稿',
	    '--reasons', '属于过程性信息', '--by', 'officer');
	const visited = new Map();	/* route → roles */
	const problems = [];
	const files = new Map();	/* file → role path */
	let n = 0;
	const roles = [...new Set(PAGES.map((p) => p.role))];
	for (const role of roles) {
		const who = role === null ? '(not logged in)' : role;
		const { ctx, page } = await newPage(t, role);
		const queue = PAGES.filter((p) => p.role === role).map((p) => p.path);
		const seen = new Set(queue.map((p) => routeOf(rts, p)));
		const done = new Set();
		/* The skip link: the first Tab stop, leading to <main>. */
		await page.goto(t.base + queue[0]);
		await page.keyboard.press('Tab');
		const skip = await page.evaluate(() => {
			const a = document.activeElement;
			const m = document.querySelector('main');
			return a && a.tagName === 'A' && m &&
			    a.getAttribute('href') === '#' + m.id;
		});
		if (!skip)
			problems.push(who + ': the first Tab does not land on a ' +
			    'skip link to <main>');
		else if (await page.keyboard.press('Enter'), !await page.evaluate(() => {
			const m = document.querySelector('main');
			return m && m.contains(document.activeElement);
		}))
			problems.push(who + ': the skip link does not move the ' +
			    'focus into <main>');
		while (queue.length > 0) {
			const path = queue.shift();
			if (done.has(path))
				continue;
			done.add(path);
			await page.setViewportSize(PHONE);
			const resp = await page.goto(t.base + path);
			const st = resp.status();
			const ctype = resp.headers()['content-type'] || '';
			check(ctype.startsWith('text/html') && (st === 200 ||
			    path === '/cases/9999-9999' && st === 404),
			    who + ' GET ' + path + ' is an HTML page (' + st + ')');
			const url = new URL(page.url());
			if (url.pathname === '/login' && role !== null)
				throw new Error(path + ' sent ' + who + ' to the login page');
			const route = routeOf(rts, path);
			if (!visited.has(route))
				visited.set(route, new Set());
			visited.get(route).add(who);
			const file = join(htmlDir, 'p' + (++n) + '.html');
			writeFileSync(file, await resp.body());
			files.set(file, who + ' ' + path);
			/* Links to routes not seen yet. */
			const links = await page.evaluate(() =>
			    [...document.querySelectorAll('a[href]')].map((a) =>
			    a.getAttribute('href')));
			for (const h of links) {
				if (role === null || !h.startsWith('/') || h.startsWith('//') ||
				    NOT_HTML.test(h))
					continue;
				const hp = h.split('#')[0];
				const r = routeOf(rts, hp);
				if (r === null || seen.has(r))
					continue;
				seen.add(r);
				queue.push(hp);
			}
			const where = who + ' ' + path;
			let o = await overflow(page);
			if (o)
				problems.push(where + ' at 390 px: ' + o);
			await page.evaluate(() => document.querySelectorAll('details')
			    .forEach((d) => { d.open = true; }));
			o = await overflow(page);
			if (o)
				problems.push(where + ' at 390 px, details open: ' + o);
			for (const v of await axe(page))
				problems.push(where + ' axe at 390 px: ' + v);
			await page.setViewportSize(DESK);
			for (const v of await axe(page))
				problems.push(where + ' axe at 1360 px: ' + v);
		}
		await ctx.close();
	}
	/* The Nu HTML checker over every page at once. */
	let report = '';
	try {
		execFileSync('java', ['-jar', vnuJar, '--errors-only',
		    '--format', 'json', ...files.keys()],
		    { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
	} catch (e) {
		report = e.stderr.toString('utf8');
		if (!report.trim().startsWith('{'))
			throw e;
	}
	const msgs = report ? JSON.parse(report).messages : [];
	for (const m of msgs)
		problems.push(files.get(decodeURIComponent(
		    (m.url || '').replace(/^file:/, ''))) + ' vnu: ' + m.message +
		    ' [' + (m.extract || '').replace(/\s+/g, ' ').trim() + ']');
	console.log('# ' + files.size + ' pages checked');
	for (const p of problems)
		console.log('# ' + p);
	check(problems.length === 0, 'no axe violation, no vnu error, no ' +
	    'sideways scrolling on ' + files.size + ' pages (' +
	    problems.length + ' problems listed above)');
	/* Every HTML page of the route table was visited. */
	const missed = rts.filter((r) => !visited.has(r.pat) &&
	    !NOT_HTML.test(r.pat.replace(/\{\}/g, 'x'))).map((r) => r.pat);
	check(missed.length === 0, 'every HTML GET route was checked' +
	    (missed.length ? '; add a row to PAGES for: ' + missed.join(' ') : ''));
});
