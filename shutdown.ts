/**
 * `shutdown()` and `flush()`: flush and close every handler ever created, newest first (Python's
 * `logging.shutdown`, which `atexit` runs). Registered to run at exit (see `exit.ts`); calling it by
 * hand works too, and its Promise settles when asynchronous streams have finished writing.
 *
 * @module
 */

import { OSError, ValueError } from "./py/errors.ts";
import { onCrash, onExit } from "./exit.ts";
import { handlerRegistry } from "./handlers/handler.ts";
import { BufferingHandler } from "./handlers/queue/memory.ts";
import { flushAllSinksSync } from "./handlers/sink.ts";
import { state } from "./state.ts";

/** Python's `except (OSError, ValueError)` (subclasses included), plus the runtimes' I/O errors. */
function isExpected(error: unknown): boolean {
  return error instanceof OSError || error instanceof ValueError ||
    (error as { code?: unknown })?.code !== undefined;
}

/**
 * Flushes and closes every handler, newest first. Synchronous work (stderr, stdout, files) is done
 * before it returns; the Promise settles when handlers over asynchronous `WritableStream`s are done.
 * Errors other than Python's `OSError`/`ValueError` are re-thrown while `raiseExceptions` is true.
 *
 * @example
 * ```ts
 * import { getLogger, shutdown } from "@pylog/logging";
 * getLogger("app").warning("bye");
 * await shutdown();
 * ```
 */
export function shutdown(): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const list = handlerRegistry().list;
  for (let i = list.length - 1; i >= 0; i--) {
    const h = list[i].deref();
    if (h === undefined) continue;
    try {
      const flushed = h.flush();
      if (flushed instanceof Promise) {
        pending.push(flushed.then(() => h.close()).catch(() => {}));
      } else {
        const closed = h.close();
        if (closed instanceof Promise) pending.push(closed.catch(() => {}));
      }
    } catch (error) {
      if (!isExpected(error) && state.raiseExceptions) throw error;
    }
  }
  flushAllSinksSync();
  return Promise.all(pending).then(() => undefined);
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
