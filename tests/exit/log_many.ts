// Child process for tests/exit_test.ts: logs N records, then ends the way it is told.
// Usage: log_many.ts <file|stderr> <natural|exit|throw|reject> <count> [path]
import * as logging from "../../mod.ts";

const [target, ending, countText, path] = (globalThis as unknown as {
  process: { argv: string[] };
}).process.argv.slice(2);
const count = Number(countText);

if (target === "file") {
  const h = new logging.FileHandler(path);
  h.setFormatter(new logging.Formatter("%(message)s"));
  const log = logging.getLogger("exit");
  log.propagate = false;
  log.setLevel("INFO");
  log.addHandler(h);
  for (let i = 0; i < count; i++) log.info("record %d", i);
} else {
  // The root logger's default handler (basicConfig on first use): stderr.
  for (let i = 0; i < count; i++) logging.warning("record %d", i);
}

const g = globalThis as unknown as {
  Deno?: { exit(code: number): never };
  process: { exit(code: number): never };
};
if (ending === "exit") {
  if (g.Deno) g.Deno.exit(0);
  else g.process.exit(0);
} else if (ending === "throw") {
  throw new Error("boom (uncaught, on purpose)");
} else if (ending === "reject") {
  Promise.reject(new Error("boom (unhandled rejection, on purpose)"));
}
