// The gate: the worker's bindings (the operator registry, the origins allowed
// to call it from a browser), CORS, and a signed command checked in the
// nodes' order: freeze → freshness → registry → signature → rules.
import { admit, checkOperatorRegistry, isMaintenanceInputError, verifyAdminCommit } from "mesh-maintenance/gate";

import { RequestError, json } from "./http.mjs";

/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/** A binding that cannot be used: every request answers 500 with it. */
class ConfigError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * OPERATORS: absent = no registry (the worker validates, it does not
 * authenticate). Otherwise JSON text (or, from a wrangler `[vars]` table or a
 * workerd `json` binding, an object) mapping operator ids (u64 decimal
 * strings) to raw 32-byte Ed25519 public keys in hex or base64url. Anything
 * else, the empty string included, is an error, never an open gate.
 */
function readRegistry(binding) {
  if (binding === undefined) return null;
  let registry = binding;
  if (typeof binding === "string") {
    try {
      registry = JSON.parse(binding);
    } catch (e) {
      throw new ConfigError("REGISTRY_INVALID", `OPERATORS: not JSON (${e.message}); expected {"<operator id>": "<Ed25519 public key, hex or base64url>", …}`);
    }
  }
  try {
    checkOperatorRegistry(registry);
  } catch (e) {
    if (!isMaintenanceInputError(e)) throw e;
    throw new ConfigError("REGISTRY_INVALID", `OPERATORS: ${e.message}`);
  }
  return registry;
}

/** ALLOWED_ORIGINS: comma-separated exact origins (`https://console.example`); `*` only if listed. */
function readOrigins(binding) {
  if (binding === undefined) return [];
  if (typeof binding !== "string") throw new ConfigError("ORIGINS_INVALID", "ALLOWED_ORIGINS: expected a comma-separated string of origins");
  const origins = binding.split(",").map((origin) => origin.trim()).filter((origin) => origin !== "");
  for (const origin of origins) {
    let parsed = null;
    try {
      parsed = new URL(origin).origin;
    } catch {
      // reported below
    }
    if (origin !== "*" && parsed !== origin) {
      throw new ConfigError("ORIGINS_INVALID", `ALLOWED_ORIGINS: ${JSON.stringify(origin.slice(0, 200))} is not an origin; expected scheme://host[:port] in lower case, with no path or trailing slash`);
    }
  }
  return origins;
}

let cached = null;

/**
 * The bindings, checked on the first request and kept while they stay the
 * same: {registry, origins, problem}. `problem` ({code, message}) makes
 * every request a 500.
 */
export function settings(env) {
  if (cached !== null && cached.operators === env.OPERATORS && cached.origins === env.ALLOWED_ORIGINS) return cached.settings;
  const value = { registry: null, origins: [], problem: null };
  for (const read of [() => (value.origins = readOrigins(env.ALLOWED_ORIGINS)), () => (value.registry = readRegistry(env.OPERATORS))]) {
    try {
      read();
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      value.problem ??= { code: e.code, message: e.message };
    }
  }
  cached = { operators: env.OPERATORS, origins: env.ALLOWED_ORIGINS, settings: value };
  return value;
}

/** `Vary: Origin` always; Access-Control-Allow-Origin for a listed origin. */
export function corsHeaders(request, origins) {
  const origin = request.headers.get("origin");
  const headers = { vary: "Origin" };
  if (origin !== null && origins.includes("*")) headers["access-control-allow-origin"] = "*";
  else if (origin !== null && origins.includes(origin)) headers["access-control-allow-origin"] = origin;
  return headers;
}

/** The answer to an OPTIONS preflight: 204 for a listed origin, 403 (no CORS headers) otherwise. */
export function preflight(request, origins) {
  const headers = corsHeaders(request, origins);
  if (!headers["access-control-allow-origin"]) {
    const origin = request.headers.get("origin");
    const who = origin === null ? "a request without an Origin header" : `origin ${JSON.stringify(origin.slice(0, 200))}`;
    return json(403, { error: { code: "ORIGIN_NOT_ALLOWED", message: `${who} is not in ALLOWED_ORIGINS` } }, { vary: "Origin" });
  }
  return new Response(null, {
    status: 204,
    headers: {
      ...headers,
      "access-control-allow-methods": "POST",
      "access-control-allow-headers": "content-type",
      "access-control-max-age": String(PREFLIGHT_MAX_AGE),
    },
  });
}

/**
 * /v1/admit with a registry. The body's `now` drives the freeze and the
 * rules (the caller's question: "what would the node do at `now`?"); the
 * envelope's freshness is judged by the worker's own clock and the nodes'
 * policy (300000 ms old / 30000 ms ahead), because a gate must not let the
 * caller choose either. `event.force` is not signed: the nodes' AdminEvent
 * has no such field (under the "node" profile force has no effect; under
 * "strict" it only changes which rule verdict the worker reports).
 */
export async function admitSigned(body, registry) {
  const { state, event, now, frozenUntil, issuedAt, config, node, signature } = body;
  if (body.policy !== undefined) {
    throw new RequestError(400, "INVALID_INPUT", "body.policy: this worker judges a signed envelope's freshness by the nodes' policy (300000 ms old, 30000 ms ahead); a caller cannot choose it");
  }
  // Freeze first, as a node does: a frozen cluster refuses even unsigned commands.
  const admission = admit({ state, event, frozenUntil, config }, now);
  if (admission.stage === "freeze") return json(409, admission);
  if (signature === undefined) {
    throw new RequestError(401, "SIGNATURE_REQUIRED",
      "this worker admits only commands signed by a registered operator: send node, issuedAt and signature: {operatorId, signature} (Ed25519 over adminSigningPayload)");
  }
  for (const [name, value] of [["node", node], ["issuedAt", issuedAt]]) {
    if (value === undefined) throw new RequestError(400, "INVALID_INPUT", `body.${name}: required with a signature`);
  }
  const command = { type: event.type, node };
  if (event.type === "EnterMaintenance" && event.drainForMs != null) command.drainForMs = event.drainForMs;
  // A malformed node, issuedAt or signature rejects (400) with a path under `commit.`.
  const verification = await verifyAdminCommit({ command, issuedAt, signature }, Date.now(), registry);
  if (verification.outcome === "rejected") return json(verification.stage === "freshness" ? 409 : 403, verification);
  return json(admission.outcome === "rejected" ? 409 : 200, { ...admission, signature: verification });
}
