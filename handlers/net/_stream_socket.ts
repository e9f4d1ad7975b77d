/**
 * The stream-socket writer shared by `SocketHandler` and `SysLogHandler` (TCP or Unix stream): it
 * holds the records emitted while a connection is being made, writes them in order once it is up,
 * notices a peer that closed, reset or stopped reading, reports the first record lost in an outage
 * through the handler's `handleError`, and settles `flush()`/`close()` once everything queued has
 * been handed to the system (or lost). When to connect, how to bound what is held and what a
 * failed attempt means (Python's back-off) stay with each handler.
 *
 * Internal: not exported from `handlers/mod.ts`.
 *
 * @module
 */

import type { LogRecord } from "../../record.ts";
import {
  clearPatientTimeout,
  netError,
  type NetSocket,
  patientTimeout,
  type PatientTimer,
  timedOut,
  unrefTimer,
} from "./_transport.ts";

/** One chunk of bytes to write, and the record it came from (reported if it is lost). */
interface Chunk {
  data: Uint8Array;
  record: LogRecord | null;
}

/**
 * What a {@linkcode StreamSocketWriter} asks of the handler that owns it.
 *
 * @example
 * ```ts
 * import type { StreamSocketOwner } from "./_stream_socket.ts";
 * const owner: StreamSocketOwner = {
 *   timeout: () => 1,
 *   report: (record, error) => console.error(record.msg, error),
 * };
 * ```
 */
export interface StreamSocketOwner {
  /** Seconds to wait for a connection, for a stalled peer, and for a closing socket. */
  timeout(): number;
  /** Reports a lost record (the handler's `handleError`). */
  report(record: LogRecord, error: Error): void;
  /** When it answers true, losses are not reported (`SocketHandler.closeOnError`). */
  muted?(): boolean;
  /** Other work `flush()` must wait for (datagrams still being sent). */
  busy?(): boolean;
}

/**
 * A stream socket (`node:net`) written by a logging handler: chunks queued while connecting,
 * written in order once connected, a stall timer for a peer that stopped reading, the first loss
 * of an outage reported once, waiter-based {@linkcode StreamSocketWriter.flush} and
 * {@linkcode StreamSocketWriter.close}. A lost connection leaves `sock` `null`: the handler
 * connects again at the next record.
 *
 * @example
 * ```ts
 * import { StreamSocketWriter } from "./_stream_socket.ts";
 * const w = new StreamSocketWriter({ timeout: () => 1, report: () => {} });
 * await w.close();
 * ```
 */
export class StreamSocketWriter {
  /** The connected socket, or `null`. */
  sock: NetSocket | null = null;
  /** The last record emitted: the one reported when a connection is lost. */
  last: LogRecord | null = null;

  #owner: StreamSocketOwner;
  #connecting: NetSocket | null = null;
  /**
   * Chunks not yet handed to the socket, from `#head` on: those logged while connecting, and
   * those logged while the socket asks to wait for `drain` (its buffer is full). Writing only as
   * fast as the peer reads keeps the stall timer's measure of progress fine-grained.
   */
  #queue: Chunk[] = [];
  #head = 0;
  #queuedBytes = 0;
  /** True while the connected socket has asked to wait for `drain`. */
  #blocked = false;
  /** True once the current outage has been reported (reset by a connection or a delivery). */
  #reported = false;
  #stallTimer: PatientTimer | null = null;
  /** Writes handed to the system so far (the stall timer's measure of progress). */
  #delivered = 0;
  /** Chunks given to the socket whose write has not completed yet. */
  #unsent = 0;
  #waiters: (() => void)[] = [];

  /**
   * Creates the writer; nothing is connected until {@linkcode StreamSocketWriter.connect}.
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * const w = new StreamSocketWriter({ timeout: () => 5, report: () => {} });
   * ```
   */
  constructor(owner: StreamSocketOwner) {
    this.#owner = owner;
  }

  /**
   * True while a connection is being made.
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * new StreamSocketWriter({ timeout: () => 1, report: () => {} }).connecting; // false
   * ```
   */
  get connecting(): boolean {
    return this.#connecting !== null;
  }

  /**
   * Bytes held and not yet handed to the socket (while connecting, or waiting for `drain`).
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * new StreamSocketWriter({ timeout: () => 1, report: () => {} }).queuedBytes; // 0
   * ```
   */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /**
   * Records held and not yet handed to the system: queued while connecting, or written to a
   * socket whose peer has not taken them yet (what a `maxsize` bound counts).
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./stream_socket.ts";
   * new StreamSocketWriter({ timeout: () => 1, report: () => {} }).held; // 0
   * ```
   */
  get held(): number {
    return this.#queue.length - this.#head + this.#unsent;
  }

  /**
   * Waits for `sock` (connecting) to connect, within `timeout`. Once it is up, `connected` runs,
   * then what was queued is written. If it fails, `failed` runs, then what was queued is dropped
   * (the first of it reported).
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * const net = (globalThis as any).process.getBuiltinModule("node:net");
   * const w = new StreamSocketWriter({ timeout: () => 1, report: () => {} });
   * w.connect(net.createConnection({ host: "127.0.0.1", port: 9020 }));
   * await w.close();
   * ```
   */
  connect(sock: NetSocket, connected?: (sock: NetSocket) => void, failed?: () => void): void {
    this.#connecting = sock;
    sock.ref();
    const timer = patientTimeout(() => sock.destroy(timedOut()), this.#owner.timeout() * 1000);
    sock.once("connect", () => {
      clearPatientTimeout(timer);
      if (this.#connecting !== sock) return;
      this.#connecting = null;
      this.sock = sock;
      this.#reported = false;
      connected?.(sock);
      sock.on("data", () => {}); // the receiver sends nothing; keep the stream flowing
      sock.on("end", () => this.#lost(sock, null));
      sock.on("drain", () => {
        if (this.sock !== sock) return;
        this.#blocked = false;
        this.#pump(sock);
      });
      this.#blocked = false;
      this.#pump(sock);
      this.#idleCheck(sock);
    });
    sock.on("error", (error: Error) => {
      clearPatientTimeout(timer);
      if (this.#connecting === sock) {
        this.#connecting = null;
        sock.destroy();
        failed?.();
        this.dropQueue(error);
      } else this.#lost(sock, error);
    });
    sock.on("close", () => {
      clearPatientTimeout(timer);
      if (this.#connecting === sock) {
        this.#connecting = null;
        failed?.();
        this.dropQueue(timedOut());
      } else this.#lost(sock, null);
    });
  }

  /**
   * Queues `data` while connecting, or writes it to the connected socket. The caller checks the
   * bound first ({@linkcode StreamSocketWriter.queuedBytes}, `sock.writableLength`).
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * const w = new StreamSocketWriter({ timeout: () => 1, report: () => {} });
   * if (w.connecting || w.sock) w.put(new Uint8Array([1]), null);
   * ```
   */
  put(data: Uint8Array, record: LogRecord | null): void {
    if (this.#connecting !== null || (this.sock !== null && this.#blocked)) {
      this.#queue.push({ data, record });
      this.#queuedBytes += data.length;
    } else if (this.sock !== null) this.#write(this.sock, { data, record });
  }

  /** Hands queued chunks to the socket until it asks to wait for `drain`. */
  #pump(sock: NetSocket): void {
    const queue = this.#queue;
    while (!this.#blocked && this.#head < queue.length && this.sock === sock) {
      const c = queue[this.#head];
      queue[this.#head++] = undefined as unknown as Chunk;
      this.#queuedBytes -= c.data.length;
      this.#write(sock, c);
    }
    if (this.#head >= queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head >= 4096) {
      this.#queue = queue.slice(this.#head);
      this.#head = 0;
    }
  }

  /**
   * Drops what is queued, reporting the first of it (once per outage), and settles waiters.
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * new StreamSocketWriter({ timeout: () => 1, report: () => {} }).dropQueue(new Error("refused"));
   * ```
   */
  dropQueue(error: unknown): void {
    const queue = this.#queue;
    const first = queue[this.#head]?.record ?? null;
    this.#queue = [];
    this.#head = 0;
    this.#queuedBytes = 0;
    this.lose(first, error);
    this.wake();
  }

  /**
   * Reports `record` as lost through the owner (as Python's `OSError`), only for the first loss
   * of an outage.
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * new StreamSocketWriter({ timeout: () => 1, report: () => {} }).lose(null, new Error("x"));
   * ```
   */
  lose(record: LogRecord | null, error: unknown): void {
    if (this.#reported || record === null || this.#owner.muted?.()) return;
    this.#reported = true;
    this.#owner.report(record, netError(error));
  }

  /**
   * Ends the outage: the next loss is reported again (a datagram got through).
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * new StreamSocketWriter({ timeout: () => 1, report: () => {} }).recovered();
   * ```
   */
  recovered(): void {
    this.#reported = false;
  }

  /**
   * Settles the `flush()` waiters once nothing is being connected, written or (`busy`) sent.
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * new StreamSocketWriter({ timeout: () => 1, report: () => {} }).wake();
   * ```
   */
  wake(): void {
    if (this.#connecting !== null || this.#owner.busy?.()) return;
    if (this.#head < this.#queue.length) return;
    if (this.sock !== null && this.sock.writableLength > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  /**
   * Resolves once every queued chunk has been handed to the system (or lost).
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * await new StreamSocketWriter({ timeout: () => 1, report: () => {} }).flush();
   * ```
   */
  flush(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.wake();
    });
  }

  /**
   * Half-closes the socket (after what it holds) and resolves once it is closed, or after
   * `timeout` (then destroys it). Call {@linkcode StreamSocketWriter.flush} first.
   *
   * @example
   * ```ts
   * import { StreamSocketWriter } from "./_stream_socket.ts";
   * await new StreamSocketWriter({ timeout: () => 1, report: () => {} }).close();
   * ```
   */
  async close(): Promise<void> {
    const sock = this.sock;
    this.sock = null;
    this.#clearStall();
    if (sock === null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        sock.destroy();
        resolve();
      }, this.#owner.timeout() * 1000);
      unrefTimer(timer);
      sock.removeAllListeners("end");
      sock.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      sock.end();
    });
  }

  /**
   * The connection went away: the peer closed it (`error` null: nothing known to be lost), reset
   * it, or stopped reading (what it had not received is lost: reported once).
   */
  #lost(sock: NetSocket, error: unknown): void {
    if (this.sock !== sock) return;
    this.sock = null;
    this.#unsent = 0;
    this.#blocked = false;
    this.#clearStall();
    sock.destroy();
    if (error !== null) this.lose(this.last, error);
    // Records not yet handed to the lost socket are lost with it (the next record reconnects).
    if (this.#head < this.#queue.length) {
      this.dropQueue(error ?? connectionClosed());
      return;
    }
    this.wake();
  }

  #write(sock: NetSocket, c: Chunk): void {
    sock.ref();
    this.#unsent++;
    const more = sock.write(c.data, () => {
      if (this.sock === sock && this.#unsent > 0) this.#unsent--;
      this.#delivered++;
      this.#idleCheck(sock);
    });
    if (more === false) this.#blocked = true;
    if (sock.writableLength > 0 && this.#stallTimer === null) {
      // Python's sendall raises a timeout when one record's send takes longer than `timeout`
      // (its whole duration, progress or not: checked with CPython 3.11). Records go out in
      // order here, so: stalled when no record's write was handed to the system within
      // `timeout` (counting writes, not the bytes still queued, which later records raise).
      let seen = this.#delivered;
      const check = (): void => {
        this.#stallTimer = null;
        if (this.sock !== sock || sock.writableLength === 0) return;
        if (this.#delivered !== seen) {
          seen = this.#delivered;
          this.#stallTimer = patientTimeout(check, this.#owner.timeout() * 1000);
          return;
        }
        this.#lost(sock, timedOut());
      };
      this.#stallTimer = patientTimeout(check, this.#owner.timeout() * 1000);
    }
  }

  #clearStall(): void {
    clearPatientTimeout(this.#stallTimer);
    this.#stallTimer = null;
  }

  #idleCheck(sock: NetSocket): void {
    if (
      sock.writableLength === 0 && this.#connecting === null && this.#head >= this.#queue.length
    ) {
      this.#clearStall();
      if (this.sock === sock) sock.unref();
      this.wake();
    }
  }
}

/** The peer closed the connection before it was sent what was queued for it. */
function connectionClosed(): Error {
  const e = new Error("the peer closed the connection; queued records not sent");
  e.name = "ConnectionResetError";
  return e;
}
