/**
 * The sensitive names and text patterns `RedactingFilter` uses by default. Every pattern is
 * bounded (no nested unbounded repetition), so a hostile message costs time linear in its length.
 *
 * @module
 */

/**
 * The sensitive key names redacted by default. A key matches when, lower-cased and stripped of
 * `-`, `_`, `.` and spaces, it contains one of them: `password` matches `db_password` and
 * `Password`, `apikey` matches `X-Api-Key`, `cookie` matches `set-cookie`, `token` matches
 * `access_token` and `max_tokens`.
 *
 * @example
 * ```ts
 * import { DEFAULT_SENSITIVE_KEYS, RedactingFilter } from "@pylog/logging/redaction";
 * new RedactingFilter({ keys: [...DEFAULT_SENSITIVE_KEYS, "ssn"] });
 * ```
 */
export const DEFAULT_SENSITIVE_KEYS: readonly string[] = Object.freeze([
  "password",
  "passwd",
  "pwd",
  "passphrase",
  "secret",
  "token",
  "api_key",
  "access_key",
  "private_key",
  "authorization",
  "cookie",
  "session_id",
  "credential",
  "credit_card",
  "card_number",
  "cvv",
  "jwt",
]);

/** A text pattern: its name and a global regular expression. */
export interface RedactionPattern {
  /** The name (passed to a censor function). */
  readonly name: string;
  /**
   * A global regular expression. When it has a named group `secret`, only that group is replaced
   * and the groups `pre` and `post` around it are kept.
   */
  readonly regex: RegExp;
  /**
   * The parts of a match to censor, as `[start, end)` offsets (card numbers: the runs of 13 to 19
   * digits that pass the Luhn check); without it the whole match (or its `secret` group).
   */
  readonly find?: (match: string) => [number, number][];
}

/**
 * The card numbers inside a run of digit groups (`1234 4111 1111 1111 1111`): from the longest,
 * the spans that start and end on a group boundary, hold 13 to 19 digits and pass the Luhn check.
 */
function cardSpans(run: string): [number, number][] {
  const groups: [number, number][] = [];
  for (const m of run.matchAll(/\d+/g)) groups.push([m.index!, m.index! + m[0].length]);
  const out: [number, number][] = [];
  let i = 0;
  while (i < groups.length) {
    let found = -1;
    for (let j = groups.length - 1; j >= i && found < 0; j--) {
      const span = run.slice(groups[i][0], groups[j][1]);
      const digits = span.replace(/\D/g, "").length;
      if (digits >= 13 && digits <= 19 && luhnValid(span)) found = j;
    }
    if (found >= 0) {
      out.push([groups[i][0], groups[found][1]]);
      i = found + 1;
    } else i++;
  }
  return out;
}

/** The Luhn checksum of the digits in `text`. */
function luhnValid(text: string): boolean {
  let sum = 0;
  let double = false;
  let digits = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    digits++;
    let d = c;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits >= 13 && digits <= 19 && sum % 10 === 0;
}

/**
 * The built-in patterns by name: `email`, `credit_card` (13 to 19 digits, spaces or dashes
 * between, passing the Luhn check), `jwt`, `bearer` (the token after `Bearer `),
 * `url_credentials` (the password of `scheme://user:password@host`), `secret_param`
 * (`password=…`, `api_key=…`, `token=…` in query strings and text), `aws_access_key`,
 * `github_token`, `google_api_key`, `slack_token`.
 *
 * @example
 * ```ts
 * import { BUILTIN_PATTERNS } from "@pylog/logging/redaction";
 * Object.keys(BUILTIN_PATTERNS).includes("jwt"); // true
 * ```
 */
export const BUILTIN_PATTERNS: Readonly<Record<string, RedactionPattern>> = Object.freeze({
  email: {
    name: "email",
    regex: /[\w.%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}\b/g,
  },
  credit_card: {
    name: "credit_card",
    regex: /(?<![\w-])\d(?:[ -]?\d){12,400}(?![\w-])/g,
    find: cardSpans,
  },
  jwt: {
    name: "jwt",
    regex: /\beyJ[\w-]{2,4096}\.eyJ[\w-]{2,65536}\.[\w-]{0,4096}/g,
  },
  bearer: {
    name: "bearer",
    regex: /(?<pre>\b[Bb]earer[ \t]{1,16})(?<secret>[\w.~+/-]{8,4096}=*)/g,
  },
  url_credentials: {
    name: "url_credentials",
    regex:
      /(?<pre>\b[A-Za-z][\w+.-]{0,30}:\/\/[^\s:/@]{0,256}:)(?<secret>[^\s/@]{1,256})(?<post>@)/g,
  },
  secret_param: {
    name: "secret_param",
    regex:
      /(?<pre>(?<![\w-])[\w-]{0,40}(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)=)(?<secret>[^&\s"',;]{1,4096})/gi,
  },
  aws_access_key: {
    name: "aws_access_key",
    regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g,
  },
  github_token: {
    name: "github_token",
    regex: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  },
  google_api_key: {
    name: "google_api_key",
    regex: /\bAIza[\w-]{35}(?![\w-])/g,
  },
  slack_token: {
    name: "slack_token",
    regex: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/g,
  },
});
