/**
 * Bounds that keep one logging call from taking the process's memory or minutes of CPU, where
 * CPython has none (it tries, and fails with `MemoryError` after allocating gigabytes). Each is
 * documented in `docs/SECURITY.md`; past one, Python's exception type is raised with a message
 * naming the limit, and a log call reports it through `handleError` as any formatting error.
 *
 * @module
 */

import { ValueError } from "./py/errors.ts";

/**
 * The widest field a format may ask for (`%2000000000d`, `{:>2000000000}`, a `*` width), and
 * the longest precision of a number (`%.2000000000f`, `{:.2000000000e}`): one million.
 */
export const MAX_FORMAT_FIELD = 1_000_000;

/** The longest logger name `getLogger` creates: 4096 characters. */
export const MAX_LOGGER_NAME = 4096;

/**
 * The error for a width (or precision) over {@linkcode MAX_FORMAT_FIELD}: Python's own words
 * (`width too big`) with the limit.
 *
 * @example
 * ```ts
 * import { fieldTooBig } from "./limits.ts";
 * fieldTooBig("width", 2000000000).message; // "width too big: 2000000000 (the limit is 1000000)"
 * ```
 */
export function fieldTooBig(what: "width" | "precision", value: number): ValueError {
  return new ValueError(`${what} too big: ${value} (the limit is ${MAX_FORMAT_FIELD})`);
}

/**
 * Throws `ValueError` for a logger name longer than {@linkcode MAX_LOGGER_NAME}.
 *
 * @example
 * ```ts
 * import { checkLoggerName } from "./limits.ts";
 * checkLoggerName("app.db"); // fine
 * ```
 */
export function checkLoggerName(name: string): void {
  if (name.length > MAX_LOGGER_NAME) {
    throw new ValueError(
      `logger name too long: ${name.length} characters (the limit is ${MAX_LOGGER_NAME})`,
    );
  }
}
