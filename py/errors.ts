/**
 * Python's built-in exception classes that `logging` raises, so that a translated program can catch the
 * same errors it caught in Python. Python's `TypeError` maps to JavaScript's own `TypeError`.
 *
 * Each message is exactly Python's `str(exc)`.
 *
 * @module
 */

import { pyRepr } from "./repr.ts";

/**
 * Python's `ValueError`: an argument has the right type but an inappropriate value.
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { ValueError } = errors;
 * try {
 *   throw new ValueError("Unknown level: 'LOUD'");
 * } catch (e) {
 *   if (e instanceof ValueError) console.log(e.message);
 * }
 * ```
 */
export class ValueError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ValueError";
  }
}

/**
 * Python's `KeyError`: a mapping key (for logging, a record field) is missing. As in Python,
 * `String(err)` shows the key's `repr`, while `err.key` holds the key itself.
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { KeyError } = errors;
 * const e = new KeyError("user");
 * console.log(e.message); // 'user'
 * ```
 */
export class KeyError extends Error {
  /** The missing key. */
  readonly key: unknown;
  /** Creates the error for a missing `key`; the message is the key's Python `repr`. */
  constructor(key: unknown, options?: ErrorOptions) {
    super(typeof key === "string" ? pyRepr(key) : String(key), options);
    this.name = "KeyError";
    this.key = key;
  }
}

/**
 * Python's `IndexError`: a sequence index is out of range.
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { IndexError } = errors;
 * const e = new IndexError("tuple index out of range");
 * console.log(e.name); // IndexError
 * ```
 */
export class IndexError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "IndexError";
  }
}

/**
 * Python's `UnicodeEncodeError`: text cannot be encoded with the chosen codec under the `strict`
 * error handler.
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { UnicodeEncodeError } = errors;
 * const e = new UnicodeEncodeError(
 *   "'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)",
 * );
 * console.log(e.name); // UnicodeEncodeError
 * ```
 */
export class UnicodeEncodeError extends ValueError {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UnicodeEncodeError";
  }
}

/**
 * Python's `OSError` family for file handlers: carries the `errno` name (`ENOENT`, `EACCES`...) and
 * the path, and its message reads as Python's does: `[Errno 2] No such file or directory: 'x.log'`.
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { OSError } = errors;
 * const e = new OSError(2, "No such file or directory", "/no/dir/app.log", "ENOENT");
 * console.log(e.message); // [Errno 2] No such file or directory: '/no/dir/app.log'
 * ```
 */
export class OSError extends Error {
  /** The numeric errno, as Python's `exc.errno`. */
  readonly errno: number;
  /** The errno's symbolic name (`ENOENT`), as Node's `err.code`. */
  readonly code: string;
  /** The file the operation was about, as Python's `exc.filename`. */
  readonly filename: string | null;
  /** The error's text without the errno prefix, as Python's `exc.strerror`. */
  readonly strerror: string;
  /** Creates the error; the message is built as Python's `str(OSError(...))`. */
  constructor(
    errno: number,
    strerror: string,
    filename: string | null = null,
    code = "",
    options?: ErrorOptions,
  ) {
    super(
      filename === null
        ? `[Errno ${errno}] ${strerror}`
        : `[Errno ${errno}] ${strerror}: ${pyRepr(filename)}`,
      options,
    );
    this.name = "OSError";
    this.errno = errno;
    this.code = code;
    this.filename = filename;
    this.strerror = strerror;
  }
}

/**
 * Python's `LookupError`: a codec or codec error handler name is unknown (`unknown encoding: xyz`,
 * `unknown error handler name 'xyz'`). In Python it is the base class of `KeyError` and
 * `IndexError`; here it is a sibling class (they predate it), so catch it by its own name.
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { LookupError } = errors;
 * const e = new LookupError("unknown encoding: xyz");
 * console.log(e.name); // LookupError
 * ```
 */
export class LookupError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "LookupError";
  }
}

/**
 * Python's `NotImplementedError`: an abstract method (such as `Handler.emit`) was not overridden.
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { NotImplementedError } = errors;
 * const e = new NotImplementedError("emit must be implemented by Handler subclasses");
 * console.log(e.name); // NotImplementedError
 * ```
 */
export class NotImplementedError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "NotImplementedError";
  }
}

/**
 * Python's `OverflowError`: a numeric value is out of the representable range (for example
 * `'%c' % 0x110000` or `'%d' % Infinity`).
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { OverflowError } = errors;
 * const e = new OverflowError("cannot convert float infinity to integer");
 * console.log(e.name); // OverflowError
 * ```
 */
export class OverflowError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "OverflowError";
  }
}

/**
 * Python's `AttributeError`: an attribute lookup failed (for example `{a.missing}` in a
 * `str.format` field).
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { AttributeError } = errors;
 * const e = new AttributeError("'dict' object has no attribute 'x'");
 * console.log(e.name); // AttributeError
 * ```
 */
export class AttributeError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AttributeError";
  }
}

const ERRNO: Record<string, [number, string, string]> = {
  ENOENT: [2, "No such file or directory", "FileNotFoundError"],
  EACCES: [13, "Permission denied", "PermissionError"],
  EPERM: [1, "Operation not permitted", "PermissionError"],
  EEXIST: [17, "File exists", "FileExistsError"],
  EISDIR: [21, "Is a directory", "IsADirectoryError"],
  ENOTDIR: [20, "Not a directory", "NotADirectoryError"],
  ENOSPC: [28, "No space left on device", "OSError"],
  EBADF: [9, "Bad file descriptor", "OSError"],
  EROFS: [30, "Read-only file system", "OSError"],
  EPIPE: [32, "Broken pipe", "BrokenPipeError"],
  EMSGSIZE: [90, "Message too long", "OSError"],
  EPROTOTYPE: [91, "Protocol wrong type for socket", "OSError"],
  ENETUNREACH: [101, "Network is unreachable", "OSError"],
  ECONNABORTED: [103, "Software caused connection abort", "ConnectionAbortedError"],
  ECONNRESET: [104, "Connection reset by peer", "ConnectionResetError"],
  ETIMEDOUT: [110, "Connection timed out", "TimeoutError"],
  ECONNREFUSED: [111, "Connection refused", "ConnectionRefusedError"],
  EHOSTUNREACH: [113, "No route to host", "OSError"],
  // getaddrinfo failures: Python's socket.gaierror (EAI_NONAME).
  ENOTFOUND: [-2, "Name or service not known", "gaierror"],
};

/**
 * Turns a Node/Deno/Bun file-system error into Python's `OSError` subclass (`FileNotFoundError`,
 * `PermissionError`...) with Python's message: `[Errno 2] No such file or directory: '/x/app.log'`.
 * An error that already is an `OSError` is returned as it is.
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { osErrorFrom } = errors;
 * const e = osErrorFrom(Object.assign(new Error("x"), { code: "ENOENT" }), "/no/app.log");
 * console.log(e.name, e.message); // FileNotFoundError [Errno 2] No such file or directory: '/no/app.log'
 * ```
 */
export function osErrorFrom(error: unknown, path: string | null): OSError {
  if (error instanceof OSError) return error;
  const code = String((error as { code?: unknown })?.code ?? "");
  const known = ERRNO[code];
  const errno = known?.[0] ?? Math.abs(Number((error as { errno?: unknown })?.errno) || 0);
  const text = known?.[1] ?? String((error as Error)?.message ?? error);
  const e = new OSError(errno, text, path, code, { cause: error });
  e.name = known?.[2] ?? "OSError";
  return e;
}

/**
 * Python's `ImportError`: a name could not be imported (for `logging.config`, a dotted name such as
 * `myapp.handlers.Custom` that is neither one of this library's names nor registered).
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { ImportError } = errors;
 * const e = new ImportError("cannot import name 'x'");
 * console.log(e.name); // ImportError
 * ```
 */
export class ImportError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ImportError";
  }
}

/**
 * Python's `ModuleNotFoundError` (a subclass of `ImportError`): `No module named 'myapp'`.
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { ModuleNotFoundError } = errors;
 * const e = new ModuleNotFoundError("No module named 'myapp'");
 * console.log(e.name); // ModuleNotFoundError
 * ```
 */
export class ModuleNotFoundError extends ImportError {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ModuleNotFoundError";
  }
}

/**
 * Python's `NameError`: a name used in an expression (such as `fileConfig`'s `args=`) is not
 * defined.
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { NameError } = errors;
 * const e = new NameError("name 'stdout' is not defined");
 * console.log(e.name); // NameError
 * ```
 */
export class NameError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "NameError";
  }
}

/**
 * Python's `RuntimeError` (for `logging.config`: `fileConfig` of an empty or unparsable file).
 *
 * @example
 * ```ts
 * import { errors } from "@pylog/logging";
 * const { RuntimeError } = errors;
 * const e = new RuntimeError("app.ini is an empty file");
 * console.log(e.name); // RuntimeError
 * ```
 */
export class RuntimeError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RuntimeError";
  }
}

/**
 * Python's `AssertionError`, what `assertLogs`, `assertNoLogs` and failed checks raise (unittest's
 * `failureException`); its message is unittest's, byte for byte.
 *
 * @example
 * ```ts
 * import { AssertionError } from "@pylog/logging";
 * const e = new AssertionError("no logs of level INFO or higher triggered on root");
 * console.log(e.name); // AssertionError
 * ```
 */
export class AssertionError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AssertionError";
  }
}
