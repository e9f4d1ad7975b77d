// Caller fields (pathname, filename, module, lineno, funcName): taken from the JavaScript stack only
// when a formatter reads them (or setCallerInfo("always")), honouring Python's stacklevel.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Formatter, Logger, type LogRecord, setCallerInfo, StreamHandler } from "../mod.ts";

const lines: string[] = [];
const sink = { write: (s: string) => lines.push(s) };
const records: LogRecord[] = [];

function makeLogger(fmt: string): Logger {
  const log = new Logger("caller");
  const h = new StreamHandler(sink);
  h.setFormatter(new Formatter(fmt));
  h.addFilter((r) => records.push(r));
  log.addHandler(h);
  return log;
}

afterEach(() => {
  lines.length = 0;
  records.length = 0;
  setCallerInfo("auto");
});

function logHere(log: Logger): number {
  const line = new Error().stack!.split("\n")[1].match(/:(\d+):\d+\)?$/)![1];
  log.warning("here"); // must be the line right after the one measured above
  return Number(line) + 1;
}

function wrapper(log: Logger, stacklevel: number): void {
  log.warning("via wrapper", { stacklevel });
}

describe("caller fields", () => {
  it("a format that reads them gets this file, the line and the function", () => {
    const log = makeLogger("%(filename)s:%(lineno)d %(funcName)s %(module)s");
    const line = logHere(log);
    assert.equal(lines[0], `caller_info_test.ts:${line} logHere caller_info_test\n`);
    assert.ok(records[0].pathname.endsWith("/tests/caller_info_test.ts"));
  });

  it("stacklevel=2 names the caller of the function that logged", () => {
    const log = makeLogger("%(funcName)s");
    wrapper(log, 1);
    (function outerCaller() {
      wrapper(log, 2);
    })();
    assert.deepEqual(lines, ["wrapper\n", "outerCaller\n"]);
  });

  it("setCallerInfo('never') leaves Python's unknown values", () => {
    setCallerInfo("never");
    const log = makeLogger("%(filename)s|%(lineno)d|%(funcName)s");
    log.warning("x");
    assert.equal(lines[0], "(unknown file)|0|(unknown function)\n");
  });

  it("setCallerInfo rejects an unknown mode", () => {
    assert.throws(() => setCallerInfo("sometimes" as "auto"), TypeError);
  });
});
