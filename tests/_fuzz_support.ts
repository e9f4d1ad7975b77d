// Replays one differential-fuzzing case (scripts/gen_fuzz_fixtures.py) against the library and
// says whether the outcome is CPython 3.13's. Shared by tests/fuzz_test.ts (the fixed-seed
// fixture) and scripts/fuzz_run.ts (the long runs made by hand).
import { ConfigParser, dictConfig, fileConfig } from "../config/mod.ts";
import { Formatter } from "../formatters/formatter.ts";
import { gmtime } from "../py/time.ts";
import { getLevelName } from "../levels.ts";
import { getLogger, PlaceHolder, root } from "../logger.ts";
import { LogRecord, makeLogRecord } from "../record.ts";
import { resetLogging } from "../reset.ts";

/** One case of a family, as the generator wrote it. */
export type FuzzCase = Record<string, unknown>;

/** What the library did: an output, or an error as `[Python type name, message]`. */
export interface Outcome {
  out?: unknown;
  error?: [string, string];
  formatError?: [string, string];
}

/** The record of the `{`, `$` and datefmt families (the generator's RECORD). */
const RECORD = {
  name: "app.db",
  msg: "user %s logged in",
  args: ["ann"],
  levelname: "WARNING",
  levelno: 30,
  pathname: "/srv/app/db.py",
  filename: "db.py",
  module: "db",
  lineno: 42,
  funcName: "connect",
  created: 1700000000.123456,
  msecs: 123.5,
  relativeCreated: 1234.5,
};

function errorOf(e: unknown): [string, string] {
  const err = e as Error;
  return [String(err?.name ?? typeof e), String(err?.message ?? e)];
}

/** The levels, propagation, handler counts and disabled flags the generator records. */
function loggerState(): Record<string, unknown> {
  const state: Record<string, unknown> = { root: getLevelName(root.level) };
  for (const name of ["app", "app.db"]) {
    const node = root.manager.loggerDict.get(name);
    if (node !== undefined && !(node instanceof PlaceHolder)) {
      const lg = getLogger(name);
      state[name] = [getLevelName(lg.level), lg.propagate, lg.handlers.length, lg.disabled];
    }
  }
  return state;
}

/** Runs one case of `family`. Never throws: a crash is reported as `["crash", ...]`. */
export function runCase(family: string, c: FuzzCase): Outcome {
  try {
    switch (family) {
      case "percent": {
        const args = c.args as unknown[];
        const rec = new LogRecord("n", 20, "p", 1, c.fmt, args.length ? args : [], null);
        try {
          return { out: rec.getMessage() };
        } catch (e) {
          return { error: errorOf(e) };
        }
      }
      case "brace":
      case "dollar": {
        let f: Formatter;
        try {
          f = new Formatter(c.fmt as string, null, c.style as "{" | "$", true);
        } catch (e) {
          return { error: errorOf(e) };
        }
        const rec = makeLogRecord({ ...RECORD, args: [...RECORD.args] });
        try {
          return { out: f.format(rec) };
        } catch (e) {
          return { formatError: errorOf(e) };
        }
      }
      case "datefmt": {
        const f = new Formatter(null, c.datefmt as string);
        f.converter = gmtime;
        const created = c.created as number;
        const rec = makeLogRecord({ created, msecs: (created % 1) * 1000 });
        try {
          return { out: f.formatTime(rec, c.datefmt as string) };
        } catch (e) {
          return { error: errorOf(e) };
        }
      }
      case "dictconfig": {
        resetLogging();
        try {
          dictConfig(structuredClone(c.config) as Record<string, unknown>);
        } catch (e) {
          return { error: errorOf(e) };
        }
        return { out: loggerState() };
      }
      case "fileconfig": {
        resetLogging();
        try {
          const cp = new ConfigParser();
          cp.read_string(c.text as string);
          fileConfig(cp);
        } catch (e) {
          return { error: errorOf(e) };
        }
        return { out: loggerState() };
      }
    }
    return { error: ["crash", `unknown family ${family}`] };
  } catch (e) {
    return { error: ["crash", String((e as Error)?.stack ?? e)] };
  }
}

/** The part of a case that is CPython's outcome. */
export function expected(c: FuzzCase): Outcome {
  if ("error" in c) return { error: c.error as [string, string] };
  if ("formatError" in c) return { formatError: c.formatError as [string, string] };
  return { out: c.out };
}

/** Runs and compares a whole family; returns the cases whose outcome differs, and crashes. */
export function runFamily(
  family: string,
  cases: FuzzCase[],
): { divergences: { case: FuzzCase; got: Outcome }[]; crashes: number } {
  const divergences: { case: FuzzCase; got: Outcome }[] = [];
  let crashes = 0;
  for (const c of cases) {
    const got = runCase(family, c);
    if (got.error?.[0] === "crash") crashes++;
    if (JSON.stringify(got) !== JSON.stringify(expected(c))) divergences.push({ case: c, got });
  }
  return { divergences, crashes };
}
