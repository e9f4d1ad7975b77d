/**
 * The pure time arithmetic of CPython 3.13's `logging.handlers.TimedRotatingFileHandler`: the
 * `when`/`interval` table, `computeRollover` (midnight, weekly and `atTime` alignment with the
 * daylight-saving correction), the time-stamped suffix and next rollover time of `doRollover`, and
 * `getFilesToDelete`'s choice of old files. No I/O: the file handler supplies times and directory
 * listings.
 *
 * Times are seconds since the epoch, as Python's `time.time()`. Local time is the runtime's own
 * time zone (the `TZ` environment variable), broken down with `Date`; pass a
 * {@linkcode RolloverClock} (for instance `{ localtime, gmtime }` from `formatters/time.ts`) to use
 * another source.
 *
 * @module
 */

import { ValueError } from "../../py/errors.ts";
import type { StructTime } from "../../py/time.ts";

/**
 * The handler's time-related constructor arguments, as Python's
 * `TimedRotatingFileHandler(filename, when='h', interval=1, ..., utc=False, atTime=None)`.
 *
 * @example
 * ```ts
 * import type { RolloverSpec } from "@pylog/logging/handlers";
 * const spec: RolloverSpec = {
 *   when: "midnight",
 *   interval: 1,
 *   utc: false,
 *   atTime: { hour: 2, minute: 30, second: 0 },
 * };
 * ```
 */
export interface RolloverSpec {
  /** `S`, `M`, `H`, `D`, `MIDNIGHT` or `W0`..`W6` (Monday = 0), in any case. */
  when: string;
  /**
   * Python's `interval` argument: how many units of `when` (not seconds); the seconds are
   * {@linkcode ParsedWhen.interval}.
   */
  interval: number;
  /** Use UTC instead of local time. */
  utc: boolean;
  /** Python's `atTime` (a `datetime.time`): the time of day of `MIDNIGHT`/`W` rollovers. */
  atTime: { hour: number; minute: number; second: number } | null;
}

/**
 * What `TimedRotatingFileHandler.__init__` derives from `when` and `interval`.
 *
 * @example
 * ```ts
 * import { parseWhen, type ParsedWhen } from "@pylog/logging/handlers";
 * const p: ParsedWhen = parseWhen("h", 6);
 * console.log(p.when, p.interval, p.suffix); // H 21600 %Y-%m-%d_%H
 * ```
 */
export interface ParsedWhen {
  /** `when` upper-cased, as Python's `self.when`. */
  when: string;
  /** The rollover interval in seconds, as Python's `self.interval`. */
  interval: number;
  /** The `strftime` pattern of rotated files' suffix, as Python's `self.suffix`. */
  suffix: string;
  /**
   * Python's `self.extMatch` (CPython 3.13): the date suffix, not preceded or followed by a
   * digit. `extMatch.test(name)` is Python's `bool(extMatch.search(name))`.
   */
  extMatch: RegExp;
  /** The rollover weekday (Monday = 0) for `W0`..`W6`, as Python's `self.dayOfWeek`. */
  dayOfWeek?: number;
}

/**
 * Broken-down time, the fields of Python's `time.struct_time` the rollover code reads.
 * Derived from `formatters/time.ts`'s `StructTime`.
 *
 * @example
 * ```ts
 * import type { BrokenDownTime } from "@pylog/logging/handlers";
 * const t: BrokenDownTime = {
 *   tm_year: 2024, tm_mon: 3, tm_mday: 31, tm_hour: 3, tm_min: 0, tm_sec: 0, tm_wday: 6,
 *   tm_isdst: 1,
 * };
 * ```
 */
export type BrokenDownTime = Pick<
  StructTime,
  "tm_year" | "tm_mon" | "tm_mday" | "tm_hour" | "tm_min" | "tm_sec" | "tm_wday" | "tm_isdst"
>;

/**
 * Python's `time.localtime` and `time.gmtime`, as the rollover arithmetic uses them.
 *
 * @example
 * ```ts
 * import { dateClock, type RolloverClock } from "@pylog/logging/handlers";
 * const clock: RolloverClock = dateClock;
 * console.log(clock.gmtime(0).tm_year); // 1970
 * ```
 */
export interface RolloverClock {
  /** `time.localtime(secs)`. */
  localtime(secs: number): BrokenDownTime;
  /** `time.gmtime(secs)`. */
  gmtime(secs: number): BrokenDownTime;
}

/** Breaks `secs` down with `Date` getters (local time zone, or UTC). */
function dateParts(secs: number, utc: boolean): BrokenDownTime {
  const d = new Date(Math.floor(secs) * 1000);
  if (utc) {
    return {
      tm_year: d.getUTCFullYear(),
      tm_mon: d.getUTCMonth() + 1,
      tm_mday: d.getUTCDate(),
      tm_hour: d.getUTCHours(),
      tm_min: d.getUTCMinutes(),
      tm_sec: d.getUTCSeconds(),
      tm_wday: (d.getUTCDay() + 6) % 7,
      tm_isdst: 0,
    };
  }
  const year = d.getFullYear();
  // DST is in effect when the offset is east of the zone's standard (most westerly) offset of
  // the year; zones without DST have equal January and July offsets.
  const jan = new Date(year, 0, 1).getTimezoneOffset();
  const jul = new Date(year, 6, 1).getTimezoneOffset();
  return {
    tm_year: year,
    tm_mon: d.getMonth() + 1,
    tm_mday: d.getDate(),
    tm_hour: d.getHours(),
    tm_min: d.getMinutes(),
    tm_sec: d.getSeconds(),
    tm_wday: (d.getDay() + 6) % 7,
    tm_isdst: jan !== jul && d.getTimezoneOffset() < Math.max(jan, jul) ? 1 : 0,
  };
}

/**
 * The default {@linkcode RolloverClock}: the runtime's local time zone through `Date`
 * (`tm_isdst` from comparing the offset with the year's January and July offsets).
 *
 * @example
 * ```ts
 * import { dateClock } from "@pylog/logging/handlers";
 * const t = dateClock.gmtime(86400 * 4); // 1970-01-05, a Monday
 * console.log(t.tm_wday); // 0
 * ```
 */
export const dateClock: RolloverClock = {
  localtime: (secs: number): BrokenDownTime => dateParts(secs, false),
  gmtime: (secs: number): BrokenDownTime => dateParts(secs, true),
};

/** Seconds in a day, Python's `_MIDNIGHT`. */
const MIDNIGHT = 24 * 60 * 60;

// CPython 3.13's patterns (compiled with re.ASCII, where `\\d` is `[0-9]` as in JavaScript): a date
// suffix not preceded or followed by another digit. `getFilesToDelete` full-matches them against
// what follows `baseName.`, or searches for them in names made by a `namer`.
const EXT_S = /(?<!\d)\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}(?!\d)/;
const EXT_M = /(?<!\d)\d{4}-\d{2}-\d{2}_\d{2}-\d{2}(?!\d)/;
const EXT_H = /(?<!\d)\d{4}-\d{2}-\d{2}_\d{2}(?!\d)/;
const EXT_D = /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/;

/**
 * `TimedRotatingFileHandler.__init__`'s interpretation of `when` and `interval`.
 *
 * @param when `S`, `M`, `H`, `D`, `MIDNIGHT` or `W0`..`W6`, case-insensitive.
 * @param interval Units of `when` per rollover (default 1).
 * @throws {ValueError} with Python's messages: `Invalid rollover interval specified: X`,
 *   `You must specify a day for weekly rollover from 0 to 6 (0 is Monday): W`,
 *   `Invalid day specified for weekly rollover: W7`.
 * @example
 * ```ts
 * import { parseWhen } from "@pylog/logging/handlers";
 * const p = parseWhen("W6");
 * console.log(p.interval, p.dayOfWeek, p.extMatch.test("2024-03-31")); // 604800 6 true
 * ```
 */
export function parseWhen(when: string, interval = 1): ParsedWhen {
  const w = when.toUpperCase();
  let unit: number;
  let suffix: string;
  let extMatch: RegExp;
  let dayOfWeek: number | undefined;
  if (w === "S") {
    unit = 1;
    suffix = "%Y-%m-%d_%H-%M-%S";
    extMatch = EXT_S;
  } else if (w === "M") {
    unit = 60;
    suffix = "%Y-%m-%d_%H-%M";
    extMatch = EXT_M;
  } else if (w === "H") {
    unit = 60 * 60;
    suffix = "%Y-%m-%d_%H";
    extMatch = EXT_H;
  } else if (w === "D" || w === "MIDNIGHT") {
    unit = MIDNIGHT;
    suffix = "%Y-%m-%d";
    extMatch = EXT_D;
  } else if (w.startsWith("W")) {
    unit = MIDNIGHT * 7;
    if (w.length !== 2) {
      throw new ValueError(
        `You must specify a day for weekly rollover from 0 to 6 (0 is Monday): ${w}`,
      );
    }
    if (w[1] < "0" || w[1] > "6") {
      throw new ValueError(`Invalid day specified for weekly rollover: ${w}`);
    }
    dayOfWeek = Number(w[1]);
    suffix = "%Y-%m-%d";
    extMatch = EXT_D;
  } else {
    throw new ValueError(`Invalid rollover interval specified: ${w}`);
  }
  const parsed: ParsedWhen = { when: w, interval: unit * interval, suffix, extMatch };
  if (dayOfWeek !== undefined) parsed.dayOfWeek = dayOfWeek;
  return parsed;
}

/**
 * `TimedRotatingFileHandler.computeRollover(currentTime)`: the time of the next rollover after
 * `currentTime` (Python passes the log file's mtime or `int(time.time())`). `S`/`M`/`H`/`D` add the
 * interval; `MIDNIGHT` and `W0`..`W6` align to the next midnight (or `atTime`, strictly after
 * `currentTime`), weekly ones to the given weekday, then add the intervals beyond the first, with
 * CPython 3.13's ±3600 s correction when local DST changes before the rollover.
 *
 * @example
 * ```ts
 * import { computeRollover } from "@pylog/logging/handlers";
 * const spec = { when: "midnight", interval: 1, utc: true, atTime: null };
 * console.log(computeRollover(1700000000, spec)); // 1700006400 (2023-11-15 00:00:00 UTC)
 * ```
 */
export function computeRollover(
  currentTime: number,
  spec: RolloverSpec,
  clock: RolloverClock = dateClock,
): number {
  const p = parseWhen(spec.when, spec.interval);
  let result = currentTime + p.interval;
  if (p.when === "MIDNIGHT" || p.when.startsWith("W")) {
    const t = spec.utc ? clock.gmtime(currentTime) : clock.localtime(currentTime);
    let currentDay = t.tm_wday;
    const rotateTs = spec.atTime === null
      ? MIDNIGHT
      : (spec.atTime.hour * 60 + spec.atTime.minute) * 60 + spec.atTime.second;
    let r = rotateTs - ((t.tm_hour * 60 + t.tm_min) * 60 + t.tm_sec);
    if (r <= 0) {
      r += MIDNIGHT;
      currentDay = (currentDay + 1) % 7;
    }
    result = currentTime + r;
    if (p.when.startsWith("W")) {
      const day = currentDay;
      const dayOfWeek = p.dayOfWeek!;
      if (day !== dayOfWeek) {
        const daysToWait = day < dayOfWeek ? dayOfWeek - day : 6 - day + dayOfWeek + 1;
        result += daysToWait * MIDNIGHT;
      }
      result += p.interval - MIDNIGHT * 7;
    } else {
      result += p.interval - MIDNIGHT;
    }
    if (!spec.utc) {
      const dstNow = t.tm_isdst;
      if (dstNow !== clock.localtime(result).tm_isdst) {
        let addend = 3600;
        if (!dstNow) {
          // DST starts before the rollover: an hour earlier, unless that hour is not yet DST.
          addend = clock.localtime(result - 3600).tm_isdst ? -3600 : 0;
        }
        result += addend;
      }
    }
  }
  return result;
}

/**
 * `TimedRotatingFileHandler.shouldRollover`'s time test: `int(time.time()) >= rolloverAt`.
 * (Python also refuses to roll over something that exists and is not a regular file; that is the
 * file handler's check.)
 *
 * @example
 * ```ts
 * import { shouldRollover } from "@pylog/logging/handlers";
 * console.log(shouldRollover(1000, 999.9), shouldRollover(1000, 1000.2)); // false true
 * ```
 */
export function shouldRollover(rolloverAt: number, currentTime: number): boolean {
  return Math.floor(currentTime) >= rolloverAt;
}

/**
 * The time tuple `doRollover` names the rotated file after: the start of the interval that ends
 * at `rolloverAt` (`rolloverAt - interval`), shifted by an hour when local DST differs between
 * then and `currentTime` (Python's `dstNow`/`dstThen` correction).
 *
 * @param interval The interval in seconds ({@linkcode ParsedWhen.interval}).
 * @param currentTime The rollover's `int(time.time())`; default: now.
 * @example
 * ```ts
 * import { rolloverTimeTuple } from "@pylog/logging/handlers";
 * const spec = { when: "D", interval: 1, utc: true, atTime: null };
 * const t = rolloverTimeTuple(1700006400, 86400, spec, 1700006400);
 * console.log(t.tm_year, t.tm_mon, t.tm_mday); // 2023 11 14
 * ```
 */
export function rolloverTimeTuple(
  rolloverAt: number,
  interval: number,
  spec: RolloverSpec,
  currentTime: number = Math.floor(Date.now() / 1000),
  clock: RolloverClock = dateClock,
): BrokenDownTime {
  const dstNow = clock.localtime(currentTime).tm_isdst;
  const t = rolloverAt - interval;
  if (spec.utc) return clock.gmtime(t);
  let timeTuple = clock.localtime(t);
  const dstThen = timeTuple.tm_isdst;
  if (dstNow !== dstThen) {
    timeTuple = clock.localtime(t + (dstNow ? 3600 : -3600));
  }
  return timeTuple;
}

/** Options of {@linkcode rolloverSuffix}. */
export interface RolloverSuffixOptions {
  /** The rollover's `int(time.time())`; default: now. */
  currentTime?: number;
  /** Time source; default {@linkcode dateClock}. */
  clock?: RolloverClock;
  /** The `strftime` pattern, when the handler's `suffix` was changed; default: `when`'s. */
  suffix?: string;
  /**
   * A full `time.strftime` for custom suffixes; the built-in one knows `%Y %m %d %H %M %S %y %j
   * %%` only (all the default suffixes need).
   */
  strftime?: (format: string, t: BrokenDownTime) => string;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

function dayOfYear(t: BrokenDownTime): number {
  return Math.round(
    (Date.UTC(t.tm_year, t.tm_mon - 1, t.tm_mday) - Date.UTC(t.tm_year, 0, 1)) / 86400000,
  ) + 1;
}

/** The few `strftime` directives rollover suffixes use. */
function miniStrftime(format: string, t: BrokenDownTime): string {
  return format.replace(/%(.?)/gs, (m, d: string) => {
    switch (d) {
      case "Y":
        return String(t.tm_year);
      case "m":
        return pad2(t.tm_mon);
      case "d":
        return pad2(t.tm_mday);
      case "H":
        return pad2(t.tm_hour);
      case "M":
        return pad2(t.tm_min);
      case "S":
        return pad2(t.tm_sec);
      case "y":
        return pad2(((t.tm_year % 100) + 100) % 100);
      case "j":
        return String(dayOfYear(t)).padStart(3, "0");
      case "%":
        return "%";
      default:
        throw new ValueError(
          `rollover suffix directive ${m} needs a full strftime (pass options.strftime)`,
        );
    }
  });
}

/**
 * The time stamp `doRollover` appends to the base file name (`baseFilename + "." + suffix`,
 * before the `namer`): `time.strftime(self.suffix, timeTuple)` with the time tuple of
 * {@linkcode rolloverTimeTuple}.
 *
 * @param interval The interval in seconds ({@linkcode ParsedWhen.interval}).
 * @example
 * ```ts
 * import { rolloverSuffix } from "@pylog/logging/handlers";
 * const spec = { when: "H", interval: 1, utc: true, atTime: null };
 * console.log(rolloverSuffix(1700002800, 3600, spec, { currentTime: 1700002801 }));
 * // 2023-11-14_22
 * ```
 */
export function rolloverSuffix(
  rolloverAt: number,
  interval: number,
  spec: RolloverSpec,
  options: RolloverSuffixOptions = {},
): string {
  const t = rolloverTimeTuple(
    rolloverAt,
    interval,
    spec,
    options.currentTime ?? Math.floor(Date.now() / 1000),
    options.clock ?? dateClock,
  );
  const format = options.suffix ?? parseWhen(spec.when, spec.interval).suffix;
  return (options.strftime ?? miniStrftime)(format, t);
}

/**
 * The `rolloverAt` that `doRollover` sets after rotating at `currentTime`: in CPython 3.13 simply
 * `computeRollover(currentTime)` (3.11 advanced by whole intervals and corrected for DST again).
 *
 * @example
 * ```ts
 * import { nextRolloverAt } from "@pylog/logging/handlers";
 * const spec = { when: "S", interval: 10, utc: true, atTime: null };
 * console.log(nextRolloverAt(1700000000, spec)); // 1700000010
 * ```
 */
export function nextRolloverAt(
  currentTime: number,
  spec: RolloverSpec,
  clock: RolloverClock = dateClock,
): number {
  return computeRollover(currentTime, spec, clock);
}

// ---------------------------------------------------------------------------------------------
// getFilesToDelete

/** Python's `posixpath.split`. */
function splitPath(p: string): [string, string] {
  const i = p.lastIndexOf("/") + 1;
  let head = p.slice(0, i);
  const tail = p.slice(i);
  if (head && head !== "/".repeat(head.length)) head = head.replace(/\/+$/, "");
  return [head, tail];
}

/** Python's `posixpath.join(a, b)` for a relative `b`. */
function joinPath(a: string, b: string): string {
  if (b.startsWith("/")) return b;
  if (a === "" || a.endsWith("/")) return a + b;
  return a + "/" + b;
}

/** Python's `str` ordering: by code point (JavaScript's default sort compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral characters) sort after every BMP character in code point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * `TimedRotatingFileHandler.getFilesToDelete()` (CPython 3.13): of `existingNames` (the
 * `os.listdir` of the log file's directory), the rotated files of `baseFilename` to delete so that
 * `backupCount` remain — all but the `backupCount` greatest names in sort order, or none when there
 * are fewer than `backupCount`. Returns paths joined with the directory, as Python.
 *
 * Without a `namer`, a name qualifies when it is the base name, a dot, and a suffix that
 * `extMatch` matches entirely. With one, when some date suffix found in the name, given to the
 * namer as `baseFilename + "." + suffix`, gives back that very name.
 *
 * @param namer The handler's `namer`.
 * @example
 * ```ts
 * import { filesToDelete, parseWhen } from "@pylog/logging/handlers";
 * const names = ["app.log", "app.log.2024-01-01", "app.log.2024-01-02", "app.log.2024-01-03"];
 * filesToDelete("/var/log/app.log", names, 2, parseWhen("D").extMatch);
 * // ["/var/log/app.log.2024-01-01"]
 * ```
 */
export function filesToDelete(
  baseFilename: string,
  existingNames: readonly string[],
  backupCount: number,
  extMatch: RegExp,
  namer?: ((name: string) => string) | null,
): string[] {
  const [dirName, baseName] = splitPath(baseFilename);
  let result: string[] = [];
  if (namer === undefined || namer === null) {
    const prefix = baseName + ".";
    const whole = new RegExp(`^(?:${extMatch.source})$`);
    for (const fileName of existingNames) {
      if (fileName.startsWith(prefix) && whole.test(fileName.slice(prefix.length))) {
        result.push(joinPath(dirName, fileName));
      }
    }
  } else {
    const search = new RegExp(extMatch.source, "g");
    for (const fileName of existingNames) {
      search.lastIndex = 0;
      for (let m = search.exec(fileName); m !== null; m = search.exec(fileName)) {
        if (splitPath(namer(baseFilename + "." + m[0]))[1] === fileName) {
          result.push(joinPath(dirName, fileName));
          break;
        }
        search.lastIndex = m.index + 1;
      }
    }
  }
  if (result.length < backupCount) {
    result = [];
  } else {
    result.sort(compareCodePoints);
    result = result.slice(0, Math.max(0, result.length - backupCount));
  }
  return result;
}
