// A scenario for bench/profile.sh, against the package copy it is given.
import { cycle, packedChain, packedFleet } from "./inputs.mjs";

const [entry, scenario] = process.argv.slice(2);
const api = await import(new URL(entry, `file://${process.cwd()}/`).href);
if (scenario === "transition") {
  for (let round = 0; round < 300_000; round++) {
    for (let i = 0; i < 5; i++) api.transition(cycle.states[i], cycle.events[i], cycle.times[i]);
  }
} else if (scenario === "apply") {
  const machine = new api.Machine();
  for (let round = 0; round < 300_000; round++) {
    for (let i = 0; i < 5; i++) machine.apply(cycle.events[i], cycle.times[i]);
  }
} else if (scenario === "packed") {
  const chain = packedChain(2_000_000, 11);
  for (let round = 0; round < 10; round++) api.replayPacked(chain);
} else if (scenario === "fleet") {
  const fleet = packedFleet(100_000, 13);
  for (let round = 0; round < 100; round++) api.reconcileFleet(fleet, 900_000);
} else {
  throw new Error(`unknown scenario ${scenario}`);
}
