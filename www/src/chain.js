// Loading a chain file (JSON lines of {at, node, event}) and replaying each
// node's entries through the wasm `replay`.
import { replay } from "mesh-maintenance/full";

export class ChainError extends Error {}

/** Parses the file; throws ChainError naming the line for anything malformed. */
export function parseChain(text) {
  const entries = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    let value;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ChainError(`line ${i + 1}: not JSON (${error.message})`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new ChainError(`line ${i + 1}: expected an {at, node, event} object`);
    }
    const { node, ...entry } = value;
    if (typeof node !== "string" || node === "") throw new ChainError(`line ${i + 1}: node: expected a node name`);
    entries.push({ line: i + 1, node, entry });
  });
  return entries;
}

/**
 * Replays each node's entries from Active under `config` (the selected
 * rules profile). Returns per-node results with
 * rejected entries mapped back to file lines. Malformed entries throw the
 * module's MaintenanceInputError, re-labelled with the line.
 */
export function replayChain(text, config) {
  const byNode = new Map();
  for (const item of parseChain(text)) {
    if (!byNode.has(item.node)) byNode.set(item.node, []);
    byNode.get(item.node).push(item);
  }
  const results = [];
  for (const [node, items] of byNode) {
    let outcome;
    try {
      outcome = replay(items.map((item) => item.entry), { config });
    } catch (error) {
      if (error?.name !== "MaintenanceInputError") throw error;
      const index = /^entries\[(\d+)\]/.exec(error.path)?.[1];
      const line = index === undefined ? "?" : items[Number(index)].line;
      throw new ChainError(`line ${line} (${node}): ${error.code}: ${error.message}`);
    }
    results.push({
      node,
      state: outcome.state,
      applied: outcome.applied,
      unchanged: outcome.unchanged,
      rejected: outcome.rejected.map(({ index, verdict }) => ({ line: items[index].line, verdict })),
    });
  }
  return results;
}
