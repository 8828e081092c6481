// One cold start, in a fresh process: from `import` of an entry to its first
// verdict, as a Node tool or a server meets it.
//   node bench/cold-start.mjs [mesh-maintenance | mesh-maintenance/full | xstate | handwritten]
// Prints {entry, import, compile, instantiate, firstCall, total} in ms:
// `total` is from the dynamic import to the first verdict's return;
// `compile` and `instantiate` are the time spent in WebAssembly.Module and
// WebAssembly.Instance (the Node entries compile and instantiate
// synchronously while the import evaluates), timed by wrapping the two
// constructors; `import` is the rest of the import (resolving, reading and
// evaluating the JavaScript, reading the .wasm); `firstCall` the first
// verdict. For comparison, `xstate` imports XState and bench/xstate-machine.mjs
// and sends the first event, `handwritten` imports bench/handwritten.mjs.
const entry = process.argv[2] ?? "mesh-maintenance";

let compile = 0, instantiate = 0;
const { Module, Instance } = WebAssembly;
const timed = (Target, add) => new Proxy(Target, {
  construct(target, args) {
    const start = performance.now();
    try {
      return Reflect.construct(target, args);
    } finally {
      add(performance.now() - start);
    }
  },
});
WebAssembly.Module = timed(Module, (ms) => (compile += ms));
WebAssembly.Instance = timed(Instance, (ms) => (instantiate += ms));

const active = { kind: "Active" }, enter = { type: "EnterMaintenance" };
let first, t1;
const t0 = performance.now();
if (entry === "xstate") {
  const [{ createActor }, { maintenanceMachine }] = await Promise.all([import("xstate"), import("./xstate-machine.mjs")]);
  t1 = performance.now();
  const actor = createActor(maintenanceMachine).start();
  actor.send({ ...enter, now: 0 });
  first = actor.getSnapshot().value;
} else {
  const api = await import(entry === "handwritten" ? "./handwritten.mjs" : entry);
  t1 = performance.now();
  first = api.transition(active, enter, 0).to.kind;
}
const t2 = performance.now();
WebAssembly.Module = Module;
WebAssembly.Instance = Instance;

if (first !== "EnteringMaintenance") throw new Error(`${entry}: the first verdict is ${first}, not EnteringMaintenance`);
const wasm = entry.startsWith("mesh-maintenance");
if (wasm && (compile === 0 || instantiate === 0)) throw new Error(`${entry}: no WebAssembly.Module or Instance was constructed during the import`);
console.log(JSON.stringify({ entry, import: t1 - t0 - compile - instantiate, compile, instantiate, firstCall: t2 - t1, total: t2 - t0 }));
