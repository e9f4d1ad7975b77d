// A Deno command-line script: Python-style logging to stderr and to a file, a level chosen on the
// command line, one logger per module, an exception with its traceback, and an exit status set with
// Deno.exit(): every record logged before Deno.exit() is written (stderr and files are written
// synchronously and flushed at exit).
//
//   deno run --allow-read=. --allow-write=. examples/deno_script.ts --level=DEBUG --log-file=run.log 3 x 7
//
// Each argument is an order quantity; a non-number is an error. The exit status is the number of
// errors.
import * as logging from "../mod.ts";

let level = "INFO";
let logFile: string | null = null;
const quantities: string[] = [];
for (const arg of Deno.args) {
  if (arg.startsWith("--level=")) level = arg.slice("--level=".length);
  else if (arg.startsWith("--log-file=")) logFile = arg.slice("--log-file=".length);
  else quantities.push(arg);
}

// Console: short lines at the chosen level. File: everything, with time and location.
const toConsole = new logging.StreamHandler();
toConsole.setLevel(level);
toConsole.setFormatter(new logging.Formatter("%(levelname)-8s %(name)s: %(message)s"));
const handlers: logging.Handler[] = [toConsole];
if (logFile !== null) {
  const file = new logging.FileHandler(logFile, "w");
  file.setFormatter(
    new logging.Formatter(
      "{asctime} {levelname:<8} {name} {funcName}:{lineno} {message}",
      undefined,
      "{",
    ),
  );
  handlers.push(file);
}
logging.basicConfig({ level: logging.DEBUG, handlers });

const log = logging.getLogger("orders");
const pricing = logging.getLogger("orders.pricing");

function price(quantity: number): number {
  const unit = quantity >= 5 ? 9.5 : 10;
  pricing.debug("unit price for %d is %.2f", quantity, unit);
  return quantity * unit;
}

function parseQuantity(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n)) throw new RangeError(`not a quantity: ${JSON.stringify(text)}`);
  return n;
}

log.info("processing %d orders", quantities.length);
let errors = 0;
let total = 0;
for (const [i, text] of quantities.entries()) {
  try {
    const amount = price(parseQuantity(text));
    total += amount;
    log.info("order %d: %s units -> %.2f", i + 1, text, amount);
  } catch (err) {
    errors++;
    log.exception("order %d rejected", i + 1, { exc_info: err });
  }
}
if (errors > 0) log.warning("%d of %d orders rejected", errors, quantities.length);
log.info("total %.2f", total);
Deno.exit(errors);
