/**
 * `RedactingFilter`: a `logging.Filter` that keeps secrets out of every output. It redacts record
 * attributes and `extra` fields by sensitive name (at any depth of objects, arrays and `Map`s),
 * by pino-style path (`a.b`, `a[*].secret`, `headers["set-cookie"]`, `*.password`), and text
 * patterns in the message after `%`-formatting and in `extra` strings (e-mail, card numbers with a
 * Luhn check, JWT, bearer tokens, cloud keys, your own). It never changes the caller's objects:
 * when something is redacted it returns a copy of the record (Python 3.12's replacement record)
 * whose changed containers are copies; otherwise it returns `true` and allocates nothing.
 *
 * @module
 */

import { ValueError } from "../py/errors.ts";
import { RECORD_ATTRIBUTES } from "../record_fields.ts";
import { setOwn } from "../own_keys.ts";
import { copyRecord, type LogRecord } from "../record.ts";
import { BUILTIN_PATTERNS, DEFAULT_SENSITIVE_KEYS, type RedactionPattern } from "./patterns.ts";

/** Replaces a redacted value: receives it and its path (`["req", "headers", "cookie"]`). */
export type CensorFunction = (value: unknown, path: readonly string[]) => unknown;

/** The options of {@linkcode RedactingFilter} (its Python keyword arguments). */
export interface RedactingFilterOptions {
  /**
   * Sensitive key names, matched at any depth (default {@linkcode DEFAULT_SENSITIVE_KEYS}; `[]`
   * for none). A key matches when, lower-cased without `-`, `_`, `.` and spaces, it contains one.
   */
  keys?: readonly string[] | null;
  /** pino-style paths from the record (`"req.headers.authorization"`, `"users[*].password"`). */
  paths?: readonly string[] | null;
  /** Your own text patterns: regular expressions (or their source text, from a configuration). */
  patterns?: readonly (RegExp | string)[] | null;
  /** Which built-in patterns run (default all of {@linkcode BUILTIN_PATTERNS}; `[]` for none). */
  builtin_patterns?: readonly string[] | null;
  /** The replacement: a string (default `"[REDACTED]"`) or a function of the value and its path. */
  censor?: string | CensorFunction;
  /** Remove redacted keys instead of replacing their values (patterns are still replaced). */
  remove?: boolean;
}

type Segment = string | typeof WILD;
const WILD: unique symbol = Symbol("*");
const REMOVE: unique symbol = Symbol("remove");
const MAX_DEPTH = 32;

const STANDARD = new Set(RECORD_ATTRIBUTES);

function normalize(key: string): string {
  return key.toLowerCase().replace(/[-_. ]/g, "");
}

/**
 * Parses pino's path syntax: `a.b`, `a[*].c`, `a["b-c"]`, `a['b']`, `a[0]`, `*.b`, `a.*`.
 * Raises `ValueError` for a malformed path.
 */
function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  const bad = (): never => {
    throw new ValueError(`invalid redaction path: ${JSON.stringify(path)}`);
  };
  const n = path.length;
  if (n === 0) bad();
  let expectName = true;
  while (i < n) {
    const c = path[i];
    if (c === "[") {
      const end = path.indexOf("]", i);
      if (end < 0) bad();
      const inner = path.slice(i + 1, end);
      if (inner === "*") out.push(WILD);
      else if (
        inner.length >= 2 && (inner[0] === '"' || inner[0] === "'") &&
        inner[inner.length - 1] === inner[0]
      ) {
        out.push(inner.slice(1, -1));
      } else if (/^\d+$/.test(inner)) out.push(inner);
      else bad();
      i = end + 1;
      expectName = false;
      if (i < n && path[i] === ".") {
        i++;
        expectName = true;
        if (i === n) bad();
      } else if (i < n && path[i] !== "[") bad();
    } else if (c === "." || !expectName) {
      bad();
    } else {
      let j = i;
      while (j < n && path[j] !== "." && path[j] !== "[") j++;
      const name = path.slice(i, j);
      if (name === "" || name.includes("]")) bad();
      out.push(name === "*" ? WILD : name);
      i = j;
      expectName = false;
      if (i < n && path[i] === ".") {
        i++;
        expectName = true;
        if (i === n) bad();
      }
    }
  }
  return out;
}

/** Whether `value` is walked into: arrays, `Map`s, plain objects and ordinary class instances. */
function walkable(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value) || value instanceof Map) return true;
  // Built-ins with internal slots (Date, RegExp, Error, Set, typed arrays) are left whole.
  return Object.prototype.toString.call(value) === "[object Object]";
}

/** A shallow copy keeping the prototype (own enumerable string keys; `__proto__` stays a key). */
function shallowCopy(value: object): object {
  if (Array.isArray(value)) return value.slice();
  if (value instanceof Map) return new Map(value);
  const proto = Object.getPrototypeOf(value);
  // `{}` for plain objects: Object.create makes a slow dictionary-mode object in V8.
  const out = proto === Object.prototype ? {} : Object.create(proto);
  for (const k of Object.keys(value)) setOwn(out, k, (value as Record<string, unknown>)[k]);
  return out;
}

function getChild(container: object, key: string): unknown {
  if (container instanceof Map) return container.get(key);
  return Object.hasOwn(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}

function hasChild(container: object, key: string): boolean {
  if (container instanceof Map) return container.has(key);
  return Object.hasOwn(container, key);
}

function childKeys(container: object): string[] {
  if (container instanceof Map) {
    return [...container.keys()].filter((k): k is string => typeof k === "string");
  }
  return Object.keys(container);
}

/** Sets (or removes) the children of a copy of `container` listed in `changes`. */
function withChanges(container: object, changes: [string, unknown][]): object {
  if (Array.isArray(container)) {
    const out = container.slice();
    const drop = new Set<number>();
    for (const [k, v] of changes) {
      if (v === REMOVE) drop.add(Number(k));
      else out[Number(k)] = v;
    }
    return drop.size === 0 ? out : out.filter((_, i) => !drop.has(i));
  }
  const out = shallowCopy(container);
  for (const [k, v] of changes) {
    if (out instanceof Map) {
      if (v === REMOVE) out.delete(k);
      else out.set(k, v);
    } else if (v === REMOVE) delete (out as Record<string, unknown>)[k];
    else setOwn(out, k, v);
  }
  return out;
}

/**
 * Redacts records as a `logging.Filter` (add it to a logger or a handler, or name it in a
 * configuration as `pylog.redaction.RedactingFilter`): sensitive keys anywhere in `extra`, the
 * message's object arguments and a structured message, pino-style `paths`, and text `patterns`
 * in the formatted message and in `extra` strings. The caller's objects are never changed.
 *
 * @example
 * ```ts
 * import { basicConfig, getLogger } from "@pylog/logging";
 * import { RedactingFilter } from "@pylog/logging/redaction";
 * basicConfig();
 * getLogger().handlers[0].addFilter(new RedactingFilter({ paths: ["req.headers.cookie"] }));
 * getLogger("app").warning("login %s", "bob@example.com", { extra: { password: "hunter2" } });
 * // WARNING:app:login [REDACTED]   (and record.password is "[REDACTED]")
 * ```
 */
export class RedactingFilter {
  /** The sensitive key names, normalized. */
  readonly keys: readonly string[];
  /** The paths, as given. */
  readonly paths: readonly string[];
  #parsed: readonly (readonly Segment[])[];
  /** The text patterns, built-in ones first. */
  readonly patterns: readonly RedactionPattern[];
  /** The replacement text or function. */
  readonly censor: string | CensorFunction;
  /** Whether redacted keys are removed. */
  readonly remove: boolean;
  #keyCache = new Map<string, boolean>();

  /** Creates the filter (see {@linkcode RedactingFilterOptions}; all optional). */
  constructor(options: RedactingFilterOptions = {}) {
    const o = options ?? {};
    this.keys = (o.keys ?? DEFAULT_SENSITIVE_KEYS).map((k) => normalize(String(k))).filter((k) =>
      k !== ""
    );
    this.paths = (o.paths ?? []).map(String);
    this.#parsed = this.paths.map(parsePath);
    const patterns: RedactionPattern[] = [];
    for (const name of o.builtin_patterns ?? Object.keys(BUILTIN_PATTERNS)) {
      if (!Object.hasOwn(BUILTIN_PATTERNS, name)) {
        throw new ValueError(
          `unknown redaction pattern: ${JSON.stringify(name)} (known: ${
            Object.keys(BUILTIN_PATTERNS).join(", ")
          })`,
        );
      }
      patterns.push(BUILTIN_PATTERNS[name]);
    }
    for (const p of o.patterns ?? []) {
      const re = p instanceof RegExp
        ? new RegExp(p.source, p.flags.includes("g") ? p.flags : p.flags + "g")
        : new RegExp(String(p), "g");
      patterns.push({ name: p instanceof RegExp ? p.source : String(p), regex: re });
    }
    this.patterns = patterns;
    const censor = o.censor ?? "[REDACTED]";
    this.censor = typeof censor === "function" ? censor : String(censor);
    this.remove = o.remove === true;
  }

  /**
   * Whether `key` is a sensitive name.
   *
   * @example
   * ```ts
   * import { RedactingFilter } from "@pylog/logging/redaction";
   * new RedactingFilter().isSensitive("X-Api-Key"); // true
   * ```
   */
  isSensitive(key: string): boolean {
    let hit = this.#keyCache.get(key);
    if (hit === undefined) {
      const n = normalize(key);
      hit = this.keys.some((k) => n.includes(k));
      if (this.#keyCache.size < 4096) this.#keyCache.set(key, hit);
    }
    return hit;
  }

  /** The keys from the record down to the value being looked at (shared, pushed and popped). */
  #path: string[] = [];

  /** The replacement of `value`, found under `key` below the current path. */
  #censored(value: unknown, key: string): unknown {
    if (this.remove) return REMOVE;
    const c = this.censor;
    return typeof c === "function" ? c(value, [...this.#path, key]) : c;
  }

  /**
   * `text` with every pattern's matches censored (the same string when nothing matched).
   *
   * @example
   * ```ts
   * import { RedactingFilter } from "@pylog/logging/redaction";
   * new RedactingFilter().redactText("Authorization: Bearer abcdefgh12345678");
   * // "Authorization: Bearer [REDACTED]"
   * ```
   */
  redactText(text: string): string {
    let out = text;
    for (const p of this.patterns) {
      p.regex.lastIndex = 0;
      if (!p.regex.test(out)) continue;
      p.regex.lastIndex = 0;
      out = out.replace(p.regex, (...m: unknown[]) => {
        const whole = m[0] as string;
        if (p.find !== undefined) {
          let text = "";
          let at = 0;
          for (const [a, b] of p.find(whole)) {
            const c = this.censor;
            text += whole.slice(at, a) +
              (typeof c === "function" ? String(c(whole.slice(a, b), [p.name])) : c);
            at = b;
          }
          return at === 0 ? whole : text + whole.slice(at);
        }
        const groups = m[m.length - 1] as Record<string, string | undefined> | undefined;
        const secret = typeof groups === "object" && groups !== null ? groups.secret : undefined;
        const c = this.censor;
        const replacement = typeof c === "function" ? String(c(secret ?? whole, [p.name])) : c;
        if (secret === undefined) return replacement;
        return (groups!.pre ?? "") + replacement + (groups!.post ?? "");
      });
    }
    return out;
  }

  /** Redacts sensitive keys and text patterns at any depth; the same value when nothing changed. */
  #walk(value: unknown, depth: number, seen: Set<object>): unknown {
    if (typeof value === "string") {
      return this.patterns.length === 0 ? value : this.redactText(value);
    }
    if (!walkable(value) || depth >= MAX_DEPTH || seen.has(value)) return value;
    seen.add(value);
    const path = this.#path;
    let changes: [string, unknown][] | null = null;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        if (typeof v !== "object" && typeof v !== "string") continue;
        path.push(String(i));
        const r = this.#walk(v, depth + 1, seen);
        path.pop();
        if (r !== v) (changes ??= []).push([String(i), r]);
      }
    } else {
      for (const k of childKeys(value)) {
        const v = getChild(value, k);
        let r: unknown;
        if (this.isSensitive(k)) r = this.#censored(v, k);
        else if (typeof v !== "object" && typeof v !== "string") continue;
        else {
          path.push(k);
          r = this.#walk(v, depth + 1, seen);
          path.pop();
        }
        if (r !== v) (changes ??= []).push([k, r]);
      }
    }
    seen.delete(value);
    return changes === null ? value : withChanges(value, changes);
  }

  /** Applies one path below `value`; the same value when nothing is there. */
  #applyPath(value: unknown, segs: readonly Segment[], i: number): unknown {
    if (!walkable(value)) return value;
    const seg = segs[i];
    const last = i === segs.length - 1;
    const keys = seg === WILD
      ? (Array.isArray(value) ? value.map((_, j) => String(j)) : childKeys(value))
      : (hasChild(value, seg) ? [seg] : []);
    let changes: [string, unknown][] | null = null;
    for (const k of keys) {
      const v = Array.isArray(value) ? value[Number(k)] : getChild(value, k);
      let r: unknown;
      if (last) r = this.#censored(v, k);
      else {
        this.#path.push(k);
        r = this.#applyPath(v, segs, i + 1);
        this.#path.pop();
      }
      if (r !== v) (changes ??= []).push([k, r]);
    }
    return changes === null ? value : withChanges(value, changes);
  }

  /**
   * Returns a redacted copy of `record`, or `true` when nothing in it is sensitive (the record
   * goes on unchanged). Never changes `record` or the objects it holds.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { RedactingFilter } from "@pylog/logging/redaction";
   * const r = makeLogRecord({ msg: "to %s", args: ["ann@example.com"], token: "abc" });
   * const out = new RedactingFilter().filter(r) as typeof r;
   * out.getMessage(); // "to [REDACTED]"
   * ```
   */
  filter(record: LogRecord): LogRecord | true {
    const rec = record as unknown as Record<string, unknown>;
    this.#path.length = 0;
    let changes: Map<string, unknown> | null = null;
    // 1. Sensitive keys (and patterns in strings) in extra fields, object arguments and a
    //    structured message. Nothing to do without keys and patterns.
    if (this.keys.length > 0 || this.patterns.length > 0) {
      const seen = new Set<object>();
      for (const k of Object.keys(rec)) {
        const v = rec[k];
        let r: unknown;
        if (STANDARD.has(k)) {
          if (v === null || typeof v !== "object" || (k !== "args" && k !== "msg")) continue;
          this.#path.push(k);
          // Arguments: their strings are left to the message patterns (step 3).
          r = k === "args" ? this.#walkArgs(v, seen) : this.#walk(v, 0, seen);
          this.#path.pop();
        } else if (this.isSensitive(k)) r = this.#censored(v, k);
        else if (typeof v !== "object" && typeof v !== "string") continue;
        else {
          this.#path.push(k);
          r = this.#walk(v, 0, seen);
          this.#path.pop();
        }
        if (r !== v) (changes ??= new Map()).set(k, r);
      }
    }
    // 2. Paths, from the record's attributes (after step 1's changes).
    for (const segs of this.#parsed) {
      const head = segs[0];
      const tops = head === WILD
        ? Object.keys(rec).filter((k) => !STANDARD.has(k) || k === "msg" || k === "args")
        : (Object.hasOwn(rec, head) ? [head] : []);
      for (const k of tops) {
        const v = changes !== null && changes.has(k) ? changes.get(k) : rec[k];
        if (v === REMOVE) continue;
        let r: unknown;
        if (segs.length === 1) r = this.#censored(v, k);
        else {
          this.#path.push(k);
          r = this.#applyPath(v, segs, 1);
          this.#path.pop();
        }
        if (r !== v) (changes ??= new Map()).set(k, r);
      }
    }
    // 3. Text patterns in the message, after %-formatting (with the redacted arguments).
    let message: string | undefined;
    if (this.patterns.length > 0) {
      try {
        const probe = changes !== null && (changes.has("args") || changes.has("msg"))
          ? Object.assign(Object.create(record), {
            args: changes.has("args") ? changes.get("args") : record.args,
            msg: changes.has("msg") ? changes.get("msg") : record.msg,
          }) as LogRecord
          : record;
        const text = probe.getMessage();
        const redacted = this.redactText(text);
        if (redacted !== text) message = redacted;
      } catch {
        // A message that cannot be formatted is reported by the handler's formatter, as ever.
      }
    }
    if (changes === null && message === undefined) return true;
    const copy = copyRecord(record);
    const out = copy as unknown as Record<string, unknown>;
    if (changes !== null) {
      for (const [k, v] of changes) {
        if (v === REMOVE) delete out[k];
        else setOwn(out, k, v);
      }
    }
    if (message !== undefined) {
      copy.msg = message;
      copy.args = null;
      if (Object.hasOwn(out, "message")) copy.message = message;
    } else if (Object.hasOwn(out, "message")) {
      // Set by a formatter that saw the unredacted record: formatters make it again.
      delete out.message;
    }
    return copy;
  }

  /** The arguments: object arguments walked for sensitive keys, strings left to step 3. */
  #walkArgs(args: object, seen: Set<object>): unknown {
    if (!Array.isArray(args)) return this.#walk(args, 0, seen);
    let changes: [string, unknown][] | null = null;
    for (let i = 0; i < args.length; i++) {
      const v = args[i];
      if (!walkable(v)) continue;
      this.#path.push(String(i));
      const r = this.#walk(v, 0, seen);
      this.#path.pop();
      if (r !== v) (changes ??= []).push([String(i), r]);
    }
    return changes === null ? args : withChanges(args, changes);
  }
}
