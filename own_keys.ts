/**
 * Keys as Python has them: in Python `__proto__`, `constructor` and `prototype` are ordinary keys
 * and attribute names, while in JavaScript assigning `obj["__proto__"] = v` replaces `obj`'s
 * prototype instead of setting a key (Bun and Node; Deno has no `__proto__` accessor). Every copy
 * of caller-controlled keys (configurations, `extra`, records, parsed literals) goes through
 * {@linkcode setOwn}, so such a key stays an own property and no prototype is ever written.
 *
 * @module
 */

/**
 * `obj[key] = value`, except that the key `__proto__` becomes an own data property (what Python
 * makes of it) rather than the object's prototype. Other keys are assigned normally, so setters
 * still run (Python's `setattr`).
 *
 * @example
 * ```ts
 * import { setOwn } from "./own_keys.ts";
 * const o: Record<string, unknown> = {};
 * setOwn(o, "__proto__", { isAdmin: true });
 * Object.getPrototypeOf(o) === Object.prototype; // true
 * Object.keys(o); // ["__proto__"]
 * ```
 */
export function setOwn(obj: object, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else (obj as Record<string, unknown>)[key] = value;
}
