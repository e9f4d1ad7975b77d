/**
 * `ColoredFormatter`: colorlog 6.x's `colorlog.ColoredFormatter`, ANSI colours in a format string
 * (`%(log_color)s`, `%(reset)s`, `%(bold_red)s`, `%(message_log_color)s`), byte for byte the text
 * colorlog 6.12 writes, with colorlog's own rule for when colour is on.
 *
 * @module
 */

import { KeyError } from "../py/errors.ts";
import { readEnv } from "../runtime.ts";
import type { ExcInfo, LogRecord } from "../record.ts";
import { Formatter, type Style } from "./formatter.ts";
import { RECORD_ATTRIBUTES } from "../record_fields.ts";
import { formatException as renderException } from "../py/traceback.ts";
import { escapeControls } from "./sanitize.ts";

function esc(...codes: number[]): string {
  return "\x1b[" + codes.join(";") + "m";
}

const FOREGROUND: Record<string, number> = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  purple: 35,
  cyan: 36,
  white: 37,
  light_black: 90,
  light_red: 91,
  light_green: 92,
  light_yellow: 93,
  light_blue: 94,
  light_purple: 95,
  light_cyan: 96,
  light_white: 97,
};

let codesTable: Readonly<Record<string, string>> | undefined;

/**
 * colorlog's `escape_codes`: every colour name it knows and its ANSI sequence: `reset`, `bold`,
 * `thin`; `red`, `bold_red`, `thin_red`, `light_red` … (and the same with `fg_`); `bg_red`,
 * `bg_light_red`, `bg_bold_red` (colorlog's old name for the light background); 256 colours as
 * `fg_0`…`fg_255` and `bg_0`…`bg_255`. Built on first use.
 *
 * @example
 * ```ts
 * import { escapeCodes } from "@pylog/logging/formatters";
 * escapeCodes().bold_red; // "\x1b[1;31m"
 * escapeCodes().fg_208; // "\x1b[38;5;208m"
 * ```
 */
export function escapeCodes(): Readonly<Record<string, string>> {
  if (codesTable !== undefined) return codesTable;
  const t: Record<string, string> = { reset: esc(0), bold: esc(1), thin: esc(2) };
  for (const [name, code] of Object.entries(FOREGROUND)) {
    t[name] = esc(code);
    t["bold_" + name] = esc(1, code);
    t["thin_" + name] = esc(2, code);
  }
  for (const [name, code] of Object.entries(FOREGROUND)) {
    t["fg_" + name] = esc(code);
    t["fg_bold_" + name] = esc(1, code);
    t["fg_thin_" + name] = esc(2, code);
  }
  for (const [name, code] of Object.entries(FOREGROUND)) t["bg_" + name] = esc(code + 10);
  for (const [name, code] of Object.entries(FOREGROUND)) {
    if (code < 90) t["bg_bold_" + name] = esc(code + 70);
  }
  for (let n = 0; n < 256; n++) {
    t["fg_" + n] = esc(38, 5, n);
    t["bg_" + n] = esc(48, 5, n);
  }
  return (codesTable = Object.freeze(t));
}

/**
 * colorlog's `parse_colors`: the escape codes of a comma-separated list of colour names
 * (`"bold_red,bg_white"`); an unknown name raises `KeyError`.
 *
 * @example
 * ```ts
 * import { parseColors } from "@pylog/logging/formatters";
 * parseColors("bold_red,bg_white"); // "\x1b[1;31m\x1b[47m"
 * ```
 */
export function parseColors(spec: string): string {
  const codes = escapeCodes();
  let out = "";
  for (const n of spec.split(",")) {
    if (!n) continue;
    const c = Object.hasOwn(codes, n) ? codes[n] : undefined;
    if (c === undefined) throw new KeyError(n);
    out += c;
  }
  return out;
}

/**
 * colorlog's `default_log_colors`.
 *
 * @example
 * ```ts
 * import { default_log_colors } from "@pylog/logging/formatters";
 * default_log_colors.CRITICAL; // "bold_red"
 * ```
 */
export const default_log_colors: Readonly<Record<string, string>> = Object.freeze({
  DEBUG: "white",
  INFO: "green",
  WARNING: "yellow",
  ERROR: "red",
  CRITICAL: "bold_red",
});

const DEFAULT_FORMATS: Record<string, string> = {
  "%": "%(log_color)s%(levelname)s:%(name)s:%(message)s",
  "{": "{log_color}{levelname}:{name}:{message}",
  "$": "${log_color}${levelname}:${name}:${message}",
};

/** A stream colour is judged by: Python's `isatty()`, a Node stream's `isTTY`, or a descriptor. */
export type ColorStream =
  | { isatty(): boolean }
  | { isTTY?: boolean }
  | { fd: number }
  | WritableStream<unknown>;

/** colorlog's keyword arguments of `ColoredFormatter`, spelled as in Python. */
export interface ColoredFormatterOptions {
  /** The format (default: colorlog's `%(log_color)s%(levelname)s:%(name)s:%(message)s` per style). */
  fmt?: string | null;
  /** The `time.strftime` format of `asctime`. */
  datefmt?: string | null;
  /** `%` (default), `{` or `$`. */
  style?: Style;
  /** Colour names per level name (default {@linkcode default_log_colors}). */
  log_colors?: Record<string, string> | null;
  /** Append a reset to every line unless it already ends with one (default `true`). */
  reset?: boolean;
  /** More `<name>_log_color` fields, each with its own colours per level name. */
  secondary_log_colors?: Record<string, Record<string, string>> | null;
  /** Check the format string (default `true`). */
  validate?: boolean;
  /** The stream the output goes to: no colour when it is not a terminal. */
  stream?: ColorStream | null;
  /** No colour. */
  no_color?: boolean;
  /** Colour always (wins over `no_color` and `NO_COLOR`). */
  force_color?: boolean;
  /** Values for fields a record does not have. */
  defaults?: Record<string, unknown> | null;
  /**
   * Escape control characters (ANSI escapes included) in the record's values, keeping the
   * formatter's own colours; tracebacks uncoloured and on the same line (default `false`).
   */
  sanitize?: boolean;
}

// deno-lint-ignore no-explicit-any
type AnyGlobal = any;

/** Python's `name in os.environ` (`runtime.ts`'s `readEnv`: never at import, never prompting). */
function envHas(name: string): boolean {
  return readEnv(name) !== undefined;
}

/**
 * Whether `stream` is a terminal, as Python's `stream.isatty()`: its own `isatty()`, else a Node
 * stream's `isTTY`, else for descriptors 1 and 2 (`stdout()`/`stderr()`) the runtime's own check
 * (`Deno.stdout.isTerminal()`, `process.stdout.isTTY`). Anything else (and every stream on an edge
 * runtime) is not a terminal.
 */
function isTerminal(stream: unknown): boolean {
  const s = stream as AnyGlobal;
  try {
    if (typeof s.isatty === "function") return Boolean(s.isatty());
    if (typeof s.isTTY === "boolean") return s.isTTY;
    const fd = s.fd;
    if (fd === 1 || fd === 2) {
      const g = globalThis as AnyGlobal;
      const deno = g.Deno;
      if (deno !== undefined) return Boolean((fd === 1 ? deno.stdout : deno.stderr).isTerminal());
      return Boolean((fd === 1 ? g.process?.stdout : g.process?.stderr)?.isTTY);
    }
  } catch {
    // not a terminal
  }
  return false;
}

/** The record attributes Python's `LogRecord.__init__` sets (its `__dict__` has them all). */
const BASE_SET: ReadonlySet<string> = new Set(
  RECORD_ATTRIBUTES.filter((a) => a !== "message" && a !== "asctime"),
);

/**
 * Formats records with colour names in the format string, as colorlog 6.x's
 * `colorlog.ColoredFormatter`: `%(log_color)s` is the level's colour from `log_colors`,
 * `%(<name>_log_color)s` the level's colour from `secondary_log_colors[name]`, every colour name of
 * {@linkcode escapeCodes} is a field (`%(bold_red)s`, `{bg_white}`, `${fg_208}`), and a reset is
 * appended to each line. Tracebacks are coloured as Python 3.13 colours them.
 *
 * Colour is on by colorlog 6.12's rule, checked on every record: on when `force_color` is set or
 * the environment has `FORCE_COLOR` (with any value, even empty or `"0"`); otherwise off when
 * `no_color` is set or the environment has `NO_COLOR` (any value); otherwise off when a `stream`
 * was given and it is not a terminal; otherwise on, also when output is piped (a formatter made
 * without `stream`, as `dictConfig` makes it, always colours). Under Deno without `--allow-env`
 * the environment is not read.
 *
 * @example
 * ```ts
 * import { ColoredFormatter, makeLogRecord } from "@pylog/logging";
 * const f = new ColoredFormatter({ fmt: "%(log_color)s%(levelname)-8s%(reset)s %(message)s", force_color: true });
 * f.format(makeLogRecord({ levelname: "ERROR", msg: "disk full" }));
 * // "\x1b[31mERROR   \x1b[0m disk full"
 * ```
 */
export class ColoredFormatter extends Formatter {
  /** Colour names per level name. */
  log_colors: Record<string, string>;
  /** `<name>_log_color` fields and their colours per level name. */
  secondary_log_colors: Record<string, Record<string, string>>;
  /** Append a reset to each line. */
  reset: boolean;
  /** The stream whose terminal-ness decides colour, or `null`. */
  stream: ColorStream | null;
  /** No colour. */
  no_color: boolean;
  /** Colour always. */
  force_color: boolean;

  /**
   * Creates the formatter, as colorlog's `ColoredFormatter(fmt=None, datefmt=None, style='%',
   * log_colors=None, reset=True, secondary_log_colors=None, validate=True, stream=None,
   * no_color=False, force_color=False, defaults=None)`, positionally or as one options object.
   */
  constructor(
    fmt?: string | null | ColoredFormatterOptions,
    datefmt: string | null = null,
    style: Style = "%",
    log_colors: Record<string, string> | null = null,
    reset = true,
    secondary_log_colors: Record<string, Record<string, string>> | null = null,
    validate = true,
    stream: ColorStream | null = null,
    no_color = false,
    force_color = false,
    defaults: Record<string, unknown> | null = null,
    options: { sanitize?: boolean } = {},
  ) {
    let sanitize = options.sanitize ?? false;
    if (fmt !== null && typeof fmt === "object") {
      const o = fmt;
      fmt = o.fmt ?? null;
      datefmt = o.datefmt ?? null;
      style = o.style ?? "%";
      log_colors = o.log_colors ?? null;
      reset = o.reset ?? true;
      secondary_log_colors = o.secondary_log_colors ?? null;
      validate = o.validate ?? true;
      stream = o.stream ?? null;
      no_color = o.no_color ?? false;
      force_color = o.force_color ?? false;
      defaults = o.defaults ?? null;
      sanitize = o.sanitize ?? false;
    }
    if (fmt === null || fmt === undefined) {
      if (!Object.hasOwn(DEFAULT_FORMATS, style)) throw new KeyError(style);
      fmt = DEFAULT_FORMATS[style];
    }
    super(fmt, datefmt, style, validate, { defaults, sanitize });
    this.log_colors = log_colors ?? { ...default_log_colors };
    this.secondary_log_colors = secondary_log_colors ?? {};
    this.reset = reset;
    this.stream = stream;
    this.no_color = no_color;
    this.force_color = force_color;
  }

  /**
   * Whether escape codes are written now (colorlog's `_colorize`), by the rule in the class
   * documentation.
   *
   * @example
   * ```ts
   * import { ColoredFormatter } from "@pylog/logging";
   * new ColoredFormatter({ no_color: true })._colorize(); // false, unless FORCE_COLOR is set
   * ```
   */
  _colorize(): boolean {
    if (this.force_color || envHas("FORCE_COLOR")) return true;
    if (this.no_color || envHas("NO_COLOR")) return false;
    if (this.stream !== null && this.stream !== undefined && !isTerminal(this.stream)) return false;
    return true;
  }

  /** The escape code a field stands for (its colour, or `""` without colour), or `undefined`. */
  #escapeFor(field: string, levelname: string, colorize: boolean): string | undefined {
    const codes = escapeCodes();
    if (Object.hasOwn(codes, field)) return colorize ? codes[field] : "";
    if (field === "log_color") {
      const code = parseColors(lookup(this.log_colors, levelname));
      return colorize ? code : "";
    }
    if (field.endsWith("_log_color")) {
      const name = field.slice(0, -10);
      const colors = this.secondary_log_colors;
      if (Object.hasOwn(colors, name)) {
        const code = parseColors(lookup(colors[name], levelname));
        return colorize ? code : "";
      }
    }
    return undefined;
  }

  /**
   * Applies the format to the record with the colour fields added (colorlog's `ColoredRecord`:
   * they win over record attributes of the same name), then appends a reset unless the line
   * already ends with one or `reset` is off.
   *
   * @example
   * ```ts
   * import { ColoredFormatter, makeLogRecord } from "@pylog/logging";
   * const f = new ColoredFormatter({ fmt: "%(red)s%(message)s", force_color: true });
   * f.formatMessage(makeLogRecord({ message: "x" })); // "\x1b[31mx\x1b[0m"
   * ```
   */
  override formatMessage(record: LogRecord): string {
    const colorize = this._colorize();
    const levelname = String(record.levelname);
    const rec = record as unknown as Record<string, unknown>;
    const view: Record<string, unknown> = Object.create(null);
    const fields = this._style.fields;
    if (fields !== null) {
      for (const f of fields) {
        const e = this.#escapeFor(f, levelname, colorize);
        if (e !== undefined) view[f] = e;
        else if (BASE_SET.has(f) || Object.hasOwn(rec, f)) view[f] = rec[f];
      }
      // Python builds the colours of every secondary name and of log_color, fields or not:
      // an unknown colour name raises KeyError even when the format does not use it.
      this.#escapeFor("log_color", levelname, colorize);
      for (const name of Object.keys(this.secondary_log_colors)) {
        this.#escapeFor(name + "_log_color", levelname, colorize);
      }
    } else {
      Object.assign(view, record.toDict());
      const codes = escapeCodes();
      for (const k of Object.keys(codes)) view[k] = colorize ? codes[k] : "";
      view.log_color = this.#escapeFor("log_color", levelname, colorize);
      for (const name of Object.keys(this.secondary_log_colors)) {
        view[name + "_log_color"] = this.#escapeFor(name + "_log_color", levelname, colorize);
      }
    }
    if (this.sanitize) {
      // The record's values are escaped, the colour codes this formatter adds are not.
      for (const k of Object.keys(view)) {
        const v = view[k];
        if (typeof v === "string" && this.#escapeFor(k, levelname, false) === undefined) {
          view[k] = escapeControls(v);
        }
      }
    }
    let message = this._style.format(view);
    const resetCode = colorize ? "\x1b[0m" : "";
    if (this.reset && !message.endsWith(resetCode)) message += resetCode;
    return message;
  }

  /**
   * The traceback, coloured when colour is on (colorlog passes `colorize` to Python 3.13's
   * `traceback.print_exception`).
   *
   * @example
   * ```ts
   * import { ColoredFormatter } from "@pylog/logging";
   * const e = new Error("boom");
   * new ColoredFormatter({ force_color: true }).formatException([Error, e, null]);
   * // "Traceback (most recent call last):\n  File \x1b[35m\"...\"\x1b[0m, ...\n\x1b[1;35mError\x1b[0m: \x1b[35mboom\x1b[0m"
   * ```
   */
  override formatException(ei: ExcInfo): string {
    const value = ei[1];
    if (value === null || value === undefined) return super.formatException(ei);
    // Sanitized output escapes the traceback's text: no colour codes in it.
    return renderException(value, this._colorize() && !this.sanitize);
  }
}

/** Python's `mapping.get(key, "")` for a user's colour table. */
function lookup(colors: Record<string, string>, key: string): string {
  return colors !== null && typeof colors === "object" && Object.hasOwn(colors, key)
    ? colors[key]
    : "";
}

/**
 * colorlog's `TTYColoredFormatter`: the same class (kept for older configurations).
 *
 * @example
 * ```ts
 * import { ColoredFormatter, TTYColoredFormatter } from "@pylog/logging/formatters";
 * TTYColoredFormatter === ColoredFormatter; // true
 * ```
 */
export const TTYColoredFormatter: typeof ColoredFormatter = ColoredFormatter;
