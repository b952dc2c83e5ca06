// SPDX-License-Identifier: ISC
//
// What every browser test shares: a demo database, `foidesk serve` on
// 127.0.0.1 (a free port), Debian's chromium through playwright-core,
// login as a demo user, one counter of checks.  A test file is
//
//	import { run, check, login } from './lib.mjs';
//	await run('what it shows', async (t) => { ... t.base, t.browser ... });
//
// `run` prints "N passed, 0 failed" (or the first failure, exit 1) and
// always stops the server and the browser.  Environment: FOIDESK_BIN
// (default ../../foidesk), CHROMIUM (default /usr/bin/chromium),
// SCREENSHOT_DIR (screenshots of the main pages, see shot()).

import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const bin = resolve(process.env.FOIDESK_BIN || join(here, '../../foidesk'));
export const shots = process.env.SCREENSHOT_DIR ?
    resolve(process.env.SCREENSHOT_DIR) : null;
export const today = '2026-11-20';
export const password = 'demo-pass-2026';
let passed = 0;

export function check(cond, what) {
	if (!cond)
		throw new Error('FAILED: ' + what);
	passed++;
	console.log('ok ' + passed + ' - ' + what);
}

function startServer(db, env) {
	return new Promise((ok, fail) => {
		const p = spawn(bin, ['--db', db, 'serve', '--listen', '127.0.0.1:0'],
		    { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		p.stdout.on('data', (d) => {
			out += d;
			const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
			if (m)
				ok({ proc: p, base: 'http://127.0.0.1:' + m[1] });
		});
		p.stderr.on('data', (d) => { process.stderr.write('[server] ' + d); });
		p.on('exit', (c) => fail(new Error('server exited ' + c + ': ' + out)));
	});
}

export async function shot(page, name) {
	if (!shots)
		return;
	mkdirSync(shots, { recursive: true });
	await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
}

// A new browser context logged in as `user`; opts.viewport overrides
// the desktop size.
export async function login(t, user, opts = {}) {
	const ctx = await t.browser.newContext({ locale: 'zh-CN',
	    viewport: opts.viewport || { width: 1360, height: 900 } });
	const page = await ctx.newPage();
	await page.goto(t.base + '/login');
	await page.fill('#user', user);
	await page.fill('#password', password);
	await Promise.all([page.waitForURL(t.base + '/'),
	    page.click('button[type=submit]')]);
	check((await page.locator('.who span').innerText()).startsWith(user),
	    user + ' is logged in');
	return { ctx, page };
}

// Opens the form of a case action, fills it, submits it.
export async function act(page, action, fields = {}) {
	const sel = `details.act:has(input[name="action"][value="${action}"])`;
	const det = page.locator(sel);
	check(await det.count() === 1, 'action ' + action + ' is offered');
	await det.locator('summary').click();
	const form = det.locator('form');
	for (const [k, v] of Object.entries(fields)) {
		const el = form.locator(`[name="${k}"]`);
		if (await el.evaluate((e) => e.tagName) === 'SELECT')
			await el.selectOption(v);
		else
			await el.fill(v);
	}
	await Promise.all([page.waitForLoadState('load'),
	    page.waitForNavigation(), form.locator('button[type=submit]').click()]);
	const err = page.locator('p.error');
	if (await err.count() > 0)
		throw new Error(action + ': ' + await err.innerText());
}

export function textOf(file) {
	return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'],
	    { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
}

export async function pdfText(ctx, url, file) {
	const r = await ctx.request.get(url);
	check(r.status() === 200, 'GET ' + url + ' is 200');
	check(r.headers()['content-type'] === 'application/pdf', url + ' is a PDF');
	writeFileSync(file, await r.body());
	return textOf(file);
}

// Runs body(t) against a fresh demo database and server; t has base,
// browser, work (a scratch directory), db, env and foidesk(args...) (the
// CLI on the same database, returns stdout).
export async function run(name, body) {
	const work = mkdtempSync(join(tmpdir(), 'foidesk-e2e-'));
	const db = join(work, 'e2e.db');
	const env = { ...process.env, FOIDESK_TODAY: today };
	const t = { work, db, env,
	    foidesk: (...args) => execFileSync(bin, ['--db', db, ...args],
		{ env, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8') };
	let server;
	console.log('# ' + name);
	try {
		execFileSync(bin, ['--db', db, 'init', '--demo'], { env, stdio: 'ignore' });
		server = await startServer(db, env);
		t.base = server.base;
		t.browser = await chromium.launch({
			executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
			headless: true,
			args: ['--headless', '--no-sandbox', '--disable-gpu',
			    '--disable-background-networking', '--disable-component-update',
			    '--disable-sync', '--no-first-run'],
		});
		await body(t);
		console.log(passed + ' passed, 0 failed');
	} catch (e) {
		console.error(e.stack || String(e));
		console.log(passed + ' passed, 1 failed');
		process.exitCode = 1;
	} finally {
		if (t.browser)
			await t.browser.close();
		if (server) {
			server.proc.removeAllListeners('exit');
			server.proc.kill('SIGTERM');
			await new Promise((r) => server.proc.on('exit', r));
		}
		rmSync(work, { recursive: true, force: true });
	}
}
