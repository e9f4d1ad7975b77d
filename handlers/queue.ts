/**
 * `QueueHandler` and `QueueListener`, as Python's `logging.handlers`, with the queues they run on:
 * - {@linkcode Queue}: Python's `queue.Queue` API (`put_nowait`, `get`, `task_done`, `join`...)
 *   where the blocking calls return Promises; a listener on it formats and writes off the logging
 *   call's path, on a later turn of the event loop.
 * - {@linkcode PortQueue} and {@linkcode PortQueueReceiver}: the two ends of a queue crossing into
 *   a `Worker` (or any `MessagePort`), so that formatting and writing run off the main thread.
 *   Records travel as structured-clone-safe plain objects (`record.toDict()`) and are rebuilt with
 *   `makeLogRecord` on the other side.
 *
 * ```ts
 * import { getLogger, Queue, QueueHandler, QueueListener, StreamHandler } from "@pylog/logging";
 * const q = new Queue(); getLogger().addHandler(new QueueHandler(q));
 * const listener = new QueueListener(q, new StreamHandler()); listener.start(); // await listener.stop()
 * ```
 *
 * @module
 */

import { setOwn } from "../own_keys.ts";
import { AttributeError, RuntimeError, ValueError } from "../errors.ts";
import { pyStr } from "../formatters/repr.ts";
import { formatException } from "../formatters/traceback.ts";
import { Handler } from "./handler.ts";
import { addCallerConsumer, isPlainObject, LogRecord, makeLogRecord } from "../record.ts";

// ---------------------------------------------------------------------------------------------
// Python's queue module
// ---------------------------------------------------------------------------------------------

/**
 * Python's `queue.Empty`: `get(false)` / `get_nowait()` on an empty queue, or a `get` whose timeout
 * ran out.
 *
 * @example
 * ```ts
 * import { Queue, QueueEmpty } from "@pylog/logging";
 * try {
 *   new Queue().get_nowait();
 * } catch (e) {
 *   e instanceof QueueEmpty; // true
 * }
 * ```
 */
export class QueueEmpty extends Error {
  /** Creates the error (Python's message is empty). */
  constructor(message = "", options?: ErrorOptions) {
    super(message, options);
    this.name = "Empty";
  }
}

/**
 * Python's `queue.Full`: `put_nowait()` on a full queue, or a `put` whose timeout ran out.
 *
 * @example
 * ```ts
 * import { Queue, QueueFull } from "@pylog/logging";
 * const q = new Queue(1);
 * q.put_nowait("a");
 * try {
 *   q.put_nowait("b");
 * } catch (e) {
 *   e instanceof QueueFull; // true
 * }
 * ```
 */
export class QueueFull extends Error {
  /** Creates the error (Python's message is empty). */
  constructor(message = "", options?: ErrorOptions) {
    super(message, options);
    this.name = "Full";
  }
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

function checkTimeout(timeout: number | null): void {
  if (timeout !== null && timeout < 0) {
    throw new ValueError("'timeout' must be a non-negative number");
  }
}

/**
 * A FIFO queue with Python's `queue.Queue` API. What blocks in Python returns a Promise here:
 * `get()` waits for an item, `put()` for room, `join()` for every item's `task_done()`.
 * Timeouts are in seconds, as in Python. `maxsize <= 0` means unbounded.
 *
 * @example
 * ```ts
 * import { Queue } from "@pylog/logging";
 * const q = new Queue<string>();
 * q.put_nowait("a");
 * await q.get(); // "a"
 * q.task_done();
 * await q.join();
 * ```
 */
export class Queue<T = unknown> {
  /** The most items the queue holds (`0`: no limit). */
  readonly maxsize: number;
  /** Items put and not yet marked done with `task_done()`. */
  unfinished_tasks = 0;
  #items: T[] = [];
  #head = 0;
  #getters: Waiter<T>[] = [];
  #putters: (Waiter<void> & { item: T })[] = [];
  #joiners: (() => void)[] = [];

  /** Creates a queue holding at most `maxsize` items (`0`: unbounded). */
  constructor(maxsize = 0) {
    this.maxsize = maxsize;
  }

  /**
   * The number of items waiting.
   *
   * @example
   * ```ts
   * import { Queue } from "@pylog/logging";
   * new Queue().qsize(); // 0
   * ```
   */
  qsize(): number {
    return this.#items.length - this.#head;
  }

  /**
   * Whether no item is waiting.
   *
   * @example
   * ```ts
   * import { Queue } from "@pylog/logging";
   * new Queue().empty(); // true
   * ```
   */
  empty(): boolean {
    return this.qsize() === 0;
  }

  /**
   * Whether the queue holds `maxsize` items.
   *
   * @example
   * ```ts
   * import { Queue } from "@pylog/logging";
   * new Queue(1).full(); // false
   * ```
   */
  full(): boolean {
    return this.maxsize > 0 && this.qsize() >= this.maxsize;
  }

  /**
   * Puts an item without waiting; throws {@linkcode QueueFull} when there is no room.
   *
   * @example
   * ```ts
   * import { Queue } from "@pylog/logging";
   * new Queue().put_nowait("record");
   * ```
   */
  put_nowait(item: T): void {
    if (this.full()) throw new QueueFull();
    this.#enqueue(item);
  }

  /**
   * Puts an item, waiting for room when `block` is true (at most `timeout` seconds, then
   * {@linkcode QueueFull}); with `block` false, as `put_nowait`.
   *
   * @example
   * ```ts
   * import { Queue } from "@pylog/logging";
   * await new Queue(10).put("record");
   * ```
   */
  put(item: T, block = true, timeout: number | null = null): Promise<void> {
    try {
      checkTimeout(timeout);
      if (!this.full()) {
        this.#enqueue(item);
        return Promise.resolve();
      }
      if (!block || timeout === 0) throw new QueueFull();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      const w = { item, resolve, reject, timer: undefined as Waiter<void>["timer"] };
      if (timeout !== null) {
        w.timer = setTimeout(() => {
          const i = this.#putters.indexOf(w);
          if (i >= 0) this.#putters.splice(i, 1);
          reject(new QueueFull());
        }, timeout * 1000);
      }
      this.#putters.push(w);
    });
  }

  /**
   * Takes the next item without waiting; throws {@linkcode QueueEmpty} when there is none.
   *
   * @example
   * ```ts
   * import { Queue } from "@pylog/logging";
   * const q = new Queue<number>();
   * q.put_nowait(1);
   * q.get_nowait(); // 1
   * ```
   */
  get_nowait(): T {
    if (this.empty()) throw new QueueEmpty();
    return this.#dequeue();
  }

  /**
   * Takes the next item, waiting for one when `block` is true (at most `timeout` seconds, then
   * {@linkcode QueueEmpty}); with `block` false, as `get_nowait` (a rejected Promise when empty).
   *
   * @example
   * ```ts
   * import { Queue } from "@pylog/logging";
   * const q = new Queue<string>();
   * setTimeout(() => q.put_nowait("late"), 10);
   * await q.get(); // "late"
   * ```
   */
  get(block = true, timeout: number | null = null): Promise<T> {
    try {
      checkTimeout(timeout);
      if (!this.empty()) return Promise.resolve(this.#dequeue());
      if (!block || timeout === 0) throw new QueueEmpty();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<T>((resolve, reject) => {
      const w: Waiter<T> = { resolve, reject, timer: undefined };
      if (timeout !== null) {
        w.timer = setTimeout(() => {
          const i = this.#getters.indexOf(w);
          if (i >= 0) this.#getters.splice(i, 1);
          reject(new QueueEmpty());
        }, timeout * 1000);
      }
      this.#getters.push(w);
    });
  }

  /**
   * Marks one item taken with `get` as processed; `join()` resolves when every item put is.
   * Throws Python's `ValueError` when called more times than items were put.
   *
   * @example
   * ```ts
   * import { Queue } from "@pylog/logging";
   * const q = new Queue();
   * q.put_nowait("x");
   * q.get_nowait();
   * q.task_done();
   * ```
   */
  task_done(): void {
    const unfinished = this.unfinished_tasks - 1;
    if (unfinished <= 0) {
      if (unfinished < 0) throw new ValueError("task_done() called too many times");
      const joiners = this.#joiners;
      this.#joiners = [];
      for (const j of joiners) j();
    }
    this.unfinished_tasks = unfinished;
  }

  /**
   * Resolves once every item put has been marked done with `task_done()`.
   *
   * @example
   * ```ts
   * import { Queue } from "@pylog/logging";
   * await new Queue().join(); // nothing pending: resolves at once
   * ```
   */
  join(): Promise<void> {
    if (this.unfinished_tasks === 0) return Promise.resolve();
    return new Promise((resolve) => this.#joiners.push(resolve));
  }

  #enqueue(item: T): void {
    this.unfinished_tasks++;
    const getter = this.#getters.shift();
    if (getter !== undefined) {
      if (getter.timer !== undefined) clearTimeout(getter.timer);
      getter.resolve(item);
      return;
    }
    this.#items.push(item);
  }

  #dequeue(): T {
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined as T;
    this.#head++;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    const putter = this.#putters.shift();
    if (putter !== undefined) {
      if (putter.timer !== undefined) clearTimeout(putter.timer);
      this.#enqueue(putter.item);
      putter.resolve();
    }
    return item;
  }
}

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
 * A shallow copy of a record, as Python's `copy.copy(record)`: the same class, every attribute,
 * without running the record factory.
 */
export function copyRecord(record: LogRecord): LogRecord {
  const copy = new LogRecord(
    record.name,
    record.levelno,
    record.pathname,
    record.lineno,
    record.msg,
    null,
    null,
    record.funcName,
    null,
  );
  Object.setPrototypeOf(copy, Object.getPrototypeOf(record));
  for (const key of Object.keys(record)) setOwn(copy, key, record[key]);
  return copy;
}

/**
 * Sends records to a queue, as Python's `logging.handlers.QueueHandler`: each record is prepared
 * (formatted, then stripped of what cannot travel) and handed to `queue.put_nowait`. The queue may
 * be a {@linkcode Queue}, a {@linkcode PortQueue} into a Worker, or any object with `put_nowait`.
 *
 * @example
 * ```ts
 * import { getLogger, Queue, QueueHandler } from "@pylog/logging";
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
   * import { makeLogRecord, Queue, QueueHandler } from "@pylog/logging";
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
   * import { makeLogRecord, Queue, QueueHandler } from "@pylog/logging";
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
   * import { makeLogRecord, Queue, QueueHandler } from "@pylog/logging";
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
 * import { Queue, QueueListener, StreamHandler } from "@pylog/logging";
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
   * import { Queue, QueueListener } from "@pylog/logging";
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
   * import { Queue, QueueListener } from "@pylog/logging";
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
   * import { makeLogRecord, Queue, QueueListener } from "@pylog/logging";
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
   * import { makeLogRecord, Queue, QueueListener, StreamHandler } from "@pylog/logging";
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
        if (hasTaskDone) q.task_done!();
        break;
      }
      this.handle(record as LogRecord);
      if (hasTaskDone) q.task_done!();
    }
  }

  /**
   * Puts the sentinel on the queue (`put_nowait`). Override it for other queue APIs.
   *
   * @example
   * ```ts
   * import { Queue, QueueListener } from "@pylog/logging";
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
   * import { Queue, QueueListener } from "@pylog/logging";
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
   * import { Queue, QueueListener, StreamHandler } from "@pylog/logging";
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
   * import { Queue, QueueListener } from "@pylog/logging";
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

// ---------------------------------------------------------------------------------------------
// Crossing into a Worker
// ---------------------------------------------------------------------------------------------

/** An event as a Worker or MessagePort delivers it (only the fields used here). */
export interface PortEvent {
  /** The message (`message` events). */
  data?: unknown;
  /** The error (`error` events). */
  error?: unknown;
  /** The error's text (`error` events). */
  message?: unknown;
  /** Stops an error from propagating further. */
  preventDefault?(): void;
}

/**
 * A `Worker`, a `MessagePort`, or a worker's `self`: anything that posts messages and delivers
 * them as events.
 */
export interface MessagePortLike {
  /** Sends a structured-cloneable message. */
  postMessage(message: unknown): void;
  /** Listens for `message` (and, on a Worker, `error`) events. */
  addEventListener(type: string, listener: (event: PortEvent) => void): void;
  /** Stops listening. */
  removeEventListener(type: string, listener: (event: PortEvent) => void): void;
}

/** The key tagging this module's messages on a shared channel. */
const TAG = "__pylog_queue__";

const isPrimitive = (v: unknown): boolean =>
  v === null || (typeof v !== "object" && typeof v !== "function" && typeof v !== "symbol");

/**
 * Turns a record into a plain object that survives `structuredClone`/`postMessage`: its
 * attributes (`record.toDict()`), with `exc_info` rendered into `exc_text` and dropped, and
 * functions and symbols rendered as text. Rebuild it with `makeLogRecord`.
 *
 * @example
 * ```ts
 * import { makeLogRecord, recordToMessage } from "@pylog/logging";
 * const copy = makeLogRecord(structuredClone(recordToMessage(makeLogRecord({ msg: "hi" }))));
 * copy.getMessage(); // "hi"
 * ```
 */
export function recordToMessage(record: LogRecord): Record<string, unknown> {
  const dict = record.toDict();
  if (dict.exc_info) {
    if (!dict.exc_text) {
      try {
        dict.exc_text = formatException((dict.exc_info as readonly unknown[])[1]);
      } catch {
        dict.exc_text = null;
      }
    }
    dict.exc_info = null;
  }
  for (const key of Object.keys(dict)) {
    const v = dict[key];
    if (typeof v === "function" || typeof v === "symbol") dict[key] = pyStr(v);
  }
  return dict;
}

/** Every value that is not a primitive rendered as text: the fallback when cloning fails. */
function flatten(dict: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(dict)) {
    const v = dict[key];
    setOwn(out, key, isPrimitive(v) ? v : pyStr(v));
  }
  return out;
}

/** Options of {@linkcode PortQueue}. */
export interface PortQueueOptions {
  /**
   * The most records sent and not yet processed by the receiving side (default 10000). Past it,
   * `put_nowait` throws {@linkcode QueueFull}: a dead or stuck worker costs bounded memory.
   */
  maxsize?: number;
}

/**
 * The sending end of a queue into a `Worker` (or over a `MessagePort`): `put_nowait` posts the
 * record as a plain object to a {@linkcode PortQueueReceiver} on the other side, which
 * acknowledges each record its listener processed.
 * - At most `maxsize` records may be unacknowledged; past that, `put_nowait` throws
 *   {@linkcode QueueFull} (a worker that was terminated stops acknowledging).
 * - An `error` event from the Worker (an uncaught exception inside it) marks the queue dead: the
 *   error does not propagate to the main program, and every later `put_nowait` throws it.
 * - `put_nowait(null)` sends the sentinel that stops the listener; `join()` resolves when every
 *   record sent, sentinel included, was processed (or the worker died).
 *
 * @example
 * ```ts
 * import { getLogger, PortQueue, QueueHandler } from "@pylog/logging";
 * const worker = new Worker(new URL("./log_worker.ts", import.meta.url), { type: "module" });
 * const q = new PortQueue(worker);
 * getLogger().addHandler(new QueueHandler(q));
 * // ... at the end:
 * q.put_nowait(null);
 * await q.join();
 * worker.terminate();
 * ```
 */
export class PortQueue {
  /** The Worker or port records are posted to. */
  readonly port: MessagePortLike;
  /** The most unacknowledged records. */
  readonly maxsize: number;
  #posted = 0;
  #acked = 0;
  #dead: unknown = undefined;
  #joiners: (() => void)[] = [];
  readonly #onMessage = (event: PortEvent): void => {
    const data = event.data as Record<string, unknown> | null | undefined;
    if (data === null || typeof data !== "object" || data[TAG] !== "ack") return;
    this.#acked += Number(data.n) || 0;
    if (this.#acked >= this.#posted) this.#wake();
  };
  readonly #onError = (event: PortEvent): void => {
    event.preventDefault?.();
    const e = event.error;
    this.#dead = e instanceof Error ? e : new Error(String(e ?? event.message ?? "worker error"));
    this.#wake();
  };

  /** Creates the sending end over `port` (a Worker or a MessagePort). */
  constructor(port: MessagePortLike, options: PortQueueOptions = {}) {
    this.port = port;
    this.maxsize = options.maxsize ?? 10000;
    // Records are formatted on the other side of the port: they must carry their caller fields.
    addCallerConsumer(this);
    port.addEventListener("message", this.#onMessage);
    port.addEventListener("error", this.#onError);
  }

  /**
   * The number of records sent and not yet acknowledged by the receiving side.
   *
   * @example
   * ```ts
   * import { PortQueue } from "@pylog/logging";
   * const { port1 } = new MessageChannel();
   * new PortQueue(port1).qsize(); // 0
   * port1.close();
   * ```
   */
  qsize(): number {
    return this.#posted - this.#acked;
  }

  /**
   * Posts a record (or `null`, the listener's sentinel). Throws the worker's error once it died,
   * and {@linkcode QueueFull} when `maxsize` records are unacknowledged.
   *
   * @example
   * ```ts
   * import { makeLogRecord, PortQueue } from "@pylog/logging";
   * const { port1, port2 } = new MessageChannel();
   * new PortQueue(port1).put_nowait(makeLogRecord({ msg: "x" }));
   * port1.close();
   * port2.close();
   * ```
   */
  put_nowait(item: unknown): void {
    if (this.#dead !== undefined) {
      throw new Error("the queue's worker died", { cause: this.#dead });
    }
    if (this.qsize() >= this.maxsize) {
      throw new QueueFull(
        `${this.qsize()} records sent and not processed by the receiving side`,
      );
    }
    if (item === null || item === undefined) {
      this.port.postMessage({ [TAG]: "sentinel" });
    } else {
      const dict = item instanceof LogRecord
        ? recordToMessage(item)
        : flatten({ msg: item } as Record<string, unknown>);
      try {
        this.port.postMessage({ [TAG]: "record", record: dict });
      } catch {
        this.port.postMessage({ [TAG]: "record", record: flatten(dict) });
      }
    }
    this.#posted++;
  }

  /**
   * Resolves when every record sent was processed by the receiving side, or the worker died.
   *
   * @example
   * ```ts
   * import { PortQueue } from "@pylog/logging";
   * const { port1 } = new MessageChannel();
   * await new PortQueue(port1).join(); // nothing sent: resolves at once
   * port1.close();
   * ```
   */
  join(): Promise<void> {
    if (this.#acked >= this.#posted || this.#dead !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.#joiners.push(resolve));
  }

  /**
   * Stops listening to the port (the Worker itself is left to its owner).
   *
   * @example
   * ```ts
   * import { PortQueue } from "@pylog/logging";
   * const { port1 } = new MessageChannel();
   * new PortQueue(port1).close();
   * port1.close();
   * ```
   */
  close(): void {
    this.port.removeEventListener("message", this.#onMessage);
    this.port.removeEventListener("error", this.#onError);
    this.#wake();
  }

  #wake(): void {
    const joiners = this.#joiners;
    this.#joiners = [];
    for (const j of joiners) j();
  }
}

/**
 * The receiving end of a {@linkcode PortQueue}, inside the Worker (over its `self`) or on the
 * other end of a `MessagePort`: a {@linkcode Queue} of records rebuilt with `makeLogRecord`, to
 * run a {@linkcode QueueListener} on. Each `task_done()` is acknowledged to the sending side.
 *
 * @example
 * ```ts
 * // log_worker.ts
 * import { FileHandler, PortQueueReceiver, QueueListener } from "@pylog/logging";
 * const q = new PortQueueReceiver(self as unknown as MessagePort);
 * new QueueListener(q, new FileHandler("app.log")).start();
 * ```
 */
export class PortQueueReceiver extends Queue<LogRecord | null> {
  /** The port records arrive on. */
  readonly port: MessagePortLike;
  #pendingAcks = 0;
  #ackScheduled = false;
  readonly #sendAcks = (): void => {
    this.#ackScheduled = false;
    const n = this.#pendingAcks;
    this.#pendingAcks = 0;
    if (n > 0) {
      try {
        this.port.postMessage({ [TAG]: "ack", n });
      } catch {
        // The sending side is gone: nobody is waiting for the acknowledgement.
      }
    }
  };
  readonly #onMessage = (event: PortEvent): void => {
    const data = event.data as Record<string, unknown> | null | undefined;
    if (data === null || typeof data !== "object") return;
    if (data[TAG] === "record") {
      this.put_nowait(makeLogRecord(data.record as Record<string, unknown>));
    } else if (data[TAG] === "sentinel") this.put_nowait(null);
  };

  /** Creates the receiving end over `port` (the worker's `self`, or a MessagePort). */
  constructor(port: MessagePortLike) {
    super(0);
    this.port = port;
    port.addEventListener("message", this.#onMessage);
    (port as { start?: () => void }).start?.();
  }

  /**
   * Marks a record as processed and acknowledges it to the sending side (acknowledgements are
   * batched per microtask).
   *
   * @example
   * ```ts
   * import { PortQueueReceiver } from "@pylog/logging";
   * const { port1, port2 } = new MessageChannel();
   * const q = new PortQueueReceiver(port2);
   * q.put_nowait(null);
   * q.get_nowait();
   * q.task_done();
   * port1.close();
   * port2.close();
   * ```
   */
  override task_done(): void {
    super.task_done();
    this.#pendingAcks++;
    if (!this.#ackScheduled) {
      this.#ackScheduled = true;
      queueMicrotask(this.#sendAcks);
    }
  }

  /**
   * Stops listening to the port.
   *
   * @example
   * ```ts
   * import { PortQueueReceiver } from "@pylog/logging";
   * const { port1, port2 } = new MessageChannel();
   * new PortQueueReceiver(port2).close();
   * port1.close();
   * port2.close();
   * ```
   */
  close(): void {
    this.port.removeEventListener("message", this.#onMessage);
  }
}
