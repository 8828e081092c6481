# workerd configuration: serves worker.mjs on 127.0.0.1:8787.
#   npx workerd serve config.capnp
# The six `embed` paths under ../../pkg/ are the package; point them at
# node_modules/mesh-maintenance/ in a copy of this folder.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "mesh-maintenance", esModule = embed "../../pkg/workerd.mjs"),
    (name = "web/mesh_maintenance.js", esModule = embed "../../pkg/web/mesh_maintenance.js"),
    (name = "web/mesh_maintenance_bg.wasm", wasm = embed "../../pkg/web/mesh_maintenance_bg.wasm"),
    (name = "shapes.js", esModule = embed "../../pkg/shapes.js"),
    (name = "verify.js", esModule = embed "../../pkg/verify.js"),
  ],
  compatibilityDate = "2026-05-01",
);
