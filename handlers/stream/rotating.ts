/**
 * `BaseRotatingHandler` and `RotatingFileHandler`: Python's `logging.handlers` size-based rotation
 * (`app.log` → `app.log.1` → … → `app.log.N`), with the `namer` and `rotator` hooks.
 *
 * The file is written through the batched synchronous writer of `sink.ts`. Python asks the open
 * file for its position (`stream.tell()`) on every record; here the handler keeps the position
 * itself (the file's size when opened plus the encoded length of every record written since),
 * and confirms it against the file (flush, then `fstat`) only when a rollover looks due.
 *
 * @module
 */

import { NotImplementedError } from "../../py/errors.ts";
import type { LogRecord } from "../../record.ts";
import { createEncoder, lookupEncoding, type PyEncoder } from "../../py/codecs.ts";
import { osErrorFrom } from "../../py/errors.ts";
import { FileHandler, type FileHandlerOptions, requireFs } from "./file.ts";
import type { FdWritableStream } from "../sink.ts";
import type { NodeFs } from "../../runtime.ts";

/**
 * Python's `namer`: receives the default name of a rotated file and returns the name to use.
 *
 * @example
 * ```ts
 * import type { Namer } from "@pylog/logging/handlers";
 * const namer: Namer = (name) => name.replace(/\.log\.(\d+)$/, ".$1.log");
 * ```
 */
export type Namer = (defaultName: string) => string;

/**
 * Python's `rotator`: moves (or compresses, copies…) the file `source` to `dest`.
 *
 * @example
 * ```ts
 * import type { Rotator } from "@pylog/logging/handlers";
 * import { renameSync } from "node:fs";
 * const rotator: Rotator = (source, dest) => renameSync(source, dest);
 * ```
 */
export type Rotator = (source: string, dest: string) => void;

/**
 * The base of the rotating file handlers, as Python's `logging.handlers.BaseRotatingHandler`:
 * `emit` asks `shouldRollover(record)` and calls `doRollover()` before writing; both are for
 * subclasses to implement. `namer` and `rotator` customise how rotated files are named and moved.
 *
 * @example
 * ```ts
 * import { BaseRotatingHandler, type LogRecord } from "@pylog/logging/handlers";
 * class EveryHundred extends BaseRotatingHandler {
 *   count = 0;
 *   constructor(filename: string) {
 *     super(filename, "a");
 *   }
 *   override shouldRollover(_record: LogRecord): boolean {
 *     return ++this.count % 100 === 0;
 *   }
 *   override doRollover(): void {
 *     this.close();
 *     this.rotate(this.baseFilename, this.rotation_filename(this.baseFilename + ".old"));
 *   }
 * }
 * ```
 */
export class BaseRotatingHandler extends FileHandler {
  /** Python's `namer` (a class attribute, `null` by default): see {@linkcode Namer}. */
  declare namer: Namer | null;
  /** Python's `rotator` (a class attribute, `null` by default): see {@linkcode Rotator}. */
  declare rotator: Rotator | null;

  /**
   * Opens `filename` as `FileHandler` does, as Python's
   * `BaseRotatingHandler(filename, mode, encoding=None, delay=False, errors=None)`.
   */
  constructor(
    filename: string | FileHandlerOptions,
    mode: string = "a",
    encoding: string | null = null,
    delay = false,
    errors: string | null = null,
  ) {
    super(filename, mode, encoding, delay, errors);
  }

  /**
   * Writes the record, rolling the file over first when `shouldRollover(record)` says so. Any
   * error goes to `handleError`.
   *
   * @example
   * ```ts
   * import { makeLogRecord, RotatingFileHandler } from "@pylog/logging/handlers";
   * new RotatingFileHandler("app.log", "a", 1000, 3).emit(makeLogRecord({ msg: "hi" }));
   * ```
   */
  override emit(record: LogRecord): void {
    try {
      if (this.shouldRollover(record)) this.doRollover();
      super.emit(record);
    } catch (error) {
      this.handleError(record, error);
    }
  }

  /**
   * Whether the file must be rolled over before `record` is written. Subclasses implement it.
   *
   * @example
   * ```ts
   * import { makeLogRecord, RotatingFileHandler } from "@pylog/logging/handlers";
   * new RotatingFileHandler("app.log", "a", 10).shouldRollover(makeLogRecord({ msg: "x" }));
   * ```
   */
  shouldRollover(_record: LogRecord): boolean {
    throw new NotImplementedError(
      "shouldRollover must be implemented by BaseRotatingHandler subclasses",
    );
  }

  /**
   * Rolls the file over. Subclasses implement it.
   *
   * @example
   * ```ts
   * import { RotatingFileHandler } from "@pylog/logging/handlers";
   * new RotatingFileHandler("app.log", "a", 1000, 3).doRollover();
   * ```
   */
  doRollover(): void {
    throw new NotImplementedError(
      "doRollover must be implemented by BaseRotatingHandler subclasses",
    );
  }

  /**
   * The name a rotated file gets: `namer(defaultName)` when a `namer` is set, else `defaultName`
   * (Python's `rotation_filename`).
   *
   * @example
   * ```ts
   * import { RotatingFileHandler } from "@pylog/logging/handlers";
   * const h = new RotatingFileHandler("app.log", "a", 1000, 3);
   * h.namer = (name) => name + ".gz";
   * h.rotation_filename("/tmp/app.log.1"); // "/tmp/app.log.1.gz"
   * ```
   */
  rotation_filename(defaultName: string): string {
    return typeof this.namer === "function" ? this.namer(defaultName) : defaultName;
  }

  /**
   * Moves `source` to `dest`: `rotator(source, dest)` when a `rotator` is set, otherwise a rename
   * when `source` exists (with `delay`, it may not have been created yet). Python's `rotate`.
   *
   * @example
   * ```ts
   * import { RotatingFileHandler } from "@pylog/logging/handlers";
   * const h = new RotatingFileHandler("app.log", "a", 1000, 3);
   * h.rotate("/tmp/app.log", "/tmp/app.log.1");
   * ```
   */
  rotate(source: string, dest: string): void {
    if (typeof this.rotator === "function") {
      this.rotator(source, dest);
      return;
    }
    const fs = requireFs(this.constructor.name);
    if (fs.existsSync(source)) renamePath(fs, source, dest);
  }
}
BaseRotatingHandler.prototype.namer = null;
BaseRotatingHandler.prototype.rotator = null;

/** Options of {@linkcode RotatingFileHandler}: Python's parameters as one object. */
export interface RotatingFileHandlerOptions extends FileHandlerOptions {
  /** Roll over when the file would reach this many bytes; 0 (default) never rolls over. */
  maxBytes?: number;
  /** How many rotated files to keep (`app.log.1` … `app.log.N`); 0 (default) keeps none. */
  backupCount?: number;
}

/** What a `RotatingFileHandler` knows about its open file. */
interface Position {
  /** Python's `stream.tell()` as if the stream were flushed: bytes in the file. */
  pos: number;
  /** The descriptor the position is about. */
  fd: number;
  /** Whether the open file is a regular file (bpo-45401: only those roll over). */
  regular: boolean;
  /** Encoded length of a string written to the file. */
  measure: (text: string) => number;
  /** The text the current emit formatted, to add its length once written. */
  captured: string | null;
  capturing: boolean;
}

const positions = new WeakMap<RotatingFileHandler, Position>();

function positionOf(h: RotatingFileHandler): Position {
  let p = positions.get(h);
  if (p === undefined) {
    p = { pos: 0, fd: -1, regular: true, measure: utf8Length, captured: null, capturing: false };
    positions.set(h, p);
  }
  return p;
}

/**
 * Writes records to a file that is rolled over when it would grow past `maxBytes`, as Python's
 * `logging.handlers.RotatingFileHandler(filename, mode='a', maxBytes=0, backupCount=0,
 * encoding=None, delay=False, errors=None)`. With `backupCount` N > 0 the full file becomes
 * `app.log.1`, `app.log.1` becomes `app.log.2`, … up to `app.log.N`; with 0 the file keeps growing.
 *
 * @example
 * ```ts
 * import { Formatter, getLogger } from "@pylog/logging";
 * import { RotatingFileHandler } from "@pylog/logging/handlers";
 * const h = new RotatingFileHandler("app.log", "a", 1_000_000, 5);
 * h.setFormatter(new Formatter("%(asctime)s %(levelname)s %(message)s"));
 * getLogger("app").addHandler(h);
 * // the options form:
 * new RotatingFileHandler({ filename: "app.log", maxBytes: 1_000_000, backupCount: 5 });
 * ```
 */
export class RotatingFileHandler extends BaseRotatingHandler {
  /** Roll over when the file would reach this many bytes; 0 never rolls over. */
  maxBytes: number;
  /** How many rotated files are kept. */
  backupCount: number;

  /**
   * Opens `filename` (unless `delay`). A positive `maxBytes` forces mode `a`, as in Python
   * (truncating a rotating log on every run would lose the previous run's records).
   */
  constructor(
    filename: string | RotatingFileHandlerOptions,
    mode: string = "a",
    maxBytes = 0,
    backupCount = 0,
    encoding: string | null = null,
    delay = false,
    errors: string | null = null,
  ) {
    if (typeof filename === "object" && filename !== null) {
      const o = filename;
      filename = o.filename as string;
      mode = o.mode ?? "a";
      maxBytes = o.maxBytes ?? 0;
      backupCount = o.backupCount ?? 0;
      encoding = o.encoding ?? null;
      delay = o.delay ?? false;
      errors = o.errors ?? null;
    }
    if (maxBytes > 0) mode = "a";
    super(filename, mode, encoding, delay, errors);
    this.maxBytes = maxBytes;
    this.backupCount = backupCount;
  }

  /**
   * Opens the file (Python's `_open`) and notes its size, the position rollover decisions start
   * from.
   *
   * @example
   * ```ts
   * import { RotatingFileHandler } from "@pylog/logging/handlers";
   * const h = new RotatingFileHandler("app.log", "a", 1000, 2, null, true);
   * h.stream = h._open();
   * ```
   */
  override _open(): FdWritableStream {
    const stream = super._open();
    const p = positionOf(this);
    const fs = requireFs(this.constructor.name);
    const st = fs.fstatSync(stream.fd) as { size: number; isFile?: () => boolean };
    p.fd = stream.fd;
    p.pos = st.size;
    p.regular = typeof st.isFile === "function" ? st.isFile() : true;
    p.captured = null;
    if (lookupEncoding(this.encoding) === "utf-8") {
      p.measure = utf8Length;
    } else {
      const enc: PyEncoder = createEncoder(this.encoding, this.errors);
      enc.reset(st.size);
      p.measure = (text) => {
        try {
          return enc.encode(text).length;
        } catch {
          return 0; // the write fails too, and is reported there
        }
      };
    }
    return stream;
  }

  /**
   * Formats as every handler does; the rotating handler also notes the text it writes, to keep
   * the file's size.
   *
   * @example
   * ```ts
   * import { makeLogRecord, RotatingFileHandler } from "@pylog/logging/handlers";
   * new RotatingFileHandler("app.log").format(makeLogRecord({ msg: "hi" })); // "hi"
   * ```
   */
  override format(record: LogRecord): string {
    const text = super.format(record);
    const p = positions.get(this);
    if (p !== undefined && p.capturing) p.captured = text;
    return text;
  }

  /**
   * Writes the record, rolling over first when the file would reach `maxBytes`.
   *
   * @example
   * ```ts
   * import { makeLogRecord, RotatingFileHandler } from "@pylog/logging/handlers";
   * new RotatingFileHandler("app.log", "a", 1000, 3).emit(makeLogRecord({ msg: "hi" }));
   * ```
   */
  override emit(record: LogRecord): void {
    const p = positionOf(this);
    p.capturing = true;
    p.captured = null;
    try {
      super.emit(record);
    } finally {
      p.capturing = false;
    }
    const text = p.captured;
    p.captured = null;
    const stream = this.stream as FdWritableStream | null;
    if (text !== null && stream !== null && stream.fd === p.fd) {
      p.pos += p.measure(text + this.terminator);
    }
  }

  /**
   * CPython 3.13's test: never for a file that is not a regular one (bpo-45401) or an empty one
   * (gh-116263); otherwise, with `maxBytes` > 0, whether the file's size plus the length of the formatted record and a newline
   * reaches `maxBytes`. As in Python, the record's length counts characters (code points), the
   * file's size bytes. With `delay`, this opens the file.
   *
   * @example
   * ```ts
   * import { makeLogRecord, RotatingFileHandler } from "@pylog/logging/handlers";
   * const h = new RotatingFileHandler("app.log", "a", 10);
   * h.shouldRollover(makeLogRecord({ msg: "a long message" })); // true
   * ```
   */
  override shouldRollover(record: LogRecord): boolean {
    if (this.stream === null) this.stream = this._open();
    const p = positionOf(this);
    if (!p.regular) return false;
    if (this.maxBytes > 0) {
      // gh-116263 (CPython 3.13): never roll over an empty file, however long the record.
      if (p.pos === 0) return false;
      const msg = this.format(record) + "\n";
      p.captured = null;
      const len = codePointLength(msg);
      if (p.pos + len >= this.maxBytes) {
        // Confirm with the file itself: write what is buffered, then ask its size (the file may
        // have been truncated by someone else, or a write may have failed).
        const stream = this.stream as FdWritableStream;
        if (stream.fd === p.fd && p.fd >= 0) {
          void this.flush();
          try {
            p.pos = requireFs(this.constructor.name).fstatSync(p.fd).size;
          } catch {
            // Keep the count: the write will report the descriptor's problem.
          }
        }
        if (p.pos > 0 && p.pos + len >= this.maxBytes) return true;
      }
    }
    return false;
  }

  /**
   * Closes the file, shifts `app.log.i` to `app.log.i+1` (dropping the oldest), moves the file
   * to `app.log.1` through `rotate()`, and reopens it unless `delay` (Python's `doRollover`).
   * Names pass through `rotation_filename()`.
   *
   * @example
   * ```ts
   * import { RotatingFileHandler } from "@pylog/logging/handlers";
   * new RotatingFileHandler("app.log", "a", 1000, 3).doRollover();
   * ```
   */
  override doRollover(): void {
    closeStream(this);
    if (this.backupCount > 0) {
      const fs = requireFs(this.constructor.name);
      for (let i = this.backupCount - 1; i > 0; i--) {
        const sfn = this.rotation_filename(`${this.baseFilename}.${i}`);
        const dfn = this.rotation_filename(`${this.baseFilename}.${i + 1}`);
        if (fs.existsSync(sfn)) {
          if (fs.existsSync(dfn)) removePath(fs, dfn);
          renamePath(fs, sfn, dfn);
        }
      }
      const dfn = this.rotation_filename(this.baseFilename + ".1");
      if (fs.existsSync(dfn)) removePath(fs, dfn);
      this.rotate(this.baseFilename, dfn);
    }
    if (!this.delay) this.stream = this._open();
  }
}

/** Python's `self.stream.close(); self.stream = None` for a file handler's stream. */
export function closeStream(h: FileHandler): void {
  const stream = h.stream as FdWritableStream | null;
  if (stream === null) return;
  void h.flush();
  h.stream = null;
  if (typeof stream.closeFd === "function") {
    try {
      stream.closeFd();
    } catch (error) {
      throw osErrorFrom(error, h.baseFilename);
    }
  }
}

/** `os.rename` with Python's error. */
export function renamePath(fs: NodeFs, from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    throw osErrorFrom(error, from);
  }
}

/** `os.remove` with Python's error. */
export function removePath(fs: NodeFs, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch (error) {
    throw osErrorFrom(error, path);
  }
}

/** Python's `len(text)`: code points, not UTF-16 units. */
function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The UTF-8 length of `text` (a lone surrogate counts as the 3 bytes of its escape). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
