// Child of exit_signals_test.ts: a service with its own graceful SIGTERM/SIGINT shutdown that also
// calls exitOnSignals() (as the README once recommended). The application's shutdown must run: it
// logs while shutting down, waits, and exits with its own status (0), every record written.
import * as logging from "../../mod.ts";

const [path, signal] = (globalThis as { Deno?: { args: string[] } }).Deno?.args ??
  (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2);
const p = (globalThis as unknown as {
  process: {
    kill(pid: number, s: string): void;
    pid: number;
    on(e: string, f: () => void): void;
    exit(code: number): never;
  };
}).process;
const log = logging.getLogger("app");
log.propagate = false;
log.addHandler(new logging.FileHandler(path));
log.setLevel("INFO");
logging.exitOnSignals();
p.on(signal, () => {
  log.info("graceful shutdown started");
  setTimeout(() => {
    log.info("graceful shutdown done");
    p.exit(0);
  }, 100);
});
for (let i = 0; i < 5000; i++) log.info("line %d", i);
p.kill(p.pid, signal);
setTimeout(() => log.info("signal ignored"), 5000);
