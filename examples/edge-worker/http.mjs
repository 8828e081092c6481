// Bounded, strict request bodies and JSON answers for the edge worker.

/** Bodies above this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;
/**
 * How much of an oversized streamed body is read and dropped before the 413:
 * closing on unread data resets the connection, and the client never sees
 * the answer. Past this, the worker stops reading anyway.
 */
const DRAIN_BYTES = 1024 * 1024;

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function error(status, code, message, headers) {
  return json(status, { error: { code, message } }, headers);
}

/** Answered as `{error: {code, message}}` with its status. */
export class RequestError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Reads at most MAX_BODY_BYTES of strict UTF-8 JSON, or throws RequestError. */
export async function readJson(request) {
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
export function members(body, allowed) {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new RequestError(400, "INVALID_INPUT", "body: expected a JSON object");
  }
  const unknown = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw new RequestError(400, "INVALID_INPUT", `body.${unknown.slice(0, 64)}: unknown field; expected only ${allowed.join(", ")}`);
  }
  return body;
}
