// The example edge worker (examples/edge-worker/) on workerd, 127.0.0.1, with
// the bindings a test chooses: a copy of its config.capnp in a temporary
// folder under target/, the embed paths pointing back at the example, and
// the OPERATORS and ALLOWED_ORIGINS bindings replaced. Stopped by its pid.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";

import { repo, startWorkerd } from "../runtimes/processes.mjs";

const example = `${repo}examples/edge-worker`;

/** A capnp text literal: C escapes for quotes, backslashes and control characters. */
const capnpText = (value) => `"${value
  .replace(/[\\"]/g, (ch) => `\\${ch}`)
  .replace(/[\x00-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`)}"`;

function configFor(dir, bindings) {
  let config = readFileSync(`${example}/config.capnp`, "utf8");
  config = config.replace(/embed "([^"]+)"/g, (_, path) => `embed "${relative(dir, resolve(example, path))}"`);
  for (const [name, text] of Object.entries(bindings)) {
    const pattern = new RegExp(`\\(name = "${name}", text = "(?:[^"\\\\]|\\\\.)*"\\)`);
    if (!pattern.test(config)) throw new Error(`examples/edge-worker/config.capnp has no text binding ${name}`);
    config = config.replace(pattern, `(name = "${name}", text = ${capnpText(text)})`);
  }
  return config;
}

let serial = 0;

/**
 * Serves the example worker with `operators` (id → hex public key) and
 * `allowedOrigins` (a list); resolves {url, stop}.
 */
export async function startExampleWorker({ operators, allowedOrigins }) {
  const dir = `${repo}target/e2e-worker/${process.pid}-${serial++}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/config.capnp`, configFor(dir, { OPERATORS: JSON.stringify(operators), ALLOWED_ORIGINS: allowedOrigins.join(",") }));
  const worker = await startWorkerd(`${dir}/config.capnp`);
  return {
    url: worker.url,
    async stop() {
      await worker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
