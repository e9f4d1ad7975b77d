/**
 * Logging levels: the numeric constants, the two-way name table (`addLevelName`, `getLevelName`,
 * `getLevelNamesMapping`) and Python's `_checkLevel` rules for `setLevel`.
 *
 * @module
 */

import { ValueError } from "./py/errors.ts";
import { pyRepr } from "./py/repr.ts";
import { state } from "./state.ts";

/** Python's `logging.CRITICAL` (50). @example `log.setLevel(CRITICAL)` */
export const CRITICAL: number = 50;
/** Python's `logging.FATAL`, an alias of `CRITICAL`. @example `log.setLevel(FATAL)` */
export const FATAL: number = CRITICAL;
/** Python's `logging.ERROR` (40). @example `log.setLevel(ERROR)` */
export const ERROR = 40;
/** Python's `logging.WARNING` (30), the root logger's default level. @example `log.setLevel(WARNING)` */
export const WARNING = 30;
/** Python's `logging.WARN`, an alias of `WARNING`. @example `log.setLevel(WARN)` */
export const WARN: number = WARNING;
/** Python's `logging.INFO` (20). @example `log.setLevel(INFO)` */
export const INFO = 20;
/** Python's `logging.DEBUG` (10). @example `log.setLevel(DEBUG)` */
export const DEBUG = 10;
/** Python's `logging.NOTSET` (0): defer to the parent logger's level. @example `log.setLevel(NOTSET)` */
export const NOTSET = 0;

/**
 * Returns the name of a numeric level, or the number of a level name, as Python's
 * `logging.getLevelName` does: unknown values give `"Level N"` (or `"Level X"` for a name).
 *
 * @example
 * ```ts
 * import { getLevelName, INFO } from "@pylog/logging";
 * getLevelName(INFO); // "INFO"
 * getLevelName("INFO"); // 20
 * getLevelName(25); // "Level 25"
 * ```
 */
export function getLevelName(level: unknown): string | number {
  const byNumber = state.levelToName.get(level as number);
  if (byNumber !== undefined) return byNumber;
  const byName = state.nameToLevel.get(level as string);
  if (byName !== undefined) return byName;
  return `Level ${level}`;
}

/**
 * Associates `levelName` with `level`, in both directions, as Python's `logging.addLevelName`.
 *
 * @example
 * ```ts
 * import { addLevelName, getLogger } from "@pylog/logging";
 * addLevelName(25, "NOTICE");
 * getLogger("app").log(25, "shown as NOTICE");
 * ```
 */
export function addLevelName(level: number, levelName: string): void {
  state.levelToName.set(level, levelName);
  state.nameToLevel.set(levelName, level);
}

/**
 * Returns a copy of the name-to-level table, as Python's `logging.getLevelNamesMapping` (3.11).
 *
 * @example
 * ```ts
 * import { getLevelNamesMapping } from "@pylog/logging";
 * getLevelNamesMapping().WARN; // 30
 * ```
 */
export function getLevelNamesMapping(): Record<string, number> {
  return Object.fromEntries(state.nameToLevel);
}

/**
 * Python's `logging._checkLevel`: a level given as an integer is kept; a name is looked up
 * (`ValueError: Unknown level: 'X'`); anything else raises `TypeError`.
 *
 * @example
 * ```ts
 * import { checkLevel } from "./levels.ts";
 * checkLevel("DEBUG"); // 10
 * ```
 */
export function checkLevel(level: unknown): number {
  if (typeof level === "number" && Number.isInteger(level)) return level;
  if (typeof level === "boolean") return level ? 1 : 0; // Python's bool is an int
  if (typeof level === "string") {
    const rv = state.nameToLevel.get(level);
    if (rv === undefined) throw new ValueError(`Unknown level: ${pyRepr(level)}`);
    return rv;
  }
  throw new TypeError(`Level not an integer or a valid string: ${pyRepr(level)}`);
}
