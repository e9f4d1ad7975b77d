/**
 * Python-shaped tracebacks for JavaScript errors: what `traceback.print_exception` and
 * `traceback.print_stack` write, which `logging` uses for `exc_info` and `stack_info`.
 *
 * Stack frames are parsed from the `stack` string of V8 (Deno, Node, Chrome, workerd) and
 * JavaScriptCore (Bun, Safari) errors; SpiderMonkey's `fn@file:line:col` form is read too.
 * JavaScript has no source lines at hand, so frames print without Python's source-line and caret
 * lines (see docs/DIVERGENCES.md).
 *
 * @module
 */

/**
 * One parsed stack frame, as {@linkcode parseStack} returns it.
 *
 * @example
 * ```ts
 * import { parseStack, type StackFrame } from "@pylog/logging/formatters";
 * const frames: StackFrame[] = parseStack("Error\n    at main (file:///app/main.ts:3:7)");
 * console.log(frames[0].file, frames[0].line, frames[0].func); // /app/main.ts 3 main
 * ```
 */
export interface StackFrame {
  /** Source path; `file://` URLs are turned into plain (decoded) paths, other URLs are kept. */
  file: string;
  /** 1-based line number. */
  line: number;
  /** 1-based column number (0 when the runtime gives none). */
  column: number;
  /**
   * Function name as the runtime reports it (`main`, `Foo.bar`, `new Foo`), without an `async`
   * prefix; Python's names for nameless code: `<module>` for module-level code (a nameless
   * outermost frame, a nameless frame run by Node's ES module loader, whose own frames are left
   * out, or Node's `Object.<anonymous>`) and `<lambda>` for other anonymous functions.
   */
  func: string;
}

const V8_FRAME = /^\s*at (?:(.+?) \((.*)\)|(.+))$/;
const GECKO_FRAME = /^\s*([^@\s]*)@(.+)$/;
const LOC_LINE_COL = /^(.*):(\d+):(\d+)$/;
const LOC_LINE = /^(.*):(\d+)$/;
/** Node's ES module loader: its frames lie below the module-level code it runs. */
const isNodeModuleLoader = (file: string): boolean =>
  file.startsWith("node:internal/modules/esm/") || file === "node:internal/modules/run_main";

/**
 * A stack frame's file as a path: `file://` URLs are decoded to paths, anything else is kept.
 *
 * @example
 * ```ts
 * import { filePath } from "@pylog/logging/formatters";
 * filePath("file:///app/a%20b.ts"); // "/app/a b.ts"
 * ```
 */
export function filePath(file: string): string {
  if (!file.startsWith("file://")) return file;
  // A program logs from a few files: the last one's path is kept (Node names files by URL).
  if (file === lastUrl) return lastPath;
  lastUrl = file;
  return lastPath = urlPath(file);
}

let lastUrl = "";
let lastPath = "";

function urlPath(file: string): string {
  let p = file.slice(7);
  if (p.startsWith("localhost/")) p = p.slice(9);
  try {
    p = decodeURIComponent(p);
  } catch {
    // keep the raw text
  }
  // file:///C:/x -> C:/x
  if (/^\/[A-Za-z]:[\\/]/.test(p)) p = p.slice(1);
  return p;
}

function parseLocation(loc: string): [string, number, number] | null {
  if (loc.startsWith("eval at ")) {
    // V8: "eval at outer (file:///a.ts:8:7), <anonymous>:1:1" — the evaluated code's position.
    const i = loc.lastIndexOf(", ");
    if (i < 0) return null;
    loc = loc.slice(i + 2);
  }
  let m = LOC_LINE_COL.exec(loc);
  let file: string;
  let line: number;
  let column = 0;
  if (m) {
    file = m[1];
    line = +m[2];
    column = +m[3];
  } else {
    m = LOC_LINE.exec(loc);
    if (!m) return null; // "<anonymous>", "native", "unknown", "index 0": no source position
    file = m[1];
    line = +m[2];
  }
  if (file === "" || file === "native" || line === 0) return null;
  return [filePath(file), line, column];
}

/**
 * Parses a JavaScript stack string (`err.stack`, `new Error().stack`) into frames, innermost first
 * as JavaScript lists them. Frames without a source position (native code such as
 * `Array.map (<anonymous>)`, `Promise.all (index 0)`, Bun's `native` frames) are left out, as
 * Python tracebacks show no C frames. The header (`Error: message`) is skipped, however many lines
 * it has.
 *
 * @example
 * ```ts
 * import { parseStack } from "@pylog/logging/formatters";
 * const frames = parseStack([
 *   "Error: boom",
 *   "    at inner (file:///app/a%20b.ts:2:9)",
 *   "    at Array.map (<anonymous>)",
 *   "    at file:///app/a%20b.ts:5:1",
 * ].join("\n"));
 * console.log(frames.map((f) => `${f.func}@${f.file}:${f.line}`));
 * // [ "inner@/app/a b.ts:2", "<module>@/app/a b.ts:5" ]
 * ```
 */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  if (typeof stack !== "string" || stack === "") return frames;
  let lastNameless = -1;
  let start = 0;
  const n = stack.length;
  while (start < n) {
    let end = stack.indexOf("\n", start);
    if (end < 0) end = n;
    const text = stack.slice(start, end);
    start = end + 1;
    let func: string | undefined;
    let loc: string;
    let m = V8_FRAME.exec(text);
    if (m) {
      if (m[2] !== undefined) {
        func = m[1];
        loc = m[2];
      } else {
        loc = m[3];
        if (loc.startsWith("async ")) loc = loc.slice(6);
      }
    } else {
      m = GECKO_FRAME.exec(text);
      if (!m || !/:\d+$/.test(m[2])) continue;
      func = m[1];
      loc = m[2];
    }
    const pos = parseLocation(loc);
    if (!pos) continue;
    if (isNodeModuleLoader(pos[0])) {
      // Node's module loader runs module code: the nameless frame above it is module code, and
      // its own frames are left out, as Python's tracebacks leave out importlib's.
      if (lastNameless >= 0 && lastNameless === frames.length - 1) {
        frames[lastNameless].func = "<module>";
      }
      continue;
    }
    if (func !== undefined && func.startsWith("async ")) func = func.slice(6);
    if (func === "Object.<anonymous>") func = "<module>";
    else if (func === "<anonymous>" || func === "anonymous") func = "<lambda>";
    else if (!func) {
      func = "<lambda>";
      lastNameless = frames.length;
    }
    frames.push({ file: pos[0], line: pos[1], column: pos[2], func });
  }
  // Nameless code at the bottom of the stack is module-level code.
  if (lastNameless >= 0 && lastNameless === frames.length - 1) {
    frames[lastNameless].func = "<module>";
  }
  return frames;
}

/**
 * The current JavaScript stack (`new Error().stack`), never throwing; `""` where the runtime gives
 * none. Its first frame is `captureStack` itself. At least `limit` frames are kept (the runtime's
 * `Error.stackTraceLimit` is raised for the call when it is lower).
 *
 * @example
 * ```ts
 * import { captureStack, parseStack } from "@pylog/logging/formatters";
 * const frames = parseStack(captureStack());
 * console.log(frames[0].func); // captureStack
 * ```
 */
export function captureStack(limit = 64): string {
  // deno-lint-ignore no-explicit-any
  const E = Error as any;
  const saved = E.stackTraceLimit;
  try {
    if (typeof saved === "number" && saved < limit) E.stackTraceLimit = limit;
    const stack = new Error().stack;
    return typeof stack === "string" ? stack : "";
  } catch {
    return "";
  } finally {
    if (typeof saved === "number" && E.stackTraceLimit !== saved) E.stackTraceLimit = saved;
  }
}

// ---------------------------------------------------------------------------------------------
// Python's StackSummary.format

const RECURSIVE_CUTOFF = 3;

function formatFrames(frames: StackFrame[]): string {
  let out = "";
  let lastFile: string | null = null;
  let lastLine = -1;
  let lastName: string | null = null;
  let count = 0;
  for (const f of frames) {
    if (lastFile !== f.file || lastLine !== f.line || lastName !== f.func) {
      if (count > RECURSIVE_CUTOFF) out += repeated(count - RECURSIVE_CUTOFF);
      lastFile = f.file;
      lastLine = f.line;
      lastName = f.func;
      count = 0;
    }
    count++;
    if (count > RECURSIVE_CUTOFF) continue;
    out += COLORIZE
      ? `  File \x1b[35m"${f.file}"\x1b[0m, line \x1b[35m${f.line}\x1b[0m, in \x1b[35m${f.func}\x1b[0m\n`
      : `  File "${f.file}", line ${f.line}, in ${f.func}\n`;
  }
  if (count > RECURSIVE_CUTOFF) out += repeated(count - RECURSIVE_CUTOFF);
  return out;
}

function repeated(count: number): string {
  return `  [Previous line repeated ${count} more time${count > 1 ? "s" : ""}]\n`;
}

/**
 * Python's `print_stack` text with logging's `stack_info` header, from a raw JavaScript stack
 * string: `Stack (most recent call last):` and one `  File "...", line N, in f` line per frame,
 * outermost first, without a trailing newline. Python also prints each frame's source line; no
 * source is at hand here.
 *
 * @example
 * ```ts
 * import { formatStack } from "@pylog/logging/formatters";
 * console.log(formatStack("Error\n    at main (file:///app/x.ts:3:7)\n    at file:///app/x.ts:9:1"));
 * // Stack (most recent call last):
 * //   File "/app/x.ts", line 9, in <module>
 * //   File "/app/x.ts", line 3, in main
 * ```
 */
export function formatStack(stack: string): string {
  return formatStackFrames(parseStack(stack));
}

/**
 * {@linkcode formatStack} for frames already parsed (innermost first, as `parseStack` gives them).
 *
 * @example
 * ```ts
 * import { formatStackFrames, parseStack } from "./traceback.ts";
 * formatStackFrames(parseStack("Error\n    at main (file:///app/main.ts:3:7)"));
 * // "Stack (most recent call last):\n  File \"/app/main.ts\", line 3, in main"
 * ```
 */
export function formatStackFrames(frames: readonly StackFrame[]): string {
  const text = "Stack (most recent call last):\n" + formatFrames([...frames].reverse());
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

// ---------------------------------------------------------------------------------------------
// Python's TracebackException, for JavaScript values

const MAX_GROUP_WIDTH = 15;
const MAX_GROUP_DEPTH = 10;
const CAUSE_MESSAGE = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE = "\nDuring handling of the above exception, another exception occurred:\n\n";

interface TbException {
  frames: StackFrame[];
  /** Python's format_exception_only line(s), ending in a newline. */
  only: string;
  cause: TbException | null;
  /** True when `cause` is Python's implicit `__context__` rather than an explicit cause. */
  implicit: boolean;
  /** Sub-exceptions of an AggregateError (Python's ExceptionGroup), else null. */
  exceptions: TbException[] | null;
}

function isErrorLike(v: unknown): v is Error {
  if (v instanceof Error) return true;
  if (typeof v !== "object" || v === null) return false;
  // deno-lint-ignore no-explicit-any
  const o = v as any;
  return typeof o.message === "string" &&
    (typeof o.stack === "string" || typeof o.name === "string");
}

function errorName(e: Error): string {
  let name: unknown;
  let ctor: unknown;
  try {
    name = e.name;
    ctor = (e.constructor as { name?: unknown } | undefined)?.name;
  } catch {
    // exotic getters
  }
  if (typeof name === "string" && name !== "" && name !== "Error") return name;
  if (typeof ctor === "string" && ctor !== "" && ctor !== "Object") return ctor;
  return typeof name === "string" && name !== "" ? name : "Error";
}

function safeString(v: unknown): string {
  try {
    if (typeof v === "string") return v;
    if (typeof v === "object" && v !== null) {
      const proto = Object.getPrototypeOf(v);
      if (Array.isArray(v) || proto === Object.prototype || proto === null) {
        const json = JSON.stringify(v);
        if (typeof json === "string") return json;
      }
    }
    return String(v);
  } catch {
    try {
      return Object.prototype.toString.call(v);
    } catch {
      return "<unprintable value>";
    }
  }
}

function only(name: string, value: string): string {
  if (COLORIZE) {
    return (value === ""
      ? `\x1b[1;35m${name}\x1b[0m`
      : `\x1b[1;35m${name}\x1b[0m: \x1b[35m${value}\x1b[0m`) + "\n";
  }
  return (value === "" ? name : `${name}: ${value}`) + "\n";
}

function build(v: unknown, seen: Set<unknown>): TbException {
  seen.add(v);
  if (!isErrorLike(v)) {
    // Not an exception: shown as if `new Error(String(v))` had been thrown, with no traceback.
    return {
      frames: [],
      only: only("Error", safeString(v)),
      cause: null,
      implicit: false,
      exceptions: null,
    };
  }
  let stack: unknown;
  let message: unknown;
  let cause: unknown;
  let errors: unknown;
  try {
    stack = v.stack;
    message = v.message;
    cause = (v as { cause?: unknown }).cause;
    errors = (v as { errors?: unknown }).errors;
  } catch {
    // exotic getters
  }
  const name = errorName(v);
  let msg = message === undefined ? "" : safeString(message);
  let exceptions: TbException[] | null = null;
  if (Array.isArray(errors) && errors.length > 0) {
    exceptions = [];
    for (const sub of errors) {
      if (!seen.has(sub)) exceptions.push(build(sub, seen));
    }
    const k = errors.length;
    msg = `${msg} (${k} sub-exception${k > 1 ? "s" : ""})`;
  }
  let causeTb: TbException | null = null;
  let implicit = false;
  if (isErrorLike(cause) && !seen.has(cause)) causeTb = build(cause, seen);
  else {
    // Python's implicit chaining: an error raised while handling another (`__context__`).
    const context = (v as { __context__?: unknown }).__context__;
    if (isErrorLike(context) && !seen.has(context)) {
      causeTb = build(context, seen);
      implicit = true;
    }
  }
  // Python 3.11's exception notes (`add_note`), one line each after the error line.
  let notes = "";
  try {
    const n = (v as { __notes__?: unknown }).__notes__;
    if (Array.isArray(n)) { for (const note of n) notes += safeString(note) + "\n"; }
  } catch {
    // exotic getters
  }
  return {
    frames: typeof stack === "string" ? parseStack(stack).reverse() : [],
    only: only(name, msg) + notes,
    cause: causeTb,
    implicit,
    exceptions,
  };
}

/** Python's _ExceptionPrintContext. */
class PrintContext {
  depth = 0;
  needClose = false;
  indent(): string {
    return " ".repeat(2 * this.depth);
  }
  emit(text: string, margin = "|"): string {
    let prefix = this.indent();
    if (this.depth) prefix += margin + " ";
    if (!prefix) return text;
    // textwrap.indent(text, prefix, lambda line: True): every line, blank ones included.
    return text.replace(/[^\n]*\n|[^\n]+$/g, (line) => prefix + line);
  }
}

function format(te: TbException, ctx: PrintContext): string {
  // Python: (message linking exc to its cause, exc), printed from the deepest cause up.
  const chain: Array<[string | null, TbException]> = [];
  for (let cur: TbException | null = te; cur; cur = cur.cause) {
    chain.push([cur.cause ? (cur.implicit ? CONTEXT_MESSAGE : CAUSE_MESSAGE) : null, cur]);
  }
  let out = "";
  for (let i = chain.length - 1; i >= 0; i--) {
    const [msg, exc] = chain[i];
    if (msg !== null) out += ctx.emit(msg);
    if (exc.exceptions === null) {
      if (exc.frames.length) {
        out += ctx.emit("Traceback (most recent call last):\n");
        out += ctx.emit(formatFrames(exc.frames));
      }
      out += ctx.emit(exc.only);
    } else if (ctx.depth > MAX_GROUP_DEPTH) {
      out += ctx.emit(`... (max_group_depth is ${MAX_GROUP_DEPTH})\n`);
    } else {
      const top = ctx.depth === 0;
      if (top) ctx.depth++;
      if (exc.frames.length) {
        out += ctx.emit(
          "Exception Group Traceback (most recent call last):\n",
          top ? "+" : undefined,
        );
        out += ctx.emit(formatFrames(exc.frames));
      }
      out += ctx.emit(exc.only);
      const subs = exc.exceptions;
      const k = subs.length <= MAX_GROUP_WIDTH ? subs.length : MAX_GROUP_WIDTH + 1;
      ctx.needClose = false;
      for (let j = 0; j < k; j++) {
        const last = j === k - 1;
        if (last) ctx.needClose = true;
        const truncated = j >= MAX_GROUP_WIDTH;
        const title = truncated ? "..." : String(j + 1);
        out += ctx.indent() + (j === 0 ? "+-" : "  ") +
          `+---------------- ${title} ----------------\n`;
        ctx.depth++;
        if (!truncated) out += format(subs[j], ctx);
        else {
          const remaining = subs.length - MAX_GROUP_WIDTH;
          out += ctx.emit(`and ${remaining} more exception${remaining > 1 ? "s" : ""}\n`);
        }
        if (last && ctx.needClose) {
          out += ctx.indent() + "+------------------------------------\n";
          ctx.needClose = false;
        }
        ctx.depth--;
      }
      if (top) ctx.depth = 0;
    }
  }
  return out;
}

/**
 * Python's `traceback.print_exception` text for a caught JavaScript value, as `logging` writes it
 * for `exc_info` (without the trailing newline):
 *
 * - an `Error`: `Traceback (most recent call last):`, one `  File "<path>", line N, in <func>` line
 *   per stack frame, outermost first, then `Name: message` (`Name` alone for an empty message). An
 *   error without parseable frames prints only the last line, as a never-raised Python exception.
 * - `cause` (an Error): rendered first, then Python's `raise ... from` separator
 *   (`The above exception was the direct cause of the following exception:`); cycles are cut.
 *   A `cause` that is not an Error (plain data) is not shown.
 * - `AggregateError` (any error with a non-empty `errors` array): Python's `ExceptionGroup`
 *   layout, `Name: message (N sub-exceptions)` and one numbered block per member.
 * - any other thrown value: one line `Error: <value>` (strings as they are, plain objects and
 *   arrays as JSON, anything else through `String()`).
 *
 * With `colorize`, Python 3.13's coloured traceback (`traceback.print_exception(...,
 * colorize=True)`): file, line and function in magenta, the error's name in bold magenta and its
 * message in magenta.
 *
 * @example
 * ```ts
 * import { formatException } from "@pylog/logging/formatters";
 * const err = new Error("disk full");
 * err.stack = "Error: disk full\n    at save (file:///app/db.ts:10:5)\n    at file:///app/main.ts:3:1";
 * console.log(formatException(err));
 * // Traceback (most recent call last):
 * //   File "/app/main.ts", line 3, in <module>
 * //   File "/app/db.ts", line 10, in save
 * // Error: disk full
 * ```
 */
export function formatException(err: unknown, colorize = false): string {
  COLORIZE = colorize;
  try {
    const text = format(build(err, new Set()), new PrintContext());
    return text.endsWith("\n") ? text.slice(0, -1) : text;
  } finally {
    COLORIZE = false;
  }
}

/** Python 3.13's `colorize=True`: file, line, function and the error line in ANSI colours. */
let COLORIZE = false;
