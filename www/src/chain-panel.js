// The event log's file side: Export downloads the chain (JSON lines of
// {at, node, event}); Load chain file replays one per node through the
// module's `replay`, under the selected rules, and lists rejected lines.
import { replayChain, ChainError } from "./chain.js";

export function setupChainPanel(world, $) {
  $("export").addEventListener("click", () => {
    const blob = new Blob([world.log.toJsonLines() + "\n"], { type: "application/x-ndjson" });
    const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: "maintenance-chain.jsonl" });
    link.click();
    URL.revokeObjectURL(link.href);
  });
  $("chain-file").addEventListener("change", async () => {
    const file = $("chain-file").files[0];
    if (!file) return;
    const out = $("replay-result");
    out.replaceChildren();
    try {
      const results = replayChain(await file.text(), world.config);
      const heading = document.createElement("h3");
      heading.textContent = `Replayed ${file.name} (${world.profile} rules)`;
      out.append(heading);
      for (const r of results) {
        const p = document.createElement("p");
        p.dataset.node = r.node;
        p.textContent = `${r.node}: ${r.state.kind} (${r.applied} applied, ${r.unchanged} unchanged, ${r.rejected.length} rejected)`;
        out.append(p);
        if (r.rejected.length === 0) continue;
        const list = document.createElement("ul");
        list.className = "rejected";
        for (const { line, verdict } of r.rejected) {
          const item = document.createElement("li");
          item.textContent = `line ${line}: ${verdict.code}: ${verdict.message}`;
          list.append(item);
        }
        out.append(list);
      }
    } catch (error) {
      if (!(error instanceof ChainError)) throw error;
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = `Could not replay ${file.name}: ${error.message}`;
      out.append(p);
    }
    $("chain-file").value = "";
  });
}
