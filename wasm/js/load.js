// Instantiating a module of the package, from whatever the runtime or the
// caller has: bytes, a compiled WebAssembly.Module, a URL, a Response, or
// base64 text. Every module imports nothing.

/** A module's exports, instantiated now (from bytes or a compiled Module). */
export function instantiateSync(source) {
  const module = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source);
  return new WebAssembly.Instance(module, {}).exports;
}

/**
 * A module's exports, from a URL or string (fetched), a Response or a promise
 * of one (streamed where the server sends `application/wasm`), bytes, or a
 * compiled WebAssembly.Module.
 */
export async function instantiate(source) {
  source = await source;
  if (typeof source === "string" || source instanceof URL) source = await fetch(source);
  if (source instanceof WebAssembly.Module) return (await WebAssembly.instantiate(source, {})).exports;
  if (typeof Response !== "undefined" && source instanceof Response) {
    if (!source.ok) throw new Error(`mesh-maintenance: fetching ${source.url} answered ${source.status}`);
    if (typeof WebAssembly.instantiateStreaming === "function" &&
        source.headers.get("content-type")?.startsWith("application/wasm")) {
      return (await WebAssembly.instantiateStreaming(source, {})).instance.exports;
    }
    source = await source.arrayBuffer();
  }
  return (await WebAssembly.instantiate(source, {})).instance.exports;
}

/** The bytes of base64 text (a module embedded in JavaScript). */
export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
