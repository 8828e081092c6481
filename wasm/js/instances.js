// The instantiated modules, one live binding each: an entry instantiates
// its module and attaches it, and the API functions read the binding on
// every call. Until then each is a stand-in that says how to load it.
const unloaded = (name) =>
  new Proxy({}, {
    get() {
      throw new Error(
        `mesh-maintenance: the ${name} module is not loaded: \`await init()\` (from the entry you imported) before calling it`,
      );
    },
  });

export let rules = unloaded("rules");
export let gate = unloaded("gate");
export let bulk = unloaded("bulk");
const attached = new Set();

/** Makes `exports` the instance of module `name` ("rules", "gate" or "bulk"). */
export function attach(name, exports) {
  if (name === "rules") rules = exports;
  else if (name === "gate") gate = exports;
  else if (name === "bulk") bulk = exports;
  else throw new Error(`mesh-maintenance: no module named ${name}`);
  attached.add(name);
}

/** Whether module `name` is attached. */
export const isAttached = (name) => attached.has(name);
