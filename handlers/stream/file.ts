/**
 * `FileHandler`: writes formatted records to a file, as Python's `logging.FileHandler`, through the
 * synchronous batched writer of `sink.ts` (nothing buffered is lost at exit).
 *
 * The file system is reached lazily (`process.getBuiltinModule("node:fs")`); on a runtime without
 * one, creating a `FileHandler` throws a clear error.
 *
 * @module
 */

import { osErrorFrom, ValueError } from "../../py/errors.ts";
import { getLevelName } from "../../levels.ts";
import type { LogRecord } from "../../record.ts";
import { createEncoder } from "../../py/codecs.ts";
import { FdWritableStream } from "../sink.ts";
import { type NodeFs, nodeFs } from "../../runtime.ts";
import { StreamHandler } from "./stream.ts";

/** Python's parameters of `FileHandler`, for the options-object form of the constructor. */
export interface FileHandlerOptions {
  /** The file's path, relative to the current directory or absolute. */
  filename?: string;
  /** `"a"` (append, default), `"w"` (truncate) or `"x"` (create, fail if it exists). */
  mode?: string;
  /** Python's codec name (`utf-8` by default, `latin-1`, `ascii`, `utf-16`...). */
  encoding?: string | null;
  /** Open the file on the first record instead of now. */
  delay?: boolean;
  /** Python's error handler: `strict` (default), `replace`, `backslashreplace`, `ignore`... */
  errors?: string | null;
}

const FLAGS: Record<string, string> = {
  "a": "a",
  "w": "w",
  "x": "wx",
  "a+": "a+",
  "w+": "w+",
  "x+": "wx+",
  "r+": "r+",
};

/**
 * Writes records to a file.
 *
 * @example
 * ```ts
 * import { FileHandler, Formatter, getLogger } from "@pylog/logging";
 * const h = new FileHandler("app.log");
 * h.setFormatter(new Formatter("%(asctime)s %(levelname)s %(message)s"));
 * getLogger("app").addHandler(h);
 * ```
 */
export class FileHandler extends StreamHandler {
  /** The absolute path of the file (Python keeps it absolute too). */
  baseFilename: string;
  /** The open mode. */
  mode: string;
  /** The codec name (default `utf-8`). */
  encoding: string;
  /** The codec error handler, or `null` for `strict`. */
  errors: string | null;
  /** Whether opening waits for the first record. */
  delay: boolean;

  /**
   * Opens `filename` (unless `delay`), as Python's
   * `FileHandler(filename, mode='a', encoding=None, delay=False, errors=None)`; the parameters may
   * also be given as one options object.
   */
  constructor(
    filename: string | FileHandlerOptions,
    mode: string = "a",
    encoding: string | null = null,
    delay = false,
    errors: string | null = null,
  ) {
    super(null);
    if (typeof filename === "object" && filename !== null) {
      const o = filename;
      filename = o.filename as string;
      mode = o.mode ?? "a";
      encoding = o.encoding ?? null;
      delay = o.delay ?? false;
      errors = o.errors ?? null;
    }
    if (typeof filename !== "string") {
      throw new TypeError(
        `expected str, bytes or os.PathLike object, not ${
          filename === null ? "NoneType" : typeof filename
        }`,
      );
    }
    this.baseFilename = absPath(filename);
    this.mode = mode;
    this.encoding = encoding ?? "utf-8";
    this.errors = errors;
    this.delay = delay;
    if (!(mode in FLAGS)) throw new ValueError(`invalid mode: '${mode}'`);
    // Validate the codec now, as Python's open() does.
    createEncoder(this.encoding, this.errors);
    // Python sets `self.stream = None` when delayed (StreamHandler's default would be stderr).
    this.stream = delay ? null : this._open();
  }

  /**
   * Opens the file with the handler's mode and encoding and returns its stream (Python's
   * `_open`).
   *
   * @example
   * ```ts
   * import { FileHandler } from "@pylog/logging";
   * const h = new FileHandler("app.log", "a", null, true);
   * h.stream = h._open();
   * ```
   */
  _open(): FdWritableStream {
    const fs = requireFs("FileHandler");
    let fd: number;
    try {
      fd = fs.openSync(this.baseFilename, FLAGS[this.mode], 0o666);
    } catch (error) {
      throw osErrorFrom(error, this.baseFilename);
    }
    const codec = createEncoder(this.encoding, this.errors);
    // A BOM is written only at the start of the file, as Python's text files do.
    codec.reset(fs.fstatSync(fd).size);
    return new FdWritableStream(fd, this.baseFilename, { fs, codec });
  }

  /**
   * Opens the file first if `delay` postponed it (unless the handler was closed in mode `w`, which
   * Python does not reopen), then writes the record.
   *
   * @example
   * ```ts
   * import { FileHandler, makeLogRecord } from "@pylog/logging";
   * new FileHandler("app.log").emit(makeLogRecord({ msg: "hello" }));
   * ```
   */
  override emit(record: LogRecord): void {
    if (this.stream === null) {
      if (this.mode !== "w" || !this._closed) {
        try {
          this.stream = this._open();
        } catch (error) {
          this.handleError(record, error);
          return;
        }
      }
    }
    if (this.stream !== null) super.emit(record);
  }

  /**
   * Flushes and closes the file. A later record reopens it (mode `a`), as in Python.
   *
   * @example
   * ```ts
   * import { FileHandler } from "@pylog/logging";
   * new FileHandler("app.log").close();
   * ```
   */
  override close(): void {
    try {
      const stream = this.stream;
      if (stream !== null) {
        try {
          this.flush();
        } finally {
          this.stream = null;
          if (stream instanceof FdWritableStream) stream.closeFd();
        }
      }
    } finally {
      super.close();
    }
  }

  /** Python's `repr`: `<FileHandler /abs/app.log (NOTSET)>`. */
  override toString(): string {
    return `<${this.constructor.name} ${this.baseFilename} (${getLevelName(this.level)})>`;
  }
}

/** Returns `node:fs` or throws a clear error naming what needed it. */
export function requireFs(what: string): NodeFs {
  const fs = nodeFs();
  if (fs === null) {
    throw new Error(
      `${what} needs a file system, and this runtime has none (an edge runtime?): ` +
        "log to the console with StreamHandler() instead",
    );
  }
  return fs;
}

/** Python's `os.path.abspath`: joins with the current directory and normalises `.` and `..`. */
export function absPath(path: string): string {
  let full = path;
  if (!path.startsWith("/")) {
    const p = (globalThis as { process?: { cwd?: () => string } }).process;
    const cwd = p?.cwd?.() ?? "/";
    full = cwd + "/" + path;
  }
  const out: string[] = [];
  for (const part of full.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}
