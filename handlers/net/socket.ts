/**
 * `SocketHandler` (TCP or Unix stream) and `DatagramHandler` (UDP), as Python's
 * `logging.handlers`: each record travels as a 4-byte big-endian length followed by the pickle
 * (protocol 1) of the record's attribute dictionary, so the receivers written for Python (the
 * logging cookbook's `LogRecordSocketReceiver`) receive them unchanged.
 *
 * `emit` is synchronous, sockets are not: records are queued in order and written as soon as the
 * connection is up. Every record is held until the peer takes it (CPython blocks in `sendall`),
 * unless a `maxsize` bound (in records) is given; while the peer is unreachable (Python's
 * reconnect back-off), records are dropped. The first record lost in an outage is reported through `handleError`; the
 * others are dropped silently until a connection succeeds again.
 *
 * Sockets are reached lazily (`node:net`, `node:dgram` through `process.getBuiltinModule`), so
 * importing this module is safe on edge runtimes. A socket keeps the process alive only while it
 * has data to deliver (bounded by `timeout`); idle sockets are unref'd.
 *
 * @module
 */

import { addCallerConsumer } from "../../caller.ts";
import type { LogRecord } from "../../record.ts";
import { Handler } from "../handler.ts";
import { pickleDumps, PyFloat } from "../../py/pickle.ts";
import { StreamSocketWriter } from "./_stream_socket.ts";
import {
  type DgramSocket,
  netError,
  type NetSocket,
  type NodeDgram,
  type NodeNet,
} from "./_transport.ts";
import { nodeBuiltin } from "../../runtime.ts";

export type { DgramSocket, NetSocket };

/**
 * Kept for compatibility: the socket handlers no longer drop past this many bytes. By default
 * they hold every record until the peer takes it (CPython blocks in `sendall`); a bound is opt-in,
 * in records, with the `maxsize` option.
 */
export const SOCKET_BUFFER_LIMIT: number = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Lazy access to node:net and node:dgram
// ---------------------------------------------------------------------------------------------

/** Options of {@linkcode SocketHandler} and {@linkcode DatagramHandler} beyond Python's. */
export interface SocketHandlerOptions {
  /**
   * The clock of the reconnect back-off, in seconds since the epoch (Python's `time.time`); tests
   * inject their own.
   */
  clock?: () => number;
  /**
   * Seconds to wait for a connection, and for a peer that stopped reading (Python's
   * `makeSocket(timeout=1)`). Default 1.
   */
  timeout?: number;
  /**
   * The most records held while connecting or while the peer is slower than the program
   * (Python's `queue.Queue(maxsize)`). `0`, the default, holds every record until the peer takes
   * it or the connection is lost; past a bound, records are dropped and the first loss reported.
   */
  maxsize?: number;
}

interface Pending {
  data: Uint8Array;
  record: LogRecord;
}

/**
 * Sends pickled records to a TCP socket (or a Unix stream socket when `port` is `null`), as
 * Python's `logging.handlers.SocketHandler`, with its exponential reconnect back-off
 * (`retryStart` 1 s, doubled by `retryFactor` up to `retryMax` 30 s).
 *
 * Differences: records emitted while the connection is being made or while the peer is
 * slower are queued (without bound unless `maxsize` is given) instead of blocking; a lost connection is noticed when the
 * peer closes it, not only at the next failed send; the first record lost in an outage is
 * reported through `handleError` (Python drops them silently). `close()` returns a Promise that
 * settles once queued records are written.
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { SocketHandler } from "@pylog/logging/handlers";
 * const h = new SocketHandler("127.0.0.1", 9020); // logging.handlers.DEFAULT_TCP_LOGGING_PORT
 * getLogger().addHandler(h);
 * getLogger("app").warning("sent to the receiver");
 * await h.close();
 * ```
 */
export class SocketHandler extends Handler {
  /** The host (or the Unix socket path when `port` is `null`). */
  host: string;
  /** The port, or `null` for a Unix socket. */
  port: number | null;
  /** `[host, port]`, or the path. */
  address: string | readonly [string, number];
  /** When true, an error closes the socket silently instead of being reported (Python's flag). */
  closeOnError = false;
  /** When the next connection attempt may be made (seconds since the epoch), or `null`. */
  retryTime: number | null = null;
  /** The current back-off period in seconds. */
  retryPeriod = 0;
  /** The first back-off period in seconds. */
  retryStart = 1.0;
  /** The longest back-off period in seconds. */
  retryMax = 30.0;
  /** The factor applied to the back-off period after each failed attempt. */
  retryFactor = 2.0;
  /** Seconds to wait for a connection or for a stalled peer. */
  timeout: number;
  /** The back-off clock, in seconds since the epoch. */
  clock: () => number;
  /** The most records held (`0`: no bound, the default). */
  maxsize: number;

  #w: StreamSocketWriter = new StreamSocketWriter({
    timeout: () => this.timeout,
    report: (record, error) => this.handleError(record, error),
    muted: () => this.closeOnError,
  });

  /**
   * Creates the handler; nothing is connected until the first record.
   *
   * @example
   * ```ts
   * import { SocketHandler } from "@pylog/logging/handlers";
   * const h = new SocketHandler("localhost", 9020);
   * ```
   */
  constructor(host: string, port: number | null, options: SocketHandlerOptions = {}) {
    super();
    this.host = host;
    this.port = port;
    this.address = port === null ? host : [host, port];
    this.clock = options.clock ?? (() => Date.now() / 1000);
    this.timeout = options.timeout ?? 1;
    this.maxsize = options.maxsize ?? 0;
    // The receiving program formats these records: they must carry their caller fields.
    addCallerConsumer(this);
  }

  /**
   * The connected socket, or `null`.
   *
   * @example
   * ```ts
   * import { SocketHandler } from "@pylog/logging/handlers";
   * new SocketHandler("127.0.0.1", 9020).sock; // null until connected
   * ```
   */
  get sock(): NetSocket | null {
    return this.#w.sock;
  }
  set sock(sock: NetSocket | null) {
    this.#w.sock = sock;
  }

  /**
   * Starts a connection and returns its socket (a `node:net` socket, connecting). Subclasses may
   * override it, as in Python.
   *
   * @example
   * ```ts
   * import { SocketHandler } from "@pylog/logging/handlers";
   * class Local extends SocketHandler {
   *   override makeSocket(): ReturnType<SocketHandler["makeSocket"]> {
   *     return super.makeSocket();
   *   }
   * }
   * ```
   */
  makeSocket(): NetSocket {
    const net = nodeBuiltin<NodeNet>("node:net");
    return this.port === null
      ? net.createConnection({ path: this.host })
      : net.createConnection({ host: this.host, port: this.port });
  }

  /**
   * Tries to connect, honouring the back-off: does nothing before `retryTime`. Python's
   * `createSocket`; here the connection completes asynchronously.
   *
   * @example
   * ```ts
   * import { SocketHandler } from "@pylog/logging/handlers";
   * const h = new SocketHandler("127.0.0.1", 9020);
   * h.createSocket();
   * await h.close();
   * ```
   */
  createSocket(): void {
    if (this.sock !== null || this.#w.connecting) return;
    const now = this.clock();
    if (this.retryTime !== null && now < this.retryTime) return;
    let sock: NetSocket;
    try {
      sock = this.makeSocket();
    } catch (error) {
      this.#backOff(now);
      this.#w.dropQueue(error);
      return;
    }
    this.#w.connect(sock, (sock) => {
      this.retryTime = null;
      sock.setNoDelay?.(true);
    }, () => this.#backOff(now));
  }

  /** Python's back-off after a failed attempt (the writer drops the queued records). */
  #backOff(now: number): void {
    if (this.retryTime === null) this.retryPeriod = this.retryStart;
    else {
      this.retryPeriod = this.retryPeriod * this.retryFactor;
      if (this.retryPeriod > this.retryMax) this.retryPeriod = this.retryMax;
    }
    this.retryTime = now + this.retryPeriod;
  }

  /**
   * Queues `data` (a length-prefixed pickle) for the socket, connecting first if needed; during
   * the back-off period the data is dropped, as in Python. Python's `send`.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { SocketHandler } from "@pylog/logging/handlers";
   * const h = new SocketHandler("127.0.0.1", 9020);
   * h.send(h.makePickle(makeLogRecord({ msg: "hi" })));
   * await h.close();
   * ```
   */
  send(data: Uint8Array, record?: LogRecord): void {
    const w = this.#w;
    const rec = record ?? w.last;
    if (this.sock === null) this.createSocket();
    if (this.maxsize > 0 && w.held >= this.maxsize) return w.lose(rec, bufferFull(this.maxsize));
    if (w.connecting) return w.put(data, rec);
    const sock = this.sock;
    if (sock === null) {
      // Waiting for retryTime: Python drops the record.
      return w.lose(rec, refusedNow());
    }
    w.put(data, rec);
  }

  /**
   * Returns the length-prefixed pickle of the record's attributes, as Python's `makePickle`: `msg`
   * is the merged message, `args` and `exc_info` are `None`, `exc_text` holds the formatted
   * exception, `message` is left out.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { SocketHandler } from "@pylog/logging/handlers";
   * const h = new SocketHandler("127.0.0.1", 9020);
   * const bytes = h.makePickle(makeLogRecord({ msg: "%d items", args: [3] }));
   * ```
   */
  makePickle(record: LogRecord): Uint8Array {
    if (record.exc_info) this.format(record); // to get the traceback text into exc_text
    const d = record.toDict();
    d.msg = record.getMessage();
    d.args = null;
    d.exc_info = null;
    delete d.message;
    for (const key of FLOAT_FIELDS) {
      if (typeof d[key] === "number") d[key] = new PyFloat(d[key] as number);
    }
    const s = pickleDumps(d);
    const out = new Uint8Array(4 + s.length);
    new DataView(out.buffer).setUint32(0, s.length, false);
    out.set(s, 4);
    return out;
  }

  /**
   * As Python's: with `closeOnError` set, closes the socket silently (the next record reconnects);
   * otherwise reports as `Handler.handleError`.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { SocketHandler } from "@pylog/logging/handlers";
   * const h = new SocketHandler("127.0.0.1", 9020);
   * h.closeOnError = true;
   * h.handleError(makeLogRecord({ msg: "x" }), new Error("reset"));
   * ```
   */
  override handleError(record: LogRecord, error?: unknown): void {
    if (this.closeOnError && this.sock) {
      const sock = this.sock;
      this.sock = null;
      sock.destroy();
    } else super.handleError(record, error);
  }

  /**
   * Pickles the record and sends it; errors go to `handleError`.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { SocketHandler } from "@pylog/logging/handlers";
   * const h = new SocketHandler("127.0.0.1", 9020);
   * h.emit(makeLogRecord({ msg: "hi" }));
   * await h.close();
   * ```
   */
  override emit(record: LogRecord): void {
    try {
      const s = this.makePickle(record);
      this.#w.last = record;
      this.send(s, record);
    } catch (error) {
      this.handleError(record, error);
    }
  }

  /**
   * Resolves once every queued record has been handed to the system (or lost).
   *
   * @example
   * ```ts
   * import { SocketHandler } from "@pylog/logging/handlers";
   * await new SocketHandler("127.0.0.1", 9020).flush();
   * ```
   */
  override flush(): Promise<void> {
    return this.#w.flush();
  }

  /**
   * Writes what is queued, then closes the socket; the Promise settles when it is closed.
   *
   * @example
   * ```ts
   * import { SocketHandler } from "@pylog/logging/handlers";
   * await new SocketHandler("127.0.0.1", 9020).close();
   * ```
   */
  override async close(): Promise<void> {
    super.close();
    await this.flush();
    await this.#w.close();
  }
}

const FLOAT_FIELDS = ["created", "msecs", "relativeCreated"];

function bufferFull(maxsize: number): Error {
  const e = new Error(
    `socket queue full (maxsize ${maxsize} records): the peer is slower; record dropped`,
  );
  e.name = "OSError";
  return e;
}

function refusedNow(): Error {
  const e = new Error("not connected (waiting before the next connection attempt); record dropped");
  e.name = "OSError";
  return e;
}

// ---------------------------------------------------------------------------------------------
// DatagramHandler
// ---------------------------------------------------------------------------------------------

/**
 * Sends pickled records as UDP datagrams, as Python's `logging.handlers.DatagramHandler` (the same
 * bytes as `SocketHandler`, length prefix included). Datagrams are sent one at a time, in order.
 * Unix datagram sockets (`port` `null`) are not available in JavaScript runtimes: such a handler
 * reports `OSError` through `handleError`.
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { DatagramHandler } from "@pylog/logging/handlers";
 * const h = new DatagramHandler("127.0.0.1", 9021); // DEFAULT_UDP_LOGGING_PORT
 * getLogger().addHandler(h);
 * getLogger("app").info("one datagram per record");
 * await h.close();
 * ```
 */
export class DatagramHandler extends SocketHandler {
  /** The UDP socket, once created. */
  dgram: DgramSocket | null = null;
  #queue: Pending[] = [];
  #queuedBytes = 0;
  #sending = false;
  #reported = false;
  #waiters: (() => void)[] = [];

  /**
   * Creates the handler; the socket is created with the first record.
   *
   * @example
   * ```ts
   * import { DatagramHandler } from "@pylog/logging/handlers";
   * const h = new DatagramHandler("localhost", 9021);
   * ```
   */
  constructor(host: string, port: number | null, options: SocketHandlerOptions = {}) {
    super(host, port, options);
    this.closeOnError = false;
  }

  /**
   * Creates the UDP socket (Python's `makeSocket` for `SOCK_DGRAM`).
   *
   * @example
   * ```ts
   * import { DatagramHandler } from "@pylog/logging/handlers";
   * const h = new DatagramHandler("127.0.0.1", 9021);
   * h.makeDatagramSocket().close();
   * ```
   */
  makeDatagramSocket(): DgramSocket {
    if (this.port === null) {
      const e = new Error("Unix datagram sockets are not available in this runtime");
      e.name = "OSError";
      throw e;
    }
    const s = nodeBuiltin<NodeDgram>("node:dgram").createSocket(
      this.host.includes(":") ? "udp6" : "udp4",
    );
    s.on("error", () => {});
    s.unref();
    return s;
  }

  /**
   * Queues one datagram; datagrams are sent one at a time, each after the previous one's callback
   * (quick sends may be reordered otherwise).
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { DatagramHandler } from "@pylog/logging/handlers";
   * const h = new DatagramHandler("127.0.0.1", 9021);
   * h.send(h.makePickle(makeLogRecord({ msg: "hi" })));
   * await h.close();
   * ```
   */
  override send(data: Uint8Array, record?: LogRecord): void {
    if (this.dgram === null) this.dgram = this.makeDatagramSocket();
    const p = { data, record: record as LogRecord };
    if (this.maxsize > 0 && this.#queue.length >= this.maxsize) {
      if (!this.#reported && record) {
        this.#reported = true;
        this.handleError(record, bufferFull(this.maxsize));
      }
      return;
    }
    this.#queue.push(p);
    this.#queuedBytes += data.length;
    if (!this.#sending) this.#next();
  }

  #next(): void {
    const sock = this.dgram;
    const p = this.#queue.shift();
    if (p === undefined || sock === null) {
      this.#sending = false;
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const w of waiters) w();
      return;
    }
    this.#sending = true;
    this.#queuedBytes -= p.data.length;
    // No ref(): Deno's dgram socket stays referenced after ref() then unref(), and a pending send
    // completes without it anyway.
    try {
      sock.send(p.data, this.port as number, this.host, (err) => {
        if (err) this.#failed(p, err);
        else this.#reported = false;
        this.#next();
      });
    } catch (err) {
      this.#failed(p, err);
      queueMicrotask(() => this.#next());
    }
  }

  #failed(p: Pending, err: unknown): void {
    if (this.#reported || !p.record) return;
    this.#reported = true;
    this.handleError(p.record, netError(err));
  }

  /**
   * Resolves once every queued datagram has been sent.
   *
   * @example
   * ```ts
   * import { DatagramHandler } from "@pylog/logging/handlers";
   * await new DatagramHandler("127.0.0.1", 9021).flush();
   * ```
   */
  override flush(): Promise<void> {
    if (!this.#sending) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /**
   * Sends what is queued, then closes the socket.
   *
   * @example
   * ```ts
   * import { DatagramHandler } from "@pylog/logging/handlers";
   * await new DatagramHandler("127.0.0.1", 9021).close();
   * ```
   */
  override async close(): Promise<void> {
    Handler.prototype.close.call(this);
    await this.flush();
    const s = this.dgram;
    this.dgram = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
