/**
 * Python's `queue` module: {@linkcode Queue} with `queue.Queue`'s API (`put_nowait`, `get`,
 * `task_done`, `join`...) where the blocking calls return Promises, and its `Empty`/`Full`
 * exceptions ({@linkcode QueueEmpty}, {@linkcode QueueFull}). `QueueHandler`/`QueueListener` run on
 * it (handlers/queue/queue.ts).
 *
 * @module
 */

import { ValueError } from "./errors.ts";

/**
 * Python's `queue.Empty`: `get(false)` / `get_nowait()` on an empty queue, or a `get` whose timeout
 * ran out.
 *
 * @example
 * ```ts
 * import { Queue, QueueEmpty } from "@pylog/logging/handlers";
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
 * import { Queue, QueueFull } from "@pylog/logging/handlers";
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
 * import { Queue } from "@pylog/logging/handlers";
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
   * import { Queue } from "@pylog/logging/handlers";
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
   * import { Queue } from "@pylog/logging/handlers";
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
   * import { Queue } from "@pylog/logging/handlers";
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
   * import { Queue } from "@pylog/logging/handlers";
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
   * import { Queue } from "@pylog/logging/handlers";
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
   * import { Queue } from "@pylog/logging/handlers";
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
   * import { Queue } from "@pylog/logging/handlers";
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
   * import { Queue } from "@pylog/logging/handlers";
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
   * import { Queue } from "@pylog/logging/handlers";
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
