// A consumer of the published package, as a user has one: a fresh project in
// a temporary folder (`npm init -y`, so `"type": "commonjs"`, or the same
// with `"type": "module"`), the package installed by name from the tarball
// `npm pack` makes of pkg/, tools installed from the registry at the
// versions the repository pins (`npm ci` leaves their tarballs in npm's
// cache, and installs prefer the cache: the registry is asked only for what
// the cache lacks, such as package metadata on a machine's first run), and
// commands run in a shell whose PATH holds none of the repository's tools.
import { spawn } from "node:child_process";
import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../..", import.meta.url));

/** The versions the repository pins: a consumer installs exactly these. */
export const PINNED = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).devDependencies;

/** The environment of a consumer's commands: npm from its cache first, no prompts, no repository tools. */
export function consumerEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // What `npm test` or `npm run` would hand down about the repository's own project.
    if (/^npm_/i.test(key) || key === "INIT_CWD") continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(":")
    .filter((dir) => dir && !normalize(dir).startsWith(normalize(join(repo, "node_modules"))))
    .join(":");
  Object.assign(env, {
    npm_config_prefer_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    // npx must run what the project installed, never fetch a missing tool.
    npm_config_yes: "false",
  });
  return env;
}

/**
 * Runs `script` with bash (-e, -u, pipefail) in `cwd`, in a process group of
 * its own that is killed if it outlives `timeout`; resolves {code, output}.
 */
export function sh(script, cwd, { timeout = 300_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-euo", "pipefail", "-c", script], {
      cwd, env: consumerEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeout} ms]`;
      try { process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ }
    }, timeout);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, output });
    });
  });
}

/** A shell word, quoted. */
export const quote = (word) => `'${String(word).replaceAll("'", `'\\''`)}'`;

/**
 * The tarball of pkg/ (`npm pack`): MESH_MAINTENANCE_TARBALL when the test
 * command made one already, else packed now into `dir`.
 */
export async function tarball(dir) {
  const given = process.env.MESH_MAINTENANCE_TARBALL;
  if (given) return given;
  const { code, output } = await sh(`npm pack ${quote(join(repo, "pkg"))} --pack-destination ${quote(dir)} --silent`, dir);
  if (code !== 0) throw new Error(`npm pack pkg/ failed:\n${output}`);
  const file = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  if (!file) throw new Error(`npm pack wrote no tarball:\n${output}`);
  return join(dir, file);
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The two kinds of consumer project. */
export const PROJECT_TYPES = ["commonjs", "module"];

/** A new project in `dir`: `npm init -y`, and for "module" `npm pkg set type=module`. */
export async function initProject(dir, type) {
  const script = type === "module" ? "npm init -y >/dev/null && npm pkg set type=module" : "npm init -y >/dev/null";
  const { code, output } = await sh(script, dir, { timeout: 60_000 });
  if (code !== 0) throw new Error(`npm init failed in ${dir}:\n${output}`);
  const written = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).type;
  // npm's default is what the matrix calls "commonjs": fail if npm changes it.
  if (written !== type) throw new Error(`the ${type} project's package.json says "type": ${JSON.stringify(written)}`);
}

/**
 * `npm install` as a recipe says it, made to install this package from the
 * tarball and every other package at the version the repository pins: one
 * not pinned is an error (add it to the root package.json's devDependencies,
 * so `npm ci` caches it).
 */
export function pinnedInstall(line, tarballPath) {
  const words = line.trim().split(/\s+/);
  const [npm, verb, ...args] = words;
  if (npm !== "npm" || !["install", "i", "add"].includes(verb)) throw new Error(`not an npm install: ${line}`);
  const pinned = args.map((arg) => {
    if (arg.startsWith("-")) return arg;
    if (arg === "mesh-maintenance") return quote(tarballPath);
    const version = PINNED[arg];
    if (!version) throw new Error(`${arg} (installed by \`${line.trim()}\`) is not pinned in the root package.json's devDependencies`);
    return quote(`${arg}@${version}`);
  });
  return ["npm", "install", ...pinned].join(" ");
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/**
 * A static server for `root` on 127.0.0.1 (a free port), as any would serve a
 * built page; records each request's path and status (but a favicon's). Resolves
 * {url, requests, close}.
 */
export function serve(root) {
  const requests = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    // The browser asks for one whatever the page is: none, and not recorded.
    if (path === "/favicon.ico") return void response.writeHead(204).end();
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    let status = 404;
    if ((file === root || file.startsWith(root.endsWith(sep) ? root : root + sep)) && isFile(file)) {
      status = 200;
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      createReadStream(file).pipe(response);
    } else {
      response.writeHead(404).end();
    }
    requests.push({ path, status });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        requests,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(done);
        }),
      });
    });
  });
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
