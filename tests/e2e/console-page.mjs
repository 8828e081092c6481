// One console page per test file: the built www/ served by Vite's preview on
// 127.0.0.1, opened paused in headless Chromium, with the locators the
// tests share.
import { mkdirSync } from "node:fs";
import { before, after } from "node:test";
import { fileURLToPath } from "node:url";

import { launchChromium, serveBuilt, collectErrors } from "./browser.mjs";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
export const artifacts = `${repo}test-results`;

/** The console for this test file: opened before its tests, closed after them. */
export function consoleForFile(options) {
  const c = {};
  before(async () => {
    Object.assign(c, await openConsole(options));
  });
  after(async () => {
    await c.close?.();
  });
  return c;
}

export async function openConsole({ viewport = { width: 1280, height: 800 } } = {}) {
  const server = await serveBuilt(`${repo}www/vite.config.js`);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  const errors = collectErrors(page);
  await page.goto(`${server.url}?paused`);
  await page.waitForSelector('body[data-ready="true"]');
  const card = (name) => page.locator(`.card[data-node="${name}"]`);
  return {
    server,
    browser,
    page,
    errors,
    origin: new URL(server.url).origin,
    card,
    stateOf: (name) => card(name).locator('[data-role="state"]').textContent(),
    fact: (name, role) => card(name).locator(`[data-role="${role}"]`).textContent(),
    button: (name, action) => card(name).locator(`button[data-action="${action}"]`),
    /** Advances the simulated clock with the console's own buttons. */
    async advanceMinutes(minutes) {
      for (let i = 0; i < Math.floor(minutes / 10); i += 1) await page.click("#advance-10m");
      for (let i = 0; i < minutes % 10; i += 1) await page.click("#advance-1m");
    },
    /**
     * The page at phone width (390x844): resolves how many pixels it is
     * wider than the screen, after a screenshot to test-results/; then back.
     */
    async phoneOverflow(name) {
      const previous = page.viewportSize();
      await page.setViewportSize({ width: 390, height: 844 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: `${artifacts}/${name}-390x844.png`, fullPage: false });
      await page.setViewportSize(previous);
      return overflow;
    },
    nowMs: async () => Number(await page.getAttribute("#now", "data-ms")),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
