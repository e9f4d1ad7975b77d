/**
 * A logging queue crossing into a `Worker` (or any `MessagePort`), so that formatting and writing
 * run off the main thread: {@linkcode PortQueue} (the sending end, a `QueueHandler`'s queue) and
 * {@linkcode PortQueueReceiver} (the receiving end, a `QueueListener`'s queue). Records travel as
 * structured-clone-safe plain objects (`record.toDict()`) and are rebuilt with `makeLogRecord` on
 * the other side. Python's counterpart is a `QueueHandler` on a `multiprocessing.Queue`.
 *
 * @module
 */

import { setOwn } from "../../own_keys.ts";
import { pyStr } from "../../py/repr.ts";
import { formatException } from "../../py/traceback.ts";
import { Queue, QueueFull } from "../../py/queue.ts";
import { LogRecord, makeLogRecord } from "../../record.ts";
import { addCallerConsumer } from "../../caller.ts";
import { flushAllSinksSync } from "../sink.ts";

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
 * import { makeLogRecord } from "@pylog/logging";
 * import { recordToMessage } from "./worker.ts";
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
   * The most records sent and not yet processed by the receiving side. `0`, the default, is no
   * bound, as Python's `queue.Queue()`; past a bound, `put_nowait` throws {@linkcode QueueFull}
   * (a stuck worker then costs bounded memory).
   */
  maxsize?: number;
}

/**
 * The sending end of a queue into a `Worker` (or over a `MessagePort`): `put_nowait` posts the
 * record as a plain object to a {@linkcode PortQueueReceiver} on the other side, which
 * acknowledges each record its listener processed.
 * - With `maxsize` > 0, at most `maxsize` records may be unacknowledged; past that, `put_nowait` throws
 *   {@linkcode QueueFull} (a worker that was terminated stops acknowledging).
 * - An `error` event from the Worker (an uncaught exception inside it) marks the queue dead: the
 *   error does not propagate to the main program, and every later `put_nowait` throws it.
 * - `put_nowait(null)` sends the sentinel that stops the listener; `join()` resolves when every
 *   record sent, sentinel included, was processed (or the worker died).
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { PortQueue, QueueHandler } from "@pylog/logging/handlers";
 * const worker = new Worker(new URL("./log_worker.ts", import.meta.url), { type: "module" });
 * const q = new PortQueue(worker);
 * getLogger().addHandler(new QueueHandler(q));
 * // ... at the end:
 * q.put_nowait(null);
 * await q.join();
 * worker.terminate();
 * ```
 *
 * On Node (no global `Worker`), hand it a `worker_threads` Worker; inside, the receiver listens on
 * `parentPort`:
 *
 * ```ts ignore
 * import { Worker } from "node:worker_threads";
 * const worker = new Worker(new URL("./log_worker.ts", import.meta.url));
 * getLogger().addHandler(new QueueHandler(new PortQueue(worker)));
 * // log_worker.ts: new PortQueueReceiver(parentPort!) (from "node:worker_threads")
 * ```
 */
export class PortQueue {
  /** The Worker or port records are posted to. */
  readonly port: MessagePortLike | EmitterPortLike;
  /** The most unacknowledged records (`0`: no bound, the default). */
  readonly maxsize: number;
  #posted = 0;
  #acked = 0;
  #dead: unknown = undefined;
  #joiners: (() => void)[] = [];
  readonly #unlisten: () => void;
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

  /**
   * Creates the sending end over `port`: a Worker or a MessagePort, or Node's `worker_threads`
   * Worker (an `EventEmitter`).
   */
  constructor(port: MessagePortLike | EmitterPortLike, options: PortQueueOptions = {}) {
    this.port = port;
    this.maxsize = options.maxsize ?? 0;
    // Records are formatted on the other side of the port: they must carry their caller fields.
    addCallerConsumer(this);
    this.#unlisten = listenPort(port, this.#onMessage, this.#onError);
  }

  /**
   * The number of records sent and not yet acknowledged by the receiving side.
   *
   * @example
   * ```ts
   * import { PortQueue } from "@pylog/logging/handlers";
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
   * import { makeLogRecord } from "@pylog/logging";
   * import { PortQueue } from "@pylog/logging/handlers";
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
    if (this.maxsize > 0 && this.qsize() >= this.maxsize) {
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
   * import { PortQueue } from "@pylog/logging/handlers";
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
   * import { PortQueue } from "@pylog/logging/handlers";
   * const { port1 } = new MessageChannel();
   * new PortQueue(port1).close();
   * port1.close();
   * ```
   */
  close(): void {
    this.#unlisten();
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
 * import { FileHandler } from "@pylog/logging";
 * import { PortQueueReceiver, QueueListener } from "@pylog/logging/handlers";
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
      // An acknowledged record is written (as CPython's task_done() follows the handler's write):
      // file sinks otherwise wait for the end of the turn, after the sender's join() settled.
      flushAllSinksSync();
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
   * import { PortQueueReceiver } from "@pylog/logging/handlers";
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
   * import { PortQueueReceiver } from "@pylog/logging/handlers";
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

// ---------------------------------------------------------------------------------------------
// Node's worker_threads ports (EventEmitters) beside web Workers and MessagePorts: a web `Worker`
// or `MessagePort` is an `EventTarget` (Deno, Bun, browsers, workerd, Node's `parentPort`); Node's
// `worker_threads` `Worker` is an `EventEmitter` (Node 24 has no global web `Worker`).
// ---------------------------------------------------------------------------------------------

/**
 * Node's `worker_threads` `Worker` (an `EventEmitter`), as a {@linkcode PortQueue} uses it: its
 * `message` listeners receive the message itself and its `error` listeners the worker's uncaught
 * error.
 *
 * @example
 * ```ts
 * import { type EmitterPortLike, PortQueue } from "@pylog/logging/handlers";
 * // Node: const { Worker } = await import("node:worker_threads");
 * // const worker: EmitterPortLike = new Worker(new URL("./log_worker.ts", import.meta.url));
 * // new PortQueue(worker);
 * ```
 */
export interface EmitterPortLike {
  /** Sends a structured-cloneable message. */
  postMessage(message: unknown): void;
  /** Listens for `message` and `error` events. */
  on(type: string, listener: (value: unknown) => void): unknown;
  /** Stops listening. */
  off(type: string, listener: (value: unknown) => void): unknown;
}

/**
 * Listens for `message` and `error` events on either kind of port, handing both listeners a
 * {@linkcode PortEvent}; returns the function that stops listening.
 */
export function listenPort(
  port: MessagePortLike | EmitterPortLike,
  onMessage: (event: PortEvent) => void,
  onError: (event: PortEvent) => void,
): () => void {
  const target = port as Partial<MessagePortLike>;
  if (typeof target.addEventListener === "function") {
    const t = port as MessagePortLike;
    t.addEventListener("message", onMessage);
    t.addEventListener("error", onError);
    return () => {
      t.removeEventListener("message", onMessage);
      t.removeEventListener("error", onError);
    };
  }
  const emitter = port as EmitterPortLike;
  const message = (data: unknown): void => onMessage({ data });
  const error = (e: unknown): void => onError({ error: e });
  emitter.on("message", message);
  emitter.on("error", error);
  return () => {
    emitter.off("message", message);
    emitter.off("error", error);
  };
}
