/**
 * `basicConfig` and the module-level logging functions (`info`, `warning`...) that configure the
 * root logger on first use, plus `disable`, as in Python.
 *
 * @module
 */

import { ValueError } from "./py/errors.ts";
import { Formatter, type Style } from "./formatters/formatter.ts";
import { STYLES } from "./formatters/styles.ts";
import { FileHandler } from "./handlers/stream/file.ts";
import type { Handler } from "./handlers/handler.ts";
import { StreamHandler, type StreamTarget } from "./handlers/stream/stream.ts";
import { CRITICAL, DEBUG, ERROR, INFO, WARNING } from "./levels.ts";
import { root } from "./logger.ts";

/**
 * The default format of `basicConfig` (Python's `logging.BASIC_FORMAT`).
 *
 * @example
 * ```ts
 * import { BASIC_FORMAT, basicConfig } from "@pylog/logging";
 * basicConfig({ format: "%(asctime)s " + BASIC_FORMAT });
 * ```
 */
export const BASIC_FORMAT = "%(levelname)s:%(name)s:%(message)s";

/** Python's keyword arguments of `basicConfig`. */
export interface BasicConfigOptions {
  /** Log to this file (a `FileHandler`) instead of a stream. */
  filename?: string | null;
  /** The file's open mode (default `"a"`). */
  filemode?: string;
  /** The format string (default `%(levelname)s:%(name)s:%(message)s`). */
  format?: string;
  /** The `time.strftime` format of `asctime`. */
  datefmt?: string | null;
  /** `%` (default), `{` or `$`. */
  style?: Style;
  /** The root logger's level (a number or a name). */
  level?: number | string | null;
  /** The stream of the `StreamHandler` (default stderr). */
  stream?: StreamTarget | null;
  /** Handlers to attach instead (those without a formatter get the one made here). */
  handlers?: Iterable<Handler> | null;
  /** Remove and close the root logger's handlers first. */
  force?: boolean;
  /** The file's encoding. */
  encoding?: string | null;
  /** The file's codec error handler (default `backslashreplace`). */
  errors?: string | null;
  /**
   * Make the formatter injection-safe (`Formatter`'s `sanitize`): one call, one line. Not in
   * Python; default `false`.
   */
  sanitize?: boolean;
  /** Python rejects unknown keywords; so do we (`ValueError`). */
  [unknown: string]: unknown;
}

/**
 * Configures the root logger in one call, as Python's `logging.basicConfig(**kwargs)`: by default a
 * `StreamHandler` to stderr with the format `%(levelname)s:%(name)s:%(message)s`. Does nothing if
 * the root logger already has handlers, unless `force` is set.
 *
 * @example
 * ```ts
 * import { basicConfig, getLogger } from "@pylog/logging";
 * basicConfig({ level: "INFO", format: "%(asctime)s %(levelname)s %(name)s: %(message)s" });
 * getLogger("app").info("started");
 * ```
 */
export function basicConfig(options: BasicConfigOptions = {}): void {
  // A key set to `undefined` is absent (as everywhere else in this API), not Python's None.
  const kwargs: Record<string, unknown> = {};
  for (const key of Object.keys(options)) {
    if (options[key] !== undefined) kwargs[key] = options[key];
  }
  const pop = <T>(key: string, fallback: T): T => {
    if (!(key in kwargs)) return fallback;
    const v = kwargs[key] as T;
    delete kwargs[key];
    return v;
  };
  const force = pop("force", false);
  let encoding = pop<string | null>("encoding", null);
  let errors = pop<string | null>("errors", "backslashreplace");
  if (force) {
    for (const h of [...root.handlers]) {
      root.removeHandler(h);
      void h.close();
    }
  }
  if (root.handlers.length !== 0) return;
  let handlers = pop<Iterable<Handler> | null>("handlers", null);
  if (handlers === null || handlers === undefined) {
    if ("stream" in kwargs && "filename" in kwargs) {
      throw new ValueError("'stream' and 'filename' should not be specified together");
    }
  } else if ("stream" in kwargs || "filename" in kwargs) {
    throw new ValueError("'stream' or 'filename' should not be specified together with 'handlers'");
  }
  if (handlers === null || handlers === undefined) {
    const filename = pop<string | null>("filename", null);
    const mode = pop("filemode", "a");
    let h: Handler;
    if (filename) {
      if (mode.includes("b")) errors = null;
      else encoding = encoding ?? "utf-8";
      h = new FileHandler(filename, mode, encoding, false, errors);
    } else {
      h = new StreamHandler(pop<StreamTarget | null>("stream", null));
    }
    handlers = [h];
  }
  const dfs = pop<string | null>("datefmt", null);
  const style = pop<string>("style", "%");
  if (!(style in STYLES)) {
    throw new ValueError(`Style must be one of: ${Object.keys(STYLES).join(",")}`);
  }
  const fs = pop<string>(
    "format",
    (STYLES as unknown as Record<string, readonly [unknown, string]>)[style][1],
  );
  const sanitize = pop<boolean>("sanitize", false);
  const fmt = new Formatter(fs, dfs, style as Style, true, sanitize ? { sanitize: true } : {});
  for (const h of handlers) {
    if (h.formatter === null) h.setFormatter(fmt);
    root.addHandler(h);
  }
  const level = pop<number | string | null>("level", null);
  if (level !== null && level !== undefined) root.setLevel(level);
  const rest = Object.keys(kwargs);
  if (rest.length > 0) throw new ValueError(`Unrecognised argument(s): ${rest.join(", ")}`);
}

function configured(): void {
  if (root.handlers.length === 0) basicConfig();
}

/**
 * Logs at CRITICAL on the root logger, calling `basicConfig()` first if it has no handlers.
 *
 * @example
 * ```ts
 * import { critical } from "@pylog/logging";
 * critical("cannot start: %s", "port in use");
 * ```
 */
export function critical(msg: unknown, ...args: unknown[]): void {
  configured();
  if (root.isEnabledFor(CRITICAL)) root._logCall(CRITICAL, msg, args, null, critical);
}

/**
 * Alias of {@linkcode critical}.
 *
 * @example
 * ```ts
 * import { fatal } from "@pylog/logging";
 * fatal("giving up");
 * ```
 */
export function fatal(msg: unknown, ...args: unknown[]): void {
  configured();
  if (root.isEnabledFor(CRITICAL)) root._logCall(CRITICAL, msg, args, null, fatal);
}

/**
 * Logs at ERROR on the root logger, calling `basicConfig()` first if it has no handlers.
 *
 * @example
 * ```ts
 * import { error } from "@pylog/logging";
 * error("request failed: %s", "timeout");
 * ```
 */
export function error(msg: unknown, ...args: unknown[]): void {
  configured();
  if (root.isEnabledFor(ERROR)) root._logCall(ERROR, msg, args, null, error);
}

/**
 * Logs at ERROR with error information on the root logger (`{ exc_info: err }`).
 *
 * @example
 * ```ts
 * import { exception } from "@pylog/logging";
 * try {
 *   JSON.parse("{");
 * } catch (err) {
 *   exception("bad input", { exc_info: err });
 * }
 * ```
 */
export function exception(msg: unknown, ...args: unknown[]): void {
  configured();
  if (root.isEnabledFor(ERROR)) root._logCall(ERROR, msg, args, true, exception);
}

/**
 * Logs at WARNING on the root logger, calling `basicConfig()` first if it has no handlers.
 *
 * @example
 * ```ts
 * import { warning } from "@pylog/logging";
 * warning("disk %d%% full", 91);
 * ```
 */
export function warning(msg: unknown, ...args: unknown[]): void {
  configured();
  if (root.isEnabledFor(WARNING)) root._logCall(WARNING, msg, args, null, warning);
}

/**
 * Deprecated alias of {@linkcode warning}.
 *
 * @example
 * ```ts
 * import { warn } from "@pylog/logging";
 * warn("old spelling");
 * ```
 */
export function warn(msg: unknown, ...args: unknown[]): void {
  configured();
  if (root.isEnabledFor(WARNING)) root._logCall(WARNING, msg, args, null, warn);
}

/**
 * Logs at INFO on the root logger, calling `basicConfig()` first if it has no handlers.
 *
 * @example
 * ```ts
 * import { info } from "@pylog/logging";
 * info("listening on %d", 8080);
 * ```
 */
export function info(msg: unknown, ...args: unknown[]): void {
  configured();
  if (root.isEnabledFor(INFO)) root._logCall(INFO, msg, args, null, info);
}

/**
 * Logs at DEBUG on the root logger, calling `basicConfig()` first if it has no handlers.
 *
 * @example
 * ```ts
 * import { debug } from "@pylog/logging";
 * debug("state: %s", "idle");
 * ```
 */
export function debug(msg: unknown, ...args: unknown[]): void {
  configured();
  if (root.isEnabledFor(DEBUG)) root._logCall(DEBUG, msg, args, null, debug);
}

/**
 * Logs at the integer `level` on the root logger, calling `basicConfig()` first if needed.
 *
 * @example
 * ```ts
 * import { log } from "@pylog/logging";
 * log(25, "notice");
 * ```
 */
export function log(level: number, msg: unknown, ...args: unknown[]): void {
  configured();
  root.log(level, msg, ...args);
}

/**
 * Disables every logging call at `level` and below, everywhere (Python's `logging.disable`);
 * `disable(NOTSET)` undoes it.
 *
 * @example
 * ```ts
 * import { disable, NOTSET } from "@pylog/logging";
 * disable(); // silence everything up to CRITICAL
 * disable(NOTSET); // back to normal
 * ```
 */
export function disable(level: number | string = CRITICAL): void {
  root.manager.disable = level;
  root.manager._clear_cache();
}
