// A page that imports the package through a Vite build, as a web console
// would, and runs every conformance vector in the browser.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  build: { outDir: fileURLToPath(new URL("../../../target/browser-vectors", import.meta.url)), emptyOutDir: true, target: "es2022" },
  server: { fs: { allow: [fileURLToPath(new URL("../../..", import.meta.url))] } },
});
