/**
 * logging's three format styles, ported from CPython 3.11 `logging/__init__.py`: `PercentStyle`
 * (`%(name)s`), `StrFormatStyle` (`{name}`) and `StringTemplateStyle` (`${name}`), and `STYLES`
 * (`logging._STYLES`). Formats are compiled once per style instance.
 *
 * @module
 */

import { KeyError, ValueError } from "../py/errors.ts";
import { CALLER_FIELDS } from "../record.ts";
import { addCallerConsumer } from "../caller.ts";
import {
  add3,
  type CompiledPercent,
  compilePercent,
  cpLen,
  runPercentRecord,
} from "../py/percent.ts";
import { pyRepr, pyStr } from "../py/repr.ts";
import { compileStrFormat, parseStrFormat, strFormatFieldNames } from "../py/str_format.ts";
import { fieldId, hasField, readField } from "../record_fields.ts";
import { compileTemplate, TEMPLATE_PATTERN, templateIdentifiers } from "../py/template.ts";

/**
 * Options of a style: `defaults` are field values used when a record lacks the field (Python's
 * `defaults | record.__dict__`: the record wins).
 *
 * @example
 * ```ts
 * import { PercentStyle, type StyleOptions } from "./styles.ts";
 * const options: StyleOptions = { defaults: { app: "api" } };
 * new PercentStyle("%(app)s %(message)s", options).format({ message: "hi" }); // "api hi"
 * ```
 */
export interface StyleOptions {
  /** Values for fields missing from the record. */
  defaults?: Record<string, unknown> | null;
}

/** Receives the character read to flatten a remembered piece (keeps the read from being dropped). */
let flatSink = 0;

const SPACES = "                                                                ";

/** One `%(key)s` / `%(key)-8s` / `%(key)d` field of a format on the fast path, with the text before it. */
interface KeyedField {
  readonly lit: string;
  readonly key: string;
  /** The key's number for {@linkcode readField}. */
  readonly id: number;
  /** Field width (`-1`: none). */
  readonly width: number;
  /** Left-justified (`-` flag). */
  readonly left: boolean;
  /** A `d`/`i`/`u` field: a safe integer is its decimal text, anything else takes the `%` path. */
  readonly int: boolean;
  /**
   * Whether the field's text is remembered between records (not for `message`, which changes with
   * every record): a repeated value (`levelname`, `name`, `asctime` within one millisecond) then
   * costs one flat piece instead of three small ones for the output's string to gather when it is
   * written.
   */
  readonly cached: boolean;
  /** The last value formatted (cache key). */
  lastStr: string | null;
  /** `lit` + the padded `lastStr`, flattened. */
  lastOut: string;
}

/**
 * The fast path of a `%` format whose fields are all `%(key)s` with at most a width and flags, or
 * `%(key)d` with at most a width and `-`: the output is each value's `str()` (a safe integer's
 * digits for `d`) padded by code points. `null` when the format needs the general `%` machinery.
 */
function compileKeyedFields(c: CompiledPercent): KeyedField[] | null {
  if (!c.allKeyedPlain) return null;
  return c.specs.map((s) => ({
    lit: s.lit,
    key: s.key as string,
    id: fieldId(s.key as string),
    width: s.width,
    left: (s.flags & 1) !== 0,
    int: s.ch !== "s",
    cached: s.key !== "message",
    lastStr: null,
    lastOut: "",
  }));
}

function wrapKeyError(e: unknown): never {
  if (e instanceof KeyError) {
    const err = new ValueError(
      "Formatting field not found in record: " +
        (typeof e.key === "string" ? pyRepr(e.key) : e.message),
    );
    // Raised inside `except KeyError:` without `from`: Python chains it implicitly.
    Object.defineProperty(err, "__context__", { value: e, enumerable: false });
    throw err;
  }
  throw e;
}

/** Styles already counted as reading caller fields after a format change. */
const countedStyles = new WeakSet<object>();

/**
 * A style's format was changed after it was first used: if the new format reads caller fields,
 * records must carry them from now on (a format fixed at construction is counted by `Formatter`).
 */
function noteFormatChange(style: { readonly fields: ReadonlySet<string> | null }): void {
  if (countedStyles.has(style)) return;
  const fields = style.fields;
  if (fields === null || [...CALLER_FIELDS].some((f) => fields.has(f))) {
    countedStyles.add(style);
    addCallerConsumer(style);
  }
}

/**
 * logging's `PercentStyle`: formats a record with `fmt % record.__dict__`.
 *
 * @example
 * ```ts
 * import { PercentStyle } from "./styles.ts";
 * const style = new PercentStyle("%(levelname)-8s %(name)s: %(message)s");
 * style.validate();
 * style.format({ levelname: "INFO", name: "app", message: "ready" }); // "INFO     app: ready"
 * ```
 */
export class PercentStyle {
  /** The format used when none is given. */
  static readonly default_format: string = "%(message)s";
  /** The format of the `asctime` field alone. */
  static readonly asctime_format: string = "%(asctime)s";
  /** What `usesTime()` searches for. */
  static readonly asctime_search: string = "%(asctime)";
  /** Python's `PercentStyle.validation_pattern`. */
  static readonly validation_pattern: RegExp =
    /%\([\p{L}\p{N}_]+\)[#0+ -]*(\*|\p{Nd}+)?(\.(\*|\p{Nd}+))?[diouxefgcrsa%]/iu;

  /**
   * The format string (`fmt || default_format`). Assignable, as in Python (the "one format per
   * level" recipe swaps it inside `format`): the style recompiles when it changes.
   */
  _fmt: string;
  /** The defaults given to the constructor. */
  readonly _defaults: Record<string, unknown> | null;
  #compiled: CompiledPercent | null = null;
  #compiledFor: string | null = null;
  #keyed: KeyedField[] | null | undefined = undefined;

  /** Creates the style; an empty or missing `fmt` means the class's `default_format`. */
  constructor(fmt?: string | null, options?: StyleOptions) {
    this._fmt = fmt || (this.constructor as typeof PercentStyle).default_format;
    this._defaults = options?.defaults ?? null;
  }

  /** The instance's `default_format` (the class's). */
  get default_format(): string {
    return (this.constructor as typeof PercentStyle).default_format;
  }
  /** The instance's `asctime_format` (the class's). */
  get asctime_format(): string {
    return (this.constructor as typeof PercentStyle).asctime_format;
  }
  /** The instance's `asctime_search` (the class's). */
  get asctime_search(): string {
    return (this.constructor as typeof PercentStyle).asctime_search;
  }

  #percent(): CompiledPercent {
    const fmt = this._fmt;
    if (this.#compiledFor !== fmt) {
      const changed = this.#compiledFor !== null;
      this.#compiled = compilePercent(fmt);
      this.#compiledFor = fmt;
      this.#keyed = undefined;
      if (changed) noteFormatChange(this);
    }
    return this.#compiled as CompiledPercent;
  }

  /**
   * The record attribute names the format reads, or null when it cannot be known (a positional
   * `%s` formats the whole record).
   */
  get fields(): ReadonlySet<string> | null {
    const c = this.#percent();
    return c.positional ? null : new Set(c.keys);
  }

  #timeFor: string | null = null;
  #usesTime = false;

  /** Whether the format uses the `asctime` field (answered once per format string). */
  usesTime(): boolean {
    const fmt = this._fmt;
    if (this.#timeFor !== fmt) {
      this.#usesTime = this._searchesTime(fmt);
      this.#timeFor = fmt;
    }
    return this.#usesTime;
  }

  /** Python's `usesTime` test on a format string: does it contain `asctime_search`? */
  _searchesTime(fmt: string): boolean {
    return fmt.indexOf(this.asctime_search) >= 0;
  }

  /** Validates the format for this style; throws Python's ValueError. */
  validate(): void {
    if (!PercentStyle.validation_pattern.test(this._fmt)) {
      throw new ValueError(
        `Invalid format '${this._fmt}' for '${this.default_format[0]}' style`,
      );
    }
  }

  /** Formats without wrapping a missing field's KeyError. */
  _format(record: object): string {
    const c = this.#percent();
    const defaults = this._defaults;
    const hasDefaults = defaults !== null;
    const keyed = this.#keyed !== undefined ? this.#keyed : (this.#keyed = compileKeyedFields(c));
    if (keyed !== null) {
      let out = "";
      for (let i = 0; i < keyed.length; i++) {
        const f = keyed[i];
        let v = readField(record, f.id, f.key);
        if (v === undefined && !hasField(record, f.key)) {
          if (hasDefaults && Object.prototype.hasOwnProperty.call(defaults, f.key)) {
            v = defaults[f.key];
          } else throw new KeyError(f.key);
        }
        let str: string;
        if (!f.int) str = typeof v === "string" ? v : pyStr(v);
        else if (typeof v === "number" && Number.isSafeInteger(v)) str = "" + v;
        else return runPercentRecord(c, record, hasDefaults ? defaults : null);
        if (f.cached && str === f.lastStr) {
          out += f.lastOut;
          continue;
        }
        let piece: string | undefined;
        const w = f.width;
        if (w > 0 && str.length < 2 * w) {
          const len = cpLen(str);
          if (len < w) {
            const pad = w - len <= SPACES.length ? SPACES.slice(0, w - len) : " ".repeat(w - len);
            piece = f.left ? f.lit + str + pad : f.lit + pad + str;
          }
        }
        if (piece === undefined) {
          if (!f.cached) {
            out = add3(out, f.lit, str); // one rope instead of two on Bun
            continue;
          }
          piece = f.lit + str;
        }
        if (f.cached) {
          flatSink ^= piece.charCodeAt(0); // flattens the piece once, while it is remembered
          f.lastStr = str;
          f.lastOut = piece;
        }
        out += piece;
      }
      return out + c.tail;
    }
    return runPercentRecord(c, record, hasDefaults ? defaults : null);
  }

  /** Formats `record`; a missing field becomes `ValueError: Formatting field not found in record: 'x'`. */
  format(record: object): string {
    try {
      return this._format(record);
    } catch (e) {
      wrapKeyError(e);
    }
  }
}

/**
 * logging's `StrFormatStyle`: formats a record with `fmt.format(**record.__dict__)`.
 *
 * @example
 * ```ts
 * import { StrFormatStyle } from "./styles.ts";
 * new StrFormatStyle("{levelname:<8}{message!r}").format({ levelname: "INFO", message: "x" });
 * // "INFO    'x'"
 * ```
 */
export class StrFormatStyle extends PercentStyle {
  /** The format used when none is given. */
  static override readonly default_format: string = "{message}";
  /** The format of the `asctime` field alone. */
  static override readonly asctime_format: string = "{asctime}";
  /** What `usesTime()` searches for. */
  static override readonly asctime_search: string = "{asctime";
  /** Python's `StrFormatStyle.fmt_spec`. */
  static readonly fmt_spec: RegExp =
    /^(.?[<>=^])?[+ -]?#?0?(\p{Nd}+|\{[\p{L}\p{N}_]+\})?[,_]?(\.(\p{Nd}+|\{[\p{L}\p{N}_]+\}))?[bcdefgnosx%]?\n?$/iu;
  /** Python's `StrFormatStyle.field_spec`. */
  static readonly field_spec: RegExp =
    /^(\p{Nd}+|[\p{L}\p{N}_]+)(\.[\p{L}\p{N}_]+|\[[^\]]+\])*\n?$/u;

  #fn: ((fields: object, defaults?: Record<string, unknown> | null) => string) | null = null;
  #fnFor: string | null = null;

  /** The record attribute names the format reads (first component of each field). */
  override get fields(): ReadonlySet<string> | null {
    return strFormatFieldNames(this._fmt);
  }

  /** Validates the format (fields, conversions, specifiers); throws Python's ValueError. */
  override validate(): void {
    const fields = new Set<string>();
    try {
      parseStrFormat(this._fmt, ([, fieldname, spec, conversion]) => {
        if (fieldname) {
          if (!StrFormatStyle.field_spec.test(fieldname)) {
            throw new ValueError("invalid field name/expression: " + pyRepr(fieldname));
          }
          fields.add(fieldname);
        }
        if (conversion && !"rsa".includes(conversion)) {
          throw new ValueError("invalid conversion: " + pyRepr(conversion));
        }
        if (spec && !StrFormatStyle.fmt_spec.test(spec)) {
          throw new ValueError("bad specifier: " + pyRepr(spec));
        }
      });
    } catch (e) {
      if (e instanceof ValueError) throw new ValueError("invalid format: " + e.message);
      throw e;
    }
    if (fields.size === 0) throw new ValueError("invalid format: no fields");
  }

  /** Formats without wrapping a missing field's KeyError. */
  override _format(record: object): string {
    const fmt = this._fmt;
    if (this.#fnFor !== fmt) {
      if (this.#fnFor !== null) noteFormatChange(this);
      this.#fn = compileStrFormat(fmt);
      this.#fnFor = fmt;
    }
    const fn = this.#fn as (fields: object, defaults?: Record<string, unknown> | null) => string;
    const d = this._defaults;
    return fn(record, d !== null && Object.keys(d).length > 0 ? d : null);
  }
}

/**
 * logging's `StringTemplateStyle`: formats a record with
 * `Template(fmt).substitute(**record.__dict__)`.
 *
 * @example
 * ```ts
 * import { StringTemplateStyle } from "./styles.ts";
 * new StringTemplateStyle("$levelname: ${message}").format({ levelname: "INFO", message: "x" });
 * // "INFO: x"
 * ```
 */
export class StringTemplateStyle extends PercentStyle {
  /** The format used when none is given. */
  static override readonly default_format: string = "${message}";
  /** The format of the `asctime` field alone. */
  static override readonly asctime_format: string = "${asctime}";
  /** What `usesTime()` searches for (besides `$asctime`). */
  static override readonly asctime_search: string = "${asctime}";

  #fn: ((fields: object, defaults?: Record<string, unknown> | null) => string) | null = null;
  #fnFor: string | null = null;

  /** The record attribute names the template reads. */
  override get fields(): ReadonlySet<string> | null {
    return new Set(templateIdentifiers(this._fmt));
  }

  /** Whether a template uses the `asctime` field (`$asctime` or `${asctime}`). */
  override _searchesTime(fmt: string): boolean {
    return fmt.indexOf("$asctime") >= 0 || fmt.indexOf(this.asctime_search) >= 0;
  }

  /** Validates the template; throws Python's ValueError. */
  override validate(): void {
    const fields = new Set<string>();
    for (const m of this._fmt.matchAll(TEMPLATE_PATTERN)) {
      if (m[2]) fields.add(m[2]);
      else if (m[3]) fields.add(m[3]);
      else if (m[0] === "$") throw new ValueError("invalid format: bare '$' not allowed");
    }
    if (fields.size === 0) throw new ValueError("invalid format: no fields");
  }

  /** Formats without wrapping a missing field's KeyError. */
  override _format(record: object): string {
    const fmt = this._fmt;
    if (this.#fnFor !== fmt) {
      if (this.#fnFor !== null) noteFormatChange(this);
      this.#fn = compileTemplate(fmt);
      this.#fnFor = fmt;
    }
    const fn = this.#fn as (fields: object, defaults?: Record<string, unknown> | null) => string;
    const d = this._defaults;
    return fn(record, d !== null && Object.keys(d).length > 0 ? d : null);
  }
}

/** The constructor type shared by the three style classes. */
export type StyleClass = typeof PercentStyle;

/**
 * logging's `_STYLES`: each style character's class and the format `basicConfig` uses.
 *
 * @example
 * ```ts
 * import { STYLES } from "./styles.ts";
 * const [Style, fmt] = STYLES["{"];
 * new Style(fmt).format({ levelname: "INFO", name: "root", message: "hi" }); // "INFO:root:hi"
 * ```
 */
export const STYLES: Readonly<Record<"%" | "{" | "$", readonly [StyleClass, string]>> = {
  "%": [PercentStyle, "%(levelname)s:%(name)s:%(message)s"],
  "{": [StrFormatStyle, "{levelname}:{name}:{message}"],
  "$": [StringTemplateStyle, "${levelname}:${name}:${message}"],
};
