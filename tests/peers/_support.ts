// Starts the Python peers of the network handler tests (tests/peers/*.py) and reads what they
// report: one "PORT <n>" line, then one JSON line per thing received. Every wait is bounded.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PyFloat, PyTuple } from "../../py/pickle.ts";

export interface Peer {
  port: number;
  proc: ChildProcess;
  /** Lines reported so far (parsed JSON). */
  lines: Record<string, unknown>[];
  /** Waits until `n` lines were reported (throws after `ms`). */
  waitLines(n: number, ms?: number): Promise<Record<string, unknown>[]>;
  /** Stops the peer and waits for it to exit. */
  stop(): Promise<void>;
  stderr(): string;
}

export function peerPath(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

// The waits below are bounds against hangs, not speed requirements: a python3 peer took over 10 s
// to start on the loaded 2-core machine.
export function startPeer(script: string, args: string[], ms = 60000): Promise<Peer> {
  const proc = spawn("python3", ["-W", "ignore", peerPath(script), ...args], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  let err = "";
  let buf = "";
  let onLine: (() => void) | null = null;
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    proc.on("exit", () => {
      exited = true;
      resolve();
      onLine?.();
    });
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill();
      reject(new Error(`peer ${script} did not start within ${ms} ms: ${err}`));
    }, ms);
    proc.stderr!.on("data", (d: Uint8Array) => (err += String(d)));
    proc.stdout!.on("data", (d: Uint8Array) => {
      buf += String(d);
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const m = /^PORT (\d+)$/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(peer(Number(m[1])));
        } else if (line.trim()) lines.push(JSON.parse(line));
      }
      onLine?.();
    });
    proc.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`peer ${script} exited (${code}): ${err}`));
    });
  });

  function peer(port: number): Peer {
    return {
      port,
      proc,
      lines,
      stderr: () => err,
      waitLines(n: number, wait = 60000): Promise<Record<string, unknown>[]> {
        return new Promise((resolve, reject) => {
          const check = (): void => {
            if (lines.length >= n) {
              clearTimeout(t);
              onLine = null;
              resolve(lines.slice(0, n));
            } else if (exited) {
              clearTimeout(t);
              reject(new Error(`peer exited with ${lines.length}/${n} lines: ${err}`));
            }
          };
          const t = setTimeout(() => {
            onLine = null;
            reject(new Error(`peer reported ${lines.length}/${n} lines within ${wait} ms: ${err}`));
          }, wait);
          onLine = check;
          check();
        });
      },
      async stop(): Promise<void> {
        if (!exited) {
          proc.stdin!.end();
          proc.kill();
        }
        await exit;
      },
    };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `cond` every 10 ms until it holds (throws after `ms`). */
export async function until(cond: () => boolean, ms = 60000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Turns the fixtures' tagged JSON back into the values the writer takes. */
export function untag(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(untag);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("$tuple" in o) return new PyTuple((o.$tuple as unknown[]).map(untag));
    if ("$float" in o) {
      const f = o.$float;
      if (f === "inf") return new PyFloat(Infinity);
      if (f === "-inf") return new PyFloat(-Infinity);
      if (f === "-0.0") return new PyFloat(-0);
      return new PyFloat(f as number);
    }
    if ("$int" in o) return BigInt(o.$int as string);
    if ("$dict" in o) {
      return new Map((o.$dict as [unknown, unknown][]).map(([k, x]) => [untag(k), untag(x)]));
    }
  }
  return v;
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
