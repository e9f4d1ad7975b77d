/**
 * Listening to the two kinds of message ports a {@linkcode PortQueue} may be handed: a web
 * `Worker` or `MessagePort` (an `EventTarget`: Deno, Bun, browsers, workerd, and Node's
 * `worker_threads` `parentPort`), and Node's `worker_threads` `Worker`, which is an
 * `EventEmitter` (no `addEventListener`; Node 24 has no global web `Worker`).
 *
 * ```ts
 * import { PortQueue } from "@pylog/logging";
 * const { port1 } = new MessageChannel();
 * new PortQueue(port1).close(); // an EventTarget; Node's worker_threads Worker works the same way
 * port1.close();
 * ```
 *
 * @module
 */

import type { MessagePortLike, PortEvent } from "./queue.ts";

/**
 * Node's `worker_threads` `Worker` (an `EventEmitter`), as a {@linkcode PortQueue} uses it: its
 * `message` listeners receive the message itself and its `error` listeners the worker's uncaught
 * error.
 *
 * @example
 * ```ts
 * import { type EmitterPortLike, PortQueue } from "@pylog/logging";
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
