// Child processes for the runtime tests: bounded in time, bound to
// 127.0.0.1, stopped by their pid.
import { spawn, execFile } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
export const bin = (name) => `${repo}node_modules/.bin/${name}`;

/** Runs a command to completion; resolves {code, stdout, stderr}. */
export function run(command, args, { timeout = 120_000 } = {}) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: repo, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code ?? 1 : 0, stdout, stderr });
    });
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `workerd serve config` with its socket `http` on a free loopback port. */
export async function startWorkerd(config) {
  const port = await freePort();
  const child = spawn(bin("workerd"), ["serve", config, "--socket-addr", `http=127.0.0.1:${port}`], {
    cwd: repo,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        process.kill(child.pid);
        throw new Error("workerd did not start within 20 s");
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    pid: child.pid,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", resolve);
      process.kill(child.pid, "SIGTERM");
    }),
  };
}
