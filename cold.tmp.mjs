const which = process.argv[2];
const t0 = performance.now();
const { transition } = await import(which);
const t1 = performance.now();
transition({ kind: "Active" }, { type: "EnterMaintenance" }, 0);
const t2 = performance.now();
console.log(JSON.stringify({ import: +(t1 - t0).toFixed(2), first: +(t2 - t1).toFixed(2), total: +(t2 - t0).toFixed(2) }));
