// The default entry alone (the rules' module), in a page of its own: the
// rules' vectors (no views, no signing payloads, which are /full's).
import * as api from "mesh-maintenance";
import { runVectors } from "../../js/conformance.mjs";

const modules = import.meta.glob("../../vectors/*.json", { eager: true, import: "default" });
const files = Object.fromEntries(
  Object.entries(modules)
    .map(([path, vectors]) => [path.replace(/^.*\/(.*)\.json$/, "$1"), vectors])
    .filter(([file]) => !["views", "payload"].includes(file)),
);
const result = runVectors({ ...api }, files);
window.vectorResult = { runtime: "chromium", ...result };
document.getElementById("summary").textContent = `chromium (default entry): ran ${result.count} conformance vectors, ${result.failures.length} failed`;
