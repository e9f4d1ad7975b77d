/**
 * Python's number rendering rules, shared by `%`-formatting ({@link ./percent.ts}) and `str.format`
 * ({@link ./str_format.ts}): CPython's `PyOS_double_to_string` (round-half-even on the exact binary
 * value, two-digit exponents, `g` trailing-zero stripping, `#` alternate forms, `inf`/`nan`, `-0.0`)
 * and integer rendering in bases 2/8/10/16 for numbers and bigints.
 *
 * @module
 */

/** The digits of the last conversion (no leading/trailing zeros, `"0"` for zero). */
let DIGITS = "0";
/** Position of the decimal point relative to DIGITS (value = 0.DIGITS × 10^DECPT). */
let DECPT = 1;

/** The exact decimal expansion of a finite positive double, via BigInt (rare, slow path). */
function exactDecimal(x: number): void {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = bexp - 1075;
  }
  let d: string;
  let p: number;
  if (e >= 0) {
    d = (mant << BigInt(e)).toString();
    p = d.length;
  } else {
    d = (mant * 5n ** BigInt(-e)).toString();
    p = d.length + e;
  }
  let end = d.length;
  while (end > 1 && d.charCodeAt(end - 1) === 48) end--;
  DIGITS = d.slice(0, end);
  DECPT = p;
}

/** Rounds DIGITS/DECPT half-to-even so that `nd` digits remain (nd may be <= 0). */
function roundHalfEven(nd: number): void {
  const d = DIGITS;
  if (nd >= d.length) return;
  if (nd < 0) {
    DIGITS = "0";
    DECPT = 1;
    return;
  }
  const next = d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next !== 5) up = next > 5;
  else if (d.length > nd + 1) up = true;
  else up = nd > 0 && ((d.charCodeAt(nd - 1) - 48) & 1) === 1;
  let kept = d.slice(0, nd);
  if (up) {
    let i = kept.length - 1;
    while (i >= 0 && kept.charCodeAt(i) === 57) i--;
    if (i < 0) {
      kept = "1";
      DECPT += 1;
    } else {
      kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
    }
  }
  let end = kept.length;
  while (end > 0 && kept.charCodeAt(end - 1) === 48) end--;
  if (end === 0) {
    DIGITS = "0";
    DECPT = 1;
  } else DIGITS = kept.slice(0, end);
}

/** Parses a JS `toExponential` result ("d.ddde+N") into DIGITS/DECPT, stripping trailing zeros. */
function fromExponential(s: string): void {
  const e = s.indexOf("e");
  let d = e === 1 ? s[0] : s[0] + s.slice(2, e);
  let end = d.length;
  while (end > 1 && d.charCodeAt(end - 1) === 48) end--;
  if (end !== d.length) d = d.slice(0, end);
  DIGITS = d;
  DECPT = +s.slice(e + 1) + 1;
}

/** Shortest round-trip digits (dtoa mode 0). */
function digitsShortest(x: number): void {
  fromExponential(x.toExponential());
}

/** `nd` significant digits, correctly rounded half-even (dtoa mode 2). */
function digitsSignificant(x: number, nd: number): void {
  if (nd <= 90) {
    const s = x.toExponential(nd - 1);
    // A tie is possible only if the exact expansion is d...d5 followed by zeros.
    const t = x.toExponential(Math.min(100, nd + 20));
    const e = t.indexOf("e");
    // digit index nd sits at string index nd + 1 (after "d.")
    if (t.charCodeAt(nd + 1) !== 53 || !/^0*$/.test(t.slice(nd + 2, e))) {
      fromExponential(s);
      return;
    }
  }
  exactDecimal(x);
  roundHalfEven(nd);
}

/** `f` digits after the decimal point, correctly rounded half-even (dtoa mode 3). */
function digitsFixed(x: number, f: number): void {
  if (x >= 1e21) {
    // Every double this large is an integer: its digits are exact.
    let d = BigInt(x).toString();
    const p = d.length;
    let end = d.length;
    while (end > 1 && d.charCodeAt(end - 1) === 48) end--;
    d = d.slice(0, end);
    DIGITS = d;
    DECPT = p;
    return;
  }
  // x = m / 2^k (m odd) has exactly k decimal places, the last being 5: a tie iff k == f + 1.
  if (f <= 100 && !(Number.isInteger(x * 2 ** (f + 1)) && !Number.isInteger(x * 2 ** f))) {
    const s = x.toFixed(f);
    const dot = s.indexOf(".");
    let all = dot < 0 ? s : s.slice(0, dot) + s.slice(dot + 1);
    let p = dot < 0 ? s.length : dot;
    let start = 0;
    while (start < all.length && all.charCodeAt(start) === 48) {
      start++;
      p--;
    }
    let end = all.length;
    while (end > start && all.charCodeAt(end - 1) === 48) end--;
    if (end === start) {
      DIGITS = "0";
      DECPT = 1;
      return;
    }
    all = all.slice(start, end);
    DIGITS = all;
    DECPT = p;
    return;
  }
  exactDecimal(x);
  roundHalfEven(DECPT + f);
}

/**
 * CPython's `PyOS_double_to_string(x, code, precision, flags)`: formats a float with conversion
 * `code` (`e E f F g G r`; `r` is repr), `precision`, and the flags `alt` (`#`: keep the point and
 * trailing zeros), `addDot0` (append `.0` to integral results, as `repr` and format's empty type do;
 * for `g` it also switches to exponent form one digit earlier) and `noNeg0` (`z`: drop the sign of a
 * result that rounds to zero). The result carries a leading `-` for negative values (and `-0.0`),
 * never a `+`; NaN is always unsigned. Rounding is half-to-even on the exact binary value.
 *
 * @example
 * ```ts
 * import { formatFloat } from "./number.ts";
 * formatFloat(0.125, "f", 2, false, false, false); // "0.12"
 * formatFloat(1, "e", 6, false, false, false); // "1.000000e+00"
 * formatFloat(1e-5, "g", 6, false, false, false); // "1e-05"
 * formatFloat(1, "f", 0, true, false, false); // "1."
 * ```
 */
export function formatFloat(
  x: number,
  code: string,
  precision: number,
  alt: boolean,
  addDot0: boolean,
  noNeg0: boolean,
): string {
  let fc = code;
  let upper = false;
  if (code === "E" || code === "F" || code === "G") {
    upper = true;
    fc = code.toLowerCase();
  }
  if (x !== x) return upper ? "NAN" : "nan";
  let neg = x < 0 || (x === 0 && 1 / x < 0);
  if (x === Infinity || x === -Infinity) return (neg ? "-" : "") + (upper ? "INF" : "inf");
  const ax = neg ? -x : x;
  let prec = precision;
  if (fc === "g" && prec === 0) prec = 1;
  if (ax === 0) {
    DIGITS = "0";
    DECPT = 1;
  } else {
    switch (fc) {
      case "e":
        digitsSignificant(ax, prec + 1);
        break;
      case "f":
        digitsFixed(ax, prec);
        break;
      case "g":
        digitsSignificant(ax, prec);
        break;
      default:
        digitsShortest(ax);
    }
  }
  const digits = DIGITS;
  let decpt = DECPT;
  const dl = digits.length;
  if (noNeg0 && neg && digits === "0") neg = false;

  let vEnd = dl;
  let useExp = false;
  switch (fc) {
    case "e":
      useExp = true;
      vEnd = prec + 1;
      break;
    case "f":
      vEnd = decpt + prec;
      break;
    case "g":
      if (decpt <= -4 || decpt > (addDot0 ? prec - 1 : prec)) useExp = true;
      if (alt) vEnd = prec;
      break;
    default:
      if (decpt <= -4 || decpt > 16) useExp = true;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && addDot0) vEnd = vEnd > decpt ? vEnd : decpt + 1;
  else vEnd = vEnd > decpt ? vEnd : decpt;

  let out = neg ? "-" : "";
  if (decpt <= 0) out += "0".repeat(decpt - vStart) + "." + "0".repeat(-decpt);
  if (0 < decpt && decpt <= dl) {
    out += decpt === dl ? digits + "." : digits.slice(0, decpt) + "." + digits.slice(decpt);
  } else out += digits;
  if (dl < decpt) out += "0".repeat(decpt - dl) + "." + "0".repeat(vEnd - decpt);
  else if (vEnd > dl) out += "0".repeat(vEnd - dl);
  if (!alt && out.charCodeAt(out.length - 1) === 46) out = out.slice(0, -1);
  if (useExp) {
    const ae = exp < 0 ? -exp : exp;
    out += (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (ae < 10 ? "0" : "") + ae;
  }
  return out;
}

/**
 * The magnitude of an integer (an integer-valued number or a bigint) in `base` (2, 8, 10 or 16,
 * lowercase digits), without sign or prefix.
 *
 * @example
 * ```ts
 * import { intDigits } from "./number.ts";
 * intDigits(-255, 16); // "ff"
 * intDigits(2n ** 64n, 10); // "18446744073709551616"
 * ```
 */
export function intDigits(v: number | bigint, base: number): string {
  if (typeof v === "number") {
    const a = v < 0 ? -v : v;
    if (a <= Number.MAX_SAFE_INTEGER) return a.toString(base);
    return BigInt(a).toString(base);
  }
  return (v < 0n ? -v : v).toString(base);
}

/** True when an integer (number or bigint) is negative (`-0` is not). */
export function intIsNegative(v: number | bigint): boolean {
  return typeof v === "number" ? v < 0 : v < 0n;
}

/**
 * CPython's `_PyUnicode_FormatLong` (the body of `%d %i %u %o %x %X`): sign, then with `alt` the
 * prefix `0o`/`0x`/`0X`, then the digits zero-extended to `prec` digits (`prec` < 0: none).
 *
 * @example
 * ```ts
 * import { formatIntPercent } from "./number.ts";
 * formatIntPercent(255, true, -1, "x"); // "0xff"
 * formatIntPercent(-3, false, 4, "d"); // "-0003"
 * ```
 */
export function formatIntPercent(
  v: number | bigint,
  alt: boolean,
  prec: number,
  type: string,
): string {
  const base = type === "o" ? 8 : type === "x" || type === "X" ? 16 : 10;
  let d = intDigits(v, base);
  if (type === "X") d = d.toUpperCase();
  if (prec > d.length) d = "0".repeat(prec - d.length) + d;
  if (alt && base !== 10) d = (base === 8 ? "0o" : type === "X" ? "0X" : "0x") + d;
  return intIsNegative(v) ? "-" + d : d;
}

/**
 * CPython's `_PyUnicode_InsertThousandsGrouping` for str.format: inserts `sep` every `group`
 * digits (0: no grouping) counting from the right, and pads with zeros (and separators) up to
 * `minWidth` characters, never starting with a separator.
 *
 * @example
 * ```ts
 * import { groupDigits } from "./number.ts";
 * groupDigits("1234567", 0, 3, ","); // "1,234,567"
 * groupDigits("1234", 9, 3, ","); // "0,001,234"
 * ```
 */
export function groupDigits(digits: string, minWidth: number, group: number, sep: string): string {
  let mw = minWidth > 0 ? minWidth : 0;
  let remaining = digits.length;
  let pos = digits.length;
  let out = "";
  let useSep = false;
  if (group > 0) {
    for (;;) {
      let len = Math.min(group, Math.max(remaining, mw, 1));
      const nZeros = Math.max(0, len - remaining);
      const nChars = Math.max(0, Math.min(remaining, len));
      const piece = "0".repeat(nZeros) + digits.slice(pos - nChars, pos);
      out = piece + (useSep ? sep : "") + out;
      pos -= nChars;
      useSep = true;
      remaining -= nChars;
      mw -= len;
      if (remaining <= 0 && mw <= 0) return out;
      mw -= sep.length;
      len = 0;
    }
  }
  const len = Math.max(remaining, mw, 1);
  const nZeros = Math.max(0, len - remaining);
  return "0".repeat(nZeros) + digits.slice(0, pos) + (useSep ? sep : "") + out;
}
