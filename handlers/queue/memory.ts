/**
 * `BufferingHandler` and `MemoryHandler`, as Python's `logging.handlers`: records are kept in a
 * list and, when `shouldFlush` says so, handed to a target handler (or, for the base class, thrown
 * away).
 *
 * ```ts
 * import { ERROR, getLogger, StreamHandler } from "@pylog/logging";
 * import { MemoryHandler } from "@pylog/logging/handlers";
 * const mh = new MemoryHandler(100, ERROR, new StreamHandler());
 * getLogger("app").addHandler(mh); // the debug context appears only when an error is logged
 * ```
 *
 * @module
 */

import { Handler } from "../handler.ts";
import { ERROR } from "../../levels.ts";
import type { LogRecord } from "../../record.ts";

/**
 * Keeps records in `buffer`; after each one, `shouldFlush` decides whether `flush` runs. The base
 * class flushes when `capacity` records are buffered, and its `flush` just empties the buffer:
 * subclass it to do something with the records.
 *
 * @example
 * ```ts
 * import { type LogRecord } from "@pylog/logging";
 * import { BufferingHandler } from "@pylog/logging/handlers";
 * class Batch extends BufferingHandler {
 *   override flush(): void {
 *     console.log(this.buffer.map((r: LogRecord) => this.format(r)).join("\n"));
 *     this.buffer.length = 0;
 *   }
 * }
 * const h = new Batch(10);
 * ```
 */
export class BufferingHandler extends Handler {
  /** The number of records that makes the buffer full. */
  capacity: number;
  /** The buffered records, oldest first. */
  buffer: LogRecord[];

  /** Creates the handler with room for `capacity` records. */
  constructor(capacity: number) {
    super();
    this.capacity = capacity;
    this.buffer = [];
  }

  /**
   * Whether the buffer should be flushed now: when it holds `capacity` records or more.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { BufferingHandler } from "@pylog/logging/handlers";
   * new BufferingHandler(1).shouldFlush(makeLogRecord({})); // false: the buffer is empty
   * ```
   */
  shouldFlush(_record: LogRecord): boolean {
    return this.buffer.length >= this.capacity;
  }

  /**
   * Appends the record, then flushes when `shouldFlush` says so.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { BufferingHandler } from "@pylog/logging/handlers";
   * const h = new BufferingHandler(10);
   * h.emit(makeLogRecord({ msg: "kept" }));
   * h.buffer.length; // 1
   * ```
   */
  override emit(record: LogRecord): void {
    this.buffer.push(record);
    if (this.shouldFlush(record)) void this.flush();
  }

  /**
   * Empties the buffer (in place, as Python's `list.clear()`). Override it to process the records.
   *
   * @example
   * ```ts
   * import { BufferingHandler } from "@pylog/logging/handlers";
   * new BufferingHandler(10).flush();
   * ```
   */
  override flush(): void | Promise<void> {
    this.buffer.length = 0;
  }

  /**
   * Flushes, then closes the handler (also when the flush throws).
   *
   * @example
   * ```ts
   * import { BufferingHandler } from "@pylog/logging/handlers";
   * new BufferingHandler(10).close();
   * ```
   */
  override close(): void | Promise<void> {
    try {
      void this.flush();
    } finally {
      super.close();
    }
  }
}

/**
 * Buffers records and hands them to `target` when the buffer is full or a record at `flushLevel`
 * or above arrives, as Python's `logging.handlers.MemoryHandler(capacity, flushLevel=ERROR,
 * target=None, flushOnClose=True)`. Without a target, nothing is flushed and the buffer keeps
 * growing, exactly as in Python.
 *
 * @example
 * ```ts
 * import { ERROR, getLogger, StreamHandler } from "@pylog/logging";
 * import { MemoryHandler } from "@pylog/logging/handlers";
 * const mh = new MemoryHandler(100, ERROR, new StreamHandler());
 * const log = getLogger("job");
 * log.addHandler(mh);
 * log.info("step 1"); // buffered
 * log.error("failed"); // "step 1" then "failed" reach the StreamHandler
 * ```
 */
export class MemoryHandler extends BufferingHandler {
  /** Records at this level or above flush the buffer. */
  flushLevel: number;
  /** The handler that receives the records, or `null`. */
  target: Handler | null;
  /** Whether `close()` flushes what is buffered (Python's `flushOnClose`). */
  flushOnClose: boolean;

  /**
   * Creates the handler, as Python's `MemoryHandler(capacity, flushLevel=ERROR, target=None,
   * flushOnClose=True)`.
   */
  constructor(
    capacity: number,
    flushLevel: number = ERROR,
    target: Handler | null = null,
    flushOnClose = true,
  ) {
    super(capacity);
    this.flushLevel = flushLevel;
    this.target = target;
    this.flushOnClose = flushOnClose;
  }

  /**
   * Whether to flush now: the buffer is full, or the record is at `flushLevel` or above.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { MemoryHandler } from "@pylog/logging/handlers";
   * new MemoryHandler(10).shouldFlush(makeLogRecord({ levelno: 40 })); // true
   * ```
   */
  override shouldFlush(record: LogRecord): boolean {
    return this.buffer.length >= this.capacity || record.levelno >= this.flushLevel;
  }

  /**
   * Sets the handler that receives the records.
   *
   * @example
   * ```ts
   * import { StreamHandler } from "@pylog/logging";
   * import { MemoryHandler } from "@pylog/logging/handlers";
   * new MemoryHandler(10).setTarget(new StreamHandler());
   * ```
   */
  setTarget(target: Handler | null): void {
    this.target = target;
  }

  /**
   * Hands every buffered record to the target's `handle`, then empties the buffer. Without a
   * target nothing happens and the buffer is kept.
   *
   * @example
   * ```ts
   * import { makeLogRecord, StreamHandler } from "@pylog/logging";
   * import { MemoryHandler } from "@pylog/logging/handlers";
   * const mh = new MemoryHandler(10, 40, new StreamHandler());
   * mh.handle(makeLogRecord({ msg: "queued", levelno: 20 }));
   * mh.flush(); // "queued" is written to stderr
   * ```
   */
  override flush(): void {
    const target = this.target;
    if (target) {
      // A for-of over the live array, as Python's loop over the list: records appended while
      // flushing (a target that logs) are handed over too.
      for (const record of this.buffer) target.handle(record);
      this.buffer.length = 0;
    }
  }

  /**
   * Flushes when `flushOnClose` is set, then forgets the target and closes the handler.
   *
   * @example
   * ```ts
   * import { StreamHandler } from "@pylog/logging";
   * import { MemoryHandler } from "@pylog/logging/handlers";
   * const mh = new MemoryHandler(10, 40, new StreamHandler());
   * mh.close();
   * mh.target; // null
   * ```
   */
  override close(): void {
    try {
      if (this.flushOnClose) this.flush();
    } finally {
      this.target = null;
      void super.close();
    }
  }
}
