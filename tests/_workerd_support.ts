// Running a worker under Cloudflare's workerd (a dev dependency) for the workerd tests: bundle it
// with `bun build`, serve it on a free 127.0.0.1 port (the config's socket named "http" is moved
// there with --socket-addr), fetch it once it listens, kill it.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The path of a dev tool in node_modules/.bin. */
export const bin = (name: string): string =>
  fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A TCP port free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Bundles `entry` into `dir/dist/worker.js` (the name the configs embed); `args` go to bun. */
export function bundleWorker(entry: string, dir: string, args: string[] = []): void {
  mkdirSync(join(dir, "dist"), { recursive: true });
  const r = spawnSync(
    bin("bun"),
    ["build", entry, "--outfile", join(dir, "dist", "worker.js"), ...args],
    { encoding: "utf8", timeout: 30000 },
  );
  assert.equal(r.status, 0, r.stderr);
}

/** A running workerd. */
export interface Workerd {
  /** `http://127.0.0.1:<port>`. */
  base: string;
  /** What it printed so far. */
  stdout: string;
  stderr: string;
  /** Whether it has exited. */
  exited: boolean;
  /**
   * Fetches `path`, retrying while workerd is not listening yet (until it exits or `deadline`,
   * a `Date.now()` value, passes: then throws with its output).
   */
  fetchWhenUp(path: string, deadline: number, init?: RequestInit): Promise<Response>;
  /** Kills it and waits for the exit. */
  stop(): Promise<void>;
}

/** Writes `config` (a capnp text) to `dir/config.capnp` and serves it from `dir`. */
export async function startWorkerd(dir: string, config: string): Promise<Workerd> {
  const configPath = join(dir, "config.capnp");
  writeFileSync(configPath, config);
  const port = await freePort();
  const child = spawn(bin("workerd"), [
    "serve",
    configPath,
    "--socket-addr",
    `http=127.0.0.1:${port}`,
  ], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const exit = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const w: Workerd = {
    base: `http://127.0.0.1:${port}`,
    stdout: "",
    stderr: "",
    exited: false,
    async fetchWhenUp(path, deadline, init) {
      for (;;) {
        try {
          return await fetch(`${w.base}${path}`, init);
        } catch (err) {
          if (w.exited || Date.now() > deadline) {
            throw new Error(`workerd did not serve (${err}):\n${w.stdout}${w.stderr}`);
          }
          await sleep(100);
        }
      }
    },
    async stop() {
      child.kill("SIGKILL");
      await exit;
    },
  };
  child.stdout.setEncoding("utf8").on("data", (d: string) => (w.stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (w.stderr += d));
  void exit.then(() => (w.exited = true));
  return w;
}
