// The CommonJS side of usage.ts: `require` resolves the package's `.d.cts`
// types (tsc with module nodenext, as a "type": "commonjs" project would).
import maintenance = require("mesh-maintenance");
import full = require("mesh-maintenance/full");
import gate = require("mesh-maintenance/gate");

const verdict: maintenance.Verdict = maintenance.transition({ kind: "Active" }, { type: "EnterMaintenance" }, 1000);
const machine = new maintenance.Machine({ state: { kind: "Maintenance", since: 0 } });
const buttons: maintenance.AllowedActions = machine.allowedActions(1000);
const view: gate.SdkView = full.toView({ kind: "Active" }, 1000, "sdk");
const payload: Uint8Array = gate.adminSigningPayload({ type: "ExitMaintenance", node: "42" }, 1000);

try {
  maintenance.transition({ kind: "Active" }, { type: "EnterMaintenance" }, -1);
} catch (error) {
  if (error instanceof maintenance.MaintenanceInputError) {
    const code: maintenance.InputErrorCode = error.code;
    void code;
  }
  if (full.isMaintenanceInputError(error)) void error.path;
}

// @ts-expect-error the default entry is the rules alone
maintenance.fromView;
// @ts-expect-error `now` is required
maintenance.transition({ kind: "Active" }, { type: "EnterMaintenance" });

void [verdict, buttons, view, payload];
