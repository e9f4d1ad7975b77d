/**
 * The JSON rows of issue 17: `log.info(...)` → `FileHandler` with a `JsonFormatter`, against pino
 * (`pino.destination`, sync and async) and LogTape's JSON Lines formatter, measured in the same run
 * on the same message, each writing one JSON line per record to a file. pino and LogTape are dev
 * dependencies used only here.
 *
 * @module
 */

import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { FileHandler, getLogger, INFO, JsonFormatter, shutdown } from "../mod.ts";
import { median, ratio, type Row } from "./harness.ts";
import { A1, A2, A3, MSG } from "./workload.ts";

const RECORDS = 200_000;
const TEXT = "user alice logged in from 10.0.0.1 after 42 ms";

/** The JSON line's fields: the same facts pino writes (time, level, pid, logger, message). */
const JSON_FMT = "%(created)f %(levelname)s %(process)d %(name)s %(message)s";

function check(path: string, what: string, has: (o: Record<string, unknown>) => boolean): void {
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (lines.length !== RECORDS) throw new Error(`${what}: ${lines.length} lines, not ${RECORDS}`);
  for (const i of [0, RECORDS >> 1, RECORDS - 1]) {
    const o = JSON.parse(lines[i]);
    if (!has(o)) throw new Error(`${what}: bad line ${lines[i]}`);
  }
}

type Run = () => Promise<number>;

/** Runs every subject `rounds` times, interleaved, and returns their median milliseconds. */
async function interleave(subjects: Run[], rounds: number): Promise<number[][]> {
  const times: number[][] = subjects.map(() => []);
  for (const s of subjects) await s(); // warm-up
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? subjects.map((_, i) => i) : subjects.map((_, i) => i).reverse();
    for (const i of order) times[i].push(await subjects[i]());
  }
  return times;
}

let round = 0;

/**
 * Measures the JSON rows and reports them through `row`. Returns nothing when pino or LogTape
 * cannot be loaded on this runtime (a note says so).
 */
export async function benchJson(
  dir: string,
  rounds: number,
  row: (r: Row) => void,
  notes: string[],
): Promise<void> {
  // deno-lint-ignore no-explicit-any
  let pino: any;
  // deno-lint-ignore no-explicit-any
  let logtape: any;
  try {
    pino = (await import("pino")).default;
    logtape = await import("@logtape/logtape");
  } catch (e) {
    notes.push(`JSON rows skipped: pino or @logtape/logtape not loadable here (${e})`);
    return;
  }

  const log = getLogger("app.db.json");
  log.setLevel(INFO);
  log.propagate = false;

  const ours: Run = async () => {
    const path = join(dir, `json-${round++}.log`);
    const t0 = performance.now();
    const h = new FileHandler(path, "w");
    h.setFormatter(new JsonFormatter(JSON_FMT));
    log.addHandler(h);
    for (let i = 0; i < RECORDS; i++) log.info(MSG, A1, A2, A3);
    await shutdown();
    const ms = performance.now() - t0;
    log.removeHandler(h);
    check(path, "JsonFormatter", (o) => o.message === TEXT && o.levelname === "INFO");
    rmSync(path);
    return ms;
  };

  const pinoRun = (sync: boolean): Run => async () => {
    const path = join(dir, `pino-${round++}.log`);
    const t0 = performance.now();
    const dest = pino.destination({ dest: path, sync });
    const p = pino({ base: { pid: 1, name: "app.db.json" } }, dest);
    for (let i = 0; i < RECORDS; i++) p.info(MSG, A1, A2, A3);
    if (sync) dest.flushSync();
    await new Promise<void>((resolve) => {
      dest.once("close", () => resolve());
      dest.end();
    });
    const ms = performance.now() - t0;
    check(path, `pino sync=${sync}`, (o) => o.msg === TEXT && o.level === 30);
    rmSync(path);
    return ms;
  };

  // LogTape: its JSON Lines formatter, lines batched into 64 KiB synchronous writes (as our
  // FileHandler writes), since its file sink is a separate package.
  const logtapeRun: Run = async () => {
    const path = join(dir, `logtape-${round++}.log`);
    const t0 = performance.now();
    const fd = openSync(path, "w");
    let buf = "";
    const format = logtape.jsonLinesFormatter;
    const sink = (record: unknown) => {
      buf += format(record);
      if (buf.length >= 65536) {
        writeSync(fd, buf);
        buf = "";
      }
    };
    await logtape.configure({
      reset: true,
      sinks: { file: sink },
      loggers: [
        { category: ["logtape", "meta"], lowestLevel: "warning", sinks: [] },
        { category: ["app"], lowestLevel: "info", sinks: ["file"] },
      ],
    });
    const l = logtape.getLogger(["app", "db"]);
    for (let i = 0; i < RECORDS; i++) {
      l.info("user {user} logged in from {ip} after {ms} ms", { user: A1, ip: A2, ms: A3 });
    }
    if (buf) writeSync(fd, buf);
    closeSync(fd);
    await logtape.reset();
    const ms = performance.now() - t0;
    check(path, "LogTape", (o) => String(o.message).includes("10.0.0.1") && o.level === "INFO");
    rmSync(path);
    return ms;
  };

  const times = await interleave(
    [ours, pinoRun(true), pinoRun(false), logtapeRun],
    rounds,
  );
  const rps = (ms: number) => `${(RECORDS / ms / 1000).toFixed(2)}M rec/s`;
  const med = times.map(median);
  const perRound = (j: number) => median(times[0].map((t, i) => times[j][i] / t));
  const names = ["pino.destination sync", "pino.destination async", "LogTape jsonLinesFormatter"];
  for (let j = 1; j < 4; j++) {
    const r = perRound(j);
    row({
      figure: `${RECORDS.toLocaleString("en")} × log.info → FileHandler + JsonFormatter`,
      reference: `${names[j - 1]} ${rps(med[j])}`,
      value: rps(med[0]),
      ratio: ratio(r),
      target: j < 3 ? "≥ 2× pino" : "(reference)",
      met: j < 3 ? r >= 2 : null,
    });
  }
}
