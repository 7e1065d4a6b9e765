import { operationNames } from '@shared/ipc';
import { expect, test } from './harness';

const isElectron = () => test.info().project.name === 'electron';

test('window.assay is the only door from the page to the core, and the page has no Node', { tag: '@journey' }, async ({ page, harness }) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Assay' })).toBeVisible();
  const facts = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return {
      // Node and Electron's own doors, none of which a sandboxed, context-isolated page may see.
      node: Object.fromEntries(['require', 'process', 'module', 'exports', 'Buffer', 'global', 'electron', 'ipcRenderer', '__dirname'].map((name) => [name, typeof w[name]])),
      // Every global this app's shell added that a blank page does not have, by a name that says bridge.
      bridges: Object.keys(window).filter((k) => /assay|electron|ipc|bridge|node/i.test(k)),
      api: w.assay && typeof w.assay === 'object' ? Object.keys(w.assay).sort() : null,
      token: document.querySelector('meta[name="assay-bridge-token"]')?.getAttribute('content') ?? '',
    };
  });
  expect(Object.values(facts.node).every((t) => t === 'undefined'), JSON.stringify(facts.node)).toBe(true);
  if (isElectron()) {
    // The preload's contextBridge object, exactly the IPC contract and its event subscription.
    expect(facts.bridges).toEqual(['assay']);
    expect(facts.api).toEqual([...operationNames, 'onEvent'].sort());
  } else {
    // The harness has no preload: the page reaches the core only through the token-guarded loopback bridge.
    expect(facts.bridges).toEqual([]);
    expect(facts.token.length).toBeGreaterThan(20);
  }
});

test('the window cannot navigate away or open another window', { tag: '@journey' }, async ({ page, harness }) => {
  test.skip(!isElectron(), 'a browser tab cannot refuse navigation: the Electron shell does (electron project; unit-tested in tests/main/secureWindow.test.ts)');
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Assay' })).toBeVisible();
  const home = page.url();
  const opened = await page.evaluate(() => window.open('https://example.com/', '_blank') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = 'https://example.com/';
    document.body.append(a);
    a.click();
    a.remove();
  });
  await page.evaluate(() => window.location.assign('https://example.com/elsewhere'));
  await page.waitForTimeout(500);
  expect(page.url()).toBe(home);
  expect(page.context().pages()).toHaveLength(1);
  await expect(page.getByRole('heading', { name: 'Welcome to Assay' })).toBeVisible();
});
