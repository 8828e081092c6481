// The bundler recipes, read from the consumer README (docs/README.npm.md,
// section "## Bundlers"): one fenced `sh` block per bundler, whose first
// line names it and whose last line says which folder to serve. The test
// runs each block as written, with its `npm install` lines pointed at the
// tarball and the repository's pinned versions (consumer.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repo } from "./consumer.mjs";

export const README = join(repo, "docs/README.npm.md");

/**
 * The bundlers the README must give a recipe for: how its block's first
 * line starts, and the entry a user of that bundler should import.
 */
export const BUNDLERS = [
  { name: "esbuild (esm)", heading: "# esbuild, ES module output", entry: "mesh-maintenance/inline" },
  { name: "esbuild (iife)", heading: "# esbuild, iife output", entry: "mesh-maintenance/inline" },
  { name: "Rollup", heading: "# Rollup", entry: "mesh-maintenance/inline" },
  { name: "webpack 5", heading: "# webpack 5", entry: "mesh-maintenance" },
  { name: "Vite", heading: "# Vite", entry: "mesh-maintenance" },
];

/** The fenced blocks of the section "## Bundlers": [{lang, text, line}]. */
export function bundlerBlocks(markdown = readFileSync(README, "utf8")) {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.trim() === "## Bundlers");
  if (start < 0) throw new Error(`${README} has no section "## Bundlers"`);
  const blocks = [];
  let open = null;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!open && /^## /.test(line)) break;
    const fence = line.match(/^```(\w*)\s*$/);
    if (fence && !open) open = { lang: fence[1], body: [], line: i + 1 };
    else if (fence && open && fence[1] === "") {
      blocks.push({ lang: open.lang, text: open.body.join("\n"), line: open.line });
      open = null;
    } else if (open) open.body.push(line);
  }
  if (open) throw new Error(`${README}:${open.line}: a code block is not closed`);
  return blocks;
}

/**
 * Each bundler's recipe: its block (the script to run), its `npm install`
 * lines, the page it writes, the entry that page imports, its build command
 * (the `npx` lines) and the folder to serve ("." or "dist"). Throws where the README lacks or garbles one.
 */
export function recipes(markdown) {
  const blocks = bundlerBlocks(markdown);
  return BUNDLERS.map((bundler) => {
    const matching = blocks.filter((block) => block.text.startsWith(bundler.heading));
    if (matching.length !== 1) {
      throw new Error(`${README}: ${matching.length} code blocks start with "${bundler.heading}" (want one, a \`sh\` block)`);
    }
    const [{ lang, text, line }] = matching;
    if (lang !== "sh") throw new Error(`${README}:${line}: the ${bundler.name} recipe is a \`${lang}\` block, not \`sh\``);
    const where = `${README}:${line} (${bundler.name})`;
    const lines = text.split("\n");
    const installs = lines.filter((l) => /^npm (install|i|add)\b/.test(l));
    if (!installs.some((l) => l.split(/\s+/).includes("mesh-maintenance"))) throw new Error(`${where}: no \`npm install mesh-maintenance\``);
    const page = text.match(/^cat > (\S+) <<'EOF'\n([\s\S]*?)\nEOF$/m);
    if (!page) throw new Error(`${where}: no page written with cat > FILE <<'EOF'`);
    const imported = [...page[2].matchAll(/from "(mesh-maintenance[^"]*)"/g)].map((m) => m[1]);
    const serve = lines.at(-1).match(/^# serve (this folder|dist\/)$/);
    if (!serve) throw new Error(`${where}: the last line must be "# serve this folder" or "# serve dist/"`);
    return {
      ...bundler,
      script: text,
      installs,
      pageFile: page[1],
      page: page[2],
      imported,
      build: lines.filter((l) => /^npx /.test(l)).join("; "),
      serve: serve[1] === "this folder" ? "." : "dist",
    };
  });
}
