// Shared set-up for the browser tests: Debian's chromium driven by
// playwright-core (never a downloaded browser), and Vite's preview server on
// 127.0.0.1 for a built page.
import { chromium } from "playwright-core";
import { preview } from "vite";

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Serves an already built Vite project; returns {url, close}. */
export async function serveBuilt(configFile) {
  const server = await preview({ configFile, logLevel: "warn", preview: { host: "127.0.0.1", port: 0, strictPort: false } });
  const address = server.httpServer.address();
  return { url: `http://127.0.0.1:${address.port}/`, close: () => new Promise((done) => server.httpServer.close(done)) };
}

/** Collects console errors and uncaught page errors. */
export function collectErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}
