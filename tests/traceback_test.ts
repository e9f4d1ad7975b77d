// Python-shaped tracebacks (formatters/traceback.ts). Expected texts come from CPython 3.11's
// traceback module (tests/fixtures/time_traceback.json, written by scripts/gen_time_fixtures.py)
// for exception specs whose frames this test turns into V8- and JSC-style stack strings; real
// thrown errors check the frame parser on the running runtime.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  captureStack,
  formatException,
  formatStack,
  parseStack,
  type StackFrame,
} from "../py/traceback.ts";

interface Spec {
  name: string;
  message: string;
  frames: Array<[string, number, string]>; // outermost first
  cause: Spec | null;
  exceptions: Spec[] | null;
}

const fx: {
  cases: Record<string, { spec: Spec; text: string }>;
  stack_info: { frames: Array<[string, number, string]>; text: string };
} = JSON.parse(readFileSync(new URL("./fixtures/time_traceback.json", import.meta.url), "utf8"));

type Style = "v8" | "jsc";

/** A stack string as the runtime would print it for these frames (innermost first). */
function stackString(
  header: string,
  frames: Array<[string, number, string]>,
  style: Style,
): string {
  const lines = [header];
  for (let i = frames.length - 1; i >= 0; i--) {
    const [file, line, func] = frames[i];
    const loc = style === "v8" && file.startsWith("/")
      ? `file://${encodeURI(file)}:${line}:${(i % 7) + 1}`
      : `${file}:${line}:${(i % 7) + 1}`;
    if (func === "<module>") lines.push(`    at ${loc}`);
    else if (func === "<lambda>") {
      lines.push(style === "v8" ? `    at ${loc}` : `    at <anonymous> (${loc})`);
    } else lines.push(`    at ${func} (${loc})`);
  }
  return lines.join("\n");
}

function build(spec: Spec, style: Style): Error {
  const options = spec.cause ? { cause: build(spec.cause, style) } : undefined;
  const err = spec.exceptions
    ? new AggregateError(spec.exceptions.map((s) => build(s, style)), spec.message, options)
    : new Error(spec.message, options);
  err.name = spec.name;
  const header = spec.message ? `${spec.name}: ${spec.message}` : spec.name;
  err.stack = stackString(header, spec.frames, style);
  return err;
}

function withoutNewline(s: string): string {
  return s.endsWith("\n") ? s.slice(0, -1) : s;
}

describe("formatException matches CPython's traceback text", () => {
  for (const [key, { spec, text }] of Object.entries(fx.cases)) {
    for (const style of ["v8", "jsc"] as const) {
      it(`${key} (${style} stack)`, () => {
        assert.equal(formatException(build(spec, style)), withoutNewline(text));
      });
    }
  }

  it("formatStack matches logging's stack_info text", () => {
    for (const style of ["v8", "jsc"] as const) {
      const stack = stackString("Error", fx.stack_info.frames, style);
      assert.equal(formatStack(stack), withoutNewline(fx.stack_info.text));
    }
  });
});

// --- Real errors thrown on this runtime -------------------------------------------------------

const SELF = decodeURIComponent(new URL(import.meta.url).pathname);
const SOURCE = readFileSync(new URL(import.meta.url), "utf8").split("\n");
const lineOf = (marker: string): number => SOURCE.findIndex((l) => l.includes(marker)) + 1;

// Calls are kept out of tail position (`r + 1`, which Bun's transpiler cannot fold into
// `return f()`) so that JavaScriptCore's proper tail calls keep every frame.
function level3(): number {
  throw new Error("boom"); // MARK-THROW
}
function level2(): number {
  const r = level3(); // MARK-L2
  return r + 1;
}
function level1(): number {
  const r = level2(); // MARK-L1
  return r + 1;
}
function caught(): Error {
  try {
    level1();
  } catch (e) {
    return e as Error;
  }
  throw new Error("not thrown");
}
function chained(): Error {
  try {
    try {
      level1();
    } catch (e) {
      throw new TypeError("wrapped", { cause: e }); // MARK-WRAP
    }
  } catch (e) {
    return e as Error;
  }
  throw new Error("not thrown");
}

function frameLine(f: StackFrame): string {
  return `  File "${f.file}", line ${f.line}, in ${f.func}`;
}

describe("real thrown errors", () => {
  it("parseStack finds the nested call chain, innermost first", () => {
    const frames = parseStack(caught().stack!);
    assert.ok(frames.length >= 4, `${frames.length} frames`);
    assert.deepEqual(frames.slice(0, 4).map((f) => f.func), [
      "level3",
      "level2",
      "level1",
      "caught",
    ]);
    for (const f of frames.slice(0, 4)) assert.equal(f.file, SELF);
    assert.deepEqual(
      frames.slice(0, 3).map((f) => f.line),
      [lineOf("MARK-THROW"), lineOf("MARK-L2"), lineOf("MARK-L1")],
    );
    assert.ok(frames[0].column > 0);
  });

  it("formatException prints those frames outermost first, then the error", () => {
    const err = caught();
    const text = formatException(err);
    const lines = text.split("\n");
    assert.equal(lines[0], fx.cases.simple.text.split("\n")[0]); // Traceback (most recent call last):
    assert.equal(lines.at(-1), "Error: boom");
    const frames = parseStack(err.stack!);
    assert.deepEqual(lines.slice(1, -1), frames.reverse().map(frameLine));
    assert.ok(!text.endsWith("\n"));
  });

  it("cause is rendered first, with Python's separator", () => {
    const text = formatException(chained());
    const expected = fx.cases.cause_chain.text;
    const sep = expected.slice(
      expected.indexOf("\n\nThe above"),
      expected.indexOf("Traceback", 10),
    );
    const parts = text.split(sep);
    assert.equal(parts.length, 2, text);
    assert.ok(parts[0].startsWith("Traceback (most recent call last):\n"));
    assert.ok(parts[0].endsWith(`in level3\nError: boom`), parts[0]);
    assert.ok(parts[1].startsWith("Traceback (most recent call last):\n"));
    assert.ok(parts[1].includes(`line ${lineOf("MARK-WRAP")}, in chained\n`), parts[1]);
    assert.ok(parts[1].endsWith("\nTypeError: wrapped"));
  });

  it("captureStack's first frame is itself, then its caller", () => {
    function whoCalls(): StackFrame[] {
      const frames = parseStack(captureStack()); // MARK-CAPTURE
      return frames.slice();
    }
    const frames = whoCalls();
    assert.equal(frames[0].func, "captureStack");
    assert.equal(frames[1].func, "whoCalls");
    assert.equal(frames[1].file, SELF);
    assert.equal(frames[1].line, lineOf("MARK-CAPTURE"));
    const stack = formatStack(captureStack());
    assert.ok(stack.startsWith("Stack (most recent call last):\n  File "));
    assert.ok(stack.endsWith("in captureStack"));
  });

  it("captureStack keeps deep stacks and restores Error.stackTraceLimit", () => {
    // deno-lint-ignore no-explicit-any
    const E = Error as any;
    const saved = E.stackTraceLimit;
    const deep = (n: number): string => {
      if (n === 0) return captureStack(40);
      const s = deep(n - 1);
      return s + "";
    };
    assert.ok(parseStack(deep(30)).length >= 31);
    assert.equal(E.stackTraceLimit, saved);
  });
});

describe("parseStack on stack lines of each runtime", () => {
  it("V8 (Deno, Node) forms", () => {
    const stack = [
      "TypeError: multi",
      "line message",
      "    at new Foo (file:///tmp/st%20dir/s.ts:1:35)",
      "    at Foo.method (file:///tmp/a.ts:2:3)",
      "    at Object.get g (file:///tmp/a.ts:11:29)",
      "    at Array.map (<anonymous>)",
      "    at eval (eval at <anonymous> (file:///tmp/a.ts:8:7), <anonymous>:1:1)",
      "    at async Promise.all (index 0)",
      "    at async asyncFn (file:///tmp/a.ts:5:40)",
      "    at file:///tmp/a.ts:7:36",
      "    at Object.<anonymous> (/srv/app.js:1:7)",
      "    at Module._compile (node:internal/modules/cjs/loader:1105:14)",
      "    at https://example.com/x.js:3:4",
    ].join("\n");
    assert.deepEqual(parseStack(stack), [
      { file: "/tmp/st dir/s.ts", line: 1, column: 35, func: "new Foo" },
      { file: "/tmp/a.ts", line: 2, column: 3, func: "Foo.method" },
      { file: "/tmp/a.ts", line: 11, column: 29, func: "Object.get g" },
      { file: "<anonymous>", line: 1, column: 1, func: "eval" },
      { file: "/tmp/a.ts", line: 5, column: 40, func: "asyncFn" },
      { file: "/tmp/a.ts", line: 7, column: 36, func: "<lambda>" },
      { file: "/srv/app.js", line: 1, column: 7, func: "<module>" },
      { file: "node:internal/modules/cjs/loader", line: 1105, column: 14, func: "Module._compile" },
      { file: "https://example.com/x.js", line: 3, column: 4, func: "<module>" },
    ]);
  });

  it("Node's ES module loader: left out, and the nameless frame it runs is <module>", () => {
    // As Node 24 prints an error thrown by module code that another module imported.
    const stack = [
      "SyntaxError: bad",
      "    at JSON.parse (<anonymous>)",
      "    at helper (file:///srv/lib.ts:3:9)",
      "    at file:///srv/lib.ts:7:1",
      "    at ModuleJob.run (node:internal/modules/esm/module_job:561:26)",
      "    at async onImport.tracePromise.__proto__ (node:internal/modules/esm/loader:647:26)",
      "    at async file:///srv/main.ts:1:1",
      "    at async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:101:5)",
    ].join("\n");
    assert.deepEqual(parseStack(stack).map((f) => [f.func, f.file, f.line]), [
      ["helper", "/srv/lib.ts", 3],
      ["<module>", "/srv/lib.ts", 7],
      ["<module>", "/srv/main.ts", 1],
    ]);
  });

  it("JavaScriptCore (Bun) and SpiderMonkey forms", () => {
    const bun = [
      "Error: in ctor",
      "    at new Foo (/tmp/st dir/s.ts:1:39)",
      "    at <anonymous> (/tmp/st dir/s.ts:7:36)",
      "    at map (native:1:11)",
      "    at <parse> (:0)",
      "    at parse (unknown)",
      "    at eval (unknown)",
      "    at fn (/tmp/a (1)/s.ts:6:7)",
      "    at /tmp/st dir/s.ts:7:11",
    ].join("\n");
    assert.deepEqual(parseStack(bun).map((f) => [f.func, f.file, f.line]), [
      ["new Foo", "/tmp/st dir/s.ts", 1],
      ["<lambda>", "/tmp/st dir/s.ts", 7],
      ["fn", "/tmp/a (1)/s.ts", 6],
      ["<module>", "/tmp/st dir/s.ts", 7],
    ]);
    const gecko = "inner@file:///a/b.js:2:9\n@file:///a/b.js:5:1\n";
    assert.deepEqual(parseStack(gecko).map((f) => [f.func, f.file, f.line, f.column]), [
      ["inner", "/a/b.js", 2, 9],
      ["<module>", "/a/b.js", 5, 1],
    ]);
    assert.deepEqual(parseStack(""), []);
    assert.deepEqual(parseStack("Error: no frames"), []);
  });
});

describe("values that are not plain Errors", () => {
  it("non-Error thrown values print one Error line", () => {
    assert.equal(formatException("boom"), "Error: boom");
    assert.equal(formatException(""), "Error");
    assert.equal(formatException(42), "Error: 42");
    assert.equal(formatException({ code: 1 }), 'Error: {"code":1}');
    assert.equal(formatException([1, "a"]), 'Error: [1,"a"]');
    assert.equal(formatException(null), "Error: null");
    assert.equal(formatException(undefined), "Error: undefined");
    assert.equal(formatException(Symbol("s")), "Error: Symbol(s)");
  });

  it("subclass names come from the class when name is not set", () => {
    class DiskFull extends Error {}
    const e = new DiskFull("no space");
    e.stack = "Error: no space";
    assert.equal(formatException(e), "DiskFull: no space");
  });

  it("cause cycles and self-containing AggregateErrors terminate", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    a.stack = "Error: a";
    b.stack = "Error: b";
    assert.equal(
      formatException(b),
      "Error: a\n\nThe above exception was the direct cause of the following exception:\n\nError: b",
    );
    const g = new AggregateError([], "self");
    (g as { errors: unknown[] }).errors = [g, new Error("x")];
    g.stack = "AggregateError: self";
    assert.ok(formatException(g).includes("AggregateError: self (2 sub-exceptions)"));
  });

  it("non-Error causes (plain data) are not shown", () => {
    const e = new Error("x", { cause: { code: "E1" } });
    e.stack = "Error: x";
    assert.equal(formatException(e), "Error: x");
  });
});
