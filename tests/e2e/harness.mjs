// Harness for Switchboard's browser end-to-end tests: it starts the real app
// (the Wails dev build, which serves the frontend and a websocket bridge to the
// bound Go services) on a fresh data directory, and drives it with Debian's
// Chromium through playwright-core (RECIPES.md §4).
//
// The tests run under `xvfb-run` (the dev build opens its GTK window too, and
// needs a display); nothing here sleeps blindly: waits poll a condition and
// give up at a deadline, reporting what they last saw.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository root (this file lives in tests/e2e). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The dev build the Makefile makes (`go build -tags dev,webkit2_41`). */
export const devBinary = path.join(repoRoot, 'build', 'bin', 'switchboard-dev');
/** The production build; its `demo` subcommand fills a data directory. */
export const prodBinary = path.join(repoRoot, 'build', 'bin', 'switchboard');
/** The built frontend the dev build serves. */
export const assetDir = path.join(repoRoot, 'frontend', 'dist');
/** Local fakes of the five providers' APIs (`go build -o build/bin/fakeproviders ./tests/fakeproviders`). */
export const fakeProvidersBinary = path.join(repoRoot, 'build', 'bin', 'fakeproviders');
/** How many calls each provider fake holds unless startApp is told otherwise (its -calls default). */
export const FAKE_CALLS = 120;

const START_DEADLINE_MS = 60_000;
const STOP_GRACE_MS = 5_000;
/** How long a locator action or wait may take before the test fails. */
export const UI_TIMEOUT_MS = 15_000;

/**
 * Polls fn until it returns without throwing, and returns its result. At the
 * deadline it throws the last error fn threw (so an assertion failure reads as
 * itself). This is how tests wait for the UI: no fixed sleeps.
 */
export async function eventually(fn, { timeout = UI_TIMEOUT_MS, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await delay(interval);
  }
}

/** A free TCP port on 127.0.0.1: listen on port 0, note the port, close. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Keeps the last `max` characters written to a stream, for failure messages. */
function tail(max = 20_000) {
  let text = '';
  return {
    push(chunk) {
      text = (text + chunk.toString()).slice(-max);
    },
    get text() {
      return text;
    },
  };
}

/**
 * Runs a command to completion; resolves with {code, stdout, stderr} and
 * rejects when it cannot be started.
 */
export function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const out = tail();
    const err = tail();
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: out.text, stderr: err.text }));
  });
}

/**
 * Fills dataDir with deterministic demo data (`switchboard demo`). It must run
 * before the app starts: the app locks its data directory.
 */
export async function seedDemo(dataDir, { count, seed }) {
  if (!existsSync(prodBinary)) {
    throw new Error(`${prodBinary} is missing: build it first (make build/bin/switchboard)`);
  }
  const args = ['demo', '--count', String(count), '--seed', String(seed), '--data-dir', dataDir];
  const res = await run(prodBinary, args);
  if (res.code !== 0) {
    throw new Error(
      `switchboard ${args.join(' ')} exited with ${res.code ?? res.signal}\n` +
        `stdout:\n${res.stdout}\nstderr:\n${res.stderr}`,
    );
  }
  return res;
}

/**
 * Starts the fakes of the providers' APIs (build/bin/fakeproviders -calls N)
 * and reads the one JSON line they print: {urls, credentials}. Returns
 * {urls, credentials, calls, env, output(), stop()}; env is the value of
 * SWITCHBOARD_TEST_PROVIDER_URLS that points the dev build at them. stop()
 * closes the fakes' stdin (they exit on it), then SIGKILLs them after 5 s.
 */
export async function startFakeProviders({ calls = FAKE_CALLS } = {}) {
  if (!existsSync(fakeProvidersBinary)) {
    throw new Error(`${fakeProvidersBinary} is missing: build it first (go build -o build/bin/fakeproviders ./tests/fakeproviders)`);
  }
  const child = spawn(fakeProvidersBinary, ['-calls', String(calls)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const out = tail();
  const err = tail();
  let exit = null;
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve((exit = { code, signal }))),
  );
  child.once('error', (e) => (exit = { code: null, signal: null, error: e }));
  child.stderr.on('data', (c) => err.push(c));
  const output = () => `--- fakeproviders stdout ---\n${out.text}\n--- fakeproviders stderr ---\n${err.text}`;
  const stop = async () => {
    if (exit) return;
    child.stdin.end();
    if (!(await Promise.race([exited, delay(STOP_GRACE_MS).then(() => null)]))) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    const line = await new Promise((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`fakeproviders printed no line within ${START_DEADLINE_MS / 1000} s`)), START_DEADLINE_MS);
      child.stdout.on('data', (c) => {
        out.push(c);
        buf += c.toString();
        const nl = buf.indexOf('\n');
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(buf.slice(0, nl));
        }
      });
      exited.then((e) => {
        clearTimeout(timer);
        reject(new Error(`fakeproviders exited before printing its addresses (${e.code ?? e.signal})`));
      });
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    const { urls, credentials, retellAgents, control } = JSON.parse(line);
    const env = Object.entries(urls)
      .map(([id, url]) => `${id}=${url}`)
      .join(',');
    return { urls, credentials, retellAgents, control, calls, env, output, stop };
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\n${output()}`);
  }
}

/**
 * A directory holding a stand-in `xdg-open` that records each URL it is given
 * in opened.log and exits 0: the app opens the system browser through
 * xdg-open (github.com/pkg/browser tries it first), and a test must neither
 * start a real browser nor reach the providers' real portals.
 */
async function browserStub() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-bin-'));
  const log = path.join(dir, 'opened.log');
  const script = path.join(dir, 'xdg-open');
  await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  await chmod(script, 0o755);
  return {
    dir,
    /** The URLs the app asked the system browser to open, in order. */
    async opened() {
      try {
        return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      } catch (e) {
        if (e.code === 'ENOENT') return [];
        throw e;
      }
    },
  };
}

/**
 * Starts the dev build on a free port with a fresh data directory.
 * options.demo = {count, seed} fills the directory with demo data first.
 * options.providers = true (or {calls: N}) first starts the providers' fakes
 * (startFakeProviders) and points the app at them; they are app.providers.
 * The system browser is always a stand-in: app.openedUrls() lists what the
 * app asked it to open. options.env adds to (or overrides) the app's
 * environment, e.g. DBUS_SESSION_BUS_ADDRESS pointing at nothing: no keychain.
 * Returns {url, port, dataDir, providers, openedUrls(), output(), stop()};
 * stop() ends only the processes this call started (SIGTERM, then SIGKILL
 * after 5 s; the fakes last) and removes the directories.
 */
export async function startApp(options = {}) {
  if (!existsSync(devBinary)) {
    throw new Error(`${devBinary} is missing: build it first (make build/bin/switchboard-dev)`);
  }
  if (!existsSync(path.join(assetDir, 'index.html'))) {
    throw new Error(`${assetDir}/index.html is missing: run "npm run build" in frontend/`);
  }
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error('no display: the dev build opens a GTK window; run the tests under xvfb-run');
  }
  // options.dataDir: start on that directory (a restart) and leave it in place at stop.
  const keepData = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-')));
  let child;
  let providers = null;
  let browser = null;
  const cleanUp = async () => {
    await providers?.stop();
    if (!keepData) await rm(dataDir, { recursive: true, force: true });
    if (browser) await rm(browser.dir, { recursive: true, force: true });
  };
  try {
    if (options.demo) await seedDemo(dataDir, options.demo);
    browser = await browserStub();
    if (options.providers) {
      providers = await startFakeProviders(options.providers === true ? {} : options.providers);
    }
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const out = tail();
    const err = tail();
    child = spawn(devBinary, [], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        assetdir: assetDir,
        devserver: `127.0.0.1:${port}`,
        loglevel: 'Warning',
        SWITCHBOARD_DATA_DIR: dataDir,
        PATH: `${browser.dir}${path.delimiter}${process.env.PATH ?? ''}`,
        ...(providers ? { SWITCHBOARD_TEST_PROVIDER_URLS: providers.env } : {}),
        ...options.env,
      },
    });
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    let exit = null;
    exited.then((e) => (exit = e));
    child.once('error', (e) => (exit = { code: null, signal: null, error: e }));

    const output = () =>
      `--- app stdout ---\n${out.text}\n--- app stderr ---\n${err.text}` + (providers ? `\n${providers.output()}` : '');
    const deadline = Date.now() + START_DEADLINE_MS;
    for (;;) {
      if (exit) {
        throw new Error(
          `switchboard-dev exited before serving (${exit.error ?? exit.code ?? exit.signal})\n${output()}`,
        );
      }
      try {
        const res = await fetch(`${url}wails/ipc.js`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() >= deadline) {
        throw new Error(`switchboard-dev did not serve ${url}wails/ipc.js within ${START_DEADLINE_MS / 1000} s\n${output()}`);
      }
      await delay(100);
    }

    const started = child;
    let stopped = null;
    const stop = () =>
      (stopped ??= (async () => {
        if (!exit) {
          started.kill('SIGTERM');
          const done = await Promise.race([exited, delay(STOP_GRACE_MS).then(() => null)]);
          if (!done) {
            started.kill('SIGKILL');
            await exited;
          }
        }
        await cleanUp();
      })());
    return {
      url,
      port,
      dataDir,
      providers,
      openedUrls: () => browser.opened(),
      output,
      stop,
      isRunning: () => !exit,
    };
  } catch (e) {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
    await cleanUp();
    throw e;
  }
}

/**
 * Runs in the page before its scripts. The Wails dev bridge's ipc.js opens its WebSocket at once
 * and hands each event to `window.wails.EventsNotify`, but `window.wails` only exists once
 * runtime.js has run: an event the app emits in between (the native window's first paint starts
 * the background work, which reports) throws in the page. The real window has no such gap. This
 * holds those early events and delivers them, in order, once the runtime is in place.
 */
function holdEarlyBridgeEvents() {
  const held = [];
  const early = { EventsNotify: (message) => held.push(message) };
  Object.defineProperty(window, 'wails', {
    configurable: true,
    get: () => early,
    set(runtime) {
      Object.defineProperty(window, 'wails', { configurable: true, writable: true, value: runtime });
      setTimeout(() => {
        for (const message of held.splice(0)) window.wails.EventsNotify(message);
      });
    },
  });
}

/** Console messages that are not errors of the app. */
const HARMLESS = [/runtime:ready/];

/**
 * Launches Chromium (headless, Debian's, no download), opens the app and waits
 * for its shell (the app's own, not the first screen Go paints before it). Returns {browser, page, errors, assertNoErrors(), close()};
 * errors collects console errors and uncaught page errors.
 */
export async function withPage(app, { viewport = { width: 1280, height: 800 }, clock } = {}) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({ viewport, locale: 'en-US' });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    // The app ships no favicon; answer the browser's request so it logs no 404.
    await context.route('**/favicon.*', (route) => route.fulfill({ status: 204, body: '' }));
    await context.addInitScript(holdEarlyBridgeEvents);
    const page = await context.newPage();
    const errors = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      if (HARMLESS.some((re) => re.test(text))) return;
      const loc = msg.location();
      errors.push(`console.error: ${text}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack ?? err.message}`));
    // options.clock (an ISO moment): the page's clock stands still there.
    if (clock) await page.clock.setFixedTime(new Date(clock));
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
    return {
      browser,
      context,
      page,
      errors,
      /** Fails when the page logged a console error or threw. */
      assertNoErrors() {
        if (errors.length > 0) {
          throw new Error(`the page reported ${errors.length} error(s):\n${errors.join('\n')}`);
        }
      },
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

// ---- Finding things as a person would ---------------------------------------

/** The sub-account list's table: the one whose headers sort by "Voice provider". */
export function table(page) {
  return page
    .getByRole('table')
    .filter({ has: page.getByRole('button', { name: 'Voice provider', exact: true }) });
}

/** The table's body rows (rows that hold cells, not column headers). */
export function dataRows(page) {
  return table(page).getByRole('row').filter({ has: page.getByRole('cell') });
}

/** The text of column `index` (0-based, not counting the selection checkboxes) of every body row, in order. */
export async function columnTexts(page, index) {
  return dataRows(page).evaluateAll(
    (rows, i) =>
      rows.map((tr) => {
        const cells = [...tr.cells].filter((c) => !c.querySelector('input[type="checkbox"]'));
        return (cells[i]?.innerText ?? '').trim();
      }),
    index,
  );
}

/** The names in the table, top to bottom. */
export function rowNames(page) {
  return columnTexts(page, 0);
}

/** A sortable column header (th with aria-sort) by its button's name. */
export function columnHeader(page, name) {
  return table(page)
    .getByRole('columnheader')
    .filter({ has: page.getByRole('button', { name, exact: true }) });
}

/** Clicks a column header's sort button. */
export function sortBy(page, name) {
  return columnHeader(page, name).getByRole('button', { name, exact: true }).click();
}

/** The open dialog with this name. */
export function dialog(page, name) {
  return page.getByRole('dialog', { name, exact: true });
}

/** The text of the option a combobox shows as chosen. */
export function chosenOption(combobox) {
  return combobox.evaluate((el) =>
    el instanceof HTMLSelectElement
      ? (el.selectedOptions[0]?.textContent ?? '').trim()
      : (el.textContent ?? el.value ?? '').trim(),
  );
}

/**
 * Chooses an option by its visible text: a native <select> the way a person
 * does with the keyboard/mouse (selectOption), a custom combobox by opening it
 * and clicking the option.
 */
export async function chooseOption(page, combobox, label) {
  const native = await combobox.evaluate((el) => el instanceof HTMLSelectElement);
  if (native) {
    await combobox.selectOption({ label });
  } else {
    await combobox.click();
    await page.getByRole('option', { name: label, exact: true }).click();
  }
}

/** The sidebar's navigation entry with this name (link or button). */
export function navItem(page, name) {
  const nav = page.getByRole('navigation');
  return nav.getByRole('link', { name, exact: true }).or(nav.getByRole('button', { name, exact: true }));
}

/**
 * After "Create sub-account" the new sub-account's detail opens (on its next step): back to the
 * list, its row shown there.
 */
export async function backFromNewSubAccount(page, name) {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  await page.getByRole('button', { name: 'Back to List View', exact: true }).click();
  await table(page).getByRole('button', { name, exact: true }).waitFor();
}

/**
 * How many times the toasts up show this text: the same text again counts on its toast ("×2")
 * instead of stacking another, so a new showing raises this number.
 */
export async function toastShownTimes(page, text) {
  const toasts = page.getByRole('status').locator(':scope > *').filter({ has: page.getByText(text, { exact: true }) });
  const counts = await toasts.evaluateAll((els) =>
    els.map((el) => Number(el.textContent?.match(/shown (\d+) times/)?.[1] ?? 1)),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** A toast with this text in the role=status region. */
export function toast(page, text) {
  return page.getByRole('status').getByText(text, { exact: true });
}

/** Whether the element is the focused element. */
export function isFocused(locator) {
  return locator.evaluate((el) => el === document.activeElement);
}

/**
 * The nearest scrolling container of the element (the table's scroll area).
 * A role cannot name a scroll container, so this walks up the DOM.
 */
export function scrollContainerOf(locator) {
  return locator.evaluateHandle((el) => {
    for (let n = el.parentElement; n; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (/(auto|scroll)/.test(style.overflowY) && n.scrollHeight > n.clientHeight) return n;
    }
    return document.scrollingElement;
  });
}

/** RFC 4180 CSV, as the export writes it (quoted fields, CRLF, "" for a quote). */
export function parseCSV(text) {
  const out = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) out.push([...row, cell]);
  return out;
}
