// The edge worker as the gate to the admin chain: a signed operator action
// is POSTed to `${workerUrl}/v1/admit`, and its answer is put beside the
// console's own verdict. Statuses: 200 admitted, 409 refused by the freeze,
// freshness or rules, 401 unsigned, 403 not authorized or bad signature,
// 400 malformed, 500 a broken registry.

/** How long the console waits for the worker before calling it unreachable. */
const TIMEOUT_MS = 10_000;

/**
 * The worker's answer in one shape: `{status, outcome, code?, message,
 * signature?}`, `signature` being the worker's verification verdict when it
 * sent one (200 and 409 carry it beside the admission verdict).
 */
export function readAnswer(status, body) {
  const signature = typeof body?.signature?.outcome === "string" ? body.signature : undefined;
  if (status === 200 && typeof body?.outcome === "string") return { status, outcome: body.outcome, message: body.message ?? "", signature };
  const verdict = body?.error ?? body;
  return {
    status,
    outcome: "rejected",
    code: typeof verdict?.code === "string" ? verdict.code : `HTTP_${status}`,
    message: typeof verdict?.message === "string" ? verdict.message : JSON.stringify(body)?.slice(0, 200) ?? "",
    signature,
  };
}

/** POSTs `body` to the worker; never throws (an unreachable worker is an answer too). */
export async function askWorker(workerUrl, body) {
  const url = `${workerUrl.replace(/\/+$/, "")}/v1/admit`;
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { status: 0, outcome: "rejected", code: "UNREACHABLE", message: `${url}: ${error.message}` };
  }
  let parsed;
  try {
    parsed = await response.json();
  } catch {
    return { status: response.status, outcome: "rejected", code: `HTTP_${response.status}`, message: "the answer is not JSON" };
  }
  return readAnswer(response.status, parsed);
}

/** Whether the worker and the console said the same thing. */
export const agree = (local, worker) => local.outcome === worker.outcome && (local.code ?? null) === (worker.code ?? null);

export function describe(answer) {
  const head = answer.status === 0 ? "unreachable" : `${answer.status}`;
  const signed = answer.signature ? ` (signature ${answer.signature.outcome}, operator ${answer.signature.operatorId})` : "";
  return `${head} ${answer.code ?? answer.outcome}: ${answer.message}${signed}`;
}
