// A workerd worker that runs every conformance vector inside workerd and
// answers GET / with {runtime, count, failures, details}. The test writes a
// config that embeds it, the package and the vector files.
import * as api from "mesh-maintenance";
import { runVectors } from "conformance.mjs";
import vectors from "vector-files.mjs";

export default {
  fetch() {
    return Response.json({ runtime: "workerd", ...runVectors(api, vectors) });
  },
};
