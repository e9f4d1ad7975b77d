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
 * @module
 */

import { Handler } from "./handler.ts";
import { ERROR, INFO, WARNING } from "../levels.ts";
import type { LogRecord } from "../record.ts";

/** The console methods a {@linkcode ConsoleHandler} calls. */
export type ConsoleMethod = "debug" | "info" | "warn" | "error";

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
      const method = this.methodFor(record.levelno);
      (c[method] ?? c.log).call(c, text);
    } catch (error) {
      this.handleError(record, error);
    }
  }
}
