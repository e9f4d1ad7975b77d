/**
 * Reaching the runtime's built-in modules (`node:fs`, `node:net`, `node:dgram`, `node:tls`...)
 * lazily, the one place the library does it: through `process.getBuiltinModule` (Deno, Bun,
 * Node 22.3+), never with a static `node:*` import, so that importing the library is safe on edge
 * runtimes and in browsers, where these modules do not exist. The environment and the executable
 * are read here too, the same lazy way. Nothing here runs at import time.
 * Python has no counterpart: CPython's `os`, `socket` and `io` are always there.
 *
 * @module
 */

/**
 * Returns the runtime's built-in module `name` (`"node:fs"`...), or `null` where the runtime has
 * none (edge runtimes, browsers) or refuses it.
 */
export function builtinModule<T>(name: string): T | null {
  const p = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } })
    .process;
  try {
    return (p?.getBuiltinModule?.(name) as T | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * Returns a Node built-in module (`node:net`, `node:dgram`, `node:os`...) through
 * `process.getBuiltinModule` (Deno, Bun, Node 22.3+), or throws Python's `OSError` where the
 * runtime has none (edge runtimes).
 */
export function nodeBuiltin<T>(name: string): T {
  const mod = builtinModule<T>(name);
  if (!mod) {
    const e = new Error(`${name} is not available in this runtime`);
    e.name = "OSError";
    throw e;
  }
  return mod as T;
}

/** The subset of `node:fs` the sinks and file handlers use. */
export interface NodeFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset?: number, length?: number): number;
  closeSync(fd: number): void;
  fstatSync(fd: number): { dev: number; ino: number; size: number };
  statSync(path: string, options?: { throwIfNoEntry?: boolean }):
    | { dev: number; ino: number; size: number; mtimeMs: number }
    | undefined;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  existsSync(path: string): boolean;
  readdirSync(path: string): string[];
}

let fsModule: NodeFs | null | undefined;

/**
 * Returns `node:fs`, reached lazily through `process.getBuiltinModule` (Deno, Bun, Node 22.3+), or
 * `null` where the runtime has no file system (edge runtimes).
 */
export function nodeFs(): NodeFs | null {
  if (fsModule === undefined) {
    fsModule = builtinModule<NodeFs>("node:fs");
  }
  return fsModule;
}

/**
 * Python's `os.environ.get(name)`, read when asked (never at import): `undefined` where the variable
 * is unset or cannot be read (workerd, browsers). Under Deno it reads only when the `env`
 * permission is already granted, so it never prompts and never throws.
 */
export function readEnv(name: string): string | undefined {
  const g = globalThis as {
    Deno?: {
      permissions?: { querySync?(d: { name: "env"; variable: string }): { state: string } };
      env: { get(name: string): string | undefined };
    };
    process?: { env?: Record<string, string | undefined> };
  };
  try {
    const deno = g.Deno;
    if (deno !== undefined) {
      if (deno.permissions?.querySync?.({ name: "env", variable: name }).state !== "granted") {
        return undefined;
      }
      const v = deno.env.get(name);
      return typeof v === "string" ? v : undefined;
    }
    const v = g.process?.env?.[name];
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file name of the runtime's executable (`node`, `deno`, `bun`), or `undefined` where there is
 * none (workerd).
 */
export function executableName(): string | undefined {
  try {
    const p = (globalThis as { process?: { execPath?: string } }).process;
    const path = p?.execPath;
    if (typeof path !== "string" || path === "") return undefined;
    return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  } catch {
    return undefined;
  }
}
