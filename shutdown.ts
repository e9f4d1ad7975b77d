/**
 * `shutdown()` and `flush()`: flush and close every handler ever created, newest first (Python's
 * `logging.shutdown`, which `atexit` runs). Registered to run at exit (see `exit.ts`); calling it by
 * hand works too, and its Promise settles when asynchronous streams have finished writing.
 *
 * @module
 */

import { OSError, ValueError } from "./py/errors.ts";
import { onCrash, onExit } from "./exit.ts";
import { type Handler, handlerRegistry } from "./handlers/handler.ts";
import { BufferingHandler } from "./handlers/queue/memory.ts";
import { flushAllSinksSync } from "./handlers/sink.ts";
import { state } from "./state.ts";

/** Python's `except (OSError, ValueError)` (subclasses included), plus the runtimes' I/O errors. */
function isExpected(error: unknown): boolean {
  return error instanceof OSError || error instanceof ValueError ||
    (error as { code?: unknown })?.code !== undefined;
}

/**
 * Flushes and closes every handler, newest first (or those of `handlerList`, last first, as
 * Python's `shutdown(handlerList)`). A handler whose `flushOnClose` is `false` (a `MemoryHandler`
 * told not to) is closed without `flush()`, as in CPython 3.13. Synchronous work
 * (stderr, stdout, files) is done before it returns; the Promise settles when handlers over
 * asynchronous `WritableStream`s are done. Errors other than Python's `OSError`/`ValueError` are
 * re-thrown while `raiseExceptions` is true.
 *
 * @param handlerList Handlers (or weak references to them), oldest first; default (or anything that
 *   is not an array, such as the exit code an event passes): every handler ever created (Python's
 *   `_handlerList`).
 * @example
 * ```ts
 * import { getLogger, shutdown } from "@pylog/logging";
 * getLogger("app").warning("bye");
 * await shutdown();
 * ```
 */
export function shutdown(
  handlerList?: readonly (Handler | WeakRef<Handler>)[],
): Promise<void> {
  const pending: Promise<unknown>[] = [];
  // Anything but an array (an exit code when passed as an event callback) means every handler.
  const list = Array.isArray(handlerList) ? handlerList : handlerRegistry().list;
  const error = shutdownHandlers(list, pending, true);
  flushAllSinksSync();
  if (error !== undefined) throw error.error;
  return Promise.all(pending).then(() => undefined);
}

/**
 * Python's `shutdown(handlerList)` loop, the one place handlers are flushed and closed in bulk
 * (at exit, and when a configuration replaces its handlers): last first, `flush()` unless
 * `flushOnClose` is false, then `close()`, each once. With `stopAtError`, the first error that is
 * not an `OSError`/`ValueError` ends the loop while `raiseExceptions` is true, as in Python, and is
 * returned; without, every handler is still flushed and closed and the first such error returned.
 * Asynchronous flushes and closes go into `pending`.
 */
export function shutdownHandlers(
  handlerList: readonly (Handler | WeakRef<Handler>)[],
  pending: Promise<unknown>[],
  stopAtError: boolean,
): { error: unknown } | undefined {
  let first: { error: unknown } | undefined;
  const list = [...handlerList];
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i];
    const h = typeof (item as WeakRef<Handler>).deref === "function"
      ? (item as WeakRef<Handler>).deref()
      : item as Handler;
    if (h === undefined || h === null) continue;
    try {
      const flushOnClose = (h as { flushOnClose?: unknown }).flushOnClose;
      const flushed = flushOnClose === undefined || flushOnClose ? h.flush() : undefined;
      if (flushed instanceof Promise) {
        pending.push(flushed.then(() => h.close()).catch(() => {}));
      } else {
        const closed = h.close();
        if (closed instanceof Promise) pending.push(closed.catch(() => {}));
      }
    } catch (error) {
      if (!isExpected(error) && state.raiseExceptions) {
        first ??= { error };
        if (stopAtError) break;
      }
    }
  }
  return first;
}

/**
 * Flushes every handler without closing it; the Promise settles when asynchronous streams are
 * written. Edge functions hand it to `waitUntil`. Buffering handlers (`MemoryHandler`) keep their
 * records until their own trigger.
 *
 * @example
 * ```ts
 * import { flush, getLogger } from "@pylog/logging";
 * getLogger("edge").warning("request done");
 * await flush(); // or ctx.waitUntil(flush())
 * ```
 */
export function flush(): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (const ref of handlerRegistry().list) {
    const h = ref.deref();
    // A MemoryHandler's buffer is not output waiting to be written but context kept until its
    // trigger: flushing it would defeat it (Python has no global flush to compare with).
    if (h === undefined || h instanceof BufferingHandler) continue;
    try {
      const flushed = h.flush();
      if (flushed instanceof Promise) pending.push(flushed.catch(() => {}));
    } catch {
      // A failing flush must not stop the others.
    }
  }
  flushAllSinksSync();
  return Promise.all(pending).then(() => undefined);
}

/** At exit: the synchronous part of shutdown; nothing may throw from here. */
function shutdownAtExit(): void {
  try {
    void shutdown().catch(() => {});
  } catch {
    // Exit hooks must not throw.
  }
  flushAllSinksSync();
}

onExit(shutdownAtExit);
onCrash(flushAllSinksSync);
