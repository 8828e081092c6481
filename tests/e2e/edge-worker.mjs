// The example edge worker (examples/edge-worker/) on workerd, 127.0.0.1, with
// the bindings a test chooses: the example built as a user builds it (the
// package installed by npm from its tarball, the example's `npm run build`),
// served with a copy of its config.capnp whose OPERATORS and ALLOWED_ORIGINS
// bindings are replaced (tests/runtimes/edge-worker.mjs). Stopped by its pid.
import { startEdgeWorker } from "../runtimes/edge-worker.mjs";

/**
 * Serves the example worker with `operators` (id → hex public key) and
 * `allowedOrigins` (a list); resolves {url, stop}.
 */
export async function startExampleWorker({ operators, allowedOrigins }) {
  const worker = await startEdgeWorker({ operators, allowedOrigins: allowedOrigins.join(",") });
  return { url: worker.url, stop: worker.stop };
}
