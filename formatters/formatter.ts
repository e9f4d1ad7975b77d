/**
 * `Formatter` and `BufferingFormatter`, as Python's: a record becomes text through a format string
 * in one of three styles (`%`, `{`, `$`), compiled once when the formatter is made (see
 * `styles.ts`), with the time rendered by `time.strftime` rules and errors rendered as tracebacks.
 *
 * @module
 */

import { ValueError } from "../py/errors.ts";
import { CALLER_FIELDS, type ExcInfo, type LogRecord } from "../record.ts";
import { addCallerConsumer } from "../caller.ts";
import { percentFormat } from "../py/percent.ts";
import { strftime } from "../py/strftime.ts";
import { escapeControls } from "./sanitize.ts";
import { STYLES } from "./styles.ts";
import { localtime, type StructTime } from "../py/time.ts";
import { formatException as renderException } from "../py/traceback.ts";

/** Converts seconds since the epoch to broken-down time, as Python's `time.localtime`/`gmtime`. */
export type Converter = (secs: number) => StructTime;

/** A format style: `%` (printf), `{` (`str.format`) or `$` (`string.Template`). */
export type Style = "%" | "{" | "$";

/** The object a format style compiles to (`PercentStyle`, `StrFormatStyle`, `StringTemplateStyle`). */
export interface FormatStyle {
  /** The format string. */
  _fmt: string;
  /** The record attributes the format reads (`null`: unknown). */
  readonly fields: ReadonlySet<string> | null;
  /** Whether the format reads `asctime`. */
  usesTime(): boolean;
  /** Checks the format string, raising Python's `ValueError`s. */
  validate(): void;
  /** Applies the format to a record's attributes. */
  format(record: object): string;
}

/** Python's keyword parameters of `Formatter`, for the options-object form of the constructor. */
export interface FormatterOptions {
  /** The format string (default: the style's `%(message)s`, `{message}` or `${message}`). */
  fmt?: string | null;
  /** The `time.strftime` format of `asctime` (default: `%Y-%m-%d %H:%M:%S` plus `,msecs`). */
  datefmt?: string | null;
  /** `%` (default), `{` or `$`. */
  style?: Style;
  /** Check the format string now (default `true`), raising Python's `ValueError`s. */
  validate?: boolean;
  /** Values for fields a record does not have. */
  defaults?: Record<string, unknown> | null;
  /**
   * Escape line breaks, control characters, U+2028/U+2029 and bidirectional controls in the
   * output, so one call makes one line (default `false`: CPython's raw text). Not in Python.
   */
  sanitize?: boolean;
}

/**
 * Turns a record into text, as Python's `logging.Formatter`. The second form takes Python's keyword
 * arguments as one object.
 *
 * @example
 * ```ts
 * import { Formatter, makeLogRecord } from "@pylog/logging";
 * const f = new Formatter("%(levelname)-8s %(name)s: %(message)s");
 * f.format(makeLogRecord({ name: "app", levelname: "INFO", msg: "ready" }));
 * // "INFO     app: ready"
 * const g = new Formatter({ fmt: "{levelname} {message}", style: "{" });
 * ```
 */
export class Formatter {
  /** Python's `Formatter.converter`, for every formatter: `localtime` unless changed. */
  static converter: Converter = localtime;
  /** Python's `Formatter.default_time_format`. */
  static default_time_format = "%Y-%m-%d %H:%M:%S";
  /** Python's `Formatter.default_msec_format` (`null` to leave out milliseconds). */
  static default_msec_format: string | null = "%s,%03d";

  /** The compiled style object. */
  _style: FormatStyle;
  /** The format string. */
  _fmt: string;
  /** The date format, or `null` for the default. */
  datefmt: string | null;
  /**
   * Whether the output is injection-safe: line breaks, control characters (tab excepted),
   * U+2028/U+2029 and bidirectional controls escaped as Python's `repr` writes them, tracebacks
   * and stack text included, so one record is one line. Off by default (CPython's raw text).
   */
  sanitize: boolean;
  #converter: Converter | undefined;
  #timeFormat: string | undefined;
  #msecFormat: string | null | undefined;
  /** The per-second date cache: the second, the converter and date format it was made with. */
  #cacheSecond = NaN;
  #cacheText = "";
  #cacheConverter: Converter | null = null;
  #cacheFormat: string | null = null;
  /** The millisecond (`-1`: none) and full text of the last `asctime` made with `%s,%03d`. */
  #cacheMs = -1;
  #cacheFull = "";

  /**
   * Creates a formatter, as Python's
   * `Formatter(fmt=None, datefmt=None, style='%', validate=True, *, defaults=None)`.
   */
  constructor(
    fmt?: string | null | FormatterOptions,
    datefmt: string | null = null,
    style: Style = "%",
    validate = true,
    options: { defaults?: Record<string, unknown> | null; sanitize?: boolean } = {},
  ) {
    let defaults = options.defaults ?? null;
    let sanitize = options.sanitize ?? false;
    if (fmt !== null && typeof fmt === "object") {
      const o = fmt;
      fmt = o.fmt ?? null;
      datefmt = o.datefmt ?? null;
      style = o.style ?? "%";
      validate = o.validate ?? true;
      defaults = o.defaults ?? null;
      sanitize = o.sanitize ?? false;
    }
    const entry = (STYLES as Record<string, unknown>)[style] as
      | [
        new (fmt?: string | null, o?: { defaults?: Record<string, unknown> | null }) => FormatStyle,
      ]
      | undefined;
    if (entry === undefined) {
      throw new ValueError(`Style must be one of: ${Object.keys(STYLES).join(",")}`);
    }
    this._style = new entry[0](fmt, { defaults });
    if (validate) this._style.validate();
    this._fmt = this._style._fmt;
    this.datefmt = datefmt;
    this.sanitize = sanitize === true;
    const fields = this._style.fields;
    // Records capture a stack while such a formatter is alive (see setCallerInfo). A subclass that
    // overrides format() may switch formats per record (Python's "one format per level" recipe),
    // so it counts too.
    if (
      fields === null || [...CALLER_FIELDS].some((f) => fields.has(f)) ||
      (this.format !== Formatter.prototype.format &&
        // A subclass that declares which fields it reads (JsonFormatter) registers itself.
        !(this as { _declaresCallerFields?: boolean })._declaresCallerFields)
    ) addCallerConsumer(this);
  }

  /** The time converter: this formatter's own, or the class's `Formatter.converter`. */
  get converter(): Converter {
    return this.#converter ?? (this.constructor as typeof Formatter).converter;
  }
  set converter(fn: Converter) {
    this.#converter = fn;
  }
  /** The `strftime` format used when `datefmt` is not set. */
  get default_time_format(): string {
    return this.#timeFormat ?? (this.constructor as typeof Formatter).default_time_format;
  }
  set default_time_format(fmt: string) {
    this.#timeFormat = fmt;
  }
  /** How milliseconds are appended to the default time format (`%s,%03d`), or `null`. */
  get default_msec_format(): string | null {
    return this.#msecFormat !== undefined
      ? this.#msecFormat
      : (this.constructor as typeof Formatter).default_msec_format;
  }
  set default_msec_format(fmt: string | null) {
    this.#msecFormat = fmt;
  }

  /**
   * Returns the record's creation time as text: `datefmt` through `time.strftime`, or the default
   * format with milliseconds appended. The text before the milliseconds is cached per second.
   *
   * @example
   * ```ts
   * import { Formatter, makeLogRecord } from "@pylog/logging";
   * import { gmtime } from "@pylog/logging/formatters";
   * const f = new Formatter();
   * f.converter = gmtime;
   * f.formatTime(makeLogRecord({ created: 0, msecs: 5 })); // "1970-01-01 00:00:00,005"
   * ```
   */
  formatTime(record: LogRecord, datefmt: string | null = null): string {
    const created = record.created;
    const second = Math.floor(created);
    const converter = this.converter;
    const fmt = datefmt || this.default_time_format;
    let s: string;
    if (
      second === this.#cacheSecond && converter === this.#cacheConverter &&
      fmt === this.#cacheFormat
    ) {
      s = this.#cacheText;
    } else {
      s = strftime(fmt, converter(created));
      this.#cacheSecond = second;
      this.#cacheConverter = converter;
      this.#cacheFormat = fmt;
      this.#cacheText = s;
      this.#cacheMs = -1;
    }
    if (datefmt) return s;
    const msecFormat = this.default_msec_format;
    if (!msecFormat) return s;
    if (msecFormat === "%s,%03d") {
      const ms = Math.trunc(record.msecs);
      if (ms >= 0 && ms < 1000) {
        // Records of the same millisecond get the same string object (cheap to compare and, once
        // flattened, to copy), as Python's `%` would give equal text.
        if (ms === this.#cacheMs) return this.#cacheFull;
        this.#cacheMs = ms;
        return (this.#cacheFull = s + (ms < 10 ? ",00" : ms < 100 ? ",0" : ",") + ms);
      }
    }
    return percentFormat(msecFormat, [s, record.msecs]);
  }

  /**
   * Renders error information as a Python-shaped traceback (no trailing newline).
   *
   * @example
   * ```ts
   * import { Formatter } from "@pylog/logging";
   * const err = new TypeError("bad");
   * new Formatter().formatException([TypeError, err, err.stack ?? null]);
   * // "Traceback (most recent call last):\n  File ...\nTypeError: bad"
   * ```
   */
  formatException(ei: ExcInfo): string {
    const value = ei[1];
    if (value === null || value === undefined) return "NoneType: None";
    return renderException(value);
  }

  /**
   * Returns whether the format uses the creation time (`asctime`).
   *
   * @example
   * ```ts
   * import { Formatter } from "@pylog/logging";
   * new Formatter("%(asctime)s %(message)s").usesTime(); // true
   * ```
   */
  usesTime(): boolean {
    return this._style.usesTime();
  }

  /**
   * Applies the format string to the record's attributes.
   *
   * @example
   * ```ts
   * import { Formatter, makeLogRecord } from "@pylog/logging";
   * const r = makeLogRecord({ levelname: "INFO", message: "hi" });
   * new Formatter("%(levelname)s:%(message)s").formatMessage(r); // "INFO:hi"
   * ```
   */
  formatMessage(record: LogRecord): string {
    const s = this._style.format(record);
    return this.sanitize ? escapeControls(s) : s;
  }

  /**
   * An extension point for stack text; the base returns it unchanged.
   *
   * @example
   * ```ts
   * import { Formatter } from "@pylog/logging";
   * new Formatter().formatStack("Stack (most recent call last):"); // unchanged
   * ```
   */
  formatStack(stack_info: string): string {
    return stack_info;
  }

  /**
   * Formats the record as Python's `Formatter.format`: sets `record.message` (and `asctime` when
   * used), applies the format, then appends the traceback (cached in `exc_text`) and stack.
   *
   * @example
   * ```ts
   * import { Formatter, makeLogRecord } from "@pylog/logging";
   * new Formatter("%(name)s %(message)s").format(makeLogRecord({ name: "a", msg: "b %d", args: [1] }));
   * // "a b 1"
   * ```
   */
  format(record: LogRecord): string {
    record.message = record.getMessage();
    if (this.usesTime()) record.asctime = this.formatTime(record, this.datefmt);
    let s = this.formatMessage(record);
    if (record.exc_info) {
      if (!record.exc_text) record.exc_text = this.formatException(record.exc_info);
    }
    if (this.sanitize) {
      // One record, one line: the traceback and stack follow an escaped line break.
      if (record.exc_text) s += escapeControls("\n" + record.exc_text);
      if (record.stack_info) s += escapeControls("\n" + this.formatStack(record.stack_info));
      return s;
    }
    if (record.exc_text) {
      if (!s.endsWith("\n")) s += "\n";
      s += record.exc_text;
    }
    if (record.stack_info) {
      if (!s.endsWith("\n")) s += "\n";
      s += this.formatStack(record.stack_info);
    }
    return s;
  }
}

let defaultInstance: Formatter | undefined;

/**
 * The formatter handlers use when none is set (Python's `_defaultFormatter`, `%(message)s`).
 *
 * @example
 * ```ts
 * import { makeLogRecord } from "@pylog/logging";
 * import { defaultFormatter } from "@pylog/logging/formatters";
 * defaultFormatter().format(makeLogRecord({ msg: "plain" })); // "plain"
 * ```
 */
export function defaultFormatter(): Formatter {
  return (defaultInstance ??= new Formatter());
}

/**
 * Formats a batch of records with a header and footer, as Python's `logging.BufferingFormatter`.
 *
 * @example
 * ```ts
 * import { BufferingFormatter, makeLogRecord } from "@pylog/logging";
 * new BufferingFormatter().format([makeLogRecord({ msg: "a" }), makeLogRecord({ msg: "b" })]);
 * // "ab"
 * ```
 */
export class BufferingFormatter {
  /** The formatter for each record. */
  linefmt: Formatter;

  /** Creates it with `linefmt` for each record (default: the module's default formatter). */
  constructor(linefmt: Formatter | null = null) {
    this.linefmt = linefmt ?? defaultFormatter();
  }

  /**
   * The text before the records (empty here; override it).
   *
   * @example
   * ```ts
   * import { BufferingFormatter } from "@pylog/logging";
   * new BufferingFormatter().formatHeader([]); // ""
   * ```
   */
  formatHeader(_records: readonly LogRecord[]): string {
    return "";
  }

  /**
   * The text after the records (empty here; override it).
   *
   * @example
   * ```ts
   * import { BufferingFormatter } from "@pylog/logging";
   * new BufferingFormatter().formatFooter([]); // ""
   * ```
   */
  formatFooter(_records: readonly LogRecord[]): string {
    return "";
  }

  /**
   * Header, every record, footer; empty for no records.
   *
   * @example
   * ```ts
   * import { BufferingFormatter } from "@pylog/logging";
   * new BufferingFormatter().format([]); // ""
   * ```
   */
  format(records: readonly LogRecord[]): string {
    let rv = "";
    if (records.length > 0) {
      rv += this.formatHeader(records);
      for (const record of records) rv += this.linefmt.format(record);
      rv += this.formatFooter(records);
    }
    return rv;
  }
}
