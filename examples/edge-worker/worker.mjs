// An edge worker that checks operator actions before they reach the admin
// chain, with the exact rules the nodes run; with an operator registry
// (binding OPERATORS) it is also the chain's gate: /v1/admit then admits only
// commands signed by a registered operator, checked as the nodes check them.
//
// `now` is part of every request and drives every rule decision: a deployed
// Worker's clock only advances after I/O, and the caller knows the time the
// action is meant for (the console's clock, or the chain entry's timestamp).
// The one exception is a signed envelope's freshness, which the gate judges
// by its own clock: it must not trust the caller's.
//
// Bindings (config.capnp, wrangler.toml): OPERATORS (the registry, JSON) and
// ALLOWED_ORIGINS (comma-separated origins a browser console may call from).
//
// The package comes from node_modules by name: `mesh-maintenance/full` (every
// function; `/gate`, as gate.mjs says it, is the same entry and instance).
// Its "workerd" export imports the module's .wasm, which wrangler uploads and
// esbuild copies beside the bundle (see package.json and config.capnp).
import { admit, transition, replay, isMaintenanceInputError } from "mesh-maintenance/full";

import { RequestError, error, json, members, readJson } from "./http.mjs";
import { admitSigned, corsHeaders, preflight, settings } from "./gate.mjs";

const ADMIT_MEMBERS = ["state", "event", "now", "frozenUntil", "issuedAt", "config", "policy", "node", "signature"];

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
  /**
   * {state, event, now, frozenUntil?, issuedAt?, config?, policy?} → the
   * admission verdict (freeze, freshness, rules); 409 when rejected. With a
   * registry: {state, event, now, frozenUntil?, config?, node, issuedAt,
   * signature: {operatorId, signature}}; see gate.mjs.
   */
  "/v1/admit": (body, { registry }) => {
    members(body, ADMIT_MEMBERS);
    if (registry) return admitSigned(body, registry);
    const unsigned = ["node", "signature"].find((key) => key in body);
    if (unsigned) {
      throw new RequestError(400, "INVALID_INPUT",
        `body.${unsigned}: this worker has no operator registry (binding OPERATORS), so it verifies no signature; send the command unsigned`);
    }
    const { state, event, now, frozenUntil, issuedAt, config, policy } = body;
    const verdict = admit({ state, event, frozenUntil, issuedAt, config }, now, policy);
    return json(verdict.outcome === "rejected" ? 409 : 200, verdict);
  },
};

async function answer(request, route, gate) {
  if (gate.problem) return error(500, gate.problem.code, gate.problem.message);
  if (!route) return error(404, "NOT_FOUND", "no such endpoint; use POST /v1/check, /v1/replay or /v1/admit");
  if (request.method === "OPTIONS") return preflight(request, gate.origins);
  if (request.method !== "POST") return error(405, "METHOD_NOT_ALLOWED", "use POST", { allow: "POST" });
  try {
    return await route(await readJson(request), gate);
  } catch (e) {
    if (e instanceof RequestError) return error(e.status, e.code, e.message);
    if (isMaintenanceInputError(e)) return error(400, e.code, e.message);
    return error(500, "INTERNAL", "unexpected error");
  }
}

export default {
  async fetch(request, env) {
    const gate = settings(env);
    const response = await answer(request, routes[new URL(request.url).pathname], gate);
    // Vary: Origin on every answer; Access-Control-Allow-Origin only for a listed origin.
    for (const [name, value] of Object.entries(corsHeaders(request, gate.origins))) response.headers.set(name, value);
    return response;
  },
};
