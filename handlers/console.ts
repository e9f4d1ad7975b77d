/**
 * `ConsoleHandler` (beyond Python): writes each formatted record through `console.debug`,
 * `console.info`, `console.warn` or `console.error` according to its level, with no trailing
 * newline. The console is the channel edge platforms (Deno Deploy, Cloudflare Workers, Supabase
 * Edge Functions) collect, and they show each call as one entry with its severity.
 *
 * ```ts
 * import { basicConfig, ConsoleHandler } from "@pylog/logging";
 * basicConfig({ handlers: [new ConsoleHandler()], level: "INFO" });
 * // log.error("x") → console.error("x"); log.info("y") → console.info("y")
 * ```
 *
 * In a browser, `new ConsoleHandler({ extra: true })` also hands the record's `extra` attributes to
 * the console as one object, which the devtools show expandable beside the line.
 *
 * @module
 */

import { Handler } from "./handler.ts";
import { ERROR, INFO, WARNING } from "../levels.ts";
import type { LogRecord } from "../record.ts";
import { RECORD_ATTRIBUTES } from "../record_fields.ts";

/** The console methods a {@linkcode ConsoleHandler} calls. */
export type ConsoleMethod = "debug" | "info" | "warn" | "error";

/**
 * Options of a {@linkcode ConsoleHandler}.
 *
 * @example
 * ```ts
 * import { ConsoleHandler } from "@pylog/logging";
 * new ConsoleHandler({ level: "INFO", extra: true });
 * ```
 */
export interface ConsoleHandlerOptions {
  /** The handler's level (a number or a level name); NOTSET by default. */
  level?: number | string;
  /**
   * Pass the record's attributes that are not a LogRecord's own (what `extra` or a filter added)
   * as a second console argument, one plain object, when there are any. Off by default: edge
   * platforms collect the console's arguments as text.
   */
  extra?: boolean;
}

/** A fresh record's attribute names: any other own key came from `extra` or a filter. */
let standardKeys: ReadonlySet<string> | null = null;

/** The record's non-standard attributes as one object, or `null` when it has none. */
function extraOf(record: LogRecord): Record<string, unknown> | null {
  const standard = (standardKeys ??= new Set(RECORD_ATTRIBUTES));
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(record)) {
    if (standard.has(key)) continue;
    (out ??= {})[key] = record[key];
  }
  return out;
}

/**
 * Writes each record through the console method of its level: `error` from ERROR up, `warn` from
 * WARNING, `info` from INFO, `debug` below. The method is looked up on the global `console` at
 * each record, so a console replaced later (by a test or a platform) is honoured.
 *
 * @example
 * ```ts
 * import { ConsoleHandler, Formatter, getLogger } from "@pylog/logging";
 * const h = new ConsoleHandler();
 * h.setFormatter(new Formatter("%(levelname)s %(name)s: %(message)s"));
 * getLogger("edge").addHandler(h);
 * getLogger("edge").warning("slow upstream"); // console.warn("WARNING edge: slow upstream")
 * ```
 */
export class ConsoleHandler extends Handler {
  /** Whether the record's `extra` attributes go to the console as an object (see the options). */
  extra: boolean;

  /**
   * Creates the handler: `new ConsoleHandler(level, extra)` positionally (a configuration's
   * `args=(INFO, True)`), or with one options object.
   */
  constructor(options: number | string | ConsoleHandlerOptions = {}, extra?: boolean) {
    const opts = typeof options === "object" && options !== null ? options : { level: options };
    super(opts.level);
    this.extra = (extra ?? opts.extra) === true;
  }

  /**
   * Returns the console method for a level.
   *
   * @example
   * ```ts
   * import { ConsoleHandler } from "@pylog/logging";
   * new ConsoleHandler().methodFor(30); // "warn"
   * ```
   */
  methodFor(levelno: number): ConsoleMethod {
    if (levelno >= ERROR) return "error";
    if (levelno >= WARNING) return "warn";
    if (levelno >= INFO) return "info";
    return "debug";
  }

  /**
   * Formats the record and writes it with one console call; errors go to `handleError`.
   *
   * @example
   * ```ts
   * import { ConsoleHandler, makeLogRecord } from "@pylog/logging";
   * new ConsoleHandler().emit(makeLogRecord({ msg: "hello", levelno: 20 })); // console.info
   * ```
   */
  override emit(record: LogRecord): void {
    try {
      const text = this.format(record);
      const c = globalThis.console as unknown as Record<string, (...data: unknown[]) => void>;
      const fn = c[this.methodFor(record.levelno)] ?? c.log;
      const extra = this.extra ? extraOf(record) : null;
      if (extra === null) fn.call(c, text);
      else fn.call(c, text, extra);
    } catch (error) {
      this.handleError(record, error);
    }
  }
}
