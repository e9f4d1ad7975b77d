/**
 * `TimedRotatingFileHandler`: Python's `logging.handlers.TimedRotatingFileHandler`, rolling the
 * log file over at timed intervals (seconds, minutes, hours, days, midnight or a weekday) and
 * keeping `backupCount` time-stamped backups (`app.log.2024-03-10`…). The time arithmetic lives in
 * `timed_rollover.ts`; this module does the files.
 *
 * @module
 */

import { strftime } from "../../py/strftime.ts";
import { gmtime, localtime, type StructTime } from "../../py/time.ts";
import type { LogRecord } from "../../record.ts";
import type { FileHandlerOptions } from "./file.ts";
import { requireFs } from "./file.ts";
import { BaseRotatingHandler, closeStream, removePath } from "./rotating.ts";
import {
  type BrokenDownTime,
  computeRollover,
  filesToDelete,
  nextRolloverAt,
  parseWhen,
  type RolloverClock,
  type RolloverSpec,
  rolloverSuffix,
} from "./timed_rollover.ts";

/**
 * A time of day, as Python's `datetime.time` for `atTime`.
 *
 * @example
 * ```ts
 * import type { TimeOfDay } from "@pylog/logging/handlers";
 * const twoThirty: TimeOfDay = { hour: 2, minute: 30 };
 * ```
 */
export interface TimeOfDay {
  /** Hour, 0-23. */
  hour: number;
  /** Minute, 0-59 (default 0). */
  minute?: number;
  /** Second, 0-59 (default 0). */
  second?: number;
}

/** Options of {@linkcode TimedRotatingFileHandler}: Python's parameters as one object, plus clocks. */
export interface TimedRotatingFileHandlerOptions extends Omit<FileHandlerOptions, "mode"> {
  /** `S`, `M`, `H` (default), `D`, `MIDNIGHT` or `W0`..`W6` (Monday = 0), in any case. */
  when?: string;
  /** How many units of `when` between rollovers (default 1). */
  interval?: number;
  /** How many rotated files to keep; 0 (default) keeps them all. */
  backupCount?: number;
  /** Use UTC rather than local time for rollover times and file names. */
  utc?: boolean;
  /** For `MIDNIGHT` and `W0`..`W6`: the time of day of the rollover (default midnight). */
  atTime?: TimeOfDay | null;
  /** The current time in seconds since the epoch (Python's `time.time()`); for tests. */
  clock?: () => number;
  /**
   * Breaks times down (Python's `time.localtime`/`time.gmtime`); default: those of
   * `formatters/time.ts`, which follow the runtime's time zone as glibc does.
   */
  rolloverClock?: RolloverClock;
}

const defaultRolloverClock: RolloverClock = { localtime, gmtime };

function nowSeconds(): number {
  return Date.now() / 1000;
}

/**
 * Writes records to a file rolled over at timed intervals, as Python's
 * `TimedRotatingFileHandler(filename, when='h', interval=1, backupCount=0, encoding=None,
 * delay=False, utc=False, atTime=None, errors=None)`. The rotated file is named after the start
 * of the interval it covers: `app.log.2024-03-10_14` for hourly rollovers, `app.log.2024-03-10`
 * for daily ones; with `backupCount` N > 0 only the N newest are kept.
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { TimedRotatingFileHandler } from "@pylog/logging/handlers";
 * const h = new TimedRotatingFileHandler("app.log", "midnight", 1, 7);
 * getLogger("app").addHandler(h);
 * // the options form, rolling over at 02:30 every Monday:
 * new TimedRotatingFileHandler({ filename: "app.log", when: "W0", atTime: { hour: 2, minute: 30 } });
 * ```
 */
export class TimedRotatingFileHandler extends BaseRotatingHandler {
  /** `when`, upper-cased. */
  when: string;
  /** The rollover interval in seconds (Python's `self.interval`). */
  interval: number;
  /** How many rotated files are kept (0: all). */
  backupCount: number;
  /** Whether times are UTC. */
  utc: boolean;
  /** The time of day of `MIDNIGHT` and weekly rollovers, or `null` for midnight. */
  atTime: { hour: number; minute: number; second: number } | null;
  /** The `strftime` pattern of the rotated files' suffix; may be changed. */
  suffix: string;
  /** Recognises a suffix when deleting old files; may be changed along with `suffix`. */
  extMatch: RegExp;
  /** For `W0`..`W6`: the weekday of the rollover, Monday = 0. */
  dayOfWeek?: number;
  /** When the next rollover is due, in seconds since the epoch. */
  rolloverAt: number;
  /** The source of the current time, in seconds (Python's `time.time`). */
  clock: () => number;
  /** Python's `time.localtime`/`time.gmtime` for rollover arithmetic and suffixes. */
  rolloverClock: RolloverClock;
  #units: number;

  /**
   * Opens `filename` (unless `delay`), in mode `a`, and computes the first rollover time from the
   * file's modification time if it exists, else from now.
   */
  constructor(
    filename: string | TimedRotatingFileHandlerOptions,
    when: string = "h",
    interval = 1,
    backupCount = 0,
    encoding: string | null = null,
    delay = false,
    utc = false,
    atTime: TimeOfDay | null = null,
    errors: string | null = null,
  ) {
    let clock: () => number = nowSeconds;
    let rolloverClock = defaultRolloverClock;
    if (typeof filename === "object" && filename !== null) {
      const o = filename;
      filename = o.filename as string;
      when = o.when ?? "h";
      interval = o.interval ?? 1;
      backupCount = o.backupCount ?? 0;
      encoding = o.encoding ?? null;
      delay = o.delay ?? false;
      utc = o.utc ?? false;
      atTime = o.atTime ?? null;
      errors = o.errors ?? null;
      clock = o.clock ?? nowSeconds;
      rolloverClock = o.rolloverClock ?? defaultRolloverClock;
    }
    // Validated before the file is opened (Python opens it first, then raises).
    const parsed = parseWhen(String(when), interval);
    super(filename, "a", encoding, delay, errors);
    this.when = parsed.when;
    this.backupCount = backupCount;
    this.utc = Boolean(utc);
    this.atTime = atTime === null || atTime === undefined ? null : {
      hour: atTime.hour,
      minute: atTime.minute ?? 0,
      second: atTime.second ?? 0,
    };
    this.suffix = parsed.suffix;
    this.extMatch = parsed.extMatch;
    if (parsed.dayOfWeek !== undefined) this.dayOfWeek = parsed.dayOfWeek;
    this.interval = parsed.interval;
    this.#units = interval;
    this.clock = clock;
    this.rolloverClock = rolloverClock;
    const fs = requireFs(this.constructor.name);
    const st = fs.statSync(this.baseFilename, { throwIfNoEntry: false });
    const t = st !== undefined ? Math.floor(st.mtimeMs / 1000) : Math.floor(this.clock());
    this.rolloverAt = this.computeRollover(t);
  }

  #spec(): RolloverSpec {
    return { when: this.when, interval: this.#units, utc: this.utc, atTime: this.atTime };
  }

  /**
   * The time of the next rollover after `currentTime` (seconds since the epoch), as Python's
   * `computeRollover`.
   *
   * @example
   * ```ts
   * import { TimedRotatingFileHandler } from "@pylog/logging/handlers";
   * const h = new TimedRotatingFileHandler({ filename: "app.log", when: "midnight", utc: true });
   * h.computeRollover(1700000000); // 1700006400
   * ```
   */
  computeRollover(currentTime: number): number {
    return computeRollover(currentTime, this.#spec(), this.rolloverClock);
  }

  /**
   * Whether the rollover time has come (`record` is not used, as in Python). A path that exists
   * and is not a regular file never rolls over; its next rollover time is pushed forward.
   *
   * @example
   * ```ts
   * import { makeLogRecord, TimedRotatingFileHandler } from "@pylog/logging/handlers";
   * new TimedRotatingFileHandler("app.log", "h").shouldRollover(makeLogRecord({ msg: "x" }));
   * ```
   */
  override shouldRollover(_record: LogRecord): boolean {
    const t = Math.floor(this.clock());
    if (t >= this.rolloverAt) {
      const st = requireFs(this.constructor.name).statSync(this.baseFilename, {
        throwIfNoEntry: false,
      }) as { isFile?: () => boolean } | undefined;
      if (st !== undefined && typeof st.isFile === "function" && !st.isFile()) {
        this.rolloverAt = this.computeRollover(t);
        return false;
      }
      return true;
    }
    return false;
  }

  /**
   * The rotated files to delete so that `backupCount` remain (Python's `getFilesToDelete`).
   *
   * @example
   * ```ts
   * import { TimedRotatingFileHandler } from "@pylog/logging/handlers";
   * new TimedRotatingFileHandler("app.log", "d", 1, 7).getFilesToDelete(); // []
   * ```
   */
  getFilesToDelete(): string[] {
    const fs = requireFs(this.constructor.name);
    const slash = this.baseFilename.lastIndexOf("/");
    const dir = this.baseFilename.slice(0, slash) || "/";
    return filesToDelete(
      this.baseFilename,
      fs.readdirSync(dir),
      this.backupCount,
      this.extMatch,
      this.namer,
    );
  }

  /**
   * Closes the file, renames it after the start of the interval it covers, deletes the backups
   * beyond `backupCount`, reopens the file unless `delay`, and computes the next rollover time
   * (Python's `doRollover`).
   *
   * @example
   * ```ts
   * import { TimedRotatingFileHandler } from "@pylog/logging/handlers";
   * new TimedRotatingFileHandler("app.log", "h", 1, 24).doRollover();
   * ```
   */
  override doRollover(): void {
    const currentTime = Math.floor(this.clock());
    const spec = this.#spec();
    const suffix = rolloverSuffix(this.rolloverAt, this.interval, spec, {
      currentTime,
      clock: this.rolloverClock,
      suffix: this.suffix,
      strftime: (format: string, t: BrokenDownTime) => strftime(format, asStructTime(t)),
    });
    const fs = requireFs(this.constructor.name);
    const dfn = this.rotation_filename(this.baseFilename + "." + suffix);
    // CPython 3.13: a rotated file of that name exists, so this interval was already rolled over.
    if (fs.existsSync(dfn)) return;
    closeStream(this);
    this.rotate(this.baseFilename, dfn);
    if (this.backupCount > 0) {
      for (const s of this.getFilesToDelete()) removePath(fs, s);
    }
    if (!this.delay) this.stream = this._open();
    this.rolloverAt = nextRolloverAt(currentTime, spec, this.rolloverClock);
  }
}

/** A `BrokenDownTime` from a custom clock, completed into the `StructTime` strftime reads. */
function asStructTime(t: BrokenDownTime): StructTime {
  const full = t as Partial<StructTime> & BrokenDownTime;
  if (full.tm_yday !== undefined && full.tm_zone !== undefined) return full as StructTime;
  const yday = Math.round(
    (Date.UTC(t.tm_year, t.tm_mon - 1, t.tm_mday) - Date.UTC(t.tm_year, 0, 1)) / 86400000,
  ) + 1;
  return { ...t, tm_yday: yday, tm_zone: full.tm_zone ?? "", tm_gmtoff: full.tm_gmtoff ?? 0 };
}
