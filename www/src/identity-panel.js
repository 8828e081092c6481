// The Operator identity panel: shows the key pair's public half and the
// registry entry to provision, and edits the operator id and worker URL
// (both kept with the key in IndexedDB).
import { Identity, operatorIdProblem } from "./identity.js";

/** A worker URL: empty (no worker) or an absolute http(s) URL; or a message saying why not. */
function workerUrlProblem(text) {
  if (text === "") return null;
  let url;
  try {
    url = new URL(text);
  } catch {
    return `worker URL: expected an absolute http(s) URL, got ${JSON.stringify(text.slice(0, 80))}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `worker URL: expected http or https, got ${url.protocol}`;
  return null;
}

export async function setupIdentityPanel(world, $) {
  const status = (text, kind = "") => {
    $("identity-status").textContent = text;
    $("identity-status").dataset.kind = kind;
  };
  const show = () => {
    const { publicKeyHex, operatorId, workerUrl } = world.identity;
    $("operator-key").textContent = publicKeyHex;
    $("operator-id").value = operatorId;
    $("worker-url").value = workerUrl;
    $("registry-entry").textContent = JSON.stringify({ [operatorId]: publicKeyHex });
  };
  /** Validates and saves one field; an invalid value is shown, never kept. */
  const edit = (input, field, problemOf) => input.addEventListener("change", async () => {
    const value = input.value.trim();
    const problem = problemOf(value);
    input.setAttribute("aria-invalid", String(problem !== null));
    if (problem) return status(`${problem}; keeping ${JSON.stringify(world.identity[field])}`, "error");
    world.identity[field] = value;
    await world.identity.save();
    show();
    status(field === "workerUrl" && value === "" ? "No worker: card actions use the console's verdicts only." : `Saved ${field === "workerUrl" ? "worker URL" : "operator id"}.`, "applied");
  });

  $("operator-id").disabled = $("worker-url").disabled = $("new-key").disabled = true;
  try {
    world.identity = await Identity.load();
  } catch (error) {
    status(`No operator identity: this browser cannot make an Ed25519 key (${error.name}: ${error.message}). Card actions stay local.`, "error");
    document.body.dataset.identity = "unavailable";
    return;
  }
  show();
  $("operator-id").disabled = $("worker-url").disabled = $("new-key").disabled = false;
  edit($("operator-id"), "operatorId", operatorIdProblem);
  edit($("worker-url"), "workerUrl", workerUrlProblem);
  $("new-key").addEventListener("click", async () => {
    world.identity = await Identity.generate(world.identity.workerUrl);
    show();
    status("New key pair: register its public key before signing with it.", "applied");
  });
  document.body.dataset.identity = "ready";
}
