const { Machine } = require("mesh-maintenance"); // Node CommonJS: no init call

const node = new Machine({ state: { kind: "Maintenance", since: 0 } });
console.log(node.apply({ type: "ExitMaintenance" }, 5_000).to.kind); // ExitingMaintenance
