// Child of tests/turn_batching_test.ts: logs one record per event-loop turn (a server's one line
// per request) to a FileHandler, and after each record reports its number on stdout with a
// synchronous write, so the parent knows how many records were logged when it kills the process.
// Usage: one_per_turn.ts <logfile> <ending>: `kill` (runs until killed), `exit` (process.exit in
// the 500th turn), `throw` (an uncaught exception in the 500th turn).
import { writeSync } from "node:fs";
import { FileHandler, Formatter, getLogger } from "../../mod.ts";

const [path, ending] = (globalThis as { Deno?: { args: string[] } }).Deno?.args ??
  process.argv.slice(2);
const h = new FileHandler(path, "w");
h.setFormatter(new Formatter("record %(message)s"));
const log = getLogger("turns");
log.setLevel("INFO");
log.propagate = false;
log.addHandler(h);

let i = 0;
function turn(): void {
  log.info("%d", i);
  writeSync(1, `${i}\n`);
  i++;
  if (i === 500 && ending === "exit") process.exit(0);
  if (i === 500 && ending === "throw") throw new Error("boom");
  setTimeout(turn, 0);
}
setTimeout(turn, 0);
