// A workerd worker that runs conformance vectors inside workerd and answers
// GET / with {runtime, count, failures, details}, and GET /signatures with
// the same for the signed-commit vectors (WebCrypto Ed25519 in workerd).
// workerd.test.mjs writes one entry per package entry (the default entry
// with the rules' vectors, the full entry with every vector), bundles it
// with esbuild as the example worker is bundled (the package by name, the
// "workerd" condition, the .wasm copied beside the bundle), and serves it.
import { runVectors } from "../js/conformance.mjs";
import { runSignatureVectors } from "../js/signatures.mjs";

/** The worker for `api`, running `vectors` (and `commits`, when given). */
export function vectorWorker(api, vectors, commits) {
  return {
    async fetch(request) {
      if (new URL(request.url).pathname === "/signatures") {
        if (commits === undefined) return Response.json({ error: "no signature vectors in this worker" }, { status: 404 });
        return Response.json({ runtime: "workerd", ...(await runSignatureVectors(api, commits)) });
      }
      return Response.json({ runtime: "workerd", ...runVectors({ ...api }, vectors) });
    },
  };
}
