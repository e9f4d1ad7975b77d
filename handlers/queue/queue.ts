/**
 * `QueueHandler` and `QueueListener`, as Python's `logging.handlers`: a listener on a
 * {@linkcode Queue} (Python's `queue.Queue`, in py/queue.ts) formats and writes off the logging
 * call's path, on a later turn of the event loop; across a `Worker`, the queue is a `PortQueue`
 * (handlers/queue/worker.ts).
 *
 * ```ts
 * import { getLogger, StreamHandler } from "@pylog/logging";
 * import { Queue, QueueHandler, QueueListener } from "@pylog/logging/handlers";
 * const q = new Queue(); getLogger().addHandler(new QueueHandler(q));
 * const listener = new QueueListener(q, new StreamHandler()); listener.start(); // await listener.stop()
 * ```
 *
 @module
 */

import { RuntimeError } from "../../py/errors.ts";
import { isPlainObject } from "../../py/repr.ts";
import { Handler } from "../handler.ts";
import { copyRecord, type LogRecord } from "../../record.ts";
import { QueueEmpty } from "../../py/queue.ts";
import { flushAllSinksSync } from "../sink.ts";

// ---------------------------------------------------------------------------------------------
// QueueHandler and QueueListener
// ---------------------------------------------------------------------------------------------

/** What a {@linkcode QueueHandler} needs of its queue: Python's `put_nowait`. */
export interface QueueLike {
  /** Adds an item without waiting; throws when it cannot. */
  put_nowait(item: unknown): unknown;
}

/**
 * What a {@linkcode QueueListener} needs of its queue: `get(block)` (a value or a Promise),
 * `put_nowait` for the sentinel, and optionally `task_done`.
 */
export interface ListenerQueue {
  /** Takes the next item (a Promise of it, or the item). */
  get(block?: boolean): unknown;
  /** Adds an item without waiting (the listener's sentinel). */
  put_nowait(item: unknown): unknown;
  /** Marks an item as processed. */
  task_done?(): void;
}

/**
 * `task_done()` once what the handlers wrote is on its file: when the queue is drained (the moment
 * `join()` can settle), file sinks are written at once instead of at the end of the event-loop
 * turn, so `await q.join()` or `await listener.stop()` finds every record written, as in CPython.
 */
function doneWritten(q: ListenerQueue): void {
  const size = (q as { qsize?: () => number }).qsize;
  if (typeof size !== "function" || size.call(q) === 0) flushAllSinksSync();
  q.task_done!();
}

/**
 * Sends records to a queue, as Python's `logging.handlers.QueueHandler`: each record is prepared
 * (formatted, then stripped of what cannot travel) and handed to `queue.put_nowait`. The queue may
 * be a {@linkcode Queue}, a {@linkcode PortQueue} into a Worker, or any object with `put_nowait`.
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { Queue, QueueHandler } from "@pylog/logging/handlers";
 * const q = new Queue();
 * getLogger("app").addHandler(new QueueHandler(q));
 * getLogger("app").warning("queued %d", 1);
 * ```
 */
export class QueueHandler extends Handler {
  /** The queue records are put on. */
  queue: QueueLike;
  /**
   * Python 3.12's `listener`: the {@linkcode QueueListener} that `dictConfig` builds for a queue
   * handler configured with `handlers` (not started: call `handler.listener.start()`), else `null`.
   */
  listener: QueueListener | null = null;
  #failing = false;

  /** Creates the handler over `queue`. */
  constructor(queue: QueueLike) {
    super();
    this.queue = queue;
  }

  /**
   * Puts the record on the queue with `put_nowait`. Override it to use another queue API.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { Queue, QueueHandler } from "@pylog/logging/handlers";
   * new QueueHandler(new Queue()).enqueue(makeLogRecord({ msg: "x" }));
   * ```
   */
  enqueue(record: LogRecord): void {
    this.queue.put_nowait(record);
  }

  /**
   * Returns a copy of the record ready to travel, as Python 3.13's `QueueHandler.prepare`: the
   * handler's `format(record)` becomes both `msg` and `message`; `args`, `exc_info`, `exc_text`
   * and `stack_info` become `null`. The original record is left as it was (other handlers see it).
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { Queue, QueueHandler } from "@pylog/logging/handlers";
   * const r = new QueueHandler(new Queue()).prepare(makeLogRecord({ msg: "%d%%", args: [5] }));
   * r.msg; // "5%"
   * ```
   */
  prepare(record: LogRecord): LogRecord {
    const msg = this.format(record);
    const copy = copyRecord(record);
    copy.message = msg;
    copy.msg = msg;
    copy.args = null;
    copy.exc_info = null;
    copy.exc_text = null;
    copy.stack_info = null;
    return copy;
  }

  /**
   * Prepares and enqueues the record. A failure (a full queue, a dead worker) is reported through
   * `handleError` once, then not again until a record is enqueued successfully: records logged
   * meanwhile are dropped.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { Queue, QueueHandler } from "@pylog/logging/handlers";
   * new QueueHandler(new Queue()).emit(makeLogRecord({ msg: "x" }));
   * ```
   */
  override emit(record: LogRecord): void {
    try {
      this.enqueue(this.prepare(record));
      this.#failing = false;
    } catch (error) {
      if (this.#failing) return;
      this.#failing = true;
      this.handleError(record, error);
    }
  }
}

/** Options of {@linkcode QueueListener}: Python's keyword argument. */
export interface QueueListenerOptions {
  /** Offer each record only to the handlers whose level it reaches (default `false`). */
  respect_handler_level?: boolean;
}

/**
 * Takes records off a queue and hands them to handlers, as Python's
 * `logging.handlers.QueueListener(queue, *handlers, respect_handler_level=False)`: the options
 * object may follow the handlers. Python's thread is an asynchronous loop here: `start()` starts
 * it, `stop()` puts the sentinel and resolves once every record before it was handled.
 *
 * @example
 * ```ts
 * import { StreamHandler } from "@pylog/logging";
 * import { Queue, QueueListener } from "@pylog/logging/handlers";
 * const q = new Queue();
 * const listener = new QueueListener(q, new StreamHandler(), { respect_handler_level: true });
 * listener.start();
 * await listener.stop();
 * ```
 */
export class QueueListener {
  /** The item that ends the loop (Python's `None`). */
  _sentinel: unknown = null;
  /** The queue read. */
  queue: ListenerQueue;
  /** The handlers each record is offered to. */
  handlers: Handler[];
  /** Whether handler levels are honoured. */
  respect_handler_level: boolean;
  /** The running loop (Python's thread), or `null`. */
  _thread: Promise<void> | null = null;

  /** Creates the listener; a trailing options object may follow the handlers. */
  constructor(queue: ListenerQueue, ...handlers: (Handler | QueueListenerOptions)[]) {
    this.queue = queue;
    let options: QueueListenerOptions = {};
    const last = handlers[handlers.length - 1];
    if (last !== undefined && !(last instanceof Handler) && isPlainObject(last)) {
      options = last as QueueListenerOptions;
      handlers = handlers.slice(0, -1);
    }
    this.handlers = handlers as Handler[];
    this.respect_handler_level = Boolean(options.respect_handler_level);
  }

  /**
   * Takes the next record off the queue (`queue.get(block)`). Override it for other queue APIs.
   *
   * @example
   * ```ts
   * import { Queue, QueueListener } from "@pylog/logging/handlers";
   * const q = new Queue();
   * q.put_nowait("x");
   * await new QueueListener(q).dequeue(true); // "x"
   * ```
   */
  dequeue(block: boolean): unknown {
    return this.queue.get(block);
  }

  /**
   * Starts the loop that takes records off the queue. On a listener already running it raises
   * Python's `RuntimeError` (as CPython 3.14 does; 3.13 would start a second loop).
   *
   * @example
   * ```ts
   * import { Queue, QueueListener } from "@pylog/logging/handlers";
   * new QueueListener(new Queue()).start();
   * ```
   */
  start(): void {
    if (this._thread !== null) throw new RuntimeError("Listener already started");
    const t = this._monitor();
    t.catch(() => {}); // reported by stop(); never an unhandled rejection
    this._thread = t;
  }

  /**
   * Returns the record to hand to the handlers; the base returns it unchanged.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { Queue, QueueListener } from "@pylog/logging/handlers";
   * new QueueListener(new Queue()).prepare(makeLogRecord({ msg: "x" }));
   * ```
   */
  prepare(record: LogRecord): LogRecord {
    return record;
  }

  /**
   * Offers the record to every handler (only those whose level it reaches, with
   * `respect_handler_level`). A handler that throws is reported through its `handleError` and the
   * others still get the record.
   *
   * @example
   * ```ts
   * import { makeLogRecord, StreamHandler } from "@pylog/logging";
   * import { Queue, QueueListener } from "@pylog/logging/handlers";
   * new QueueListener(new Queue(), new StreamHandler()).handle(makeLogRecord({ msg: "x" }));
   * ```
   */
  handle(record: LogRecord): void {
    record = this.prepare(record);
    for (const handler of this.handlers) {
      const process = !this.respect_handler_level || record.levelno >= handler.level;
      if (!process) continue;
      try {
        handler.handle(record);
      } catch (error) {
        handler.handleError(record, error);
      }
    }
  }

  /** The loop: takes records until the sentinel (or `QueueEmpty`) and hands them on. */
  async _monitor(): Promise<void> {
    const q = this.queue;
    const hasTaskDone = typeof q.task_done === "function";
    while (true) {
      let record: unknown;
      try {
        record = await this.dequeue(true);
      } catch (error) {
        if (error instanceof QueueEmpty || (error as Error)?.name === "Empty") break;
        throw error;
      }
      if (record === this._sentinel) {
        if (hasTaskDone) doneWritten(q);
        break;
      }
      this.handle(record as LogRecord);
      if (hasTaskDone) doneWritten(q);
    }
  }

  /**
   * Puts the sentinel on the queue (`put_nowait`). Override it for other queue APIs.
   *
   * @example
   * ```ts
   * import { Queue, QueueListener } from "@pylog/logging/handlers";
   * new QueueListener(new Queue()).enqueue_sentinel();
   * ```
   */
  enqueue_sentinel(): void {
    this.queue.put_nowait(this._sentinel);
  }

  /**
   * Puts the sentinel and resolves once the loop has handled every record before it. As in
   * CPython 3.13 (gh-114706), on a listener that is not running (never started, or already
   * stopped) it does nothing.
   *
   * @example
   * ```ts
   * import { Queue, QueueListener } from "@pylog/logging/handlers";
   * const l = new QueueListener(new Queue());
   * l.start();
   * await l.stop();
   * ```
   */
  async stop(): Promise<void> {
    if (this._thread === null) return;
    this.enqueue_sentinel();
    const t = this._thread;
    try {
      await t;
    } finally {
      this._thread = null;
    }
  }
  /**
   * Stops the listener when a `using` block ends (CPython 3.14 makes a listener a context manager).
   * JavaScript's `using` has no entry step, so start the listener yourself; the records already
   * queued are handled before `await using` moves on (`using` cannot wait: it starts the stop).
   *
   * @example
   * ```ts
   * import { StreamHandler } from "@pylog/logging";
   * import { Queue, QueueListener } from "@pylog/logging/handlers";
   * {
   *   await using listener = new QueueListener(new Queue(), new StreamHandler());
   *   listener.start();
   * } // stopped here, every queued record handled
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /**
   * Starts stopping the listener when a `using` block ends; see `[Symbol.asyncDispose]` to wait.
   *
   * @example
   * ```ts
   * import { Queue, QueueListener } from "@pylog/logging/handlers";
   * {
   *   using listener = new QueueListener(new Queue());
   *   listener.start();
   * }
   * ```
   */
  [Symbol.dispose](): void {
    this.stop().catch(() => {});
  }
}
