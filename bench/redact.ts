/**
 * The redaction rows of issue 21: `log.info(...)` with an object carrying secrets → `FileHandler` +
 * `JsonFormatter`, with a `RedactingFilter` on the handler, against pino's `redact` option on the
 * same object in the same run (both writing one JSON line per record to a file), and each
 * against itself without redaction (the cost of turning it on). pino is a dev dependency used only
 * here and in bench/json.ts.
 *
 * @module
 */

import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { FileHandler, getLogger, INFO, JsonFormatter, shutdown } from "../mod.ts";
import { RedactingFilter } from "../redaction/mod.ts";
import { median, ratio, type Row } from "./harness.ts";

const RECORDS = 100_000;
const PATHS = ["user.password", "req.headers.authorization", "req.headers.cookie"];

/** The same object for every record: a user and a request, three secrets in it. */
function payload(i: number) {
  return {
    user: { id: i, name: "alice", password: "hunter2" },
    req: {
      method: "GET",
      url: "/account",
      headers: { host: "api.test", authorization: "Basic YWxpY2U6aHVudGVyMg==", cookie: "sid=42" },
    },
  };
}

function check(path: string, what: string, redacted: boolean): void {
  const lines = readFileSync(path, "utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (lines.length !== RECORDS) throw new Error(`${what}: ${lines.length} lines, not ${RECORDS}`);
  for (const i of [0, RECORDS >> 1, RECORDS - 1]) {
    const leaked = lines[i].includes("hunter2") || lines[i].includes("sid=42");
    if (leaked === redacted) throw new Error(`${what}: bad line ${lines[i]}`);
  }
}

type Run = () => Promise<number>;
let round = 0;

/** Measures the redaction rows and reports them through `row`. */
export async function benchRedact(
  dir: string,
  rounds: number,
  row: (r: Row) => void,
  notes: string[],
): Promise<void> {
  // deno-lint-ignore no-explicit-any
  let pino: any;
  try {
    pino = (await import("pino")).default;
  } catch (e) {
    notes.push(`redaction rows skipped: pino not loadable here (${e})`);
    return;
  }
  const log = getLogger("app.redact");
  log.setLevel(INFO);
  log.propagate = false;

  const ours = (filter: RedactingFilter | null): Run => async () => {
    const path = join(dir, `redact-${round++}.log`);
    const t0 = performance.now();
    const h = new FileHandler(path, "w");
    h.setFormatter(new JsonFormatter("%(levelname)s %(name)s %(message)s"));
    if (filter !== null) h.addFilter(filter);
    log.addHandler(h);
    for (let i = 0; i < RECORDS; i++) log.info("request", { extra: payload(i) });
    await shutdown();
    const ms = performance.now() - t0;
    log.removeHandler(h);
    check(path, "RedactingFilter", filter !== null);
    rmSync(path);
    return ms;
  };
  const pinoRun = (redact: boolean): Run => async () => {
    const path = join(dir, `pino-redact-${round++}.log`);
    const t0 = performance.now();
    const dest = pino.destination({ dest: path, sync: true });
    const p = pino({ base: { pid: 1 }, ...(redact ? { redact: PATHS } : {}) }, dest);
    for (let i = 0; i < RECORDS; i++) p.info(payload(i), "request");
    dest.flushSync();
    await new Promise<void>((resolve) => {
      dest.once("close", () => resolve());
      dest.end();
    });
    const ms = performance.now() - t0;
    check(path, `pino redact=${redact}`, redact);
    rmSync(path);
    return ms;
  };

  const subjects = [
    ours(new RedactingFilter({ keys: [], builtin_patterns: [], paths: PATHS })),
    ours(new RedactingFilter()),
    ours(null),
    pinoRun(true),
    pinoRun(false),
  ];
  const times: number[][] = subjects.map(() => []);
  for (const s of subjects) await s(); // warm-up
  for (let r = 0; r < rounds; r++) {
    const order = subjects.map((_, i) => i);
    if (r % 2) order.reverse();
    for (const i of order) times[i].push(await subjects[i]());
  }
  const us = (ms: number) => `${((ms * 1000) / RECORDS).toFixed(2)} µs/rec`;
  const med = times.map(median);
  const per = (a: number, b: number) => median(times[a].map((t, i) => t / times[b][i]));
  const figure = `${RECORDS.toLocaleString("en")} × log.info(obj) → FileHandler + JsonFormatter`;
  row({
    figure: `${figure}, RedactingFilter(paths=3 pino paths)`,
    reference: `pino redact (same 3 paths, sync destination) ${us(med[3])}`,
    value: us(med[0]),
    ratio: ratio(per(0, 3)),
    target: "(reference)",
    met: null,
  });
  row({
    figure: `${figure}, RedactingFilter(paths=3 pino paths)`,
    reference: `same, no filter ${us(med[2])}`,
    value: us(med[0]),
    ratio: ratio(per(0, 2)),
    target: "(cost of redaction)",
    met: null,
  });
  row({
    figure: `${figure}, RedactingFilter() (default names + patterns)`,
    reference: `same, no filter ${us(med[2])}`,
    value: us(med[1]),
    ratio: ratio(per(1, 2)),
    target: "(cost of redaction)",
    met: null,
  });
  row({
    figure: `pino, 3 redact paths`,
    reference: `pino, no redact ${us(med[4])}`,
    value: us(med[3]),
    ratio: ratio(per(3, 4)),
    target: "(pino's cost of redaction)",
    met: null,
  });
}
