/**
 * `NullHandler`: does nothing. Libraries add it to their top-level logger so that an application
 * that configured no logging sees nothing from them, as Python's `logging.NullHandler`.
 *
 * @module
 */

import { Handler } from "./handler.ts";
import type { LogRecord } from "../record.ts";

/**
 * A handler that does nothing: it stops the `lastResort` output for loggers below it.
 *
 * @example
 * ```ts
 * import { getLogger, NullHandler } from "@pylog/logging";
 * getLogger("mylib").addHandler(new NullHandler());
 * ```
 */
export class NullHandler extends Handler {
  /**
   * Does nothing.
   *
   * @example
   * ```ts
   * import { makeLogRecord, NullHandler } from "@pylog/logging";
   * new NullHandler().handle(makeLogRecord({ msg: "dropped" }));
   * ```
   */
  override handle(_record: LogRecord): false {
    return false;
  }

  /**
   * Does nothing.
   *
   * @example
   * ```ts
   * import { makeLogRecord, NullHandler } from "@pylog/logging";
   * new NullHandler().emit(makeLogRecord({ msg: "dropped" }));
   * ```
   */
  override emit(_record: LogRecord): void {}
}
