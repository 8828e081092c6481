// An edge worker that validates operator actions before they reach the admin
// chain, with the exact rules the nodes run.
//
// `now` is part of every request: the worker never reads the clock for a rule
// decision. A deployed Worker's clock only advances after I/O (so `Date.now()`
// can be stale within a request), and the caller knows the time the action is
// meant for: the console's clock, or the chain entry's timestamp.
import { transition, replay } from "mesh-maintenance";

/** Bodies above this are refused with 413 before they are parsed. */
const MAX_BODY_BYTES = 64 * 1024;
/**
 * How much of an oversized streamed body is read and dropped before the 413:
 * closing on unread data resets the connection, and the client never sees
 * the answer. Past this, the worker stops reading anyway.
 */
const DRAIN_BYTES = 1024 * 1024;

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function error(status, code, message, headers) {
  return json(status, { error: { code, message } }, headers);
}

class RequestError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Reads at most MAX_BODY_BYTES of strict UTF-8 JSON, or throws RequestError. */
async function readJson(request) {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new RequestError(415, "UNSUPPORTED_MEDIA_TYPE", `expected content-type application/json, got ${JSON.stringify(type.slice(0, 100))}`);
  }
  const declared = Number(request.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) throw new RequestError(413, "BODY_TOO_LARGE", `the body is over ${MAX_BODY_BYTES} bytes`);
  const chunks = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        while (size <= DRAIN_BYTES) {
          const next = await reader.read();
          if (next.done) break;
          size += next.value.byteLength;
        }
        if (size > DRAIN_BYTES) await reader.cancel();
        throw new RequestError(413, "BODY_TOO_LARGE", `the body is over ${MAX_BODY_BYTES} bytes`);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RequestError(400, "INVALID_JSON", "the body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new RequestError(400, "INVALID_JSON", `the body is not JSON: ${e.message}`);
  }
}

/** The request's top-level object, refusing unknown members. */
function members(body, allowed) {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new RequestError(400, "INVALID_INPUT", "body: expected a JSON object");
  }
  const unknown = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw new RequestError(400, "INVALID_INPUT", `body.${unknown.slice(0, 64)}: unknown field; expected only ${allowed.join(", ")}`);
  }
  return body;
}

const routes = {
  /** {state, event, now, config?} → the verdict; 409 when rejected. */
  "/v1/check": (body) => {
    const { state, event, now, config } = members(body, ["state", "event", "now", "config"]);
    const verdict = transition(state, event, now, config);
    return json(verdict.outcome === "rejected" ? 409 : 200, verdict);
  },
  /** {entries, initial?, config?} → the replay result. */
  "/v1/replay": (body) => {
    const { entries, initial, config } = members(body, ["entries", "initial", "config"]);
    return json(200, replay(entries, { initial, config }));
  },
};

export default {
  async fetch(request) {
    const route = routes[new URL(request.url).pathname];
    if (!route) return error(404, "NOT_FOUND", "no such endpoint; use POST /v1/check or POST /v1/replay");
    if (request.method !== "POST") return error(405, "METHOD_NOT_ALLOWED", "use POST", { allow: "POST" });
    try {
      return route(await readJson(request));
    } catch (e) {
      if (e instanceof RequestError) return error(e.status, e.code, e.message);
      if (e?.name === "MaintenanceInputError") return error(400, e.code, e.message);
      return error(500, "INTERNAL", "unexpected error");
    }
  },
};
