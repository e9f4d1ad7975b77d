/**
 * Context on records: structlog's context-local binding (`bind_contextvars`, `bound_contextvars`,
 * `unbind_contextvars`, `clear_contextvars`, `get_contextvars`, `reset_contextvars`,
 * `merge_contextvars`, with structlog 26's semantics) and {@linkcode ContextVarsFilter}, the
 * logging filter that copies bound values and chosen context variables onto every record it sees,
 * so that `%(request_id)s`, `{request_id}` and every formatter can show them.
 *
 * @module
 */

import { KeyError } from "../py/errors.ts";
import { pyTypeName } from "../py/repr.ts";
import { LogRecord, RECORD_ATTRIBUTES } from "../record.ts";
import { slot } from "../state.ts";
import {
  type ContextData,
  ContextVar,
  currentFrame,
  ELLIPSIS,
  neverUsed,
  runInFrame,
  type Token,
  writeData,
} from "./contextvars.ts";

/** structlog's prefix of the names of the context variables it creates. */
const PREFIX = "structlog_";

/** structlog's `Ellipsis`: the value of an unbound key's variable. */
const UNBOUND = ELLIPSIS;

/** structlog's `_CONTEXT_VARS`: one variable per bound key, shared by every copy of the module. */
function registry(): Map<string, ContextVar<unknown>> {
  return slot("structlogContextVars", () => new Map<string, ContextVar<unknown>>());
}

/** The variables of the structlog registry, to tell them apart in a context's data. */
function bindingVar(key: string): ContextVar<unknown> {
  const known = BY_KEY.get(key);
  if (known !== undefined) return known;
  const vars = registry();
  let v = vars.get(PREFIX + key);
  if (v === undefined) {
    v = new ContextVar<unknown>(PREFIX + key, { default: UNBOUND });
    vars.set(PREFIX + key, v);
    BOUND_NAMES.set(v, key);
  }
  BY_KEY.set(key, v);
  return v;
}

/**
 * The registry's variables by bare key, as this copy of the module found them: the registry never
 * replaces or drops a variable, so an entry stays right, and a bind spares building and hashing
 * `structlog_<key>` per call.
 */
const BY_KEY = new Map<string, ContextVar<unknown>>();

/** Bound key by variable, for the variables this copy of the module has seen. */
const BOUND_NAMES = new WeakMap<ContextVar<unknown>, string>();

function keyOf(v: ContextVar<unknown>): string | undefined {
  const known = BOUND_NAMES.get(v);
  if (known !== undefined) return known;
  if (!v.name.startsWith(PREFIX) || registry().get(v.name) !== v) return undefined;
  const key = v.name.slice(PREFIX.length);
  BOUND_NAMES.set(v, key);
  return key;
}

function checkMapping(kw: unknown, fn: string): asserts kw is Record<string, unknown> {
  if (kw === null || typeof kw !== "object" || Array.isArray(kw)) {
    throw new TypeError(`${fn}() argument after ** must be a mapping, not ${pyTypeName(kw)}`);
  }
}

/**
 * Binds `kw`'s keys and values in the current context, as structlog's `bind_contextvars(**kw)`:
 * every record logged later in this context (across its `await`s) carries them, through a
 * {@linkcode ContextVarsFilter}. Returns the tokens that {@linkcode reset_contextvars} restores.
 *
 * @example
 * ```ts
 * import { bind_contextvars } from "@pylog/logging/context";
 * bind_contextvars({ request_id: "r-17", user: "ann" });
 * ```
 */
export function bind_contextvars(kw: Record<string, unknown>): Record<string, Token<unknown>> {
  checkMapping(kw, "bind_contextvars");
  const rv: Record<string, Token<unknown>> = {};
  for (const key of Object.keys(kw)) rv[key] = bindingVar(key).set(kw[key]);
  return rv;
}

/**
 * Restores the keys to what they were before the {@linkcode bind_contextvars} call that returned
 * `tokens`, as structlog's `reset_contextvars(**tokens)`.
 *
 * @example
 * ```ts
 * import { bind_contextvars, reset_contextvars } from "@pylog/logging/context";
 * const tokens = bind_contextvars({ user: "ann" });
 * reset_contextvars(tokens);
 * ```
 */
export function reset_contextvars(tokens: Record<string, Token<unknown>>): void {
  checkMapping(tokens, "reset_contextvars");
  for (const key of Object.keys(tokens)) {
    const v = registry().get(PREFIX + key);
    if (v === undefined) {
      throw new KeyError(PREFIX + key);
    }
    v.reset(tokens[key]);
  }
}

/**
 * Removes `keys` from the current context where bound, as structlog's `unbind_contextvars(*keys)`.
 *
 * @example
 * ```ts
 * import { bind_contextvars, unbind_contextvars } from "@pylog/logging/context";
 * bind_contextvars({ user: "ann", step: 1 });
 * unbind_contextvars("step");
 * ```
 */
export function unbind_contextvars(...keys: string[]): void {
  const vars = registry();
  for (const key of keys) {
    const v = vars.get(PREFIX + key);
    if (v !== undefined) v.set(UNBOUND);
  }
}

/**
 * Unbinds every key bound in the current context, as structlog's `clear_contextvars()` (call it
 * when a request starts).
 *
 * @example
 * ```ts
 * import { clear_contextvars } from "@pylog/logging/context";
 * clear_contextvars();
 * ```
 */
export function clear_contextvars(): void {
  const data = currentFrame().data;
  let next: Map<ContextVar<unknown>, unknown> | null = null;
  for (const v of data.keys()) {
    if (v.name.startsWith(PREFIX)) (next ??= new Map(data)).set(v, UNBOUND);
  }
  if (next !== null) writeData(next);
}

/**
 * The keys bound in the current context and their values, as structlog's `get_contextvars()`.
 *
 * @example
 * ```ts
 * import { bind_contextvars, get_contextvars } from "@pylog/logging/context";
 * bind_contextvars({ user: "ann" });
 * get_contextvars(); // { user: "ann" }
 * ```
 */
export function get_contextvars(): Record<string, unknown> {
  return boundOf(currentFrame().data);
}

function boundOf(data: ContextData): Record<string, unknown> {
  const rv: Record<string, unknown> = {};
  for (const [v, value] of data) {
    if (value !== UNBOUND && v.name.startsWith(PREFIX)) {
      rv[v.name.slice(PREFIX.length)] = value;
    }
  }
  return rv;
}

/**
 * structlog's `merge_contextvars` processor: adds the bound keys to `event_dict` where it has no
 * value of its own, and returns it.
 *
 * @example
 * ```ts
 * import { bind_contextvars, merge_contextvars } from "@pylog/logging/context";
 * bind_contextvars({ user: "ann" });
 * merge_contextvars(null, "info", { event: "hi" }); // { event: "hi", user: "ann" }
 * ```
 */
export function merge_contextvars(
  _logger: unknown,
  _method_name: string,
  event_dict: Record<string, unknown>,
): Record<string, unknown> {
  const bound = get_contextvars();
  for (const key of Object.keys(bound)) {
    if (!Object.hasOwn(event_dict, key)) event_dict[key] = bound[key];
  }
  return event_dict;
}

/**
 * Runs `fn` with `kw` bound, as structlog's `with bound_contextvars(**kw):`. Afterwards the keys of
 * `kw` are restored (to their values before the block, or unbound); keys the block bound on its own
 * stay bound, as in structlog, when `fn` is synchronous. An asynchronous `fn` runs in a scope of its
 * own: nothing it binds outlives it (see docs/DIVERGENCES.md). Returns what `fn` returns.
 *
 * @example
 * ```ts
 * import { bound_contextvars, getLogger } from "@pylog/logging";
 * await bound_contextvars({ request_id: "r-17" }, async () => {
 *   getLogger("app").info("handled"); // carries request_id
 * });
 * ```
 */
export function bound_contextvars<R>(kw: Record<string, unknown>, fn: () => R): R {
  checkMapping(kw, "bound_contextvars");
  if (typeof fn !== "function") throw new TypeError("bound_contextvars needs a function to run");
  const frame = currentFrame();
  const keys = Object.keys(kw);
  const before = frame.data;
  const inner = new Map(before);
  for (const key of keys) inner.set(bindingVar(key), kw[key]);
  let after: ContextData = inner;
  let threw = true;
  let result: R;
  try {
    result = runInFrame({ ctx: frame.ctx, data: inner, task: frame.task }, () => {
      try {
        return fn();
      } finally {
        after = currentFrame().data;
      }
    });
    threw = false;
  } finally {
    if (threw || !isThenable(result!)) {
      // structlog's finally: unbind kw's keys, bind again those that were bound before
      const next = new Map(after);
      for (const key of keys) {
        const v = bindingVar(key);
        const old = before.get(v);
        next.set(v, before.has(v) && old !== UNBOUND ? old : UNBOUND);
      }
      writeData(next);
    }
  }
  return result!;
}

function isThenable(v: unknown): boolean {
  return v !== null && (typeof v === "object" || typeof v === "function") &&
    typeof (v as { then?: unknown }).then === "function";
}

/** What a {@linkcode ContextVarsFilter} adds for one context's data: `[attribute, value]` pairs. */
type Pairs = readonly (readonly [string, unknown])[];

/**
 * Keys a record always has (its attributes, set by the constructor or read through its class):
 * they win over bound values, so they are left out of the pairs once, not checked per record.
 */
let recordKeys: Set<string> | undefined;
function neverCopied(key: string): boolean {
  if (recordKeys === undefined) {
    recordKeys = new Set(["message", "asctime", ...RECORD_ATTRIBUTES]);
    for (let p = LogRecord.prototype; p !== null; p = Object.getPrototypeOf(p)) {
      for (const k of Object.getOwnPropertyNames(p)) recordKeys.add(k);
    }
  }
  return recordKeys.has(key);
}

/**
 * A logging filter (Python's idiom for context on records) that copies the current context onto
 * each record: every key bound with {@linkcode bind_contextvars} (unless `bound: false`) and the
 * chosen context variables (`vars`: a list, each copied under its name, or an object of attribute
 * name to variable). A value the record already has (its own attributes, `extra`) wins. Add it to
 * the handlers whose output should show the context; it never drops a record.
 *
 * @example
 * ```ts
 * import { bind_contextvars, ContextVarsFilter } from "@pylog/logging/context";
 * import { basicConfig, getLogger, root } from "@pylog/logging";
 * basicConfig({ format: "%(levelname)s [%(request_id)s] %(message)s" });
 * root.handlers[0].addFilter(new ContextVarsFilter());
 * bind_contextvars({ request_id: "r-17" });
 * getLogger("app").warning("slow"); // WARNING [r-17] slow
 * ```
 */
export class ContextVarsFilter {
  /** Whether structlog-style bound keys are copied. */
  readonly bound: boolean;
  /** The chosen variables, by the attribute they are copied to. */
  readonly vars: ReadonlyMap<string, ContextVar<unknown>>;
  #lastData: ContextData | undefined;
  #lastPairs: Pairs = [];
  /**
   * The pairs of the last few contexts seen (a few requests interleaving their records), by
   * identity, replaced in turn. A small ring rather than a `WeakMap` keyed by every context: one
   * new context per request made each a weak entry, and the garbage collector's cost of those
   * entries was the largest part of a request's cost on Deno. At most four past contexts' values
   * stay reachable through a filter until newer ones replace them.
   */
  #ringData: (ContextData | undefined)[] = [undefined, undefined, undefined, undefined];
  #ringPairs: Pairs[] = [[], [], [], []];
  #ringNext = 0;

  /** Creates the filter (see the class description for `vars` and `bound`). */
  constructor(
    options: {
      vars?: readonly ContextVar<unknown>[] | Record<string, ContextVar<unknown>>;
      bound?: boolean;
    } = {},
  ) {
    this.bound = options.bound ?? true;
    const vars = new Map<string, ContextVar<unknown>>();
    const given = options.vars ?? [];
    const entries: [string, unknown][] = Array.isArray(given)
      ? given.map((v) => [(v as ContextVar<unknown>)?.name, v])
      : Object.entries(given);
    for (const [name, v] of entries) {
      if (!(v instanceof ContextVar)) {
        throw new TypeError(`a ContextVar was expected, got ${pyTypeName(v)}`);
      }
      vars.set(name, v);
    }
    this.vars = vars;
  }

  /**
   * Adds the context's values the record does not have yet; always keeps the record.
   *
   * @example
   * ```ts
   * import { ContextVarsFilter } from "@pylog/logging/context";
   * import { makeLogRecord } from "@pylog/logging";
   * new ContextVarsFilter().filter(makeLogRecord({ msg: "x" })); // true
   * ```
   */
  filter(record: LogRecord): true {
    if (this.vars.size === 0 && neverUsed()) return true;
    const data = currentFrame().data;
    if (data.size === 0 && this.vars.size === 0) return true;
    let pairs: Pairs;
    if (data === this.#lastData) pairs = this.#lastPairs;
    else {
      pairs = this.#cached(data) ?? this.#pairsFor(data);
      this.#lastData = data;
      this.#lastPairs = pairs;
    }
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i];
      // `extra` and earlier filters may have set the key: theirs wins
      if (!Object.hasOwn(record, pair[0])) record[pair[0]] = pair[1];
    }
    return true;
  }

  #pairsFor(data: ContextData): Pairs {
    const out: [string, unknown][] = [];
    const seen = this.vars.size === 0 ? null : new Set<string>();
    for (const [name, v] of this.vars) {
      if (neverCopied(name)) continue;
      let value: unknown;
      try {
        value = v.get(); // this context's value, else the variable's default
      } catch {
        continue; // neither: left off
      }
      out.push([name, value]);
      seen!.add(name);
    }
    if (this.bound) {
      for (const [v, value] of data) {
        if (value === UNBOUND) continue;
        const key = keyOf(v);
        if (key === undefined || seen?.has(key) || neverCopied(key)) continue;
        out.push([key, value]);
      }
    }
    const i = this.#ringNext;
    this.#ringData[i] = data;
    this.#ringPairs[i] = out;
    this.#ringNext = (i + 1) & 3;
    return out;
  }

  #cached(data: ContextData): Pairs | undefined {
    const ring = this.#ringData;
    for (let i = 0; i < 4; i++) if (ring[i] === data) return this.#ringPairs[i];
    return undefined;
  }
}
