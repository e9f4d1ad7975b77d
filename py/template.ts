/**
 * Python's `string.Template` (`$name`, `${name}`, `$$`) with `substitute` semantics, compiled once.
 *
 * @module
 */

import { fieldId, hasField, readField } from "../record_fields.ts";
import { KeyError, ValueError } from "./errors.ts";
import { pyStr } from "./repr.ts";

/**
 * Python's `Template.pattern` (delimiter `$`, idpattern `(?a:[_a-z][_a-z0-9]*)` with IGNORECASE):
 * groups 1 escaped, 2 named, 3 braced, 4 invalid.
 *
 * @example
 * ```ts
 * import { TEMPLATE_PATTERN } from "./template.ts";
 * [..."$a ${b} $$".matchAll(TEMPLATE_PATTERN)].length; // 3
 * ```
 */
export const TEMPLATE_PATTERN: RegExp =
  /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|())/g;

/**
 * A compiled template: call it with the object whose properties are the fields; `defaults`
 * supplies fields the object lacks.
 *
 * @example
 * ```ts
 * import { compileTemplate, type TemplateFunction } from "./template.ts";
 * const t: TemplateFunction = compileTemplate("$a/${b}");
 * t({ a: 1 }, { b: 2 }); // "1/2"
 * ```
 */
export type TemplateFunction = (
  fields: object,
  defaults?: Readonly<Record<string, unknown>> | null,
) => string;

interface Compiled {
  /** Literal texts; lits[i] precedes names[i]; the last is the tail. */
  lits: string[];
  names: string[];
  /** ValueError message raised after all names (an invalid placeholder), or null. */
  error: string | null;
}

// deno-lint-ignore no-control-regex
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** Python's `Template._invalid` message for an invalid `$` whose group starts at UTF-16 index i. */
function invalidMessage(template: string, i: number): string {
  const before = Array.from(template.slice(0, i));
  const text = before.join("");
  const cpIndex = before.length;
  if (cpIndex === 0) return "Invalid placeholder in string: line 1, col 1";
  // splitlines(keepends=True) of text: the start of the last line
  let lineno = 1;
  let lastStart = 0;
  let m: RegExpExecArray | null;
  LINE_BREAK.lastIndex = 0;
  while ((m = LINE_BREAK.exec(text)) !== null) {
    const end = m.index + m[0].length;
    if (end >= text.length) break;
    lineno++;
    lastStart = end;
  }
  const colno = cpIndex - Array.from(text.slice(0, lastStart)).length;
  return `Invalid placeholder in string: line ${lineno}, col ${colno}`;
}

function compile(template: string): Compiled {
  const lits: string[] = [];
  const names: string[] = [];
  let error: string | null = null;
  let lit = "";
  let last = 0;
  TEMPLATE_PATTERN.lastIndex = 0;
  for (const m of template.matchAll(TEMPLATE_PATTERN)) {
    lit += template.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] !== undefined) lit += "$";
    else if (m[2] !== undefined || m[3] !== undefined) {
      lits.push(lit);
      names.push((m[2] ?? m[3]) as string);
      lit = "";
    } else {
      error = invalidMessage(template, m.index + 1);
      break;
    }
  }
  lits.push(error === null ? lit + template.slice(last) : "");
  return { lits, names, error };
}

const CACHE = new Map<string, Compiled>();

function getCompiled(template: string): Compiled {
  let c = CACHE.get(template);
  if (c === undefined) {
    c = compile(template);
    if (CACHE.size >= 256) CACHE.delete(CACHE.keys().next().value as string);
    CACHE.set(template, c);
  }
  return c;
}

/**
 * Compiles `template` once for Python's `Template(template).substitute(**fields)`. A field is read
 * as `fields[name]` (present when `name in fields`), falling back to `defaults`; values render with
 * Python's `str()`. A missing field throws {@link KeyError}; a bad `$` throws {@link ValueError}
 * (`Invalid placeholder in string: line 1, col 5`) once the placeholders before it are resolved.
 *
 * @example
 * ```ts
 * import { compileTemplate } from "./template.ts";
 * compileTemplate("${levelname}: $message costs $$5")({ levelname: "INFO", message: "hi" });
 * // "INFO: hi costs $5"
 * ```
 */
export function compileTemplate(template: string): TemplateFunction {
  const c = getCompiled(template);
  const { lits, names, error } = c;
  const ids = names.map(fieldId);
  return (fields, defaults) => {
    let out = lits[0];
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      let v = readField(fields, ids[i], name);
      if (v === undefined && !hasField(fields, name)) {
        if (
          defaults !== null && defaults !== undefined &&
          Object.prototype.hasOwnProperty.call(defaults, name)
        ) v = defaults[name];
        else throw new KeyError(name);
      }
      out += (typeof v === "string" ? v : pyStr(v)) + lits[i + 1];
    }
    if (error !== null) throw new ValueError(error);
    return out;
  };
}

/**
 * Python's `Template.get_identifiers()`: the placeholder names in order of first appearance
 * (invalid placeholders are skipped).
 *
 * @example
 * ```ts
 * import { templateIdentifiers } from "./template.ts";
 * templateIdentifiers("$a ${b} $a $$"); // ["a", "b"]
 * ```
 */
export function templateIdentifiers(template: string): string[] {
  const ids: string[] = [];
  for (const m of template.matchAll(TEMPLATE_PATTERN)) {
    const name = m[2] ?? m[3];
    if (name !== undefined && !ids.includes(name)) ids.push(name);
  }
  return ids;
}

/**
 * Python's `Template.is_valid()`: false when the template has an invalid placeholder.
 *
 * @example
 * ```ts
 * import { templateIsValid } from "./template.ts";
 * templateIsValid("$ok"); // true
 * templateIsValid("cost: $5"); // false
 * ```
 */
export function templateIsValid(template: string): boolean {
  return getCompiled(template).error === null;
}
