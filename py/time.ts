/**
 * Python's `time.localtime` / `time.gmtime` and `time.struct_time`, as `logging.Formatter`'s
 * `converter` uses them.
 *
 * Local time is the JavaScript runtime's own local time zone (the `TZ` environment variable as the
 * runtime honours it). The zone abbreviation (`tm_zone`, printed by `%Z`) and the `tm_isdst` flag are
 * taken, when the runtime may read files, from the same TZif file glibc reads
 * (`/usr/share/zoneinfo/<zone>` or `/etc/localtime`), so they match CPython on Linux exactly; on
 * runtimes without a file system (edge workers) or without read permission (Deno without
 * `--allow-read`), they are derived from `Intl` (see docs/DIVERGENCES.md).
 *
 * @module
 */

import { OSError, ValueError } from "./errors.ts";
import { builtinModule } from "../runtime.ts";

/**
 * Python's `time.struct_time`: broken-down time as returned by {@linkcode localtime} and
 * {@linkcode gmtime}. Fields follow Python, not C: `tm_mon` is 1-12, `tm_wday` counts from Monday = 0,
 * `tm_yday` is 1-366.
 *
 * @example
 * ```ts
 * import { gmtime, type StructTime } from "@pylog/logging/formatters";
 * const t: StructTime = gmtime(0);
 * console.log(t.tm_year, t.tm_mon, t.tm_mday, t.tm_wday); // 1970 1 1 3
 * ```
 */
export interface StructTime {
  /** Year, e.g. 2023. */
  readonly tm_year: number;
  /** Month, 1-12. */
  readonly tm_mon: number;
  /** Day of the month, 1-31. */
  readonly tm_mday: number;
  /** Hour, 0-23. */
  readonly tm_hour: number;
  /** Minute, 0-59. */
  readonly tm_min: number;
  /** Second, 0-61 (always 0-59 here: no leap seconds). */
  readonly tm_sec: number;
  /** Day of the week, Monday = 0 ... Sunday = 6. */
  readonly tm_wday: number;
  /** Day of the year, 1-366. */
  readonly tm_yday: number;
  /** 1 when daylight saving time is in effect, 0 when not, -1 when unknown. */
  readonly tm_isdst: number;
  /** Abbreviation of the time zone, as C's `%Z` prints it (`"CET"`, `"EDT"`, `"+0530"`, `"GMT"`). */
  readonly tm_zone: string;
  /** Offset from UTC in seconds, east positive. */
  readonly tm_gmtoff: number;
}

const MAX_TIME_T = 2 ** 63;
/** Largest |seconds| JavaScript's Date can represent. */
const DATE_LIMIT_S = 8.64e12;

/** Python's conversion of a float timestamp to time_t (`_PyTime_ROUND_FLOOR`) with its errors. */
function toTimeT(secs: number): number {
  if (typeof secs !== "number") {
    throw new TypeError(`'${typeof secs}' object cannot be interpreted as an integer`);
  }
  if (Number.isNaN(secs)) throw new ValueError("Invalid value NaN (not a number)");
  const t = Math.floor(secs);
  if (!(t >= -MAX_TIME_T && t < MAX_TIME_T)) {
    // Python raises OverflowError; errors.ts has no such class, RangeError is the JS equivalent.
    throw new RangeError("timestamp out of range for platform time_t");
  }
  return t;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const TM_YEAR_MAX = 2147483647 + 1900;
const TM_YEAR_MIN = -2147483648 + 1900;

/** Breaks `t` (integral seconds, already shifted to local wall time) into a struct. */
function breakDown(t: number, isdst: number, zone: string, gmtoff: number): StructTime {
  const days = Math.floor(t / 86400);
  let rem = t - days * 86400;
  const hour = Math.floor(rem / 3600);
  rem -= hour * 3600;
  const min = Math.floor(rem / 60);
  const sec = rem - min * 60;
  // civil_from_days
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const mday = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mon = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (mon <= 2 ? 1 : 0);
  if (year > TM_YEAR_MAX || year < TM_YEAR_MIN) {
    throw new OSError(75, "Value too large for defined data type", null, "EOVERFLOW");
  }
  return {
    tm_year: year,
    tm_mon: mon,
    tm_mday: mday,
    tm_hour: hour,
    tm_min: min,
    tm_sec: sec,
    tm_wday: (((days + 3) % 7) + 7) % 7,
    tm_yday: days - daysFromCivil(year, 1, 1) + 1,
    tm_isdst: isdst,
    tm_zone: zone,
    tm_gmtoff: gmtoff,
  };
}

/**
 * Python's `time.gmtime(secs)`: `secs` (a float of seconds since the epoch, like
 * `LogRecord.created`; default: now) as UTC. As on glibc, `tm_zone` is `"GMT"`.
 *
 * @example
 * ```ts
 * import { gmtime } from "@pylog/logging/formatters";
 * const t = gmtime(1700000000.5);
 * console.log(t.tm_hour, t.tm_min, t.tm_sec, t.tm_zone); // 22 13 20 GMT
 * ```
 */
export function gmtime(secs?: number): StructTime {
  const t = toTimeT(secs === undefined ? Date.now() / 1000 : secs);
  return breakDown(t, 0, "GMT", 0);
}

/**
 * Python's `time.localtime(secs)`: `secs` (a float of seconds since the epoch, like
 * `LogRecord.created`; default: now) in the runtime's local time zone. Fractions are floored
 * (toward -infinity) as CPython does.
 *
 * @example
 * ```ts
 * import { localtime } from "@pylog/logging/formatters";
 * const t = localtime(0);
 * console.log(t.tm_year <= 1970, typeof t.tm_zone, t.tm_gmtoff % 60); // true string 0
 * ```
 */
export function localtime(secs?: number): StructTime {
  const t = toTimeT(secs === undefined ? Date.now() / 1000 : secs);
  const off = localOffset(t);
  const info = zoneInfo(t, off);
  return breakDown(t + off, info.isdst, info.zone, off);
}

/**
 * Python's `time.tzset()`: forget the cached time zone data, so a change of the local time zone
 * (for instance `process.env.TZ = "Europe/Berlin"`, which Deno and Bun apply at once) is seen by the
 * next {@linkcode localtime} call.
 *
 * @example
 * ```ts
 * import { localtime, tzset } from "@pylog/logging/formatters";
 * tzset();
 * console.log(typeof localtime(0).tm_zone); // string
 * ```
 */
export function tzset(): void {
  zoneState = undefined;
}

// ---------------------------------------------------------------------------------------------
// Offsets from the runtime

/** UTC offset in seconds (east positive) of the runtime's local zone at integral time `t`. */
function localOffset(t: number): number {
  const clamped = t > DATE_LIMIT_S ? DATE_LIMIT_S : t < -DATE_LIMIT_S ? -DATE_LIMIT_S : t;
  const d = new Date(clamped * 1000);
  const off = 0 - d.getTimezoneOffset() * 60; // never -0
  // getTimezoneOffset() rounds to whole minutes; local-mean-time offsets (before ~1900) have
  // seconds. A wrong minute rounding shows up in the local seconds.
  if (d.getSeconds() === ((((clamped + off) % 60) + 60) % 60)) return off;
  // Date.UTC() would read years 0-99 as 1900-1999: build the local wall time arithmetically.
  const wall = daysFromCivil(d.getFullYear(), d.getMonth() + 1, d.getDate()) * 86400 +
    d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds();
  return wall - clamped;
}

// ---------------------------------------------------------------------------------------------
// Zone names and DST flags

interface TtInfo {
  utoff: number;
  isdst: number;
  abbr: string;
}

interface TzifData {
  times: number[];
  idx: number[];
  types: TtInfo[];
  /** POSIX TZ rule after the last transition: std/dst names and offsets (east positive). */
  footer: { std: TtInfo; dst: TtInfo | null } | null;
}

interface ZoneState {
  tzif: TzifData | null;
  /** Cached interval [lo, hi) of the last TZif lookup and its type. */
  lo: number;
  hi: number;
  last: TtInfo | null;
  /** Intl fallback: names per offset, January/July offsets per year. */
  names: Map<number, string>;
  years: Map<number, [number, number]>;
  zoneId: string | undefined;
}

let zoneState: ZoneState | undefined;

function getZoneState(): ZoneState {
  if (zoneState) return zoneState;
  let zoneId: string | undefined;
  try {
    zoneId = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    zoneId = undefined;
  }
  zoneState = {
    tzif: loadTzif(zoneId),
    lo: 1,
    hi: 0,
    last: null,
    names: new Map(),
    years: new Map(),
    zoneId,
  };
  return zoneState;
}

/** Abbreviation and DST flag of the local zone at time `t`, whose offset the runtime says is `off`. */
function zoneInfo(t: number, off: number): { zone: string; isdst: number } {
  const st = getZoneState();
  if (st.tzif) {
    let tt: TtInfo | null;
    if (t >= st.lo && t < st.hi) tt = st.last;
    else tt = tzifLookup(st, t, off);
    if (tt && tt.utoff === off) return { zone: tt.abbr, isdst: tt.isdst };
  }
  return intlInfo(st, t, off);
}

function tzifLookup(st: ZoneState, t: number, off: number): TtInfo | null {
  const z = st.tzif!;
  const times = z.times;
  // Binary search: the last transition <= t.
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  if (i === times.length - 1 && z.footer) {
    // After the last transition the POSIX rule applies; pick its std or dst side by offset.
    const f = z.footer;
    st.lo = 1;
    st.hi = 0;
    if (f.dst && f.dst.utoff === off) return f.dst;
    return f.std;
  }
  const tt = i < 0 ? z.types[0] : z.types[z.idx[i]];
  st.lo = i < 0 ? -Infinity : times[i];
  st.hi = i + 1 < times.length ? times[i + 1] : Infinity;
  st.last = tt ?? null;
  return tt ?? null;
}

/** glibc's numeric abbreviation style for zones without a name: `+05`, `+0530`, `-0330`. */
function numericAbbr(off: number): string {
  const sign = off < 0 ? "-" : "+";
  const a = Math.abs(off);
  const h = String(Math.floor(a / 3600)).padStart(2, "0");
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  if (s) return sign + h + String(m).padStart(2, "0") + String(s).padStart(2, "0");
  return m ? sign + h + String(m).padStart(2, "0") : sign + h;
}

const UTC_IDS = new Set(["UTC", "Etc/UTC", "Etc/Unknown", "Etc/Universal", "Etc/Zulu", "Zulu"]);

function intlInfo(st: ZoneState, t: number, off: number): { zone: string; isdst: number } {
  const year = breakDown(t + off, 0, "", off).tm_year;
  let jj = st.years.get(year);
  if (!jj) {
    const y = Math.max(-271820, Math.min(275759, year));
    const d = new Date(0);
    d.setFullYear(y, 0, 1);
    const jan = -d.getTimezoneOffset() * 60;
    d.setFullYear(y, 6, 1);
    jj = [jan, -d.getTimezoneOffset() * 60];
    if (st.years.size > 64) st.years.clear();
    st.years.set(year, jj);
  }
  const isdst = jj[0] !== jj[1] && Math.abs(off - Math.max(jj[0], jj[1])) < 60 ? 1 : 0;
  let zone = st.names.get(off);
  if (zone === undefined) {
    zone = intlName(st.zoneId, t, off);
    st.names.set(off, zone);
  }
  return { zone, isdst };
}

const INTL_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN"];

function intlName(zoneId: string | undefined, t: number, off: number): string {
  if (zoneId === undefined || UTC_IDS.has(zoneId)) {
    if (off === 0) return "UTC";
  }
  const clamped = t > DATE_LIMIT_S ? DATE_LIMIT_S : t < -DATE_LIMIT_S ? -DATE_LIMIT_S : t;
  for (const loc of INTL_LOCALES) {
    let name: string | undefined;
    try {
      name = new Intl.DateTimeFormat(loc, { timeZoneName: "short" })
        .formatToParts(new Date(clamped * 1000))
        .find((p) => p.type === "timeZoneName")?.value;
    } catch {
      break;
    }
    if (name && /^[A-Za-z]{2,6}$/.test(name) && !(name === "GMT" && off !== 0)) return name;
  }
  return numericAbbr(off);
}

// ---------------------------------------------------------------------------------------------
// TZif files (RFC 8536), read lazily and only where the runtime allows it

const ZONEINFO_DIRS = ["/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo"];

function loadTzif(zoneId: string | undefined): TzifData | null {
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  const fs = builtinModule<{ readFileSync(p: string): Uint8Array }>("node:fs");
  if (!fs) return null;
  const paths: string[] = [];
  if (
    zoneId && zoneId !== "Etc/Unknown" && /^[A-Za-z0-9_+\-]+(\/[A-Za-z0-9_+\-]+)*$/.test(zoneId)
  ) {
    for (const dir of ZONEINFO_DIRS) paths.push(`${dir}/${zoneId}`);
  } else {
    paths.push("/etc/localtime");
  }
  for (const path of paths) {
    try {
      // Never make Deno prompt for a permission: read only when already granted.
      const perms = g.Deno?.permissions;
      if (perms?.querySync && perms.querySync({ name: "read", path }).state !== "granted") {
        return null;
      }
      const data = parseTzif(fs.readFileSync(path));
      if (data) return data;
    } catch {
      // try the next location
    }
  }
  return null;
}

function parseTzif(buf: Uint8Array): TzifData | null {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = (o: number) =>
    buf[o] === 0x54 && buf[o + 1] === 0x5a && buf[o + 2] === 0x69 && buf[o + 3] === 0x66;
  if (buf.length < 44 || !magic(0)) return null;
  const version = buf[4];
  const counts = (o: number) => {
    const c: number[] = [];
    for (let k = 0; k < 6; k++) c.push(dv.getUint32(o + 20 + 4 * k));
    return c; // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  };
  let o = 0;
  let c = counts(0);
  let timeSize = 4;
  if (version >= 0x32) {
    // Skip the v1 block; use the 64-bit v2+ block.
    o = 44 + c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    if (!magic(o)) return null;
    c = counts(o);
    timeSize = 8;
  }
  const [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = c;
  let p = o + 44;
  const times: number[] = [];
  for (let k = 0; k < timecnt; k++) {
    times.push(timeSize === 8 ? Number(dv.getBigInt64(p)) : dv.getInt32(p));
    p += timeSize;
  }
  const idx: number[] = [];
  for (let k = 0; k < timecnt; k++) idx.push(buf[p++]);
  const raw: Array<[number, number, number]> = [];
  for (let k = 0; k < typecnt; k++) {
    raw.push([dv.getInt32(p), buf[p + 4], buf[p + 5]]);
    p += 6;
  }
  const chars = buf.subarray(p, p + charcnt);
  p += charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  const cstr = (i: number) => {
    let e = i;
    while (e < chars.length && chars[e] !== 0) e++;
    return String.fromCharCode(...chars.subarray(i, e));
  };
  const types = raw.map(([utoff, isdst, ai]) => ({ utoff, isdst: isdst ? 1 : 0, abbr: cstr(ai) }));
  if (!types.length) return null;
  let footer: TzifData["footer"] = null;
  if (timeSize === 8 && buf[p] === 0x0a) {
    let e = p + 1;
    while (e < buf.length && buf[e] !== 0x0a) e++;
    footer = parsePosixTz(String.fromCharCode(...buf.subarray(p + 1, e)));
  }
  return { times, idx, types, footer };
}

/** The names and offsets of a POSIX TZ string such as `CET-1CEST,M3.5.0,M10.5.0/3`. */
function parsePosixTz(s: string): TzifData["footer"] {
  let i = 0;
  const name = (): string | null => {
    if (s[i] === "<") {
      const e = s.indexOf(">", i);
      if (e < 0) return null;
      const n = s.slice(i + 1, e);
      i = e + 1;
      return n;
    }
    const m = /^[A-Za-z]{3,}/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  const offset = (): number | null => {
    const m = /^([+-]?)(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    const v = +m[2] * 3600 + +(m[3] ?? 0) * 60 + +(m[4] ?? 0);
    return m[1] === "-" ? v : -v; // POSIX offsets are west-positive
  };
  const stdName = name();
  if (stdName === null) return null;
  const stdOff = offset();
  if (stdOff === null) return null;
  const std = { utoff: stdOff, isdst: 0, abbr: stdName };
  if (i >= s.length || s[i] === ",") return { std, dst: null };
  const dstName = name();
  if (dstName === null) return { std, dst: null };
  let dstOff = stdOff + 3600;
  if (s[i] !== "," && i < s.length) dstOff = offset() ?? dstOff;
  return { std, dst: { utoff: dstOff, isdst: 1, abbr: dstName } };
}
