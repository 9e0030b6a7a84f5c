// Launching Switchboard again on a data directory that a window already has
// open brings that window forward instead: the second launch exits at once
// with status 0 and the open window says so. A launch on another data
// directory still opens its own window beside the first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assetDir, devBinary, eventually, freePort, repoRoot, run, startApp, toast, withPage } from './harness.mjs';

const ALREADY_OPEN = 'Switchboard is already open on this data folder.';
/** Guards against a second launch that never ends: the test fails rather than hangs. */
const SECOND_LAUNCH_DEADLINE_MS = 30_000;

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  app = await startApp({ demo: { count: 3, seed: 11 } });
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

/** Launches the dev build once more on dataDir, the way startApp does, and waits for it to end. */
async function launchAgain(dataDir) {
  const port = await freePort();
  return run(devBinary, [], {
    cwd: repoRoot,
    timeout: SECOND_LAUNCH_DEADLINE_MS,
    env: {
      ...process.env,
      assetdir: assetDir,
      devserver: `127.0.0.1:${port}`,
      loglevel: 'Warning',
      SWITCHBOARD_DATA_DIR: dataDir,
    },
  });
}

test('a second launch on the same data directory exits 0 and brings the open window forward', async () => {
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
  assert.equal(await toast(page, ALREADY_OPEN).count(), 0, 'no "already open" message before the second launch');

  const second = await launchAgain(app.dataDir);

  assert.equal(second.signal, null, `the second launch was stopped by ${second.signal}\n${second.stderr}`);
  assert.equal(second.code, 0, `the second launch exited ${second.code}\nstdout:\n${second.stdout}\nstderr:\n${second.stderr}`);
  await eventually(() => toast(page, ALREADY_OPEN).waitFor({ timeout: 500 }));
  assert.ok(app.isRunning(), 'the first window is still open');
  ui.assertNoErrors();
});

test('a launch on another data directory opens its own window beside the first', async () => {
  const other = await startApp();
  try {
    const otherUi = await withPage(other);
    try {
      assert.ok(app.isRunning() && other.isRunning(), 'both windows are open');
      otherUi.assertNoErrors();
    } finally {
      await otherUi.close();
    }
  } finally {
    await other.stop();
  }
});
