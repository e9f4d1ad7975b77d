/**
 * Python's `contextvars` (`ContextVar`, `Token`, `Context`, `copy_context`) on JavaScript's
 * `AsyncLocalStorage`: a value set while handling one request is seen by everything that request
 * runs later (after `await`, in timers, in promise callbacks) and never by concurrent requests.
 *
 * How the current context is kept, decided on first use (nothing happens at import):
 * - **`AsyncLocalStorage` with `enterWith`** (Deno, Bun, Node; found as `globalThis.AsyncLocalStorage`
 *   or through `process.getBuiltinModule("node:async_hooks")`): every `set()` enters a new frame
 *   for the rest of the current asynchronous chain, so a request that sets a value and awaits keeps
 *   its own value however its work interleaves with others'.
 * - **`AsyncLocalStorage` without `enterWith`** (Cloudflare Workers with `nodejs_als` or
 *   `nodejs_compat`): `set()` changes the frame of the enclosing `Context.run` in place; run each
 *   request inside `copyContext().run(...)` (or `createTask`) to keep requests apart.
 * - **No `AsyncLocalStorage`** (browsers, Workers without those flags): one synchronous current
 *   context; `Context.run` scopes it for the synchronous part of its function only.
 *
 * @module
 */

import { LookupError, RuntimeError, ValueError } from "../py/errors.ts";
import { KeyError } from "../py/errors.ts";
import { pyRepr } from "../py/repr.ts";
import { nodeBuiltin } from "../runtime.ts";
import { slot, state } from "../state.ts";

/** The values of one context: treated as immutable, replaced on every change. */
export type ContextData = ReadonlyMap<ContextVar<unknown>, unknown>;

/**
 * What the async-local storage holds: the context a chain runs in (its identity for tokens), its
 * current values and the name of its task.
 */
export interface Frame {
  /** The `Context` this frame belongs to (tokens compare it). */
  ctx: Context;
  /** The current values. */
  data: ContextData;
  /** The name the application gave the current task, else `null`. */
  task: string | null;
}

interface Als {
  getStore(): Frame | undefined;
  run<R>(store: Frame, fn: () => R): R;
  enterWith?(store: Frame): void;
}

interface ContextState {
  /** `null`: no AsyncLocalStorage in this runtime; `undefined`: not looked up yet. */
  als: Als | null | undefined;
  /** The main context's frame (what a chain sees before any `set()` or `run()`). */
  root: Frame | undefined;
  /** Without AsyncLocalStorage: the frame current right now. */
  current: Frame | undefined;
  /** Fake object addresses for Python's reprs. */
  nextAddress: number;
  /** Whether any value was ever set or any context run (until then every context is empty). */
  used?: boolean;
}

/** This copy's handle on the shared state (the same object in every copy of the module). */
let sharedState: ContextState | undefined;

function shared(): ContextState {
  return sharedState ??= slot<ContextState>(
    "contextvars",
    () => ({ als: undefined, root: undefined, current: undefined, nextAddress: 0 }),
  );
}

interface AlsConstructor {
  new (): Als;
}

/** The one `AsyncLocalStorage`, created on first use; `null` where the runtime has none. */
function storage(s: ContextState): Als | null {
  if (s.als !== undefined) return s.als;
  let Ctor = (globalThis as { AsyncLocalStorage?: AlsConstructor }).AsyncLocalStorage;
  if (typeof Ctor !== "function") {
    try {
      Ctor = nodeBuiltin<{ AsyncLocalStorage?: AlsConstructor }>("node:async_hooks")
        .AsyncLocalStorage;
    } catch {
      Ctor = undefined;
    }
  }
  let als: Als | null = null;
  if (typeof Ctor === "function") {
    try {
      als = new Ctor();
    } catch {
      als = null;
    }
  }
  if (als !== null && typeof als.enterWith === "function" && !entersWith(als)) {
    // workerd has the method but throws "not implemented": use the in-place mode
    const target = als;
    als = {
      getStore: () => target.getStore(),
      run: <R>(store: Frame, fn: () => R): R => target.run(store, fn),
    };
  }
  s.als = als;
  return als;
}

/** Whether `als.enterWith` works here, tried inside a `run()` so that nothing outside sees it. */
function entersWith(als: Als): boolean {
  const probe: Frame = { ctx: undefined as unknown as Context, data: EMPTY, task: null };
  try {
    return als.run(probe, () => {
      als.enterWith!({ ...probe });
      return als.getStore() !== probe;
    });
  } catch {
    return false;
  }
}

function rootFrame(s: ContextState): Frame {
  return (s.root ??= { ctx: new Context(), data: EMPTY, task: null });
}

const EMPTY: ContextData = new Map();

/** The frame the caller runs in right now. */
export function currentFrame(): Frame {
  const s = sharedState ?? shared();
  const als = s.als === undefined ? storage(s) : s.als;
  if (als !== null) return als.getStore() ?? s.root ?? rootFrame(s);
  return s.current ?? s.root ?? rootFrame(s);
}

/**
 * Whether every context is still empty because nothing was ever set (the filter's free exit when
 * the application binds nothing).
 */
export function neverUsed(): boolean {
  return (sharedState ?? shared()).used !== true;
}

/**
 * Replaces the current values (the one write path of `set`, `reset` and the bound helpers);
 * `frame`, when the caller holds it already, is the current frame (spares a second look-up).
 */
export function writeData(data: ContextData, frame?: Frame): void {
  const s = sharedState ?? shared();
  s.used = true;
  const als = s.als === undefined ? storage(s) : s.als;
  if (als !== null) {
    frame ??= als.getStore() ?? rootFrame(s);
    if (typeof als.enterWith === "function") {
      als.enterWith({ ctx: frame.ctx, data, task: frame.task });
      return;
    }
    frame.data = data;
    return;
  }
  (frame ?? s.current ?? rootFrame(s)).data = data;
}

/** Runs `fn` with `frame` current: for its whole asynchronous life where the runtime allows. */
export function runInFrame<R>(frame: Frame, fn: () => R): R {
  const s = shared();
  s.used = true;
  const als = s.als === undefined ? storage(s) : s.als;
  if (als !== null) return als.run(frame, fn);
  const saved = s.current;
  s.current = frame;
  try {
    return fn();
  } finally {
    s.current = saved;
  }
}

/** A stable fake address for an object's Python repr (`0x7f...`), given on first use. */
function address(): string {
  const s = shared();
  s.nextAddress++;
  return "0x7f00" + (0x10000000 + s.nextAddress * 0x40).toString(16);
}

const NO_DEFAULT: unique symbol = Symbol("no default");

/** Python's `Ellipsis` (`...`), the value structlog gives a variable to unbind its key. */
export const ELLIPSIS: unique symbol = Symbol("Ellipsis");

/**
 * A context variable, as Python's `contextvars.ContextVar`: `get()` returns its value in the
 * current context, `set()` changes it there and returns a {@linkcode Token} for `reset()`.
 *
 * @example
 * ```ts
 * import { ContextVar } from "@pylog/logging/context";
 * const requestId = new ContextVar<string>("request_id", { default: "-" });
 * const token = requestId.set("r-17");
 * requestId.get(); // "r-17"
 * requestId.reset(token);
 * requestId.get(); // "-"
 * ```
 */
export class ContextVar<T = unknown> {
  #name: string;
  #default: T | typeof NO_DEFAULT;
  #address: string | undefined;

  /**
   * Creates the variable `name`, with `options.default` as its value where none was set (without
   * it, `get()` throws `LookupError`).
   */
  constructor(name: string, options?: { default?: T }) {
    if (arguments.length === 0) {
      throw new TypeError("ContextVar() takes exactly 1 positional argument (0 given)");
    }
    if (typeof name !== "string") throw new TypeError("context variable name must be a str");
    this.#name = name;
    this.#default = options !== undefined && options !== null && "default" in options
      ? options.default as T
      : NO_DEFAULT;
  }

  /** The variable's name. */
  get name(): string {
    return this.#name;
  }

  /**
   * The value in the current context; else `defaultValue` when given; else the variable's
   * default; else throws Python's `LookupError`.
   *
   * @example
   * ```ts
   * import { ContextVar } from "@pylog/logging/context";
   * const user = new ContextVar<string>("user");
   * user.get(null); // null: nothing set, no default
   * ```
   */
  get(): T;
  /** The value in the current context, else `defaultValue`. */
  get<D>(defaultValue: D): T | D;
  get(...rest: unknown[]): unknown {
    if (rest.length > 1) {
      throw new TypeError(`get expected at most 1 argument, got ${rest.length}`);
    }
    const data = currentFrame().data;
    if (data.has(this as ContextVar<unknown>)) return data.get(this as ContextVar<unknown>);
    if (rest.length === 1) return rest[0];
    if (this.#default !== NO_DEFAULT) return this.#default;
    throw new LookupError(this.toString());
  }

  /**
   * Sets the value in the current context; returns the {@linkcode Token} that restores the
   * previous one.
   *
   * @example
   * ```ts
   * import { ContextVar } from "@pylog/logging/context";
   * const user = new ContextVar<string>("user");
   * const token = user.set("ann");
   * ```
   */
  set(value: T): Token<T> {
    const frame = currentFrame();
    const data = frame.data;
    const key = this as ContextVar<unknown>;
    const old = data.has(key) ? data.get(key) : Token.MISSING;
    const token = new Token<T>(TOKEN_KEY, this, old as T | typeof Token.MISSING, frame.ctx);
    const next = new Map(data);
    next.set(key, value);
    writeData(next, frame);
    return token;
  }

  /**
   * Restores the value the variable had before the `set()` that returned `token`. Throws Python's
   * errors: `RuntimeError` for a token used already, `ValueError` for one of another variable or
   * created in another context.
   *
   * @example
   * ```ts
   * import { ContextVar } from "@pylog/logging/context";
   * const user = new ContextVar<string>("user", { default: "-" });
   * user.reset(user.set("ann"));
   * user.get(); // "-"
   * ```
   */
  reset(token: Token<T>): void {
    if (!(token instanceof Token)) {
      throw new TypeError(`expected an instance of Token, got ${pyRepr(token)}`);
    }
    if (token.used) throw new RuntimeError(`${token} has already been used once`);
    if (token.var !== this) throw new ValueError(`${token} was created by a different ContextVar`);
    const frame = currentFrame();
    if (tokenContext(token) !== frame.ctx) {
      throw new ValueError(`${token} was created in a different Context`);
    }
    markUsed(token);
    const next = new Map(frame.data);
    const key = this as ContextVar<unknown>;
    if (token.old_value === Token.MISSING) next.delete(key);
    else next.set(key, token.old_value);
    writeData(next, frame);
  }

  /** Python's `repr`: `<ContextVar name='x' default=1 at 0x...>`. */
  toString(): string {
    const dflt = this.#default === NO_DEFAULT
      ? ""
      : ` default=${this.#default === ELLIPSIS ? "Ellipsis" : pyRepr(this.#default)}`;
    return `<ContextVar name=${pyRepr(this.#name)}${dflt} at ${this.#address ??= address()}>`;
  }
}

const TOKEN_KEY: unique symbol = Symbol("token");
let tokenContext: (t: Token<unknown>) => Context;
let markUsed: (t: Token<unknown>) => void;

/**
 * What `ContextVar.set()` returns, as Python's `contextvars.Token`: pass it to `reset()` to
 * restore the previous value (once).
 *
 * @example
 * ```ts
 * import { ContextVar, Token } from "@pylog/logging/context";
 * const v = new ContextVar<number>("v");
 * const t = v.set(1);
 * t.old_value === Token.MISSING; // true: v had no value before
 * ```
 */
export class Token<T = unknown> {
  /** Python's `Token.MISSING`: the old value of a variable that had none. */
  static readonly MISSING: unique symbol = Symbol("Token.MISSING");
  /** The variable that was set. */
  readonly var: ContextVar<T>;
  /** Its value before the `set()`, or `Token.MISSING`. */
  readonly old_value: T | typeof Token.MISSING;
  #ctx: Context;
  #used = false;
  #address: string | undefined;

  static {
    tokenContext = (t) => t.#ctx;
    markUsed = (t) => {
      t.#used = true;
    };
  }

  /** Tokens come from `ContextVar.set()` only (Python refuses `Token()` too). */
  constructor(key: symbol, v: ContextVar<T>, old: T | typeof Token.MISSING, ctx: Context) {
    if (key !== TOKEN_KEY) throw new RuntimeError("Tokens can only be created by ContextVars");
    this.var = v;
    this.old_value = old;
    this.#ctx = ctx;
  }

  /** Whether `reset()` was called with this token. */
  get used(): boolean {
    return this.#used;
  }

  /** Python's `repr`: `<Token var=<ContextVar ...> at 0x...>` (`<Token used ...>` once used). */
  toString(): string {
    return `<Token${this.#used ? " used" : ""} var=${this.var} at ${this.#address ??= address()}>`;
  }
}

/**
 * A mapping of context variables to values, as Python's `contextvars.Context`: `copyContext()`
 * takes one, `run()` runs a function in it. Values set inside `run()` stay in that context.
 *
 * @example
 * ```ts
 * import { ContextVar, copyContext } from "@pylog/logging/context";
 * const user = new ContextVar<string>("user", { default: "-" });
 * const ctx = copyContext();
 * ctx.run(() => user.set("ann"));
 * ctx.get(user); // "ann"
 * user.get(); // "-"
 * ```
 */
export class Context {
  #data: ContextData;
  #entered = false;
  #address: string | undefined;

  /** An empty context (Python's `Context()`); `copyContext()` copies the current one. */
  constructor() {
    this.#data = EMPTY;
  }

  /** A context holding `data` (internal). */
  static fromData(data: ContextData): Context {
    const ctx = new Context();
    ctx.#data = data;
    return ctx;
  }

  /**
   * Runs `fn(...args)` in this context and returns its result. Values `fn` sets are kept in this
   * context (those set before its first `await` when it is asynchronous). Throws Python's
   * `RuntimeError` when the context is already entered.
   *
   * @example
   * ```ts
   * import { copyContext } from "@pylog/logging/context";
   * await copyContext().run(async (id: string) => {
   *   // set context variables for this request only
   * }, "r-1");
   * ```
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
    if (arguments.length === 0) {
      throw new TypeError("run() missing 1 required positional argument");
    }
    if (this.#entered) {
      throw new RuntimeError(`cannot enter context: ${this} is already entered`);
    }
    const frame: Frame = { ctx: this, data: this.#data, task: currentFrame().task };
    this.#entered = true;
    try {
      return runInFrame(frame, () => {
        try {
          return fn(...args);
        } finally {
          this.#data = currentFrame().data;
        }
      });
    } finally {
      this.#entered = false;
    }
  }

  /** A shallow copy (Python's `ctx.copy()`). */
  copy(): Context {
    return Context.fromData(this.#data);
  }

  /**
   * The value of `v` in this context, else `defaultValue` (Python's `ctx.get(var, default=None)`).
   *
   * @example
   * ```ts
   * import { ContextVar, copyContext } from "@pylog/logging/context";
   * copyContext().get(new ContextVar("x"), 0); // 0
   * ```
   */
  get<T, D = null>(v: ContextVar<T>, defaultValue: D = null as D): T | D {
    checkVar(v);
    const key = v as ContextVar<unknown>;
    return this.#data.has(key) ? this.#data.get(key) as T : defaultValue;
  }

  /** Python's `ctx[var]`: the value, or `KeyError` when `v` has none in this context. */
  getItem<T>(v: ContextVar<T>): T {
    checkVar(v);
    const key = v as ContextVar<unknown>;
    if (!this.#data.has(key)) throw new KeyError(v);
    return this.#data.get(key) as T;
  }

  /** Python's `var in ctx`. */
  has(v: ContextVar<unknown>): boolean {
    checkVar(v);
    return this.#data.has(v);
  }

  /** Python's `len(ctx)`. */
  get size(): number {
    return this.#data.size;
  }

  /** The variables set in this context. */
  keys(): IterableIterator<ContextVar<unknown>> {
    return this.#data.keys();
  }

  /** Their values. */
  values(): IterableIterator<unknown> {
    return this.#data.values();
  }

  /** `[variable, value]` pairs (Python's `ctx.items()`). */
  items(): IterableIterator<[ContextVar<unknown>, unknown]> {
    return this.#data.entries();
  }

  /** Iterates over the variables, as Python's `for var in ctx`. */
  [Symbol.iterator](): IterableIterator<ContextVar<unknown>> {
    return this.#data.keys();
  }

  /** Python's `repr`: `<_contextvars.Context object at 0x...>`. */
  toString(): string {
    return `<_contextvars.Context object at ${this.#address ??= address()}>`;
  }
}

function checkVar(v: unknown): void {
  if (!(v instanceof ContextVar)) {
    throw new TypeError(`a ContextVar key was expected, got ${pyRepr(v)}`);
  }
}

/**
 * A copy of the current context (Python's `contextvars.copy_context()`): run a function in it to
 * keep the values it sets away from the caller.
 *
 * @example
 * ```ts
 * import { ContextVar, copyContext } from "@pylog/logging/context";
 * const requestId = new ContextVar<string>("request_id", { default: "-" });
 * await copyContext().run(async () => {
 *   requestId.set("r-1"); // seen across this function's awaits, not by the caller
 * });
 * ```
 */
export function copyContext(): Context {
  return Context.fromData(currentFrame().data);
}

/**
 * Runs `fn` as a new task, as Python's `asyncio.create_task(coro, name=..., context=...)`: in a copy
 * of the current context (or in `options.context`), so values it sets are not seen by the caller,
 * and with `options.name` as the task name records show in `taskName`. Returns what `fn` returns.
 *
 * @example
 * ```ts
 * import { createTask } from "@pylog/logging/context";
 * await createTask(async () => {
 *   // records logged here have taskName "handler-1"
 * }, { name: "handler-1" });
 * ```
 */
export function createTask<R>(
  fn: () => R,
  options: { name?: string | null; context?: Context } = {},
): R {
  if (typeof fn !== "function") throw new TypeError(`a function was expected, got ${pyRepr(fn)}`);
  const ctx = options.context ?? copyContext();
  const name = options.name === undefined || options.name === null ? null : String(options.name);
  if (name !== null) installTaskNames();
  return ctx.run(() => {
    const frame = currentFrame();
    return runInFrame({ ctx: frame.ctx, data: frame.data, task: name }, fn);
  });
}

/**
 * The name of the current task (set by {@linkcode createTask}), or `null`; what records show as
 * `taskName`.
 *
 * @example
 * ```ts
 * import { createTask, currentTaskName } from "@pylog/logging/context";
 * createTask(() => currentTaskName(), { name: "job" }); // "job"
 * ```
 */
export function currentTaskName(): string | null {
  return currentFrame().task;
}

/**
 * From the first named task on, records read `taskName` from the current context (until then the
 * record constructor pays nothing for it).
 */
function installTaskNames(): void {
  state.currentTaskName ??= currentTaskName;
}
