// Fleet snapshot files: `{observedAt, dialect, nodes: {name: view}}`, each
// view a node's own report of its state (SPEC section 10) converted with the
// module's `fromView`. Everything is decoded before anything is returned, so
// a bad file changes nothing on screen.
import { fromView } from "mesh-maintenance/full";

export class SnapshotError extends Error {}

/** More cards than this would not be a console any more. */
export const MAX_NODES = 200;
const FIELDS = ["observedAt", "dialect", "nodes"];

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v) => (v === undefined ? "nothing" : JSON.stringify(v)?.slice(0, 80) ?? String(v));

/** `view.sinceMs: expected …` with the node in front; the module's message already names the path. */
function nodeError(name, error) {
  const where = error.message.startsWith(`${error.path}:`) ? error.message : `${error.path}: ${error.message}`;
  // observedAt and dialect are the file's, not the node's.
  if (error.path === "observedAt" || error.path === "dialect") return new SnapshotError(where);
  return new SnapshotError(`nodes[${JSON.stringify(name)}]: ${where}`);
}

/**
 * Parses and converts a snapshot file. Returns `{observedAt, dialect, nodes:
 * [{name, state}]}` in file order, or throws SnapshotError naming the field
 * (and the node) for anything malformed.
 */
export function decodeSnapshot(text) {
  let file;
  try {
    file = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`not JSON (${error.message})`);
  }
  if (!isObject(file)) throw new SnapshotError(`expected an object {observedAt, dialect, nodes}, got ${show(file)}`);
  const extra = Object.keys(file).find((key) => !FIELDS.includes(key));
  if (extra !== undefined) throw new SnapshotError(`${JSON.stringify(extra)}: unknown field (expected observedAt, dialect, nodes)`);
  for (const key of FIELDS) if (!(key in file)) throw new SnapshotError(`${key}: missing`);
  const { observedAt, dialect, nodes } = file;
  if (!isObject(nodes)) throw new SnapshotError(`nodes: expected an object of node name to view, got ${show(nodes)}`);
  const names = Object.keys(nodes);
  if (names.length === 0) throw new SnapshotError("nodes: empty, the file names no node");
  if (names.length > MAX_NODES) throw new SnapshotError(`nodes: ${names.length} nodes, the console shows at most ${MAX_NODES}`);
  const decoded = [];
  for (const name of names) {
    if (name.trim() === "") throw new SnapshotError(`nodes[${JSON.stringify(name)}]: expected a node name`);
    try {
      decoded.push({ name, state: fromView(nodes[name], observedAt, dialect) });
    } catch (error) {
      if (error?.name !== "MaintenanceInputError") throw error;
      throw nodeError(name, error);
    }
  }
  return { observedAt, dialect, nodes: decoded };
}
