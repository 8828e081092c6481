// MaintenanceInputError: malformed input, as every entry of the package
// throws it. `instanceof` works across entries and across copies of the
// package (an ES module and a CommonJS build each have their own class): it
// checks a brand registered under a global symbol, not the class.
const BRAND = Symbol.for("mesh-maintenance.MaintenanceInputError");

export class MaintenanceInputError extends Error {
  /**
   * @param {string} code INVALID_STATE, INVALID_EVENT, INVALID_TIMESTAMP, INVALID_CONFIG or INVALID_INPUT
   * @param {string} path where the value sits, e.g. `event.drainForMs`
   * @param {string} message the path, then what is wrong and what was given
   */
  constructor(code, path, message) {
    super(message);
    this.code = code;
    this.path = path;
  }

  static [Symbol.hasInstance](value) {
    return isMaintenanceInputError(value);
  }
}
Object.defineProperty(MaintenanceInputError.prototype, "name", { value: "MaintenanceInputError" });
Object.defineProperty(MaintenanceInputError.prototype, BRAND, { value: true });

/** Whether `value` is a MaintenanceInputError from any copy of the package. */
export function isMaintenanceInputError(value) {
  try {
    return typeof value === "object" && value !== null && value[BRAND] === true;
  } catch {
    return false; // a proxy whose traps throw is no error of ours
  }
}
