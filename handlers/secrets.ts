/**
 * Secrets held by handlers (HTTP Basic credentials, an SMTP password, OTLP headers): readable and
 * writable under Python's attribute names (`handler.credentials`, `handler.password`), but never
 * an own enumerable property, so `JSON.stringify`, `Object.keys` and a spread skip them, and shown
 * masked by `console.log`, `util.inspect`, `Deno.inspect` and `Bun.inspect`.
 *
 * Every handler that holds a secret follows this pattern: declare the field with `declare` (so no
 * own property is created) and call {@linkcode defineSecrets} once after the class.
 *
 * ```ts
 * class OTLPHandler extends Handler {
 *   declare headers: Record<string, string> | null;
 * }
 * defineSecrets(OTLPHandler, { headers: maskAll });
 * ```
 *
 * @module
 */

/** What a masked secret shows. */
export const SECRET_MASK = "********";

/** Each holder's secrets, by attribute name (kept off the objects themselves). */
const store = new WeakMap<object, Map<string, unknown>>();

/** How a secret is shown: a function of its value (`null` and `undefined` show as they are). */
export type SecretMask = (value: unknown) => unknown;

/**
 * Shows every secret value as {@linkcode SECRET_MASK}.
 *
 * @example
 * ```ts
 * import { maskAll } from "./secrets.ts";
 * maskAll("hunter2"); // "********"
 * ```
 */
export function maskAll(value: unknown): unknown {
  return value === null || value === undefined ? value : SECRET_MASK;
}

/**
 * Shows `[user, password]` as `[user, "********"]` (HTTP and SMTP credentials).
 *
 * @example
 * ```ts
 * import { maskPassword } from "./secrets.ts";
 * maskPassword(["app", "hunter2"]); // ["app", "********"]
 * ```
 */
export function maskPassword(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 2) return [value[0], SECRET_MASK];
  return maskAll(value);
}

const NODE_INSPECT = Symbol.for("nodejs.util.inspect.custom");
const DENO_INSPECT = Symbol.for("Deno.customInspect");
const views = new WeakMap<object, new () => object>();

/** An object shaped like `holder` for display: its own properties, its secrets masked. */
function displayView(holder: object, masks: Map<string, SecretMask>): object {
  const ctor = (holder as { constructor?: { name?: string } }).constructor;
  const key = typeof ctor === "function" ? ctor : Object;
  let View = views.get(key);
  if (View === undefined) {
    const name = typeof ctor?.name === "string" && ctor.name ? ctor.name : "Object";
    // A class of the same name, so that the display starts with `HTTPHandler {`.
    View = { [name]: class {} }[name] as new () => object;
    views.set(key, View);
  }
  const view = new View() as Record<string, unknown>;
  for (const k of Object.keys(holder)) {
    Object.defineProperty(view, k, {
      value: (holder as Record<string, unknown>)[k],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const secrets = store.get(holder);
  for (const [name, mask] of masks) {
    const value = secrets?.get(name) ?? null;
    Object.defineProperty(view, name, {
      value: mask(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return view;
}

/**
 * Makes the attributes `masks` names secrets of `cls`'s instances: each is an accessor on the
 * prototype (not enumerable, not an own property) over storage kept off the instance, and
 * `console.log`/`util.inspect`/`Deno.inspect`/`Bun.inspect` show the instance with each secret
 * passed through its mask. Call it once, after the class; declare the fields with `declare`.
 *
 * @example
 * ```ts
 * import { defineSecrets, maskAll } from "./secrets.ts";
 * class Client {
 *   declare token: string | null;
 *   constructor(token: string) {
 *     this.token = token;
 *   }
 * }
 * defineSecrets(Client, { token: maskAll });
 * JSON.stringify(new Client("t0k3n")); // "{}"
 * ```
 */
export function defineSecrets(
  cls: { prototype: object },
  masks: Record<string, SecretMask>,
): void {
  const proto = cls.prototype;
  const all = new Map<string, SecretMask>(
    (proto as { [NODE_INSPECT]?: { masks?: Map<string, SecretMask> } })[NODE_INSPECT]?.masks ?? [],
  );
  for (const [name, mask] of Object.entries(masks)) {
    all.set(name, mask);
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: false,
      get(this: object): unknown {
        return store.get(this)?.get(name) ?? null;
      },
      set(this: object, value: unknown): void {
        let secrets = store.get(this);
        if (secrets === undefined) store.set(this, secrets = new Map());
        secrets.set(name, value);
      },
    });
  }
  const nodeInspect = function (
    this: object,
    _depth: number,
    options: unknown,
    inspect?: (v: unknown, o: unknown) => string,
  ): unknown {
    const view = displayView(this, all);
    return typeof inspect === "function" ? inspect(view, options) : view;
  };
  nodeInspect.masks = all;
  const denoInspect = function (
    this: object,
    inspect: (v: unknown, o: unknown) => string,
    options: unknown,
  ): string {
    return inspect(displayView(this, all), options);
  };
  for (const [sym, fn] of [[NODE_INSPECT, nodeInspect], [DENO_INSPECT, denoInspect]] as const) {
    Object.defineProperty(proto, sym, {
      value: fn,
      configurable: true,
      enumerable: false,
      writable: true,
    });
  }
}
