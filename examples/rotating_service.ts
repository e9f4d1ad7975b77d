// A service writing its log to a size-rotated file set, as Python's
// `logging.handlers.RotatingFileHandler(path, maxBytes=..., backupCount=3)`: service.log is the
// current file, service.log.1 the previous one, up to service.log.3; older records are dropped.
// The files are byte for byte what CPython 3.13 writes for the same records.
//
//   deno run --allow-read --allow-write examples/rotating_service.ts logs 200 1024
//   bun examples/rotating_service.ts logs 200 1024
//
// Arguments: the folder (created if missing), the number of records, maxBytes.
import * as logging from "../mod.ts";
import { RotatingFileHandler } from "../handlers/mod.ts";

const args = (globalThis as { process?: { argv: string[] } }).process?.argv.slice(2) ?? [];
const [dir = "logs", count = "200", maxBytes = "1024"] = args;
const fs = (globalThis as { process?: { getBuiltinModule(name: string): unknown } }).process
  ?.getBuiltinModule("node:fs") as {
    mkdirSync(path: string, options: { recursive: boolean }): void;
  };
fs.mkdirSync(dir, { recursive: true });

const handler = new RotatingFileHandler({
  filename: `${dir}/service.log`,
  maxBytes: Number(maxBytes),
  backupCount: 3,
  encoding: "utf-8",
});
handler.setFormatter(new logging.Formatter("%(levelname)s %(name)s: %(message)s"));
logging.basicConfig({ level: logging.DEBUG, handlers: [handler] });

const log = logging.getLogger("service.worker");
const users = ["ann", "zoë", "李"];
for (let i = 1; i <= Number(count); i++) {
  const user = users[i % users.length];
  if (i % 10 === 0) log.warning("request %d for %s was slow: %d ms", i, user, 1000 + i);
  else log.info("request %d handled for %s in %d ms", i, user, (i * 37) % 250);
}
// Nothing else to do: the records are written when the program ends (or call logging.shutdown()).
