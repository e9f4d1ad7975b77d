/**
 * `dictConfig`'s queue handlers, as CPython 3.12 and 3.13 configure them: a `QueueHandler` entry
 * may name the `handlers` its listener feeds, the `queue` (a queue object, a dotted name of a
 * queue factory, or a `()` factory dictionary), the `listener` class (a `QueueListener` subclass,
 * its dotted name, or a `()` factory dictionary) and `respect_handler_level`. The handler gets a
 * listener as `handler.listener`, not started (call `handler.listener.start()`), and each bad
 * specification raises CPython's `TypeError` text (`Invalid queue specifier 5`).
 *
 * Internal: `dict_config.ts` calls these.
 *
 * @module
 */

import { ValueError } from "../py/errors.ts";
import { Handler } from "../handlers/handler.ts";
import { Queue } from "../py/queue.ts";
import { QueueListener } from "../handlers/queue/queue.ts";
import { isPlainObject } from "../py/repr.ts";
import { callWithKwargs, isClass } from "./resolve.ts";

type Dict = Record<string, unknown>;

/** What the queue specifications need from the configurator. */
export interface QueueConfigurator {
  /** The working configuration (its `handlers` section is read). */
  config: Dict;
  /** Python's `resolve` (a dotted name to an object). */
  resolve(s: string): unknown;
  /** Python's `configure_custom` (a `()` factory dictionary to its result). */
  configure_custom(config: Dict): unknown;
  /** Python's converting `d[key]`. */
  get(d: unknown, key: string | number): unknown;
}

/** The methods CPython 3.13's `_is_queue_like_object` asks a queue for. */
const QUEUE_API = [
  "empty",
  "full",
  "get",
  "get_nowait",
  "put",
  "put_nowait",
  "join",
  "qsize",
  "task_done",
];

/** CPython's `_is_queue_like_object`: a `Queue`, or anything with the whole queue API. */
export function isQueueLike(obj: unknown): boolean {
  if (obj instanceof Queue) return true;
  if (obj === null || (typeof obj !== "object" && typeof obj !== "function")) return false;
  return QUEUE_API.every((m) => typeof (obj as Dict)[m] === "function");
}

function isListenerClass(c: unknown): boolean {
  return typeof c === "function" && (c === QueueListener || c.prototype instanceof QueueListener);
}

/**
 * The `QueueHandler` part of CPython's `configure_handler`: replaces `queue`, `listener` and
 * `handlers` in `config` (a copy of the handler's entry) with the objects they specify.
 * `repr` is Python's `%r` of a configuration value.
 */
export function resolveQueueSpecs(
  cfg: QueueConfigurator,
  config: Dict,
  repr: (v: unknown) => string,
): void {
  if ("queue" in config) {
    const qspec = cfg.get(config, "queue");
    if (typeof qspec === "string") {
      const q = cfg.resolve(qspec);
      if (typeof q !== "function") throw new TypeError(`Invalid queue specifier ${repr(qspec)}`);
      config.queue = callWithKwargs(q, {});
    } else if (isPlainObject(qspec)) {
      if (!("()" in qspec)) throw new TypeError(`Invalid queue specifier ${repr(qspec)}`);
      config.queue = cfg.configure_custom({ ...qspec });
    } else if (!isQueueLike(qspec)) {
      throw new TypeError(`Invalid queue specifier ${repr(qspec)}`);
    }
  }
  if ("listener" in config) {
    const lspec = cfg.get(config, "listener");
    if (isClass(lspec)) {
      if (!isListenerClass(lspec)) {
        throw new TypeError(`Invalid listener specifier ${repr(lspec)}`);
      }
    } else {
      let listener: unknown;
      if (typeof lspec === "string") {
        listener = cfg.resolve(lspec);
        if (isClass(listener) && !isListenerClass(listener)) {
          throw new TypeError(`Invalid listener specifier ${repr(lspec)}`);
        }
      } else if (isPlainObject(lspec)) {
        if (!("()" in lspec)) throw new TypeError(`Invalid listener specifier ${repr(lspec)}`);
        listener = cfg.configure_custom({ ...lspec });
      } else {
        throw new TypeError(`Invalid listener specifier ${repr(lspec)}`);
      }
      if (typeof listener !== "function") {
        throw new TypeError(`Invalid listener specifier ${repr(lspec)}`);
      }
      config.listener = listener;
    }
  }
  if ("handlers" in config) {
    const hlist: Handler[] = [];
    let hn: unknown = undefined;
    try {
      const names = cfg.get(config, "handlers");
      const items = typeof names === "string" ? [...names] : names as Iterable<unknown>;
      for (hn of items) {
        const h = cfg.get(cfg.get(cfg.config, "handlers"), hn as string);
        if (!(h instanceof Handler)) {
          throw new TypeError(`Required handler ${repr(hn)} is not configured yet`);
        }
        hlist.push(h);
      }
    } catch (e) {
      throw new ValueError(`Unable to set required handler ${repr(hn)}`, { cause: e });
    }
    config.handlers = hlist;
  }
}

/**
 * CPython's `_configure_queue_handler`: builds the listener (`listener(queue, ...handlers,
 * { respect_handler_level })`, a `QueueListener` by default) over the queue (a new unbounded
 * `Queue` by default), then the handler over the same queue, and sets `handler.listener`.
 */
export function configureQueueHandler(klass: unknown, kwargs: Dict): Handler {
  const rest: Dict = { ...kwargs };
  const q = "queue" in rest ? rest.queue : new Queue();
  delete rest.queue;
  const rhl = "respect_handler_level" in rest ? rest.respect_handler_level : false;
  delete rest.respect_handler_level;
  const lklass = "listener" in rest ? rest.listener : QueueListener;
  delete rest.listener;
  const handlers = "handlers" in rest ? rest.handlers as Handler[] : [];
  delete rest.handlers;
  const args = [q, ...handlers, { respect_handler_level: rhl }];
  const listener = isClass(lklass)
    ? new lklass(...args)
    : (lklass as (...a: unknown[]) => unknown)(...args);
  const handler = callWithKwargs(klass, { queue: q, ...rest }) as Handler & { listener: unknown };
  handler.listener = listener;
  return handler;
}
