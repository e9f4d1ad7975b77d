/**
 * **@pylog/logging/testing**: checking what code logged, as Python tests do: unittest's
 * `assertLogs` / `assertNoLogs` and pytest's `caplog` fixture ({@linkcode captureLogs}). They work
 * in `node:test`, `Deno.test` and `bun:test` alike.
 *
 * ```ts
 * import { assertLogs, captureLogs } from "@pylog/logging/testing";
 * import { getLogger } from "@pylog/logging";
 *
 * const cm = await assertLogs("app", "INFO", () => getLogger("app").info("started"));
 * // cm.output: ["INFO:app:started"]
 *
 * using caplog = captureLogs();
 * getLogger("app").warning("low disk");
 * // caplog.record_tuples: [["app", 30, "low disk"]]
 * ```
 *
 * @module
 */

export {
  assertLogs,
  assertNoLogs,
  type LoggingWatcher,
  type LogsBlock,
  type WatchedLevel,
  type WatchedLogger,
} from "./assert_logs.ts";
export { captureLogs, LogCaptureFixture, LogCaptureHandler } from "./caplog.ts";
