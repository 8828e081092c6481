import * as api from "mesh-maintenance";
import { runVectors } from "../../js/conformance.mjs";

const modules = import.meta.glob("../../vectors/*.json", { eager: true, import: "default" });
const files = Object.fromEntries(
  Object.entries(modules).map(([path, vectors]) => [path.replace(/^.*\/(.*)\.json$/, "$1"), vectors]),
);
const result = runVectors(api, files);
window.vectorResult = { runtime: "chromium", ...result };
document.getElementById("summary").textContent = `chromium: ran ${result.count} conformance vectors, ${result.failures.length} failed`;

// The README's browser snippet, run as written.
import { buttons } from "../../../examples/use/browser.mjs";
window.exampleButtons = buttons;
