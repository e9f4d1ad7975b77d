/**
 * The subset of Python's `configparser` that `logging.config.fileConfig` uses: `[sections]`,
 * `key = value` / `key: value` options (keys lower-cased), indented continuation lines, `#`/`;`
 * comment lines, the `[DEFAULT]` section and constructor defaults, and `BasicInterpolation`
 * (`%(name)s`, `%%`). Errors are configparser's, with its messages.
 *
 * @module
 */

import { KeyError, ValueError } from "./errors.ts";
import { pyRepr, pyStr } from "./repr.ts";

/**
 * Python's `configparser.Error`, the base of the parser's errors.
 *
 * @example
 * ```ts
 * import { ConfigParser, ConfigParserError } from "@pylog/logging/config";
 * try {
 *   new ConfigParser().read_string("[a]\nx = 1\n[a]\n");
 * } catch (e) {
 *   e instanceof ConfigParserError; // true (DuplicateSectionError)
 * }
 * ```
 */
export class ConfigParserError extends Error {
  /** Creates the error with configparser's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "Error";
  }
}

/** Python's `configparser.ParsingError`: lines that are neither sections, options nor comments. */
export class ParsingError extends ConfigParserError {
  /** The source name (`'<string>'`, or the file's path). */
  source: string;
  /** `[lineno, line]` of every bad line. */
  errors: [number, string][] = [];
  /** Creates the error for `source`. */
  constructor(source: string, message?: string) {
    super(message ?? `Source contains parsing errors: ${pyRepr(source)}`);
    this.name = "ParsingError";
    this.source = source;
  }
  /** Adds a bad line to the message, as configparser does. */
  append(lineno: number, line: string): void {
    this.errors.push([lineno, line]);
    this.message += `\n\t[line ${String(lineno).padStart(2)}]: ${pyRepr(line)}`;
  }
}

/** Python's `configparser.MissingSectionHeaderError`: an option before any `[section]`. */
export class MissingSectionHeaderError extends ParsingError {
  /** Creates the error for the first line of `source`. */
  constructor(source: string, lineno: number, line: string) {
    super(
      source,
      `File contains no section headers.\nfile: ${pyRepr(source)}, line: ${lineno}\n${
        pyRepr(line)
      }`,
    );
    this.name = "MissingSectionHeaderError";
  }
}

/** Python's `configparser.DuplicateSectionError` (strict mode, the default). */
export class DuplicateSectionError extends ConfigParserError {
  /** Creates the error. */
  constructor(section: string, source: string, lineno: number) {
    super(
      `While reading from ${pyRepr(source)} [line ${String(lineno).padStart(2)}]: section ${
        pyRepr(section)
      } already exists`,
    );
    this.name = "DuplicateSectionError";
  }
}

/** Python's `configparser.DuplicateOptionError` (strict mode, the default). */
export class DuplicateOptionError extends ConfigParserError {
  /** Creates the error. */
  constructor(section: string, option: string, source: string, lineno: number) {
    super(
      `While reading from ${pyRepr(source)} [line ${String(lineno).padStart(2)}]: option ${
        pyRepr(option)
      } in section ${pyRepr(section)} already exists`,
    );
    this.name = "DuplicateOptionError";
  }
}

/** Python's `configparser.NoSectionError`. */
export class NoSectionError extends ConfigParserError {
  /** Creates the error. */
  constructor(section: string) {
    super(`No section: ${pyRepr(section)}`);
    this.name = "NoSectionError";
  }
}

/** Python's `configparser.NoOptionError`. */
export class NoOptionError extends ConfigParserError {
  /** Creates the error. */
  constructor(option: string, section: string) {
    super(`No option ${pyRepr(option)} in section: ${pyRepr(section)}`);
    this.name = "NoOptionError";
  }
}

/** Python's `configparser.InterpolationError` and its subclasses (`name` tells which). */
export class InterpolationError extends ConfigParserError {
  /** Creates the error with configparser's message text and class name. */
  constructor(message: string, name = "InterpolationError") {
    super(message);
    this.name = name;
  }
}

const MAX_INTERPOLATION_DEPTH = 10;
const DEFAULT_SECTION = "DEFAULT";

/** Options of {@linkcode ConfigParser.get}. */
export interface GetOptions {
  /** Return the value without interpolation. */
  raw?: boolean;
  /** Returned when the section or option is missing (instead of raising). */
  fallback?: string | null;
}

/**
 * A `configparser.ConfigParser` with `BasicInterpolation`, reduced to what `fileConfig` needs.
 * Methods keep Python's names.
 *
 * @example
 * ```ts
 * import { ConfigParser } from "@pylog/logging/config";
 * const cp = new ConfigParser({ logdir: "/var/log" });
 * cp.read_string("[handler_file]\nargs = ('%(logdir)s/app.log', 'a')\n");
 * cp.get("handler_file", "args"); // "('/var/log/app.log', 'a')"
 * ```
 */
export class ConfigParser {
  #defaults = new Map<string, string>();
  #sections = new Map<string, Map<string, string>>();

  /** Creates a parser; `defaults` become the `[DEFAULT]` section (values as Python's `str()`). */
  constructor(defaults: Record<string, unknown> | null = null) {
    if (defaults) {
      for (const [k, v] of Object.entries(defaults)) {
        this.#defaults.set(this.optionxform(k), typeof v === "string" ? v : pyStr(v));
      }
    }
  }

  /**
   * Python's `optionxform`: option names are lower-cased.
   *
   * @example
   * ```ts
   * import { ConfigParser } from "@pylog/logging/config";
   * new ConfigParser().optionxform("Keys"); // "keys"
   * ```
   */
  optionxform(option: string): string {
    return option.toLowerCase();
  }

  /**
   * Parses INI text (Python's `read_string`), adding to what was read before.
   *
   * @example
   * ```ts
   * import { ConfigParser } from "@pylog/logging/config";
   * const cp = new ConfigParser();
   * cp.read_string("[loggers]\nkeys=root\n");
   * cp.sections(); // ["loggers"]
   * ```
   */
  read_string(text: string, source = "<string>"): void {
    const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    let cursect: Map<string, string[] | null> | null = null;
    let sectname = "";
    let optname: string | null = null;
    let indentLevel = 0;
    let error: ParsingError | null = null;
    const added = new Set<string>();
    const defaultsSect = new Map<string, string[] | null>();
    const sections = new Map<string, Map<string, string[] | null>>();
    for (let lineno = 1; lineno <= lines.length; lineno++) {
      const line = lines[lineno - 1];
      const stripped = line.trim();
      const isComment = stripped.startsWith("#") || stripped.startsWith(";");
      const value = isComment ? "" : stripped;
      if (!value) {
        if (!isComment && cursect !== null && optname !== null && cursect.get(optname) != null) {
          (cursect.get(optname) as string[]).push("");
        }
        continue;
      }
      const curIndent = line.search(/\S/);
      if (cursect !== null && optname !== null && curIndent > indentLevel) {
        (cursect.get(optname) as string[] | null)?.push(value);
        continue;
      }
      indentLevel = curIndent;
      const header = /^\[(.+)\]/.exec(value);
      if (header) {
        sectname = header[1];
        if (this.#sections.has(sectname) || sections.has(sectname)) {
          if (added.has("s:" + sectname)) {
            throw new DuplicateSectionError(sectname, source, lineno);
          }
          cursect = sections.get(sectname) ?? new Map();
          sections.set(sectname, cursect);
          added.add("s:" + sectname);
        } else if (sectname === DEFAULT_SECTION) {
          cursect = defaultsSect;
        } else {
          cursect = new Map();
          sections.set(sectname, cursect);
          added.add("s:" + sectname);
        }
        optname = null;
        continue;
      }
      if (cursect === null) throw new MissingSectionHeaderError(source, lineno, line);
      const opt = /^(.*?)\s*(=|:)\s*(.*)$/s.exec(value);
      if (opt && opt[1]) {
        optname = this.optionxform(opt[1].trimEnd());
        const key = `o:${sectname}\0${optname}`;
        if (added.has(key)) throw new DuplicateOptionError(sectname, optname, source, lineno);
        added.add(key);
        cursect.set(optname, [opt[3].trim()]);
      } else {
        if (opt) optname = null;
        error ??= new ParsingError(source);
        error.append(lineno, line);
      }
    }
    const join = (from: Map<string, string[] | null>, into: Map<string, string>): void => {
      for (const [k, v] of from) into.set(k, v === null ? "" : v.join("\n").trimEnd());
    };
    join(defaultsSect, this.#defaults);
    for (const [name, sect] of sections) {
      let target = this.#sections.get(name);
      if (target === undefined) {
        target = new Map();
        this.#sections.set(name, target);
      }
      join(sect, target);
    }
    if (error) throw error;
  }

  /**
   * Reads sections from an object of objects (Python's `read_dict`); values become strings.
   *
   * @example
   * ```ts
   * import { ConfigParser } from "@pylog/logging/config";
   * const cp = new ConfigParser();
   * cp.read_dict({ loggers: { keys: "root" } });
   * ```
   */
  read_dict(dictionary: Record<string, Record<string, unknown>>, source = "<dict>"): void {
    const seen = new Set<string>();
    for (const [section, options] of Object.entries(dictionary)) {
      const name = String(section);
      if (seen.has(name)) throw new DuplicateSectionError(name, source, 0);
      seen.add(name);
      let target: Map<string, string>;
      if (name === DEFAULT_SECTION) target = this.#defaults;
      else {
        target = this.#sections.get(name) ?? new Map();
        this.#sections.set(name, target);
      }
      for (const [k, v] of Object.entries(options ?? {})) {
        target.set(
          this.optionxform(String(k)),
          v === null || v === undefined ? "" : typeof v === "string" ? v : pyStr(v),
        );
      }
    }
  }

  /**
   * The section names, in file order (without `DEFAULT`).
   *
   * @example
   * ```ts
   * import { ConfigParser } from "@pylog/logging/config";
   * new ConfigParser().sections(); // []
   * ```
   */
  sections(): string[] {
    return [...this.#sections.keys()];
  }

  /**
   * The `[DEFAULT]` values.
   *
   * @example
   * ```ts
   * import { ConfigParser } from "@pylog/logging/config";
   * new ConfigParser({ a: 1 }).defaults(); // { a: "1" }
   * ```
   */
  defaults(): Record<string, string> {
    return Object.fromEntries(this.#defaults);
  }

  /**
   * Whether the section exists (`DEFAULT` is not a section).
   *
   * @example
   * ```ts
   * import { ConfigParser } from "@pylog/logging/config";
   * new ConfigParser().has_section("loggers"); // false
   * ```
   */
  has_section(section: string): boolean {
    return this.#sections.has(section);
  }

  /**
   * Whether `section` (or `[DEFAULT]`) has `option`.
   *
   * @example
   * ```ts
   * import { ConfigParser } from "@pylog/logging/config";
   * new ConfigParser({ level: "INFO" }).has_option("x", "level"); // false: no section x
   * ```
   */
  has_option(section: string, option: string): boolean {
    option = this.optionxform(option);
    const sect = this.#sections.get(section);
    if (sect === undefined) return section === DEFAULT_SECTION && this.#defaults.has(option);
    return sect.has(option) || this.#defaults.has(option);
  }

  /**
   * The option names of `section`, defaults included.
   *
   * @example
   * ```ts
   * import { ConfigParser } from "@pylog/logging/config";
   * const cp = new ConfigParser();
   * cp.read_string("[a]\nx=1\n");
   * cp.options("a"); // ["x"]
   * ```
   */
  options(section: string): string[] {
    const sect = this.#sections.get(section);
    if (sect === undefined) throw new NoSectionError(section);
    return [...new Set([...sect.keys(), ...this.#defaults.keys()])];
  }

  /**
   * The value of `option` in `section` (or `[DEFAULT]`), interpolated unless `raw`.
   * Missing: `fallback` when given, else `NoSectionError`/`NoOptionError`.
   *
   * @example
   * ```ts
   * import { ConfigParser } from "@pylog/logging/config";
   * const cp = new ConfigParser();
   * cp.read_string("[a]\nname=app\nfile=%(name)s.log\n");
   * cp.get("a", "file"); // "app.log"
   * cp.get("a", "file", { raw: true }); // "%(name)s.log"
   * ```
   */
  get(section: string, option: string, opts: GetOptions = {}): string | null {
    option = this.optionxform(option);
    const sect = section === DEFAULT_SECTION ? new Map() : this.#sections.get(section);
    if (sect === undefined) {
      if ("fallback" in opts) return opts.fallback ?? null;
      throw new NoSectionError(section);
    }
    const value = sect.get(option) ?? this.#defaults.get(option);
    if (value === undefined) {
      if ("fallback" in opts) return opts.fallback ?? null;
      throw new NoOptionError(option, section);
    }
    if (opts.raw) return value;
    const map = new Map([...this.#defaults, ...sect]);
    const out: string[] = [];
    this.#interpolate(option, out, value, section, map, 1, value);
    return out.join("");
  }

  /**
   * The value as an integer (Python's `getint`), `fallback` when missing.
   *
   * @example
   * ```ts
   * import { ConfigParser } from "@pylog/logging/config";
   * const cp = new ConfigParser();
   * cp.read_string("[a]\npropagate=0\n");
   * cp.getint("a", "propagate", 1); // 0
   * ```
   */
  getint(section: string, option: string, fallback?: number): number {
    const has = this.has_section(section) && this.has_option(section, option);
    if (!has && fallback !== undefined) return fallback;
    const v = this.get(section, option) as string;
    return pyInt(v);
  }

  #interpolate(
    option: string,
    accum: string[],
    rest: string,
    section: string,
    map: Map<string, string>,
    depth: number,
    rawval: string,
  ): void {
    if (depth > MAX_INTERPOLATION_DEPTH) {
      throw new InterpolationError(
        `Recursion limit exceeded in value substitution: option ${pyRepr(option)} in section ${
          pyRepr(section)
        } contains an interpolation key which cannot be substituted in ${MAX_INTERPOLATION_DEPTH} steps. Raw value: ${
          pyRepr(rawval)
        }`,
        "InterpolationDepthError",
      );
    }
    while (rest) {
      const p = rest.indexOf("%");
      if (p < 0) {
        accum.push(rest);
        return;
      }
      if (p > 0) {
        accum.push(rest.slice(0, p));
        rest = rest.slice(p);
      }
      const c = rest.slice(1, 2);
      if (c === "%") {
        accum.push("%");
        rest = rest.slice(2);
      } else if (c === "(") {
        const m = /^%\(([^)]+)\)s/.exec(rest);
        if (m === null) {
          throw new InterpolationError(
            `bad interpolation variable reference ${pyRepr(rest)}`,
            "InterpolationSyntaxError",
          );
        }
        const name = this.optionxform(m[1]);
        rest = rest.slice(m[0].length);
        const v = map.get(name);
        if (v === undefined) {
          throw new InterpolationError(
            `Bad value substitution: option ${pyRepr(option)} in section ${
              pyRepr(section)
            } contains an interpolation key ${
              pyRepr(name)
            } which is not a valid option name. Raw value: ${pyRepr(rawval)}`,
            "InterpolationMissingOptionError",
          );
        }
        if (v.includes("%")) {
          this.#interpolate(option, accum, v, section, map, depth + 1, rawval);
        } else accum.push(v);
      } else {
        throw new InterpolationError(
          `'%' must be followed by '%' or '(', found: ${pyRepr(rest)}`,
          "InterpolationSyntaxError",
        );
      }
    }
  }
}

/** Python's `int(text)` for decimal text: `ValueError: invalid literal for int() with base 10`. */
export function pyInt(text: string): number {
  if (/^\s*[+-]?\d+(_\d+)*\s*$/.test(text)) return Number(text.trim().replace(/_/g, ""));
  throw new ValueError(`invalid literal for int() with base 10: ${pyRepr(text)}`);
}

/** Python's `cp[section]` lookup: `KeyError(section)` when missing. */
export function requireSection(cp: ConfigParser, section: string): void {
  if (!cp.has_section(section) && section !== DEFAULT_SECTION) throw new KeyError(section);
}

/** Python's `cp[section][option]`: `KeyError(option)` when missing. */
export function sectionGet(cp: ConfigParser, section: string, option: string): string {
  requireSection(cp, section);
  if (!cp.has_option(section, option)) throw new KeyError(option);
  return cp.get(section, option) as string;
}

/** Python's `cp[section].get(option, fallback)`. */
export function sectionGetOr<T>(
  cp: ConfigParser,
  section: string,
  option: string,
  fallback: T,
): string | T {
  requireSection(cp, section);
  if (!cp.has_option(section, option)) return fallback;
  return cp.get(section, option) as string;
}
