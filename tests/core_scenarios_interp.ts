// The TypeScript interpreter of the core differential scenarios (the Python one is
// scripts/gen_core_fixtures.py; keep the two in step). Not a test file by itself.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as logging from "../mod.ts";
import { gmtime } from "../formatters/mod.ts";
import { checkLevel } from "../levels.ts";
import {
  BufferingFormatter,
  Filter,
  Formatter,
  Handler,
  Logger,
  LoggerAdapter,
  type LogKwargs,
  LogRecord,
  type LogRecordFactory,
  PlaceHolder,
  root,
  StreamHandler,
} from "../mod.ts";
import { KeyError, ValueError } from "../py/errors.ts";
import { AttributeError, IndexError } from "../py/errors.ts";
import { pyStr } from "../py/repr.ts";
import { handlerRegistry } from "../handlers/handler.ts";
import { flushAllSinksSync } from "../handlers/sink.ts";
import { type NodeFs, nodeFs } from "../runtime.ts";

// deno-lint-ignore no-explicit-any
type Any = any;
type Op = Record<string, Any>;

/** What a scenario produced. */
export interface Outcome {
  results: unknown[];
  streams: Record<string, string>;
  stderr: string;
}

/** One scenario of the fixture. */
export interface Fixture {
  name: string;
  item: string;
  ops: Op[];
  tb?: boolean;
  py?: string;
  expect: Outcome;
}

const FIXED = {
  created: 1700000000.5,
  msecs: 500,
  relativeCreated: 1234.5,
  process: 4242,
  thread: 0,
};

const fixedFactory: LogRecordFactory = (...a) => {
  const r = new LogRecord(...(a as ConstructorParameters<typeof LogRecord>));
  Object.assign(r, FIXED);
  return r;
};

/** Python's `reset()` of the generator: logging as after import, plus the scenarios' fixed clock. */
export function reset(): void {
  logging.resetLogging();
  logging.setLogRecordFactory(fixedFactory);
  Formatter.converter = gmtime;
}

// --- global state around the whole file (Bun shares module state between test files) ---

/** Before the scenarios run: nothing to save, the file leaves logging as a fresh import has it. */
export function saveBeforeAll(): void {}

/** After the scenarios: logging as a fresh import has it. */
export function restoreAfterAll(): void {
  logging.resetLogging();
}

// --- stderr capture ---------------------------------------------------------------------------

interface Capture {
  text(): string;
  restore(): void;
}

/** Captures what the library writes to fd 2 (it writes through `node:fs`'s `writeSync`). */
function captureStderr(): Capture {
  flushAllSinksSync();
  const fs = nodeFs() as NodeFs & { writeSync: Any };
  const original = fs.writeSync;
  let text = "";
  const decoder = new TextDecoder();
  fs.writeSync = function (fd: number, buf: Any, off?: number, len?: number): number {
    if (fd !== 2) return original.call(fs, fd, buf, off, len);
    if (typeof buf === "string") {
      text += buf;
      return buf.length;
    }
    const start = off ?? 0;
    const n = len ?? buf.length - start;
    text += decoder.decode(buf.subarray(start, start + n));
    return n;
  };
  return {
    text: () => {
      flushAllSinksSync();
      return text;
    },
    restore: () => {
      flushAllSinksSync();
      fs.writeSync = original;
    },
  };
}

// --- helper classes mirroring the generator's -------------------------------------------------

const EXC: Record<string, new (m: string) => Error> = {
  ValueError,
  KeyError: KeyError as unknown as new (m: string) => Error,
  TypeError,
  IndexError,
};

function makeExc(spec: [string, string]): Error {
  return new EXC[spec[0]](spec[1]);
}

class MyLogger extends Logger {}
class Foo {}

class StringCapture {
  value = "";
  write(s: string): void {
    this.value += s;
  }
}

class RecordingHandler extends Handler {
  readonly hid: string;
  readonly cap: StringCapture;
  readonly flushRaises: [string, string] | null;
  constructor(hid: string, cap: StringCapture, flushRaises: [string, string] | null) {
    super();
    this.hid = hid;
    this.cap = cap;
    this.flushRaises = flushRaises;
  }
  override emit(record: LogRecord): void {
    this.cap.write(`emit ${this.hid} ${this.format(record)}\n`);
  }
  override flush(): void {
    this.cap.write(`flush ${this.hid}\n`);
    if (this.flushRaises) throw makeExc(this.flushRaises);
  }
  override close(): void {
    this.cap.write(`close ${this.hid}\n`);
    super.close();
  }
}

class RaisingHandler extends Handler {
  // plain fields, not parameter properties: Node's type stripping rejects those
  readonly exc: [string, string];
  constructor(exc: [string, string]) {
    super();
    this.exc = exc;
  }
  override emit(_record: LogRecord): void {
    throw makeExc(this.exc);
  }
}

class CustomFormatter extends Formatter {
  override formatException(ei: Any): string {
    return `EXC ${ei[0].name} ${pyStr(ei[1])}`;
  }
  override formatStack(stack_info: string): string {
    return "STK " + stack_info;
  }
}

class HeaderBuffering extends BufferingFormatter {
  override formatHeader(records: readonly LogRecord[]): string {
    return `H${records.length}|`;
  }
  override formatFooter(records: readonly LogRecord[]): string {
    return `|F${records.length}`;
  }
}

class TagAdapter extends LoggerAdapter {
  override process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
    return [`[${(this.extra as Any).tag}] ${pyStr(msg)}`, kwargs];
  }
}

function makeFilter(spec: Op): Any {
  switch (spec.kind) {
    case "name":
      return "name" in spec ? new Filter(spec.name) : new Filter();
    case "cmp":
      return (r: Any) => {
        const v = r[spec.attr];
        const x = spec.value;
        return { ">=": v >= x, "<": v < x, "==": v === x, "!=": v !== x }[spec.cmp as string];
      };
    case "object":
      return { filter: (r: LogRecord) => r.levelno >= spec.min };
    case "const":
      return () => spec.value;
    case "set":
      return (r: Any) => {
        Object.assign(r, spec.set);
        return true;
      };
    case "replace":
      return (r: LogRecord) => {
        const rv = logging.makeLogRecord(r.toDict());
        Object.assign(rv, spec.set);
        return rv;
      };
  }
  throw new Error("unknown filter " + spec.kind);
}

function jsonable(v: unknown): unknown {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(jsonable);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonable(x)]));
  }
  return v;
}

function log_via_c(logger: Any, method: string, msg: unknown, args: unknown[], kw: Op): void {
  logger[method](msg, ...args, ...(Object.keys(kw).length ? [kw] : []));
}
function log_via_b(logger: Any, method: string, msg: unknown, args: unknown[], kw: Op): void {
  log_via_c(logger, method, msg, args, kw);
}
function log_via_a(logger: Any, method: string, msg: unknown, args: unknown[], kw: Op): void {
  log_via_b(logger, method, msg, args, kw);
}

/** Python's `dict[key]`: a missing object is a KeyError, as in the generator. */
function need<T>(map: Map<string, T>, key: string): T {
  if (!map.has(key)) throw new KeyError(key);
  return map.get(key) as T;
}

class Interp {
  caps = new Map<string, StringCapture>();
  handlers = new Map<string, Any>();
  formatters = new Map<string, Any>();
  records = new Map<string, Any>();
  adapters = new Map<string, Any>();
  readonly tmpdir: string;
  constructor(tmpdir: string) {
    this.tmpdir = tmpdir;
  }
  cap(name: string): StringCapture {
    let c = this.caps.get(name);
    if (c === undefined) this.caps.set(name, c = new StringCapture());
    return c;
  }
  logger(op: Op): Any {
    const name = op.logger;
    if (typeof name === "string" && name.startsWith("@")) return this.adapters.get(name.slice(1));
    return logging.getLogger(name);
  }
  target(op: Op): Any {
    return "handler" in op ? this.handlers.get(op.handler) : this.logger(op);
  }
}

/** Calls `fn(msg, ...args)` with the trailing keyword object only when there are keywords. */
function call(fn: Any, self: Any, head: unknown[], args: unknown[], kw: Op | undefined): void {
  const rest = kw && Object.keys(kw).length > 0 ? [kw] : [];
  fn.call(self, ...head, ...args, ...rest);
}

function withExc<T>(spec: [string, string], fn: (e: Error) => T): T {
  try {
    throw makeExc(spec);
  } catch (e) {
    return fn(e as Error);
  }
}

function run_op(it: Interp, op: Op): unknown {
  switch (op.op) {
    case "formatter": {
      const Cls = op.class === "custom" ? CustomFormatter : Formatter;
      const o: Op = {};
      for (const k of ["fmt", "datefmt", "style", "validate", "defaults"]) {
        if (k in op) o[k] = op[k];
      }
      const f = new Cls(o);
      if ("default_time_format" in op) f.default_time_format = op.default_time_format;
      if ("default_msec_format" in op) f.default_msec_format = op.default_msec_format;
      it.formatters.set(op.id, f);
      return null;
    }
    case "handler": {
      const kind = op.kind ?? "stream";
      let h: Any;
      if (kind === "stream") h = new StreamHandler(it.cap(op.stream));
      else if (kind === "stderr") h = new StreamHandler();
      else if (kind === "null") h = new logging.NullHandler();
      else if (kind === "recording") {
        h = new RecordingHandler(op.id, it.cap(op.stream), op.flush_raises ?? null);
      } else if (kind === "raising") h = new RaisingHandler(op.exc);
      else throw new Error(kind);
      if ("level" in op) h.setLevel(op.level);
      if ("formatter" in op) h.setFormatter(need(it.formatters, op.formatter));
      if ("terminator" in op) h.terminator = op.terminator;
      it.handlers.set(op.id, h);
      return null;
    }
    case "setFormatter":
      need(it.handlers, op.handler).setFormatter(
        op.formatter ? need(it.formatters, op.formatter) : null,
      );
      return null;
    case "addHandler":
      it.logger(op).addHandler(need(it.handlers, op.handler));
      return null;
    case "removeHandler":
      it.logger(op).removeHandler(need(it.handlers, op.handler));
      return null;
    case "setLevel":
      it.target(op).setLevel(op.level);
      return null;
    case "set":
      it.target(op)[op.attr] = op.value;
      return null;
    case "addFilter":
      it.target(op).addFilter(makeFilter(op.filter));
      return null;
    case "setStream": {
      const old = need(it.handlers, op.handler).setStream(it.cap(op.stream));
      if (old === null) return null;
      return [...it.caps].find(([, v]) => v === old)![0];
    }
    case "handler_repr":
      return String(need(it.handlers, op.handler));
    case "handler_name": {
      const h = need(it.handlers, op.handler);
      h.set_name(op.name);
      return [h.get_name(), h.name];
    }
    case "log": {
      const lg = it.logger(op);
      const method = op.method ?? "warning";
      const head = method === "log" ? [op.level, op.msg] : [op.msg];
      call(lg[method], lg, head, op.args ?? [], op.kwargs);
      return null;
    }
    case "log_nested":
      log_via_a(it.logger(op), op.method ?? "warning", op.msg, op.args ?? [], op.kwargs ?? {});
      return null;
    case "log_exc": {
      const lg = it.logger(op);
      const method = op.method ?? "exception";
      const mode = op.mode ?? "implicit";
      withExc(op.exc, (e) => {
        const exc_info = mode === "tuple" ? [e.constructor, e, e.stack ?? null] : e;
        lg[method](op.msg, ...(op.args ?? []), { exc_info });
      });
      return null;
    }
    case "module": {
      const fn = (logging as Any)[op.fn];
      const head = op.fn === "log" ? [op.level, op.msg] : [op.msg];
      if ("exc" in op) {
        withExc(op.exc, (e) => call(fn, null, head, op.args ?? [], { ...op.kwargs, exc_info: e }));
        return null;
      }
      call(fn, null, head, op.args ?? [], op.kwargs);
      return null;
    }
    case "basicConfig": {
      const kw: Op = { ...(op.kwargs ?? {}) };
      if ("stream" in kw && kw.stream !== null) kw.stream = it.cap(kw.stream);
      if ("handlers" in kw && kw.handlers !== null) {
        kw.handlers = kw.handlers.map((h: string) => need(it.handlers, h));
      }
      if ("filename" in kw && kw.filename) kw.filename = join(it.tmpdir, kw.filename);
      logging.basicConfig(kw);
      return null;
    }
    case "write_file":
      writeFileSync(join(it.tmpdir, op.name), op.text);
      return null;
    case "read_file":
      return (async () => {
        for (const h of root.handlers) await h.flush();
        const bytes = readFileSync(join(it.tmpdir, op.name));
        return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
      })();
    case "shutdown":
      return logging.shutdown().then(() => null);
    case "raiseExceptions":
      logging.setRaiseExceptions(op.value);
      return null;
    case "lastResort":
      if (op.value === "none") logging.setLastResort(null);
      else if (op.value === "handler") logging.setLastResort(need(it.handlers, op.handler));
      if ("level" in op) logging.getLastResort()!.setLevel(op.level);
      return null;
    case "addLevelName":
      logging.addLevelName(op.level, op.name);
      return null;
    case "getLevelName":
      return logging.getLevelName(op.level);
    case "getLevelNamesMapping":
      return Object.entries(logging.getLevelNamesMapping());
    case "checkLevel":
      return checkLevel(op.level);
    case "disable":
      if ("level" in op) logging.disable(op.level);
      else logging.disable();
      return null;
    case "constants": {
      const out: Record<string, unknown> = {};
      for (
        const k of ["CRITICAL", "FATAL", "ERROR", "WARNING", "WARN", "INFO", "DEBUG", "NOTSET"]
      ) {
        out[k] = (logging as Any)[k];
      }
      return out;
    }
    case "query":
      return query(it, op);
    case "getLogger": {
      const lg = "name" in op ? logging.getLogger(op.name) : logging.getLogger();
      return [lg.name, lg === root, lg.constructor.name];
    }
    case "getChild": {
      const c = it.logger(op).getChild(op.suffix);
      return [c.name, c === root ? true : c === logging.getLogger(c.name)];
    }
    case "setLoggerClass":
      logging.setLoggerClass(({ MyLogger, Logger, Foo } as Any)[op.cls]);
      return null;
    case "managerSetLoggerClass":
      root.manager.setLoggerClass(({ MyLogger, Foo } as Any)[op.cls]);
      return null;
    case "adapter": {
      const Cls = op.class === "tag" ? TagAdapter : LoggerAdapter;
      it.adapters.set(op.id, new Cls(it.logger(op), op.extra ?? null));
      return null;
    }
    case "makeLogRecord":
      it.records.set(op.id, logging.makeLogRecord(structuredClone(op.dict)));
      return null;
    case "LogRecord": {
      const a = op.a;
      it.records.set(op.id, new LogRecord(a[0], a[1], a[2], a[3], a[4], a[5], null, ...a.slice(6)));
      return null;
    }
    case "recordAttr": {
      const r = need(it.records, op.record);
      if (!(op.attr in r)) {
        throw new AttributeError(`'LogRecord' object has no attribute '${op.attr}'`);
      }
      return jsonable(r[op.attr]);
    }
    case "getMessage":
      return need(it.records, op.record).getMessage();
    case "record_repr":
      return String(need(it.records, op.record));
    case "format":
      return need(it.formatters, op.formatter).format(need(it.records, op.record));
    case "formatTime": {
      const f = need(it.formatters, op.formatter);
      const r = need(it.records, op.record);
      return "datefmt" in op ? f.formatTime(r, op.datefmt) : f.formatTime(r);
    }
    case "formatMessage": {
      const r = need(it.records, op.record);
      r.message = r.getMessage();
      return need(it.formatters, op.formatter).formatMessage(r);
    }
    case "usesTime":
      return need(it.formatters, op.formatter).usesTime();
    case "format_exc": {
      const f = need(it.formatters, op.formatter);
      const r = withExc(
        op.exc,
        (e) =>
          logging.makeLogRecord({ msg: op.msg ?? "failed", exc_info: [e.constructor, e, e.stack] }),
      );
      return f.format(r);
    }
    case "bufferingFormat": {
      const Cls = op.class === "header" ? HeaderBuffering : BufferingFormatter;
      const lf = op.linefmt ? need(it.formatters, op.linefmt) : null;
      return new Cls(lf).format(op.records.map((r: string) => need(it.records, r)));
    }
  }
  throw new Error("unknown op " + op.op);
}

function query(it: Interp, op: Op): unknown {
  const t = it.target(op);
  switch (op.what) {
    case "getEffectiveLevel":
      return t.getEffectiveLevel();
    case "isEnabledFor":
      return t.isEnabledFor(op.level);
    case "hasHandlers":
      return t.hasHandlers();
    case "repr":
      return String(t);
    case "parent":
      return t.parent ? t.parent.name : null;
    case "name":
    case "level":
    case "propagate":
    case "disabled":
      return t[op.what];
    case "handlers":
      return t.handlers.length;
    case "handlerLevels":
      return t.handlers.map((h: Handler) => h.level);
    case "loggerDict":
      return [...root.manager.loggerDict].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map((
        [k, v],
      ) => [k, v instanceof PlaceHolder ? "PlaceHolder" : v.constructor.name]);
    case "placeholderChildren":
      return [...(root.manager.loggerDict.get(op.name) as PlaceHolder).loggerMap].map((l) => l.name)
        .sort();
    case "className":
      return t.constructor.name;
    case "sameManager":
      return t.manager === root.manager;
    case "rootHandlerFormat":
      return root.handlers.map((h) => h.formatter ? h.formatter._fmt : null);
    case "rootHandlerKinds":
      return root.handlers.map((h) => h.constructor.name);
  }
  throw new Error("unknown query " + op.what);
}

/** Runs one scenario from a fresh logging state and returns what it produced. */
export async function runScenario(sc: Fixture): Promise<Outcome> {
  reset();
  const reg = handlerRegistry();
  const before = new Set(reg.list);
  const dir = mkdtempSync(join(tmpdir(), "pylog-core-"));
  const it = new Interp(dir);
  const results: unknown[] = [];
  const cap = captureStderr();
  let stderr = "";
  try {
    for (const op of sc.ops) {
      try {
        let r = run_op(it, op);
        if (r instanceof Promise) r = await r;
        results.push(jsonable(r));
      } catch (e) {
        const err = e as Error;
        results.push({ error: [err?.name ?? typeof e, err?.message ?? String(e)] });
      }
    }
    stderr = cap.text();
  } finally {
    cap.restore();
    for (const h of [...root.handlers]) {
      root.removeHandler(h);
      if (h instanceof logging.FileHandler) h.close();
    }
    reg.list = reg.list.filter((r) => before.has(r));
    rmSync(dir, { recursive: true, force: true });
  }
  const streams: Record<string, string> = {};
  for (const [k, v] of it.caps) streams[k] = v.value;
  return { results, streams, stderr };
}
