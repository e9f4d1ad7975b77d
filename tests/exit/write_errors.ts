// Child process for tests/file_handler_test.ts: a handler whose writes fail (disk full, or its
// descriptor closed under it) reports through handleError, and the program goes on logging to
// its other handler.
// Usage: write_errors.ts <full|closed> <good-file> <count> [bad-file]
import * as logging from "../../mod.ts";

const argv = (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2);
const [kind, goodPath, countText, badPath] = argv;
const count = Number(countText);

const log = logging.getLogger("app");
log.propagate = false;
log.setLevel("INFO");
const good = new logging.FileHandler(goodPath);
good.setFormatter(new logging.Formatter("%(message)s"));
const bad = new logging.FileHandler(kind === "full" ? "/dev/full" : badPath);
bad.setFormatter(new logging.Formatter("%(message)s"));
log.addHandler(bad);
log.addHandler(good);

if (kind === "closed") {
  const fs = (globalThis as unknown as {
    process: { getBuiltinModule(n: string): { closeSync(fd: number): void } };
  }).process.getBuiltinModule("node:fs");
  fs.closeSync((bad.stream as logging.handlers.FdWritableStream).fd);
}

for (let i = 0; i < count; i++) {
  log.info("record %d", i);
  if (i % 100 === 99) await new Promise((r) => setTimeout(r, 0)); // let batches drain
}
log.info("still running");
console.log("exit normally");
