// Child of exit_signals_test.ts: logs N records to a FileHandler, opts in to exitOnSignals(), then
// sends itself the signal named in argv and waits; the helper must drain and exit 130/143.
import * as logging from "../../mod.ts";

const [path, signal] = (globalThis as { Deno?: { args: string[] } }).Deno?.args ??
  (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2);
const log = logging.getLogger("sig");
log.propagate = false;
log.addHandler(new logging.FileHandler(path));
log.setLevel("INFO");
logging.exitOnSignals();
for (let i = 0; i < 5000; i++) log.info("line %d", i);
const p =
  (globalThis as unknown as { process: { kill(pid: number, s: string): void; pid: number } })
    .process;
p.kill(p.pid, signal);
// Keep the event loop alive until the signal arrives (the listener exits the process).
setTimeout(() => {
  console.error("signal did not end the process");
}, 5000);
