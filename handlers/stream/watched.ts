/**
 * `WatchedFileHandler`: Python's `logging.handlers.WatchedFileHandler`, a file handler that
 * reopens its file when it was moved or deleted (by `logrotate`, `newsyslog`…), noticed by
 * comparing the device and inode of the path with those of the open descriptor before each record.
 *
 * @module
 */

import type { LogRecord } from "../../record.ts";
import { osErrorFrom } from "../../py/errors.ts";
import { FileHandler, type FileHandlerOptions, requireFs } from "./file.ts";
import { closeStream } from "./rotating.ts";
import type { FdWritableStream } from "../sink.ts";

/**
 * Writes records to a file, reopening it when the path no longer names the open file, as
 * Python's `WatchedFileHandler(filename, mode='a', encoding=None, delay=False, errors=None)`.
 * Records buffered before the move are written to the old file, as Python wrote them there.
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { WatchedFileHandler } from "@pylog/logging/handlers";
 * getLogger("app").addHandler(new WatchedFileHandler("/var/log/app.log"));
 * ```
 */
export class WatchedFileHandler extends FileHandler {
  /** The device of the open file, `-1` when none is open (Python's `self.dev`). */
  dev: number;
  /** The inode of the open file, `-1` when none is open (Python's `self.ino`). */
  ino: number;

  /** Opens `filename` (unless `delay`) and notes its device and inode. */
  constructor(
    filename: string | FileHandlerOptions,
    mode: string = "a",
    encoding: string | null = null,
    delay = false,
    errors: string | null = null,
  ) {
    super(filename, mode, encoding, delay, errors);
    this.dev = -1;
    this.ino = -1;
    this._statstream();
  }

  /**
   * Notes the device and inode of the open descriptor (Python's `_statstream`).
   *
   * @example
   * ```ts
   * import { WatchedFileHandler } from "@pylog/logging/handlers";
   * const h = new WatchedFileHandler("app.log");
   * h._statstream();
   * ```
   */
  _statstream(): void {
    const stream = this.stream as FdWritableStream | null;
    if (stream !== null && typeof stream.fd === "number" && stream.fd >= 0) {
      const fs = requireFs(this.constructor.name);
      let st: { dev: number; ino: number };
      try {
        st = fs.fstatSync(stream.fd);
      } catch (error) {
        throw osErrorFrom(error, this.baseFilename);
      }
      this.dev = st.dev;
      this.ino = st.ino;
    }
  }

  /**
   * Reopens the file when the path is gone or names another file than the open one (Python's
   * `reopenIfNeeded`): what was buffered is written to the old file, which is then closed.
   *
   * @example
   * ```ts
   * import { WatchedFileHandler } from "@pylog/logging/handlers";
   * new WatchedFileHandler("app.log").reopenIfNeeded();
   * ```
   */
  reopenIfNeeded(): void {
    const fs = requireFs(this.constructor.name);
    let st: { dev: number; ino: number } | undefined;
    try {
      st = fs.statSync(this.baseFilename, { throwIfNoEntry: false });
    } catch (error) {
      throw osErrorFrom(error, this.baseFilename);
    }
    if (st === undefined || st.dev !== this.dev || st.ino !== this.ino) {
      if (this.stream !== null) {
        closeStream(this);
        this.stream = this._open();
        this._statstream();
      }
    }
  }

  /**
   * Reopens the file if needed, then writes the record; errors go to `handleError`.
   *
   * @example
   * ```ts
   * import { makeLogRecord, WatchedFileHandler } from "@pylog/logging/handlers";
   * new WatchedFileHandler("app.log").emit(makeLogRecord({ msg: "hi" }));
   * ```
   */
  override emit(record: LogRecord): void {
    try {
      this.reopenIfNeeded();
    } catch (error) {
      this.handleError(record, error);
      return;
    }
    super.emit(record);
  }
}
