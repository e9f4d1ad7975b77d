/**
 * Injection-safe text: the escaping behind the `sanitize` option of `Formatter` (and
 * `basicConfig`, `dictConfig`, `fileConfig`). Every character that can end a line, rewrite a
 * terminal or reorder what a reader sees becomes the escape Python's `repr` would write for it, so
 * one log call makes exactly one line whatever its arguments hold.
 *
 * @module
 */

import { escapeCodePoint } from "../py/repr.ts";

/**
 * What `sanitize` escapes: C0 controls but tab (LF, CR, ESC, NUL...), DEL, C1 controls (NEL
 * U+0085, CSI U+009B), the line and paragraph separators U+2028/U+2029, and the bidirectional
 * marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069).
 */
const UNSAFE =
  // deno-lint-ignore no-control-regex
  /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");

function escapeOne(ch: string): string {
  if (ch === "\n") return "\\n";
  if (ch === "\r") return "\\r";
  return escapeCodePoint(ch.charCodeAt(0));
}

/**
 * Returns `text` with every line break, control character (tab excepted), U+2028/U+2029 and
 * bidirectional control escaped as Python's `repr` writes it (`\n`, `\r`, `\x1b`, `\x85`,
 * `\u2028`, `\u202e`); text without any comes back as the same string. Backslashes are kept as
 * they are (see `docs/SECURITY.md`).
 *
 * @example
 * ```ts
 * import { escapeControls } from "@pylog/logging/formatters";
 * escapeControls("alice\nINFO admin logged in"); // "alice\\nINFO admin logged in"
 * escapeControls("\x1b[2J"); // "\\x1b[2J"
 * ```
 */
export function escapeControls(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, escapeOne);
}
