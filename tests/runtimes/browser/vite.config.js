// Pages that import the package through a Vite build, as a web console
// would, and run the conformance vectors in the browser: index.html through
// mesh-maintenance/full (every vector), rules.html through the default entry.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL("../../../target/browser-vectors", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL("index.html", import.meta.url)),
        rules: fileURLToPath(new URL("rules.html", import.meta.url)),
      },
    },
  },
  server: { fs: { allow: [fileURLToPath(new URL("../../..", import.meta.url))] } },
});
