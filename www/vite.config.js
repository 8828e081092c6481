// The console imports `mesh-maintenance/full` by name, as a third-party
// console would; node_modules/mesh-maintenance links to the repository's
// pkg/. It uses the gate (views, signing payloads) besides the rules, so
// every import is from /full: one module downloaded, not the rules' module
// and then the full one.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const repo = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  server: { host: "127.0.0.1", fs: { allow: [repo] } },
  preview: { host: "127.0.0.1" },
});
