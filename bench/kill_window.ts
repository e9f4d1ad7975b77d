/**
 * What a `SIGKILL` loses (issue 22): a child logs `PER_TURN` records per event-loop turn to a file
 * (this library's FileHandler, or pino's async or sync destination) and, after each turn, reports
 * its count on stdout with a synchronous write; the parent kills it with `SIGKILL` mid-run and
 * counts the file's whole lines. Lost = records reported logged − lines in the file (a lower
 * bound: records of the interrupted turn logged after its last report are not counted).
 *
 * Usage: `node bench/kill_window.ts [--runtimes=deno,bun,node] [--kills=5]`.
 *
 * @module
 */

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PER_TURN = 10;
const here = fileURLToPath(import.meta.url);
const root = dirname(dirname(here));
const argv = (globalThis as { Deno?: { args: string[] } }).Deno?.args ?? process.argv.slice(2);

if (argv[0] === "child") {
  const [, subject, path] = argv;
  let log: (i: number) => void;
  if (subject === "library") {
    const { FileHandler, Formatter, getLogger } = await import("../mod.ts");
    const h = new FileHandler(path, "w");
    h.setFormatter(new Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"));
    const l = getLogger("kill.window");
    l.setLevel("INFO");
    l.propagate = false;
    l.addHandler(h);
    log = (i) => l.info("record %d", i);
  } else {
    const pino = (await import("pino")).default;
    const p = pino(pino.destination({ dest: path, sync: subject === "pino-sync" }));
    log = (i) => p.info("record %d", i);
  }
  let i = 0;
  const turn = (): void => {
    for (let k = 0; k < PER_TURN; k++) log(i++);
    writeSync(1, `${i}\n`);
    setTimeout(turn, 0);
  };
  setTimeout(turn, 0);
} else {
  const args = Object.fromEntries(argv.map((a) => a.replace(/^--/, "").split("=")));
  const runtimes = (args.runtimes ?? "deno,bun,node").split(",");
  const kills = Number(args.kills ?? 5);
  const bin = (name: string): string => {
    const local = join(root, "node_modules", ".bin", name);
    return existsSync(local) ? local : name;
  };
  const command: Record<string, string[]> = {
    deno: [bin("deno"), "run", "-A", here],
    bun: [bin("bun"), here],
    node: [bin("node"), here],
  };
  const dir = join(root, ".tmp", "bench-kill");
  mkdirSync(dir, { recursive: true });
  console.log(
    `| runtime | subject | records lost at SIGKILL (${kills} kills, ${PER_TURN} records per turn) |`,
  );
  console.log("| --- | --- | --- |");
  for (const runtime of runtimes) {
    for (const subject of ["library", "pino-async", "pino-sync"]) {
      const lost: number[] = [];
      for (let k = 0; k < kills; k++) {
        const path = join(dir, `${runtime}-${subject}.log`);
        const [cmd, ...rest] = [...command[runtime], "child", subject, path];
        const child = spawn(cmd, rest, { stdio: ["ignore", "pipe", "inherit"] });
        const exited = new Promise<void>((r) => child.once("exit", () => r()));
        let out = "";
        const target = 2000 + Math.floor(Math.random() * 2000); // reports before the kill
        await new Promise<void>((resolve) => {
          child.stdout!.on("data", (d) => {
            out += d;
            if (out.length > target * 5) resolve();
          });
        });
        child.kill("SIGKILL");
        await exited;
        const reports = out.trim().split("\n");
        const logged = Number(reports[reports.length - 1]);
        const text = readFileSync(path, "utf8");
        const lines = text.slice(0, text.lastIndexOf("\n") + 1).split("\n").length - 1;
        lost.push(logged - lines);
        rmSync(path);
      }
      console.log(`| ${runtime} | ${subject} | ${lost.join(", ")} |`);
    }
  }
}
