// Chromium: a page built by Vite imports the package by name (its "browser"
// export) and runs every conformance vector; the results must agree with the
// native run.
import { test } from "node:test";
import assert from "node:assert/strict";

import { disagreements } from "../js/conformance.mjs";
import { loadNativeResults } from "../js/vectors.mjs";
import { launchChromium, collectErrors } from "../e2e/browser.mjs";
import { preview } from "vite";
import { repo } from "./processes.mjs";

test("conformance vectors in Chromium through a Vite build", async () => {
  const native = loadNativeResults();
  const server = await preview({
    configFile: `${repo}tests/runtimes/browser/vite.config.js`,
    logLevel: "warn",
    preview: { host: "127.0.0.1", port: 0 },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`http://127.0.0.1:${server.httpServer.address().port}/`);
    await page.waitForFunction(() => window.vectorResult !== undefined, null, { timeout: 30_000 });
    const result = await page.evaluate(() => window.vectorResult);
    console.log(`chromium: ran ${result.count} conformance vectors`);
    assert.deepEqual(await page.evaluate(() => window.exampleButtons),
      { enterMaintenance: true, exitMaintenance: false, forceExit: false }, "examples/use/browser.mjs");
    assert.deepEqual(errors, []);
    assert.deepEqual(result.failures, []);
    assert.equal(result.count, Object.keys(native).length, "every native case ran");
    assert.deepEqual(disagreements(result.details, native), [], "agrees with the native run");
  } finally {
    await browser.close();
    await new Promise((done) => server.httpServer.close(done));
  }
});
