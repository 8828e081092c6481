// Writes the package's entries and its manifest from one table: each module
// (rules, gate, bulk) gets an entry per way of loading it, and the
// `exports` map points at exactly those files. Run by scripts/build-pkg.sh
// after the modules are in pkg/dist/:  node scripts/package.mjs pkg
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2] ?? "pkg";
const root = new URL("..", import.meta.url).pathname;

/**
 * The modules: its wasm (`name`), the API file its entries export, the
 * instances it serves (instances.js), the subpaths that load it, and the
 * name of its entries and types. The default entry loads the rules alone;
 * every other function comes with the full module, under three names so an
 * import reads as what it is for (they are one entry, one instance).
 */
export const MODULES = [
  { name: "rules", api: "rules.js", serves: ["rules"], subpaths: ["."], file: "index" },
  { name: "full", api: "full.js", serves: ["rules", "gate", "bulk"], subpaths: ["./full", "./gate", "./bulk"], file: "full" },
];

const attach = ({ name, serves }, what) =>
  serves.map((instance) => `attach("${instance}", ${what});`).join("\n");

/** How an entry gets its module's instance. */
const LOADERS = {
  // Node, Deno and Bun as ES modules: read beside this file, instantiated at once.
  node: (module) => `// Node, Deno and Bun (ES modules): the module is read beside this file and
// instantiated synchronously, so importers need no init call. \`fs\` comes
// from process.getBuiltinModule where there is one (Node >= 20.16): an ES
// import of node:fs builds a module of all of fs's exports, a sixth of a
// cold start.
import { attach } from "../instances.js";
import { instantiateSync } from "../load.js";

const { readFileSync } = globalThis.process?.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
const exports = instantiateSync(readFileSync(new URL("../${module.name}.wasm", import.meta.url)));
${attach(module, "exports")}

export * from "../${module.api}";
`,
  // Node's require(): bundled into one CommonJS file by scripts/build-pkg.sh.
  cjs: (module) => `// Node (CommonJS): bundled into one file with its own instance, as require() expects.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { attach } from "../instances.js";
import { instantiateSync } from "../load.js";

const exports = instantiateSync(readFileSync(join(__dirname, "..", "${module.name}.wasm")));
${attach(module, "exports")}

export * from "../${module.api}";
`,
  // workerd / Cloudflare Workers: a .wasm import arrives compiled.
  workerd: (module) => `// workerd / Cloudflare Workers: a .wasm import arrives compiled (wrangler's
// default rule; with esbuild, \`--loader:.wasm=copy\`), so it is instantiated
// synchronously at module load.
import compiled from "../${module.name}.wasm";
import { attach } from "../instances.js";
import { instantiateSync } from "../load.js";

const exports = instantiateSync(compiled);
${attach(module, "exports")}

export * from "../${module.api}";
`,
  // Browsers through a bundler that supports top-level await and
  // \`new URL(…, import.meta.url)\` assets (Vite, webpack 5).
  browser: (module) => `// Browsers and bundlers (Vite, webpack 5): the module is fetched beside this
// file before the exports are usable (top-level await); no init call.
import { attach } from "../instances.js";
import { instantiate } from "../load.js";

const exports = await instantiate(new URL("../${module.name}.wasm", import.meta.url));
${attach(module, "exports")}

export * from "../${module.api}";
`,
  // An explicit init and no top-level await.
  slim: (module) => `// An explicit \`await init()\` and no top-level await: for bundlers and
// pages that load the module themselves. \`init(source)\` takes a URL, a
// Response, bytes or a compiled WebAssembly.Module; by default it fetches
// the .wasm file beside this one.
import { attach, isAttached } from "../instances.js";
import { instantiate } from "../load.js";

let loading = null;
/** Loads the module (once; later calls wait for the first). */
export function init(source) {
  if (isAttached("${module.serves.at(-1)}")) return Promise.resolve();
  loading ??= instantiate(source ?? new URL("../${module.name}.wasm", import.meta.url)).then(
    (exports) => {
      ${attach(module, "exports")}
    },
    (error) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export * from "../${module.api}";
`,
  // The module embedded as base64: no asset to serve or copy.
  inline: (module) => `// The module embedded in this package's JavaScript (base64), so no asset has
// to be served or copied: \`await init()\` before the first call; no
// top-level await.
import { attach, isAttached } from "../instances.js";
import { instantiate, fromBase64 } from "../load.js";
import { WASM } from "../${module.name}.wasm.js";

let loading = null;
/** Loads the module from the embedded bytes (once). */
export function init() {
  if (isAttached("${module.serves.at(-1)}")) return Promise.resolve();
  loading ??= instantiate(fromBase64(WASM)).then((exports) => {
    ${attach(module, "exports")}
  });
  return loading;
}

export * from "../${module.api}";
`,
};

/** Where each loader's entry of `module` is written. */
const entry = (loader, { file }) => `./dist/${loader}/${file}.${loader === "node" ? "mjs" : loader === "cjs" ? "cjs" : "js"}`;

for (const module of MODULES) {
  for (const [loader, template] of Object.entries(LOADERS)) {
    const path = join(out, entry(loader, module));
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, template(module));
  }
}

const types = (file, variant = "") => ({
  import: `./${file}${variant}.d.ts`,
  require: `./${file}${variant}.d.cts`,
});
const exportsMap = {};
for (const module of MODULES) {
  for (const subpath of module.subpaths) {
    exportsMap[subpath] = {
      types: types(module.file),
      workerd: entry("workerd", module),
      deno: entry("node", module),
      bun: entry("node", module),
      node: { import: entry("node", module), require: entry("cjs", module) },
      browser: entry("browser", module),
      default: entry("browser", module),
    };
    for (const variant of ["slim", "inline"]) {
      const path = subpath === "." ? `./${variant}` : `${subpath}/${variant}`;
      exportsMap[path] = { types: `./${module.file}.${variant}.d.ts`, default: entry(variant, module) };
    }
  }
}
for (const { name } of MODULES) exportsMap[`./${name}.wasm`] = `./dist/${name}.wasm`;
exportsMap["./package.json"] = "./package.json";

const manifest = JSON.parse(readFileSync(join(root, "wasm/js/package.json"), "utf8"));
const version = readFileSync(join(root, "Cargo.toml"), "utf8").match(/^version = "(.*)"$/m)[1];
Object.assign(manifest, {
  version,
  types: "./index.d.ts",
  main: entry("cjs", MODULES[0]),
  module: entry("browser", MODULES[0]),
  exports: exportsMap,
  sideEffects: ["./dist/node/*", "./dist/cjs/*", "./dist/workerd/*", "./dist/browser/*"],
});
writeFileSync(join(out, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
