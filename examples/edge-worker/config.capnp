# workerd configuration: serves the worker on 127.0.0.1:8787.
#   npm install && npm run build    (esbuild: dist/worker.js and dist/full.wasm)
#   npx workerd serve config.capnp  (or: npm run serve)
# It embeds the bundle and the wasm module it imports, nothing else: the
# package is resolved by name from node_modules when the bundle is built.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    # The bundle of worker.mjs, http.mjs, gate.mjs and mesh-maintenance's
    # "workerd" entry, which imports "./full.wasm" (esbuild --loader:.wasm=copy).
    (name = "worker.js", esModule = embed "dist/worker.js"),
    (name = "full.wasm", wasm = embed "dist/full.wasm"),
  ],
  bindings = [
    # The operator registry: JSON mapping each operator id (a u64 as a
    # decimal string) to that operator's raw 32-byte Ed25519 public key, in
    # hex or base64url, e.g.
    #   text = "{\"1\": \"<operator 1's public key: 64 hex digits>\", \"2\": \"…\"}"
    # Use the ids and keys the nodes' OperatorRegistry holds, so the worker
    # refuses exactly what they would. With a registry, POST /v1/admit admits
    # only commands signed by a listed operator. "{}" (as shipped) lists no
    # one: every command is refused until you add your operators. Delete the
    # binding to run without a registry (the worker then validates but does
    # not authenticate). Invalid JSON or an invalid entry makes every request
    # answer 500 REGISTRY_INVALID naming it: the gate never opens by mistake.
    (name = "OPERATORS", text = "{}"),
    # Origins (scheme://host[:port], comma-separated) whose pages may call the
    # worker from a browser, e.g. "https://console.example,http://127.0.0.1:5173".
    # Empty (as shipped): no cross-origin page may. "*" allows any origin.
    (name = "ALLOWED_ORIGINS", text = ""),
  ],
  compatibilityDate = "2026-05-01",
);
