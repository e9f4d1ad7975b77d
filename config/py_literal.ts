/**
 * A parser for the Python expressions `fileConfig` evaluates (`class=`, `args=`, `kwargs=`):
 * literals (strings, numbers, `None`, `True`, `False`), tuples, lists, dicts, `tuple()`/`list()`/
 * `dict()`, and dotted names looked up in a namespace (`sys.stdout`, `handlers.SYSLOG_UDP_PORT`,
 * `logging` constants). JavaScript is never evaluated.
 *
 * Tuples become arrays; dicts become plain objects.
 *
 * @module
 */

import { setOwn } from "../own_keys.ts";
import { NameError } from "../py/errors.ts";
import { AttributeError } from "../py/errors.ts";
import { attributeErrorText, getAttr, MISSING, type PyModule } from "./resolve.ts";

/** A token of the expression. */
interface Token {
  kind: "num" | "str" | "name" | "op" | "end";
  value: string | number;
  pos: number;
}

function syntaxError(msg = "invalid syntax"): SyntaxError {
  return new SyntaxError(`${msg} (<string>, line 1)`);
}

const ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  "a": "\x07",
  "b": "\b",
  "f": "\f",
  "n": "\n",
  "r": "\r",
  "t": "\t",
  "v": "\v",
  "\n": "",
};

function unescape(body: string, raw: boolean): string {
  if (raw) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next in ESCAPES) {
      out += ESCAPES[next];
      i++;
    } else if (/[0-7]/.test(next)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1)) as RegExpExecArray;
      out += String.fromCodePoint(parseInt(m[0], 8));
      i += m[0].length;
    } else if (next === "x" || next === "u" || next === "U") {
      const n = next === "x" ? 2 : next === "u" ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw syntaxError("(unicode error)");
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 1 + n;
    } else {
      out += "\\" + next;
      i++;
    }
  }
  return out;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "#") break;
    const strStart = /^([rRbBuU]{0,2})('''|"""|'|")/.exec(src.slice(i));
    if (strStart && (strStart[1] === "" || /^(r|b|u|rb|br)$/i.test(strStart[1]))) {
      const raw = /r/i.test(strStart[1]);
      const quote = strStart[2];
      let j = i + strStart[0].length;
      let body = "";
      for (;;) {
        if (j >= src.length) {
          throw syntaxError(
            quote.length === 3
              ? "unterminated triple-quoted string literal (detected at line 1)"
              : "unterminated string literal (detected at line 1)",
          );
        }
        if (src[j] === "\\") {
          body += src.slice(j, j + 2);
          j += 2;
          continue;
        }
        if (src.startsWith(quote, j)) break;
        if (quote.length === 1 && src[j] === "\n") {
          throw syntaxError("unterminated string literal (detected at line 1)");
        }
        body += src[j++];
      }
      tokens.push({ kind: "str", value: unescape(body, raw), pos: i });
      i = j + quote.length;
      continue;
    }
    const num =
      /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?)/
        .exec(src.slice(i));
    if (num && num[0] !== ".") {
      const text = num[0].replace(/_/g, "");
      let value: number;
      if (/^0[xX]/.test(text)) value = parseInt(text.slice(2), 16);
      else if (/^0[oO]/.test(text)) value = parseInt(text.slice(2), 8);
      else if (/^0[bB]/.test(text)) value = parseInt(text.slice(2), 2);
      else value = Number(text);
      tokens.push({ kind: "num", value, pos: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      tokens.push({ kind: "name", value: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    if ("()[]{},:.-+".includes(ch)) {
      tokens.push({ kind: "op", value: ch, pos: i });
      i++;
      continue;
    }
    throw syntaxError();
  }
  tokens.push({ kind: "end", value: "", pos: src.length });
  return tokens;
}

const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/**
 * Evaluates a Python expression of the supported subset, looking names up in `namespace` (Python's
 * `eval(text, vars(logging))`). Raises Python's `SyntaxError`, `NameError` and `AttributeError`.
 *
 * @example
 * ```ts
 * import { pyEval } from "@pylog/logging/config";
 * pyEval("('app.log', 'a', 1024, 3)"); // ["app.log", "a", 1024, 3]
 * ```
 */
export function pyEval(text: string, namespace?: PyModule | null): unknown {
  const tokens = tokenize(text);
  let p = 0;
  const peek = (): Token => tokens[p];
  const isOp = (v: string): boolean => peek().kind === "op" && peek().value === v;

  function lookup(name: string): unknown {
    switch (name) {
      case "None":
        return null;
      case "True":
        return true;
      case "False":
        return false;
    }
    const v = namespace ? getAttr(namespace, name) : MISSING;
    if (v !== MISSING) return v;
    if (name === "tuple" || name === "list") return BUILTIN_SEQ;
    if (name === "dict") return BUILTIN_DICT;
    throw new NameError(`name ${quote(name)} is not defined`);
  }

  function sequence(open: string): unknown[] {
    const close = CLOSERS[open];
    const items: unknown[] = [];
    let sawComma = false;
    while (!isOp(close)) {
      if (peek().kind === "end") throw syntaxError(`${quote(open)} was never closed`);
      items.push(expr());
      if (isOp(",")) {
        p++;
        sawComma = true;
      } else if (!isOp(close)) {
        if (peek().kind === "end") throw syntaxError(`${quote(open)} was never closed`);
        throw syntaxError();
      }
    }
    p++;
    (items as unknown[] & { comma?: boolean }).comma = sawComma;
    return items;
  }

  function atom(): unknown {
    const t = peek();
    if (t.kind === "num") {
      p++;
      return t.value;
    }
    if (t.kind === "str") {
      let s = "";
      while (peek().kind === "str") s += tokens[p++].value as string;
      return s;
    }
    if (t.kind === "name") {
      p++;
      return lookup(t.value as string);
    }
    if (t.kind === "op") {
      if (t.value === "-" || t.value === "+") {
        p++;
        const v = primary();
        if (typeof v !== "number") throw new TypeError("bad operand type for unary " + t.value);
        return t.value === "-" ? -v : v;
      }
      if (t.value === "(") {
        p++;
        const items = sequence("(") as unknown[] & { comma?: boolean };
        if (items.length === 1 && !items.comma) return items[0];
        return [...items];
      }
      if (t.value === "[") {
        p++;
        return [...sequence("[")];
      }
      if (t.value === "{") {
        p++;
        const out: Record<string, unknown> = {};
        while (!isOp("}")) {
          if (peek().kind === "end") throw syntaxError("'{' was never closed");
          const k = expr();
          if (!isOp(":")) throw syntaxError();
          p++;
          setOwn(out, String(k), expr());
          if (isOp(",")) p++;
          else if (!isOp("}")) {
            if (peek().kind === "end") throw syntaxError("'{' was never closed");
            throw syntaxError();
          }
        }
        p++;
        return out;
      }
    }
    throw syntaxError();
  }

  function primary(): unknown {
    let v = atom();
    for (;;) {
      if (isOp(".")) {
        p++;
        const t = peek();
        if (t.kind !== "name") throw syntaxError();
        p++;
        const next = getAttr(v, t.value as string);
        if (next === MISSING) throw new AttributeError(attributeErrorText(v, t.value as string));
        v = next;
      } else if (isOp("(")) {
        p++;
        const args = sequence("(");
        if (v === BUILTIN_SEQ) {
          if (args.length > 1) {
            throw new TypeError(`expected at most 1 argument, got ${args.length}`);
          }
          v = args.length === 0 ? [] : [...toIterable(args[0])];
        } else if (v === BUILTIN_DICT) {
          if (args.length > 0) throw new TypeError("dict() with arguments is not supported here");
          v = {};
        } else {
          throw new TypeError("fileConfig expressions may call only tuple(), list() and dict()");
        }
      } else return v;
    }
  }

  function expr(): unknown {
    return primary();
  }

  // A top-level comma makes a tuple, as in Python (`args='a', 'w'`).
  const first = expr();
  let result = first;
  if (isOp(",")) {
    const items = [first];
    while (isOp(",")) {
      p++;
      if (peek().kind === "end") break;
      items.push(expr());
    }
    result = items;
  }
  if (peek().kind !== "end") throw syntaxError();
  return result;
}

const BUILTIN_SEQ = Symbol("tuple");
const BUILTIN_DICT = Symbol("dict");

function toIterable(v: unknown): Iterable<unknown> {
  if (typeof v === "string" || Array.isArray(v)) return v;
  if (v !== null && typeof v === "object") return Object.keys(v);
  throw new TypeError(`object is not iterable`);
}

function quote(s: string): string {
  return `'${s}'`;
}
