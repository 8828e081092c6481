// Display helpers for simulated milliseconds.

const pad = (n) => String(n).padStart(2, "0");

/** From here on a time reads as a wall-clock date (a snapshot observed at an epoch time). */
const EPOCH_LIKE = 1e10;

/** `01:02:03` for a time or a duration in ms; `2026-11-29 09:31:00Z` for an epoch-like time. */
export function clock(ms) {
  if (ms >= EPOCH_LIKE && ms <= 8.64e15) return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")}Z`;
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** `4m 05s`, `12s`, `1h 02m` for a duration in ms. */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${pad(Math.floor(s / 60) % 60)}m`;
}
