/**
 * CPython 3.13's figures (the specification) for the same workloads, measured in the same run with
 * `python3 -m timeit` (`null` when python3 is missing). pyenv's `python3` runs 3.13.0 through
 * `PYENV_VERSION` (the machine's default `python3` is older) unless `PYENV_VERSION` is already set.
 *
 * @module
 */

import { spawnSync } from "node:child_process";

/** The interpreter's environment: CPython 3.13 through pyenv unless the caller chose a version. */
function pythonEnv(): Record<string, string | undefined> {
  return { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0" };
}
import { A1, A2, A3, FORMAT, FORMAT_CALLER, MSG, NAME } from "./workload.ts";

/** Runs `python3 -m timeit` and returns the best time per loop in ns, or null. */
export function timeit(setup: string, stmt: string, extra: string[] = []): number | null {
  const r = spawnSync("python3", ["-m", "timeit", ...extra, "-s", setup, stmt], {
    encoding: "utf8",
    env: pythonEnv(),
  });
  if (r.error || r.status !== 0) return null;
  // "200000 loops, best of 5: 1.23 usec per loop"
  const m = /best of \d+: ([\d.]+) (nsec|usec|msec|sec) per loop/.exec(r.stdout);
  if (!m) return null;
  const scale = { nsec: 1, usec: 1e3, msec: 1e6, sec: 1e9 }[m[2] as "nsec"];
  return Number(m[1]) * scale;
}

/** Whether python3 runs here. */
export function havePython(): boolean {
  return pythonVersion() !== null;
}

/** The version `python3` runs as here (`"3.13.0"`), or null. */
export function pythonVersion(): string | null {
  const r = spawnSync("python3", ["-c", "import platform; print(platform.python_version())"], {
    encoding: "utf8",
    env: pythonEnv(),
  });
  return r.error || r.status !== 0 ? null : r.stdout.trim();
}

const call = `log.info(${JSON.stringify(MSG)}, ${JSON.stringify(A1)}, ${
  JSON.stringify(A2)
}, ${A3})`;
const record = `logging.LogRecord(${JSON.stringify(NAME)}, 20, "/srv/app.py", 1, ${
  JSON.stringify(MSG)
}, (${JSON.stringify(A1)}, ${JSON.stringify(A2)}, ${A3}), None)`;

/** CPython's figures: ns per operation. */
export interface PythonFigures {
  /** Formatter.format of a prepared record. */
  format: number | null;
  /** log.info through a FileHandler, per record, 200,000 records per loop. */
  file: number | null;
  /** log.debug at INFO. */
  disabled: number | null;
  /** log.info to a handler that only formats, plain format. */
  callPlain: number | null;
  /** The same with the caller fields format. */
  callCaller: number | null;
}

/** Measures every CPython figure (about 15 s). */
export function pythonFigures(tmpFile: string): PythonFigures {
  const fmtSetup = `import logging\nf = logging.Formatter(${
    JSON.stringify(FORMAT)
  })\nr = ${record}`;
  const format = timeit(fmtSetup, "f.format(r)");
  const fileSetup = `import logging\nlog = logging.getLogger(${JSON.stringify(NAME)})\n` +
    `log.setLevel(logging.INFO)\nlog.propagate = False\n` +
    `h = logging.FileHandler(${JSON.stringify(tmpFile)}, "w")\n` +
    `h.setFormatter(logging.Formatter(${JSON.stringify(FORMAT)}))\nlog.addHandler(h)`;
  const perLoop = timeit(
    fileSetup,
    `for _ in range(200000): ${call}\nh.flush()`,
    ["-n", "1", "-r", "3"],
  );
  const file = perLoop === null ? null : perLoop / 200000;
  const disabledSetup = `import logging\nlog = logging.getLogger(${JSON.stringify(NAME)})\n` +
    `log.setLevel(logging.INFO)`;
  const disabled = timeit(
    disabledSetup,
    `log.debug(${JSON.stringify(MSG)}, ${JSON.stringify(A1)}, ${JSON.stringify(A2)}, ${A3})`,
  );
  const { callPlain, callCaller } = pythonCallFigures();
  return { format, file, disabled, callPlain, callCaller };
}

/** A logger whose one handler only formats, with format `fmt`. */
const handlerSetup = (fmt: string) =>
  `import logging\nclass H(logging.Handler):\n    def emit(self, r):\n        self.format(r)\n` +
  `log = logging.getLogger(${JSON.stringify(NAME)})\nlog.setLevel(logging.INFO)\n` +
  `log.propagate = False\nh = H()\nh.setFormatter(logging.Formatter(${
    JSON.stringify(fmt)
  }))\nlog.addHandler(h)`;

/** CPython's `log.info` to a handler that only formats, with the plain and the caller format. */
export function pythonCallFigures(): { callPlain: number | null; callCaller: number | null } {
  // An explicit loop count: left to calibrate, timeit reported 58-82 µs per call for these two
  // rows (`-v` shows the time per call growing through the calibration rounds, 29 µs at 20 loops,
  // 64 µs at 5,000; cause not found) against 8-12 µs with a fixed count.
  const callPlain = timeit(handlerSetup(FORMAT), call, ["-n", "20000", "-r", "5"]);
  const callCaller = timeit(handlerSetup(FORMAT_CALLER), call, ["-n", "20000", "-r", "5"]);
  return { callPlain, callCaller };
}
