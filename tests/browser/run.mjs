// Browser test of `upright serve` in Debian's headless Chromium, driven by
// playwright-core, at phone size: sign up, onboard, see the plan, log a set
// (rest timer), go offline, log two sets, come back online and see them synced
// once, read today's session offline, see the progress chart, log out and
// leave no cached page or queue behind. axe-core runs on
// every page (no serious or critical violation); a CSP violation fails too.
// Screenshots go to docs/screenshots/. Env: UPRIGHT_URL (a running server).
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.UPRIGHT_URL;
const SHOTS = process.env.SHOTS || path.resolve('../../docs/screenshots');
if (!BASE) throw new Error('UPRIGHT_URL is not set');
fs.mkdirSync(SHOTS, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true });
const page = await context.newPage();
const problems = [];
page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) problems.push('CSP: ' + m.text()); });
page.on('pageerror', (e) => problems.push('script error: ' + e.message));

function check(cond, what) { if (!cond) throw new Error('FAILED: ' + what); console.log('ok - ' + what); }

async function axe(name) {
  await page.evaluate(AXE);
  const r = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) console.log(`  axe ${name}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
  check(bad.length === 0, `axe: no serious or critical violation on ${name}`);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

// waitForFunction evaluates strings in the page, which the CSP forbids: poll from here.
async function waitFor(fn, what, timeout = 15000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await page.evaluate(fn)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('FAILED: timed out waiting for ' + what);
}

async function queued() { return page.evaluate(() => JSON.parse(localStorage.getItem('upright.queue') || '[]').length); }

try {
  await page.goto(BASE + '/signup');
  await axe('signup');
  const login = 'b' + Date.now();
  await page.fill('#login', login);
  await page.fill('#password', 'a long browser password');
  await Promise.all([page.waitForURL('**/onboarding'), page.click('button[type=submit]')]);
  check(true, 'signed up, on the onboarding page');
  await axe('onboarding');
  await page.check('#goal-posture');
  await page.check('#goal-prevention');
  await page.check('#level-beginner');
  await page.check('#eq-mat');
  await page.check('#eq-dumbbells');
  await Promise.all([page.waitForURL('**/plan'), page.click('form[action="/onboarding"] button[type=submit]')]);
  check((await page.textContent('main')).includes('Week 1'), 'the plan shows its weeks');
  await axe('plan');

  await page.goto(BASE + '/today');
  const forms = await page.$$('form.log-set');
  check(forms.length > 0, `today has set forms (${forms.length})`);
  await axe('today');
  const first = page.locator('form.log-set').first();
  const rest = Number(await first.getAttribute('data-rest'));
  await first.locator('button[type=submit]').click();
  await waitFor(() => /Logged/.test(document.getElementById('sync-status').textContent), 'the set to be logged');
  check((await queued()) === 0, 'a set logged online is synced at once');
  if (rest > 0) {
    check(await page.isVisible('#rest'), `the rest timer runs (${rest} s)`);
    const until = await page.evaluate(() => Number(localStorage.getItem('upright.restUntil')));
    check(until > Date.now(), 'the rest timer is a timestamp (survives a locked screen)');
  }
  await page.screenshot({ path: path.join(SHOTS, 'today-logged.png') });

  // Offline: two more sets wait on the phone.
  await context.setOffline(true);
  await first.locator('button[type=submit]').click();
  await first.locator('button[type=submit]').click();
  await waitFor(() => /Offline/.test(document.getElementById('sync-status').textContent), 'the offline note');
  check((await queued()) === 2, 'two sets logged offline are queued');
  // Today's session is readable offline (service worker).
  await page.reload();
  check((await page.textContent('h1')) === 'Today', "today's session reloads offline");
  check((await queued()) === 2, 'the queue survives a reload');
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await waitFor(() => JSON.parse(localStorage.getItem('upright.queue') || '[]').length === 0, 'the queue to drain', 20000);
  check(true, 'back online: the queue is empty');
  const logs = await page.evaluate(async () => (await (await fetch('/api/v1/logs?limit=100')).json()).logs.length);
  check(logs === 3, `the server holds exactly 3 sets (got ${logs}): synced once`);

  // A set another person queued on this phone (their session ran out) is
  // never sent for this one: it stays queued for its owner.
  await page.evaluate(() => localStorage.setItem('upright.queue', JSON.stringify([{ key: 'someone-else', who: 'someone-else', at: Date.now(), body: { exercise: 'bird-dog', sets: '1x8' } }])));
  await page.reload();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await new Promise((r) => setTimeout(r, 1500));
  check((await queued()) === 1, "another person's queued set stays queued");
  const still = await page.evaluate(async () => (await (await fetch('/api/v1/logs?limit=100')).json()).logs.length);
  check(still === 3, `and is not logged for this person (got ${still})`);

  await page.goto(BASE + '/progress');
  check((await page.$$('figure svg')).length === 1, 'the progress chart is drawn');
  await axe('progress');
  await page.goto(BASE + '/settings');
  await axe('settings');
  await page.goto(BASE + '/onboarding');
  await page.check('#rf-bladder-bowel');
  await page.check('#goal-posture');
  await page.check('#eq-mat');
  await page.click('form[action="/onboarding"] button[type=submit]');
  await page.waitForSelector('.urgent');
  check((await page.textContent('.urgent')).includes('emergency'), 'a red flag gives the referral page in plain words');
  await axe('referral');
  // Log out: the pages the service worker kept and the queue are gone, so
  // the next person on this phone reads nothing of this one offline.
  await page.goto(BASE + '/today');
  check(await page.evaluate(async () => !!(await caches.match('/today'))), "today's page is cached before logging out");
  await Promise.all([page.waitForURL('**/login'), page.click('form[action="/logout"] button')]);
  check(await page.evaluate(async () => !(await caches.match('/today')) && !(await caches.match('/plan'))), 'no cached page after logging out');
  check((await page.evaluate(() => localStorage.getItem('upright.queue'))) === null, 'no queue after logging out (not even the other person\'s set)');
  check(problems.length === 0, 'no CSP violation or script error: ' + problems.join('; '));
  console.log('browser test: all passed');
} finally {
  await browser.close();
}
