/**
 * What the network handlers (socket, syslog, SMTP) share: the subset of `node:net` and `node:dgram`
 * they use, reached lazily (`process.getBuiltinModule`) so that importing them is safe on edge
 * runtimes, and their timer and error helpers.
 *
 * @module
 */

import { osErrorFrom } from "../../py/errors.ts";

/**
 * The subset of a `node:net` socket the handlers use (what `makeSocket` returns).
 *
 * @example
 * ```ts
 * import type { NetSocket } from "@pylog/logging/handlers";
 * const bytesQueued = (s: NetSocket): number => s.writableLength;
 * ```
 */
export interface NetSocket {
  /** Queues bytes; `cb` runs once they are handed to the system. */
  write(data: Uint8Array | string, cb?: (err?: Error | null) => void): boolean;
  /** Half-closes after what is queued. */
  end(cb?: () => void): unknown;
  /** Closes at once. */
  destroy(error?: Error): unknown;
  /** Keeps the process alive while the socket is open. */
  ref(): unknown;
  /** Lets the process end while the socket is open. */
  unref(): unknown;
  /** Adds an event listener (`connect`, `data`, `end`, `error`, `close`...). */
  on(event: string, listener: (...args: never[]) => void): unknown;
  /** Adds a one-time event listener. */
  once(event: string, listener: (...args: never[]) => void): unknown;
  /** Removes listeners. */
  removeAllListeners(event?: string): unknown;
  /** Bytes queued and not yet handed to the system. */
  readonly writableLength: number;
  /** True once destroyed. */
  readonly destroyed: boolean;
  /** Disables Nagle's algorithm. */
  setNoDelay?(noDelay?: boolean): unknown;
}

/** The subset of `node:net` the handlers use. */
export interface NodeNet {
  createConnection(options: { host?: string; port?: number; path?: string }): NetSocket;
}

/**
 * The subset of a `node:dgram` socket {@linkcode DatagramHandler} uses.
 *
 * @example
 * ```ts
 * import type { DgramSocket } from "@pylog/logging/handlers";
 * const stop = (s: DgramSocket): void => s.close();
 * ```
 */
export interface DgramSocket {
  /** Sends one datagram; `cb` runs once it was sent (or failed). */
  send(
    msg: Uint8Array,
    port: number,
    address: string,
    cb: (err: Error | null) => void,
  ): void;
  /** Closes the socket. */
  close(cb?: () => void): void;
  /** Lets the process end while the socket is open. */
  unref(): unknown;
  /** Keeps the process alive while the socket is open. */
  ref(): unknown;
  /** Adds an event listener. */
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** The subset of `node:dgram` the handlers use. */
export interface NodeDgram {
  createSocket(type: "udp4" | "udp6"): DgramSocket;
}

/** Calls `unref()` on a timer handle (Node/Bun objects, Deno numbers through `Deno.unrefTimer`). */
export function unrefTimer(t: unknown): void {
  if (t !== null && typeof t === "object" && "unref" in t) {
    (t as { unref(): void }).unref();
    return;
  }
  const d = (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno;
  if (typeof t === "number") d?.unrefTimer?.(t);
}

/** A timer started by {@linkcode patientTimeout}, for {@linkcode clearPatientTimeout}. */
export interface PatientTimer {
  /** The runtime's current timer. */
  id: unknown;
}

/**
 * An unref'd timeout of `ms` that counts only time the event loop was free: it ticks every
 * `min(ms, 250)` ms and counts a tick only when it came on time; a late tick means synchronous work
 * held the loop (a burst of logging), and that time is not counted. So I/O that completes while
 * the loop is free (a connection made, writes delivered) is always seen before `fn` runs, and a
 * timeout never fires merely because the program was busy. (A single timer checked for lateness
 * was not enough: a burst shorter than `ms` let it fire on time while the connection made during
 * the burst still waited in the same turn.)
 */
export function patientTimeout(fn: () => void, ms: number): PatientTimer {
  const t: PatientTimer = { id: null };
  const step = Math.max(1, Math.min(ms, 250));
  let free = 0;
  let last = Date.now();
  const tick = (): void => {
    const now = Date.now();
    const elapsed = now - last;
    last = now;
    if (elapsed <= step * 1.5 + 20) free += elapsed;
    if (free >= ms) {
      fn();
      return;
    }
    t.id = setTimeout(tick, step);
    unrefTimer(t.id);
  };
  t.id = setTimeout(tick, step);
  unrefTimer(t.id);
  return t;
}

/** Cancels a {@linkcode patientTimeout}. */
export function clearPatientTimeout(t: PatientTimer | null): void {
  if (t !== null) clearTimeout(t.id as ReturnType<typeof setTimeout>);
}

/** Python's `TimeoutError: timed out` (what a socket with a timeout raises). */
export function timedOut(): Error {
  const e = new Error("timed out");
  e.name = "TimeoutError";
  return e;
}

/** A network error as Python's `OSError` subclass (`ConnectionRefusedError: [Errno 111] ...`). */
export function netError(error: unknown): Error {
  if (error instanceof Error && error.name === "TimeoutError") return error;
  return osErrorFrom(error, null);
}

// ---------------------------------------------------------------------------------------------
// SocketHandler
// ---------------------------------------------------------------------------------------------
