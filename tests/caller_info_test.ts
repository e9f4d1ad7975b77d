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

  it("stack_info shows the whole stack, beyond V8's default 10 frames, down to the caller", () => {
    const log = makeLogger("%(funcName)s %(message)s");
    function deep(n: number): void {
      if (n === 0) log.warning("deep", { stack_info: true });
      else deep(n - 1);
    }
    deep(15);
    const text = lines[0];
    // CPython: 16 frames of deep() collapse to 3 lines + "[Previous line repeated 12 more times]".
    assert.match(text, /^deep deep\nStack \(most recent call last\):\n/);
    assert.match(text, /\[Previous line repeated 12 more times\]/);
    assert.ok(text.trimEnd().endsWith("in deep"), text);
  });

  it("stacklevel and stack_info together: the stack ends at the chosen caller", () => {
    const log = makeLogger("%(funcName)s");
    function a(): void {
      log.warning("x", { stacklevel: 3, stack_info: true });
    }
    function b(): void {
      a();
    }
    function c(): void {
      b();
    }
    c();
    const [first, ...stack] = lines[0].trimEnd().split("\n");
    assert.equal(first, "c");
    assert.ok(stack[stack.length - 1].endsWith("in c"), stack.join("\n"));
  });

  it("a handler that ships records elsewhere makes them carry caller fields", async () => {
    const { SocketHandler } = await import("../mod.ts");
    const seen: string[] = [];
    class Probe extends SocketHandler {
      override emit(r: LogRecord): void {
        seen.push(`${r.funcName}:${r.filename}`);
      }
    }
    const log = new Logger("wire");
    const h = new Probe("127.0.0.1", 9);
    log.addHandler(h);
    (function shipIt() {
      log.warning("to another program");
    })();
    await h.close();
    // CPython's SocketHandler sends funcName 'shipIt' and the caller's file name.
    assert.deepEqual(seen, ["shipIt:caller_info_test.ts"]);
  });
});
