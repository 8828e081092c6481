// A workerd worker that runs every conformance vector inside workerd and
// answers GET / with {runtime, count, failures, details}, and GET /signatures
// with the same for the signed-commit vectors (WebCrypto Ed25519 in workerd).
// The test writes a config that embeds it, the package and the vector files.
import * as api from "mesh-maintenance";
import { runVectors } from "conformance.mjs";
import { runSignatureVectors } from "signatures.mjs";
import vectors from "vector-files.mjs";
import commits from "vectors/signatures/commits.json";

export default {
  async fetch(request) {
    if (new URL(request.url).pathname === "/signatures") {
      return Response.json({ runtime: "workerd", ...(await runSignatureVectors(api, commits)) });
    }
    return Response.json({ runtime: "workerd", ...runVectors(api, vectors) });
  },
};
