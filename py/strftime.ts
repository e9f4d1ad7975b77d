/**
 * Python's `time.strftime(format, t)` as CPython 3.11 on Linux computes it: glibc's `wcsftime` in the
 * C locale, with every GNU flag (`_`, `-`, `0`, `^`, `#`), field width and `E`/`O` modifier, and
 * glibc's way of copying unknown directives through (`%f` prints `%f`).
 *
 * @module
 */

import { ValueError } from "./errors.ts";
import { daysFromCivil, localtime, type StructTime } from "./time.ts";
import { cpLen } from "./percent.ts"; // the number of code points (C `wcslen`)

const A_DAY = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const F_DAY = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const A_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const F_MON = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A compiled directive: glibc's parsed flags and the conversion character. */
interface Directive {
  /** Conversion character; `"bad"` for text glibc copies through unchanged. */
  readonly c: string;
  /** `_`, `-`, `0` or "" (none). */
  readonly pad: string;
  readonly upcase: boolean;
  readonly changeCase: boolean;
  /** Field width, -1 when none. */
  readonly width: number;
  /** For `bad`: the text to copy; for subformats: the compiled subformat. */
  readonly raw: string;
  readonly sub: Part[] | null;
}

type Part = string | Directive;

/** The C locale's composite formats. */
const SUBFORMATS: Record<string, string> = {
  c: "%a %b %e %H:%M:%S %Y",
  D: "%m/%d/%y",
  x: "%m/%d/%y",
  F: "%Y-%m-%d",
  R: "%H:%M",
  T: "%H:%M:%S",
  X: "%H:%M:%S",
  r: "%I:%M:%S %p",
};

/** Directive characters glibc rejects with a given modifier (goto bad_format). */
const BAD_WITH_E = new Set("bhBdeHIklj MmSUVgGWw".replace(" ", ""));
const BAD_WITH_O = new Set("cxXY");
const BAD_WITH_ANY = new Set("%aADF");
const KNOWN = new Set("%aAbhBcCxDdeFHIkljMmnPpRrSsXTtuUVgGWwYyZz");

const INT_MAX = 2147483647;

/**
 * CPython's largest output buffer for `format`: 1024, 2048, ... characters until one is
 * >= 256 * len(format). Longer results come back as "" (so wider fields need not be built).
 */
function bufferLimit(format: string): number {
  const want = 256 * cpLen(format);
  let buf = 1024;
  while (buf < want) buf *= 2;
  return buf;
}

function compile(format: string, limit: number): Part[] {
  const parts: Part[] = [];
  let lit = "";
  const n = format.length;
  let i = 0;
  while (i < n) {
    const ch = format[i];
    if (ch !== "%") {
      lit += ch;
      i++;
      continue;
    }
    let f = i + 1;
    let pad = "";
    let upcase = false;
    let changeCase = false;
    for (;; f++) {
      const x = format[f];
      if (x === "_" || x === "-" || x === "0") pad = x;
      else if (x === "^") upcase = true;
      else if (x === "#") changeCase = true;
      else break;
    }
    let width = -1;
    if (f < n && format[f] >= "0" && format[f] <= "9") {
      width = 0;
      while (f < n && format[f] >= "0" && format[f] <= "9") {
        width = width > (INT_MAX - 9) / 10 ? INT_MAX : width * 10 + (format.charCodeAt(f) - 48);
        f++;
      }
      // A field this wide cannot fit CPython's buffer; clamping keeps the result too long.
      if (width > limit) width = limit;
    }
    let modifier = "";
    if (format[f] === "E" || format[f] === "O") modifier = format[f++];
    let c = f < n ? format[f] : "";
    let bad = false;
    if (c === "") {
      // '%' at the end of the format (GNU extension): copy what was read.
      f--;
      bad = true;
    } else if (!KNOWN.has(c)) bad = true;
    else if (modifier && BAD_WITH_ANY.has(c)) bad = true;
    else if (modifier === "E" && BAD_WITH_E.has(c)) bad = true;
    else if (modifier === "O" && BAD_WITH_O.has(c)) bad = true;
    let raw = "";
    if (bad) {
      // glibc copies back to the nearest '%' at or before the current character.
      raw = format.slice(format.lastIndexOf("%", f), f + 1);
      c = "bad";
    }
    if (lit) {
      parts.push(lit);
      lit = "";
    }
    const subfmt = SUBFORMATS[c];
    parts.push({
      c,
      pad,
      upcase,
      changeCase,
      width,
      raw,
      sub: subfmt === undefined ? null : compile(subfmt, limit),
    });
    i = f + 1;
  }
  if (lit) parts.push(lit);
  return parts;
}

interface Compiled {
  readonly parts: Part[];
  readonly limit: number;
}

const cache = new Map<string, Compiled>();
const CACHE_MAX = 256;

function compiled(format: string): Compiled {
  let c = cache.get(format);
  if (c === undefined) {
    const limit = bufferLimit(format);
    c = { parts: compile(format, limit), limit };
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(format, c);
  }
  return c;
}

/** C `struct tm` fields after CPython's `gettmarg`/`checktm` normalisation. */
interface Tm {
  year: number; // full year (tm_year + 1900)
  mon: number; // 0-11
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number; // Sunday = 0
  yday: number; // 0-365
  isdst: number;
  zone: string;
  gmtoff: number;
}

function toTm(t: StructTime): Tm {
  let mon = t.tm_mon - 1;
  if (mon === -1) mon = 0;
  else if (mon < 0 || mon > 11) throw new ValueError("month out of range");
  let mday = t.tm_mday;
  if (mday === 0) mday = 1;
  else if (mday < 0 || mday > 31) throw new ValueError("day of month out of range");
  if (t.tm_hour < 0 || t.tm_hour > 23) throw new ValueError("hour out of range");
  if (t.tm_min < 0 || t.tm_min > 59) throw new ValueError("minute out of range");
  if (t.tm_sec < 0 || t.tm_sec > 61) throw new ValueError("seconds out of range");
  const wday = (t.tm_wday + 1) % 7;
  if (wday < 0) throw new ValueError("day of week out of range");
  let yday = t.tm_yday - 1;
  if (yday === -1) yday = 0;
  else if (yday < 0 || yday > 365) throw new ValueError("day of year out of range");
  const isdst = t.tm_isdst < -1 ? -1 : t.tm_isdst > 1 ? 1 : t.tm_isdst;
  return {
    year: t.tm_year,
    mon,
    mday,
    hour: t.tm_hour,
    min: t.tm_min,
    sec: t.tm_sec,
    wday,
    yday,
    isdst,
    zone: t.tm_zone ?? "",
    gmtoff: t.tm_gmtoff ?? 0,
  };
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** glibc's iso_week_days: days since the start of the ISO week-based year containing yday. */
function isoWeekDays(yday: number, wday: number): number {
  const big = (Math.trunc(366 / 7) + 2) * 7;
  return yday - ((yday - wday + 4 + big) % 7) + 4 - 1;
}

/** glibc's `add`: pad `s` on the left to `width` (zeros for the `0` flag, else spaces). */
function addPadded(s: string, width: number, pad: string): string {
  const delta = width - s.length;
  if (delta > 0) return (pad === "0" ? "0" : " ").repeat(delta) + s;
  return s;
}

/** glibc's `cpy`: `add` with the case conversion flags. */
function cpy(s: string, width: number, pad: string, lower: boolean, upper: boolean): string {
  if (lower) s = s.toLowerCase();
  else if (upper) s = s.toUpperCase();
  return addPadded(s, width, pad);
}

/** glibc's do_number / do_number_sign_and_padding. */
function num(digitsMin: number, value: number, d: Directive, spacepad: boolean): string {
  let pad = d.pad;
  if (spacepad && pad !== "0" && pad !== "-") pad = "_";
  const digits = digitsMin > d.width ? digitsMin : d.width;
  const neg = value < 0;
  let s = neg ? "-" + String(-value) : String(value);
  let width = d.width;
  let out = "";
  if (pad !== "-") {
    const padding = digits - s.length;
    if (padding > 0) {
      if (pad === "_") {
        out = " ".repeat(padding);
        width = width > padding ? width - padding : 0;
      } else {
        if (neg) {
          s = s.slice(1);
          out = "-";
        }
        out += "0".repeat(padding);
        width = 0;
      }
    }
  }
  return out + addPadded(s, width, pad);
}

/** glibc's mktime keeps its last offset as the next first guess. */
let mktimeOffset = 0;

/**
 * glibc's mktime (2.36) for `%s`: the struct's fields read as local time, `tm_isdst` as a hint.
 */
function mktime(tm: Tm): number {
  const secReq = tm.sec;
  const sec = secReq > 59 ? 59 : secReq;
  const days = daysFromCivil(tm.year, tm.mon + 1, tm.mday);
  const wall = days * 86400 + tm.hour * 3600 + tm.min * 60 + sec;
  const isdst = tm.isdst;
  let t = wall - mktimeOffset;
  let t1 = t;
  let t2 = t;
  let dst2 = false;
  let probes = 6;
  let lt: StructTime;
  found: {
    for (;;) {
      lt = localtime(t);
      const dt = wall - (t + lt.tm_gmtoff);
      if (dt === 0) break;
      if (
        t === t1 && t !== t2 &&
        (lt.tm_isdst < 0 ||
          (isdst < 0 ? +dst2 <= +(lt.tm_isdst !== 0) : (isdst !== 0) !== (lt.tm_isdst !== 0)))
      ) break found;
      if (--probes === 0) return -1;
      t1 = t2;
      t2 = t;
      t += dt;
      dst2 = lt.tm_isdst !== 0;
    }
    if (isdst >= 0 && lt.tm_isdst >= 0 && (isdst !== 0) !== (lt.tm_isdst !== 0)) {
      // Use the offset of the nearest time with the requested DST flag; failing that, assume
      // a one-hour DST difference.
      const stride = 601200;
      const bound = Math.trunc(457243209 / 2) + stride;
      for (let delta = stride; delta < bound; delta += stride) {
        for (const dir of [-1, 1]) {
          const o = localtime(t + delta * dir);
          if (o.tm_isdst >= 0 && (o.tm_isdst !== 0) === (isdst !== 0)) {
            t = wall - o.tm_gmtoff;
            break found;
          }
        }
      }
      t += 3600 * ((isdst === 0 ? 1 : 0) - (lt.tm_isdst === 0 ? 1 : 0));
    }
  }
  mktimeOffset = wall - t;
  return t + (secReq - sec);
}

function render(parts: Part[], tm: Tm): string {
  let out = "";
  for (const p of parts) {
    if (typeof p === "string") out += p;
    else out += directive(p, tm);
  }
  return out;
}

function directive(d: Directive, tm: Tm): string {
  const { width, pad } = d;
  let upper = d.upcase;
  let lower = false;
  switch (d.c) {
    case "%":
      return cpy("%", width, pad, false, false);
    case "a":
      if (d.changeCase) upper = true;
      return cpy(A_DAY[tm.wday], width, pad, false, upper);
    case "A":
      if (d.changeCase) upper = true;
      return cpy(F_DAY[tm.wday], width, pad, false, upper);
    case "b":
    case "h":
      if (d.changeCase) upper = true;
      return cpy(A_MON[tm.mon], width, pad, false, upper);
    case "B":
      if (d.changeCase) upper = true;
      return cpy(F_MON[tm.mon], width, pad, false, upper);
    case "c":
    case "D":
    case "x":
    case "F":
    case "R":
    case "T":
    case "X":
    case "r": {
      const s = addPadded(render(d.sub!, tm), width, pad);
      return upper ? s.toUpperCase() : s;
    }
    case "C":
      return num(1, Math.trunc(tm.year / 100) - (tm.year % 100 < 0 ? 1 : 0), d, false);
    case "d":
      return num(2, tm.mday, d, false);
    case "e":
      return num(2, tm.mday, d, true);
    case "H":
      return num(2, tm.hour, d, false);
    case "I":
      return num(2, hour12(tm.hour), d, false);
    case "k":
      return num(2, tm.hour, d, true);
    case "l":
      return num(2, hour12(tm.hour), d, true);
    case "j":
      return num(3, tm.yday + 1, d, false);
    case "M":
      return num(2, tm.min, d, false);
    case "m":
      return num(2, tm.mon + 1, d, false);
    case "n":
      return addPadded("\n", width, pad);
    case "t":
      return addPadded("\t", width, pad);
    case "P":
      lower = true;
    // falls through
    case "p":
      if (d.changeCase) {
        upper = false;
        lower = true;
      }
      return cpy(tm.hour > 11 ? "PM" : "AM", width, pad, lower, upper);
    case "S":
      return num(2, tm.sec, d, false);
    case "s": {
      // digits = 1: only the width pads, through glibc's `add`.
      const v = mktime(tm);
      return addPadded(String(v), width, pad === "-" ? "" : pad);
    }
    case "u":
      return num(1, ((tm.wday - 1 + 7) % 7) + 1, d, false);
    case "U":
      return num(2, Math.trunc((tm.yday - tm.wday + 7) / 7), d, false);
    case "V":
    case "g":
    case "G": {
      let year = tm.year;
      let days = isoWeekDays(tm.yday, tm.wday);
      if (days < 0) {
        year--;
        days = isoWeekDays(tm.yday + (365 + (isLeap(year) ? 1 : 0)), tm.wday);
      } else {
        const dd = isoWeekDays(tm.yday - (365 + (isLeap(year) ? 1 : 0)), tm.wday);
        if (dd >= 0) {
          year++;
          days = dd;
        }
      }
      if (d.c === "g") return num(2, ((year % 100) + 100) % 100, d, false);
      if (d.c === "G") return num(1, year, d, false);
      return num(2, Math.trunc(days / 7) + 1, d, false);
    }
    case "W":
      return num(2, Math.trunc((tm.yday - ((tm.wday - 1 + 7) % 7) + 7) / 7), d, false);
    case "w":
      return num(1, tm.wday, d, false);
    case "Y":
      return num(1, tm.year, d, false);
    case "y":
      return num(2, ((tm.year % 100) + 100) % 100, d, false);
    case "Z":
      if (d.changeCase) {
        upper = false;
        lower = true;
      }
      return cpy(tm.zone, width, pad, lower, upper);
    case "z": {
      if (tm.isdst < 0) return "";
      let diff = tm.gmtoff;
      let sign = "+";
      if (diff < 0) {
        sign = "-";
        diff = -diff;
      }
      diff = Math.trunc(diff / 60);
      return addPadded(sign, width, pad) +
        num(4, Math.trunc(diff / 60) * 100 + (diff % 60), d, false);
    }
    default: // "bad"
      return cpy(d.raw, width, pad, false, upper);
  }
}

function hour12(h: number): number {
  return h > 12 ? h - 12 : h === 0 ? 12 : h;
}

/**
 * Python's `time.strftime(format, t)` (CPython 3.11 on glibc, C locale). Every glibc directive,
 * flag (`%-d`, `%_H`, `%^a`, `%#Z`), width (`%10Y`) and modifier (`%Ey`, `%Od`) is supported;
 * unknown directives such as `%f` are copied through as glibc does. Compiled formats are cached,
 * so calling it repeatedly with the same `datefmt` is cheap.
 *
 * Throws `ValueError` for a format with a NUL character and for out-of-range struct fields, with
 * CPython's messages.
 *
 * @example
 * ```ts
 * import { gmtime, strftime } from "@pylog/logging/formatters";
 * console.log(strftime("%Y-%m-%d %H:%M:%S", gmtime(1700000000))); // 2023-11-14 22:13:20
 * console.log(strftime("%a %-d %b %Y, %I:%M %p %Z", gmtime(0))); // Thu 1 Jan 1970, 12:00 AM GMT
 * ```
 */
export function strftime(format: string, t: StructTime): string {
  if (format.includes("\0")) throw new ValueError("embedded null character");
  const tm = toTm(t);
  const c = compiled(format);
  const out = render(c.parts, tm);
  // CPython's result must fit its largest buffer (with the NUL), else it returns "".
  if (out.length >= 1024 && cpLen(out) >= c.limit) return "";
  return out;
}
