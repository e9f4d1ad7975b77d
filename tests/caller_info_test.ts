// Caller fields (pathname, filename, module, lineno, funcName): taken from the JavaScript stack only
// when a formatter reads them (or setCallerInfo("always")), honouring Python's stacklevel.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  Formatter,
  getLogger,
  Logger,
  LoggerAdapter,
  type LogRecord,
  root,
  setCallerInfo,
  StreamHandler,
  warning,
} from "../mod.ts";
import { type CallSite, captureCaller, type CapturedCaller } from "../caller.ts";

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
    const { SocketHandler } = await import("../handlers/mod.ts");
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

// The capture takes only the frames above the library's `_log` that a direct logger call needs,
// and captures again when the library's frames (adapters, module-level functions) hide the caller
// or when a nameless caller is the last frame taken. Expected values checked with CPython 3.11
// (the same shapes in Python: a Logger subclass overriding _log, nested LoggerAdapters with
// stacklevel 1 and 2, a lambda and module-level code calling logging.warning).
describe("caller capture through the library's deeper paths", () => {
  it("nested adapters: stacklevel 1 names the caller, 2 the caller's caller", () => {
    const log = makeLogger("%(funcName)s");
    (function viaAdapters() {
      new LoggerAdapter(new LoggerAdapter(log, {}), {}).warning("b", { stacklevel: 1 });
    })();
    (function outer() {
      (function helper() {
        new LoggerAdapter(new LoggerAdapter(log, {}), {}).warning("c", { stacklevel: 2 });
      })();
    })();
    assert.deepEqual(lines, ["viaAdapters\n", "outer\n"]);
  });

  it("a Logger subclass overriding _log outside the library is the caller, as in Python", () => {
    class Sub extends Logger {
      override _log(...a: Parameters<Logger["_log"]>): void {
        super._log(...a); // the caller Python reports: this line, in _log
      }
    }
    const log = new Sub("sub");
    const h = new StreamHandler(sink);
    h.setFormatter(new Formatter("%(funcName)s:%(filename)s"));
    log.addHandler(h);
    (function user() {
      log.warning("a");
    })();
    assert.deepEqual(lines, ["_log:caller_info_test.ts\n"]);
  });

  it("calling _log directly names its caller, as in Python", () => {
    const log = makeLogger("%(funcName)s");
    (function callsLogDirectly() {
      log._log(30, "direct", []);
    })();
    assert.deepEqual(lines, ["callsLogDirectly\n"]);
  });

  it("module-level functions: a nameless arrow is <lambda>, module code is <module>", async () => {
    const h = new StreamHandler(sink);
    h.setFormatter(new Formatter("%(name)s %(funcName)s %(filename)s"));
    root.addHandler(h);
    try {
      // block bodies: an expression-bodied arrow is a tail call, which Bun drops from the stack
      (function named() {
        [1].forEach(() => {
          warning("d");
        });
      })();
      (function direct() {
        [1].forEach(() => {
          getLogger("caller.arrow").warning("e");
        });
      })();
      await import("./_caller_top_level.ts");
    } finally {
      root.removeHandler(h);
    }
    assert.deepEqual(lines, [
      "root <lambda> caller_info_test.ts\n",
      "caller.arrow <lambda> caller_info_test.ts\n",
      "caller.top <module> _caller_top_level.ts\n",
      "root <module> _caller_top_level.ts\n",
    ]);
  });
});

describe("captureCaller", () => {
  // The library's `_log` stands in as the boundary: the frames above it are the ones Python walks.
  // (No `const x = f(); return x;` here: JavaScriptCore runs that as a tail call and drops the frame.)
  let captured: CapturedCaller = { stack: "", index: -1 };
  function libraryLog(): void {
    captured = captureCaller(1, libraryLog);
  }
  function callerOfLog(): CapturedCaller {
    libraryLog();
    return captured;
  }

  it("hands out structured call sites, few of them, with the caller's index found", () => {
    callerOfLog();
    assert.ok(Array.isArray(captured.stack), "call sites, not a stack string");
    const sites = captured.stack as CallSite[];
    // stacklevel 1 + the logging method + one frame to tell module code from a lambda
    assert.ok(sites.length <= 3, `${sites.length} sites captured`);
    assert.equal(captured.index, 0);
    assert.equal(sites[0].getFunctionName(), "callerOfLog");
  });

  it("leaves Error.prepareStackTrace and Error.stackTraceLimit as they were", () => {
    // deno-lint-ignore no-explicit-any
    const E = Error as any;
    const prepare = (_e: unknown, s: unknown) => `mine:${(s as unknown[]).length}`;
    const savedPrepare = E.prepareStackTrace;
    const savedLimit = E.stackTraceLimit;
    E.prepareStackTrace = prepare;
    E.stackTraceLimit = 7;
    try {
      callerOfLog();
      assert.equal(E.prepareStackTrace, prepare);
      assert.equal(E.stackTraceLimit, 7);
    } finally {
      E.prepareStackTrace = savedPrepare;
      E.stackTraceLimit = savedLimit;
    }
  });
});
