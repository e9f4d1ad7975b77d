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
 * An unref'd timer of `ms` that counts only time the event loop was free: when it fires late
 * (a long synchronous burst of logging held the loop), it waits `ms` once more before `fn` runs,
 * so that I/O finished meanwhile (a connection made, writes delivered) is seen first. A timeout
 * then never fires merely because the program was busy logging.
 */
export function patientTimeout(fn: () => void, ms: number): PatientTimer {
  const t: PatientTimer = { id: null };
  let armedAt = Date.now();
  let rearmed = false;
  const fire = (): void => {
    const late = Date.now() - armedAt - ms;
    if (!rearmed && late > Math.max(50, ms / 4)) {
      rearmed = true;
      armedAt = Date.now();
      t.id = setTimeout(fire, ms);
      unrefTimer(t.id);
      return;
    }
    fn();
  };
  t.id = setTimeout(fire, ms);
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
