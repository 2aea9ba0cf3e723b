import { expect, it } from 'vitest';
import { describeBrowser, useServedProject } from '../support/browser.ts';

// The game's watchdog in a real page: its Web Worker names a script that never yields while the page is stuck.

describeBrowser('the game\'s watchdog (index.html?watchdog=S)', () => {
  const project = useServedProject();

  it('names a script that never yields with console.error, from the worker, while the page is stuck', async () => {
    const context = await project.browser.newContext();
    const page = await context.newPage();
    const reported = new Promise<string>((resolve) => {
      page.on('console', (message) => {
        if (message.text().startsWith('[loom]')) resolve(`${message.type()} from ${message.location().url.split('/').pop()}: ${message.text()}`);
      });
    });
    await page.goto(`${project.url}?seed=1&watchdog=0.5`);
    await page.waitForFunction(() => (window.loom?.engine.tick ?? 0) >= 20, null, { timeout: 30_000 });
    const id = await page.evaluate(() => window.loom!.engine.spawn(function* grunt() {
      for (;;) {
        // never yields
      }
    }).id);
    expect(await reported).toMatch(new RegExp(`^error from watchdog-worker[-\\w]*\\.js: \\[loom\\] #${id} grunt \\(script grunt\\) has run \\d+\\.\\d s without yielding$`));
    await context.close();
  }, 60_000);
});
