// Child process for tests/reliability_test.ts: logs in one synchronous loop to a sink that fails
// (a closed stdout pipe, /dev/full) or makes a format error inside a named function, so the
// parent can compare the `--- Logging error ---` reports and the exit status with CPython 3.13's.
// Usage: faults_child.ts <pipe|full|format> [count]
import * as logging from "../../mod.ts";

const argv = (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2);
const [kind, countText] = argv;
const count = Number(countText ?? "1");

const log = logging.getLogger("app");
log.propagate = false;

if (kind === "pipe" || kind === "full") {
  const h = kind === "pipe"
    ? new logging.StreamHandler(logging.stdout())
    : new logging.FileHandler("/dev/full");
  log.addHandler(h);
  for (let i = 0; i < count; i++) log.warning("record %d", i);
} else if (kind === "format") {
  logging.basicConfig();
  log.propagate = true;
  work();
}

function work(): void {
  logging.getLogger("app").warning("x %s %s", 1);
}
