/**
 * The service workload (issue 22): a minimal HTTP server per runtime (bench/service_server.ts)
 * answering "ok" and logging one `info` line per request to a file, driven on loopback by `wrk`
 * (Debian: `apt-get install -y wrk`; this bench installs nothing and stops with that line when wrk
 * is missing). The generator and the servers are pinned to separate cores with `taskset`; every
 * variant's server is started once, then bursts run round by round in an order that alternates, so
 * each variant's bursts sit next to the no-logging server's.
 *
 * The cost of a variant is the server's CPU time per request (user + system, from
 * `/proc/<pid>/stat`), which is the throughput a saturated server loses; its figure is the added
 * cost over the no-logging server of the same round, in per cent of that server's cost. Every
 * server's file is counted against the requests it says it served (0 lines lost).
 *
 * Usage: `node bench/service.ts [--runtimes=deno,bun,node] [--seconds=3] [--rounds=3]
 * [--variants=a,b] [--connections=10] [--base=DIR]` (Node 24 runs the TypeScript directly; Deno and
 * Bun run it too). `--base=DIR` names another checkout of the project (e.g. `git archive <commit> |
 * tar -x -C DIR`): a variant `text@base` then runs that checkout's server, so a change is measured
 * before and after in the same run.
 *
 * @module
 */

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]),
);
const runtimes = (args.runtimes ?? "deno,bun,node").split(",");
const seconds = Number(args.seconds ?? 3);
const rounds = Number(args.rounds ?? 3);
const connections = Number(args.connections ?? 10);
const ALL = [
  "none",
  "floor-line",
  "floor-turn",
  "floor-semantic",
  "floor-context",
  "floor-enter",
  "text",
  "json",
  "adapter",
  "context",
  "pino-async",
  "pino-sync",
];
const variants = args.variants ? ["none", ...args.variants.split(",")] : ALL;

if (spawnSync("wrk", ["--version"]).error) {
  console.error(
    "wrk is missing: install it with `apt-get install -y wrk` (the bench installs nothing)",
  );
  process.exit(2);
}
const pinned = cpus().length >= 2 && !spawnSync("taskset", ["-c", "0", "true"]).error;
const pin = (core: number, cmd: string[]): string[] =>
  pinned ? ["taskset", "-c", String(core), ...cmd] : cmd;

const bin = (name: string): string => {
  const local = join(root, "node_modules", ".bin", name);
  return existsSync(local) ? local : name;
};
const serverOf = (variant: string): string =>
  join(variant.endsWith("@base") ? args.base : root, "bench", "service_server.ts");
const command = (runtime: string, variant: string): string[] => {
  const server = serverOf(variant);
  return {
    deno: [bin("deno"), "run", "-A", server],
    bun: [bin("bun"), server],
    node: [bin("node"), server],
  }[runtime]!;
};

const CLK_TCK = 100; // Linux's USER_HZ
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK; // utime + stime
}

interface Server {
  variant: string;
  port: number;
  path: string;
  proc: ChildProcess;
  out: string;
}

async function start(runtime: string, variant: string, port: number, dir: string): Promise<Server> {
  const path = join(dir, `${runtime}-${variant}.log`);
  const name = variant.replace(/@base$/, "");
  const [cmd, ...rest] = pin(1, [...command(runtime, variant), name, String(port), path]);
  const proc = spawn(cmd, rest, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const s: Server = { variant, port, path, proc, out: "" };
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on("data", (d: Buffer) => {
      s.out += d;
      if (s.out.includes("ready")) resolve();
    });
    proc.once("exit", (code) => reject(new Error(`${runtime} ${variant} exited ${code}`)));
  });
  return s;
}

interface Burst {
  requests: number;
  cpu: number;
  /** 99th percentile latency in ms. */
  p99: number;
  rps: number;
}

function wrk(port: number, secs: number): Promise<Burst & { text: string }> {
  const [cmd, ...rest] = pin(0, [
    "wrk",
    "-t1",
    `-c${connections}`,
    `-d${secs}s`,
    "--latency",
    `http://127.0.0.1:${port}/req`,
  ]);
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, rest, { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    p.stdout.on("data", (d: Buffer) => (text += d));
    p.once("exit", () => {
      const req = /(\d+) requests in/.exec(text);
      const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(text);
      const unit = p99 ? { us: 0.001, ms: 1, s: 1000 }[p99[2]]! : NaN;
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
      if (!req) return reject(new Error(`wrk: ${text}`));
      resolve({
        requests: Number(req[1]),
        cpu: 0,
        p99: p99 ? Number(p99[1]) * unit : NaN,
        rps: Number(rps?.[1]),
        text,
      });
    });
  });
}

async function burst(s: Server, secs: number): Promise<Burst> {
  const before = cpuMs(s.proc.pid!);
  const b = await wrk(s.port, secs);
  b.cpu = cpuMs(s.proc.pid!) - before;
  return b;
}

async function stop(s: Server): Promise<{ served: number; lines: number }> {
  const done = new Promise<void>((resolve) => s.proc.once("exit", () => resolve()));
  await fetch(`http://127.0.0.1:${s.port}/exit`).then((r) => r.text()).catch(() => "");
  await done;
  const served = Number(/served (\d+)/.exec(s.out)?.[1] ?? -1);
  let lines = 0;
  if (s.variant !== "none") {
    const text = readFileSync(s.path, "utf8");
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
    rmSync(s.path);
  } else lines = served;
  return { served, lines };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (x: number): string => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(0)}%`;

const dir = join(root, ".tmp", "bench-service");
mkdirSync(dir, { recursive: true });
console.log(
  `service workload: wrk -t1 -c${connections}, ${seconds} s bursts, ${rounds} rounds, ` +
    `${
      pinned ? "wrk on core 0, servers on core 1" : "NOT pinned (taskset or a 2nd core missing)"
    }; ` +
    `load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`,
);
let port = 18080 + Math.floor(Math.random() * 1000);
let failed = false;
for (const runtime of runtimes) {
  const servers: Server[] = [];
  for (const v of variants) servers.push(await start(runtime, v, port++, dir));
  for (const s of servers) await burst(s, 1); // warm-up (JIT, file growth)
  const results = new Map<string, Burst[]>(variants.map((v) => [v, []]));
  const baseline: number[][] = []; // per round: the no-logging server's cost per request
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? servers : [...servers].reverse();
    // The no-logging server runs between every pair of variants: each burst has a neighbour.
    const none = servers[0];
    const bases: number[] = [];
    for (const s of order) {
      if (s === none) continue;
      const b0 = await burst(none, seconds);
      bases.push(b0.cpu / b0.requests);
      results.get("none")!.push(b0);
      results.get(s.variant)!.push(await burst(s, seconds));
    }
    baseline.push(bases);
  }
  console.log(`\n### ${runtime}\n`);
  console.log(
    "| server | cost per request (CPU µs) | added over no logging (median, spread) | throughput | p99 | lines / requests |",
  );
  console.log("| --- | --- | --- | --- | --- | --- |");
  const added = new Map<string, number>();
  for (const s of servers) {
    const bs = results.get(s.variant)!;
    const costs = bs.map((b) => (b.cpu * 1000) / b.requests);
    const { served, lines } = await stop(s);
    if (served !== lines) failed = true;
    let addedText = "(reference)";
    if (s.variant !== "none") {
      // Pair each burst with the no-logging burst just before it.
      const order = variants.filter((v) => v !== "none");
      const idx = order.indexOf(s.variant);
      const ratios = bs.map((b, r) => {
        const pos = r % 2 === 0 ? idx : order.length - 1 - idx;
        return (b.cpu / b.requests) / baseline[r][pos] - 1;
      });
      const m = median(ratios);
      added.set(s.variant, m);
      addedText = `${pct(m)} (${pct(Math.min(...ratios))} … ${pct(Math.max(...ratios))})`;
    }
    console.log(
      `| ${s.variant} | ${median(costs).toFixed(1)} | ${addedText} | ${
        (median(bs.map((b) => b.rps)) / 1000).toFixed(1)
      } k req/s | ${median(bs.map((b) => b.p99)).toFixed(2)} ms | ${lines} / ${served}${
        served === lines ? "" : " **LOST**"
      } |`,
    );
  }
  const floor = added.get("floor-turn");
  const pinoBest = Math.min(
    added.get("pino-async") ?? Infinity,
    added.get("pino-sync") ?? Infinity,
  );
  if (floor !== undefined) {
    console.log("");
    for (const v of ["text", "json", "adapter", "context"]) {
      const a = added.get(v);
      if (a === undefined) continue;
      const ctxFloor = added.get("floor-context");
      if (v === "context" && ctxFloor !== undefined) {
        console.log(
          `- context: the runtime's own floor for a per-request context (floor-context) adds ` +
            `${pct(ctxFloor)}; the library adds ${pct(a)}, ${
              (a / Math.max(ctxFloor, 0.01)).toFixed(2)
            }× it`,
        );
      }
      const ok = a <= Math.max(floor, 0) * 1.25 + 0.0001 && a < pinoBest;
      console.log(
        `- ${v}: added ${pct(a)} against the batched floor's ${pct(floor)} (target ≤ 1.25× it, ` +
          `${pct(floor * 1.25)}) and pino's best ${pct(pinoBest)}: ${ok ? "met" : "**not met**"}`,
      );
      const semantic = added.get("floor-semantic");
      if (semantic !== undefined && v !== "context") {
        console.log(
          `  - against the floor with Python's semantics (floor-semantic, ${pct(semantic)}): ` +
            `${(a / Math.max(semantic, 0.01)).toFixed(2)}× its added cost; below pino's best: ` +
            `${a < pinoBest ? "yes" : "no"}`,
        );
      }
    }
  }
}
if (failed) {
  console.error("lines lost: a file's line count differs from the requests its server served");
  process.exit(1);
}
