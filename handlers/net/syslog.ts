/**
 * `SysLogHandler`, as Python's `logging.handlers.SysLogHandler`: each record is sent as
 * `<PRI>` + `ident` + the formatted message + NUL (`append_nul`), UTF-8 encoded, over UDP (the
 * default), TCP (no framing beyond the NUL, as Python) or a Unix stream socket.
 *
 * Unix datagram sockets (what `/dev/log` usually is) are not available in Deno, Bun or Node:
 * for a Unix path the handler uses a stream socket (Python's fallback when `socktype` is `None`);
 * `socktype: SOCK_DGRAM` with a path reports `OSError`.
 *
 * @module
 */

import { KeyError } from "../../py/errors.ts";
import type { LogRecord } from "../../record.ts";
import { Handler } from "../handler.ts";
import type { DgramSocket, NetSocket } from "./_transport.ts";
import { nodeBuiltin } from "../../runtime.ts";
import { StreamSocketWriter } from "./_stream_socket.ts";

/** Python's `socket.SOCK_STREAM` (TCP, or a Unix stream socket). */
export const SOCK_STREAM = 1;
/** Python's `socket.SOCK_DGRAM` (UDP). */
export const SOCK_DGRAM = 2;
/** Python's `logging.handlers.SYSLOG_UDP_PORT`. */
export const SYSLOG_UDP_PORT = 514;
/** Python's `logging.handlers.SYSLOG_TCP_PORT`. */
export const SYSLOG_TCP_PORT = 514;

/** Options of {@linkcode SysLogHandler}, Python's keyword arguments. */
export interface SysLogHandlerOptions {
  /** `[host, port]` (default `["localhost", 514]`) or a Unix socket path. */
  address?: readonly [string, number] | string;
  /** A facility number or name (default `LOG_USER`). */
  facility?: number | string;
  /** `SOCK_DGRAM` (UDP, the default for host addresses) or `SOCK_STREAM`. */
  socktype?: number | null;
  /** Seconds to wait for a stream connection or a stalled peer (default 5). */
  timeout?: number;
  /**
   * The most records held while connecting or while the daemon is slower than the program
   * (Python's `queue.Queue(maxsize)`). `0`, the default, holds every record until the daemon
   * takes it; past a bound, records are dropped and the first loss reported.
   */
  maxsize?: number;
}

const utf8 = new TextEncoder();

/**
 * Sends records to a syslog daemon, as Python's `logging.handlers.SysLogHandler`.
 *
 * Differences: a TCP or Unix connection is made asynchronously (a refused connection is reported
 * through `handleError` at the first record, not raised by the constructor), records are queued in
 * order while it is made (every one, unless a `maxsize` bound is given), a lost connection is
 * remade at the next record (Python's TCP socket stays broken), and the first record lost in an
 * outage is reported, the others dropped silently until the daemon is back. `close()` returns a
 * Promise.
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { SysLogHandler } from "@pylog/logging/handlers";
 * const h = new SysLogHandler({ address: ["127.0.0.1", 514], facility: "local0" });
 * h.ident = "myapp: ";
 * getLogger().addHandler(h);
 * getLogger("app").error("disk almost full");
 * await h.close();
 * ```
 */
export class SysLogHandler extends Handler {
  /** System is unusable. */
  static readonly LOG_EMERG = 0;
  /** Action must be taken immediately. */
  static readonly LOG_ALERT = 1;
  /** Critical conditions. */
  static readonly LOG_CRIT = 2;
  /** Error conditions. */
  static readonly LOG_ERR = 3;
  /** Warning conditions. */
  static readonly LOG_WARNING = 4;
  /** Normal but significant condition. */
  static readonly LOG_NOTICE = 5;
  /** Informational. */
  static readonly LOG_INFO = 6;
  /** Debug-level messages. */
  static readonly LOG_DEBUG = 7;
  /** Kernel messages. */
  static readonly LOG_KERN = 0;
  /** Random user-level messages. */
  static readonly LOG_USER = 1;
  /** Mail system. */
  static readonly LOG_MAIL = 2;
  /** System daemons. */
  static readonly LOG_DAEMON = 3;
  /** Security/authorization messages. */
  static readonly LOG_AUTH = 4;
  /** Messages generated internally by syslogd. */
  static readonly LOG_SYSLOG = 5;
  /** Line printer subsystem. */
  static readonly LOG_LPR = 6;
  /** Network news subsystem. */
  static readonly LOG_NEWS = 7;
  /** UUCP subsystem. */
  static readonly LOG_UUCP = 8;
  /** Clock daemon. */
  static readonly LOG_CRON = 9;
  /** Security/authorization messages (private). */
  static readonly LOG_AUTHPRIV = 10;
  /** FTP daemon. */
  static readonly LOG_FTP = 11;
  /** NTP subsystem. */
  static readonly LOG_NTP = 12;
  /** Log audit. */
  static readonly LOG_SECURITY = 13;
  /** Log alert. */
  static readonly LOG_CONSOLE = 14;
  /** Scheduling daemon (Solaris). */
  static readonly LOG_SOLCRON = 15;
  /** Reserved for local use. */
  static readonly LOG_LOCAL0 = 16;
  /** Reserved for local use. */
  static readonly LOG_LOCAL1 = 17;
  /** Reserved for local use. */
  static readonly LOG_LOCAL2 = 18;
  /** Reserved for local use. */
  static readonly LOG_LOCAL3 = 19;
  /** Reserved for local use. */
  static readonly LOG_LOCAL4 = 20;
  /** Reserved for local use. */
  static readonly LOG_LOCAL5 = 21;
  /** Reserved for local use. */
  static readonly LOG_LOCAL6 = 22;
  /** Reserved for local use. */
  static readonly LOG_LOCAL7 = 23;

  /** Python's `SysLogHandler.priority_names`. */
  static readonly priority_names: Readonly<Record<string, number>> = {
    alert: 1,
    crit: 2,
    critical: 2,
    debug: 7,
    emerg: 0,
    err: 3,
    error: 3,
    info: 6,
    notice: 5,
    panic: 0,
    warn: 4,
    warning: 4,
  };

  /** Python's `SysLogHandler.facility_names`. */
  static readonly facility_names: Readonly<Record<string, number>> = {
    auth: 4,
    authpriv: 10,
    console: 14,
    cron: 9,
    daemon: 3,
    ftp: 11,
    kern: 0,
    lpr: 6,
    mail: 2,
    news: 7,
    ntp: 12,
    security: 13,
    "solaris-cron": 15,
    syslog: 5,
    user: 1,
    uucp: 8,
    local0: 16,
    local1: 17,
    local2: 18,
    local3: 19,
    local4: 20,
    local5: 21,
    local6: 22,
    local7: 23,
  };

  /** Python's `SysLogHandler.priority_map`: level names to `priority_names` keys. */
  static readonly priority_map: Readonly<Record<string, string>> = {
    DEBUG: "debug",
    INFO: "info",
    WARNING: "warning",
    ERROR: "error",
    CRITICAL: "critical",
  };

  /** The priority names of this handler (the class's, unless replaced). */
  priority_names: Readonly<Record<string, number>> = SysLogHandler.priority_names;
  /** The facility names of this handler (the class's, unless replaced). */
  facility_names: Readonly<Record<string, number>> = SysLogHandler.facility_names;
  /** The level-name map of this handler (the class's, unless replaced). */
  priority_map: Readonly<Record<string, string>> = SysLogHandler.priority_map;
  /** Prepended to every message (Python's `ident`). */
  ident = "";
  /** Appends a NUL to every message (Python's `append_nul`). */
  append_nul = true;

  /** `[host, port]` or a Unix socket path. */
  address: readonly [string, number] | string;
  /** The facility (a number or a name). */
  facility: number | string;
  /** `SOCK_DGRAM`, `SOCK_STREAM`, or `null` before the socket is made. */
  socktype: number | null;
  /** True for a Unix socket path. */
  unixsocket: boolean;
  /** Seconds to wait for a stream connection or a stalled peer. */
  timeout: number;
  /** The most records held (`0`: no bound, the default). */
  maxsize = 0;

  /** The UDP socket, or `null`. */
  #dgram: DgramSocket | null = null;
  /** Datagrams waiting to be sent, one at a time (in order). */
  #queue: { data: Uint8Array; record: LogRecord | null }[] = [];
  #queuedBytes = 0;
  #sending = false;
  /** The TCP / Unix stream connection; it also holds the outage flag and the flush waiters. */
  #w: StreamSocketWriter = new StreamSocketWriter({
    timeout: () => this.timeout,
    report: (record, error) => this.handleError(record, error),
    busy: () => this.#sending || this.#queue.length > 0 && this.#dgram !== null,
  });

  /**
   * Creates the handler: Python's `SysLogHandler(address=('localhost', 514), facility=LOG_USER,
   * socktype=None)`, positionally or as one options object.
   *
   * @example
   * ```ts
   * import { SOCK_STREAM, SysLogHandler } from "@pylog/logging/handlers";
   * const udp = new SysLogHandler(["127.0.0.1", 514], SysLogHandler.LOG_LOCAL3);
   * const tcp = new SysLogHandler({ address: ["127.0.0.1", 514], socktype: SOCK_STREAM });
   * await Promise.all([udp.close(), tcp.close()]);
   * ```
   */
  constructor(
    address: SysLogHandlerOptions | readonly [string, number] | string = [
      "localhost",
      SYSLOG_UDP_PORT,
    ],
    facility: number | string = SysLogHandler.LOG_USER,
    socktype: number | null = null,
  ) {
    super();
    let timeout = 5;
    if (typeof address === "object" && !Array.isArray(address)) {
      const o = address as SysLogHandlerOptions;
      address = o.address ?? ["localhost", SYSLOG_UDP_PORT];
      facility = o.facility ?? SysLogHandler.LOG_USER;
      socktype = o.socktype ?? null;
      timeout = o.timeout ?? 5;
      this.maxsize = o.maxsize ?? 0;
    }
    this.address = address as readonly [string, number] | string;
    this.facility = facility;
    this.socktype = socktype;
    this.unixsocket = typeof this.address === "string";
    this.timeout = timeout;
    if (this.unixsocket || socktype === SOCK_STREAM) {
      try {
        this.createSocket();
      } catch {
        // As Python for Unix sockets (openlog() ignores errors too): retried at the next record.
      }
    }
  }

  /**
   * The socket (UDP socket, or stream socket once connected), or `null`.
   *
   * @example
   * ```ts
   * import { SysLogHandler } from "@pylog/logging/handlers";
   * const h = new SysLogHandler(["127.0.0.1", 514]);
   * h.createSocket();
   * h.socket; // the UDP socket
   * await h.close();
   * ```
   */
  get socket(): DgramSocket | NetSocket | null {
    return this.#dgram ?? this.#w.sock;
  }
  set socket(sock: DgramSocket | NetSocket | null) {
    this.#dgram = sock !== null && "send" in sock ? sock : null;
    this.#w.sock = sock !== null && "send" in sock ? null : sock as NetSocket | null;
  }

  /**
   * Makes the socket: a UDP socket, or starts a TCP / Unix stream connection (completed
   * asynchronously; records are queued meanwhile).
   *
   * @example
   * ```ts
   * import { SysLogHandler } from "@pylog/logging/handlers";
   * const h = new SysLogHandler(["127.0.0.1", 514]);
   * h.createSocket();
   * await h.close();
   * ```
   */
  createSocket(): void {
    if (this.socket !== null || this.#w.connecting) return;
    const address = this.address;
    if (typeof address === "string") {
      this.unixsocket = true;
      if (this.socktype === SOCK_DGRAM) {
        const e = new Error("Unix datagram sockets are not available in this runtime");
        e.name = "OSError";
        throw e;
      }
      this.#connect({ path: address });
      return;
    }
    this.unixsocket = false;
    const [host, port] = address;
    if (this.socktype === null || this.socktype === SOCK_DGRAM) {
      const s = nodeBuiltin<{ createSocket(t: string): DgramSocket }>("node:dgram")
        .createSocket(host.includes(":") ? "udp6" : "udp4");
      s.on("error", () => {});
      s.unref();
      this.#dgram = s;
      this.socktype = SOCK_DGRAM;
      return;
    }
    this.#connect({ host, port });
  }

  #connect(options: { path?: string; host?: string; port?: number }): void {
    const net = nodeBuiltin<{ createConnection(o: typeof options): NetSocket }>("node:net");
    this.#w.connect(net.createConnection(options), () => {
      this.socktype = SOCK_STREAM;
    });
  }

  /** Sends the queued datagrams one at a time (in order), each after the previous one's callback. */
  #pump(): void {
    const sock = this.#dgram;
    if (sock === null || this.#sending) return;
    const p = this.#queue.shift();
    if (p === undefined) return this.#w.wake();
    this.#queuedBytes -= p.data.length;
    this.#sending = true;
    const [host, port] = this.address as readonly [string, number];
    const done = (err: unknown): void => {
      this.#sending = false;
      if (err) this.#w.lose(p.record, err);
      else this.#w.recovered();
      this.#pump();
    };
    try {
      sock.send(p.data, port, host, done);
    } catch (err) {
      queueMicrotask(() => done(err));
    }
  }

  /**
   * Encodes a facility and a priority (numbers or names) into a syslog PRI value:
   * `(facility << 3) | priority`. An unknown name raises `KeyError`.
   *
   * @example
   * ```ts
   * import { SysLogHandler } from "@pylog/logging/handlers";
   * new SysLogHandler().encodePriority("local0", "error"); // 131
   * ```
   */
  encodePriority(facility: number | string, priority: number | string): number {
    if (typeof facility === "string") {
      if (!Object.hasOwn(this.facility_names, facility)) throw new KeyError(facility);
      facility = this.facility_names[facility];
    }
    if (typeof priority === "string") {
      if (!Object.hasOwn(this.priority_names, priority)) throw new KeyError(priority);
      priority = this.priority_names[priority];
    }
    return (facility << 3) | priority;
  }

  /**
   * Maps a level name to a key of `priority_names` (`"warning"` for unknown levels).
   *
   * @example
   * ```ts
   * import { SysLogHandler } from "@pylog/logging/handlers";
   * new SysLogHandler().mapPriority("NOTICE"); // "warning"
   * ```
   */
  mapPriority(levelName: string): string {
    return Object.hasOwn(this.priority_map, levelName) ? this.priority_map[levelName] : "warning";
  }

  /**
   * Formats the record and sends `<PRI>ident message\0` to the daemon; errors go to `handleError`.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { SysLogHandler } from "@pylog/logging/handlers";
   * const h = new SysLogHandler(["127.0.0.1", 514]);
   * h.emit(makeLogRecord({ msg: "hello", levelname: "INFO", levelno: 20 }));
   * await h.close();
   * ```
   */
  override emit(record: LogRecord): void {
    try {
      let msg = this.format(record);
      if (this.ident) msg = this.ident + msg;
      if (this.append_nul) msg += "\x00";
      const prio = `<${this.encodePriority(this.facility, this.mapPriority(record.levelname))}>`;
      const data = utf8.encode(prio + msg);
      const w = this.#w;
      w.last = record;
      if (!this.socket) this.createSocket();
      if (this.maxsize > 0 && this.#queue.length + w.held >= this.maxsize) {
        return w.lose(
          record,
          new Error(`syslog queue full (maxsize ${this.maxsize} records); record dropped`),
        );
      }
      if (this.#dgram !== null) {
        this.#queue.push({ data, record });
        this.#queuedBytes += data.length;
        return this.#pump();
      }
      if (!w.sock && !w.connecting) {
        return w.lose(record, new Error("not connected; record dropped"));
      }
      w.put(data, record);
      w.wake();
    } catch (error) {
      this.handleError(record, error);
    }
  }

  /**
   * Resolves once every queued record has been handed to the system (or lost).
   *
   * @example
   * ```ts
   * import { SysLogHandler } from "@pylog/logging/handlers";
   * await new SysLogHandler().flush();
   * ```
   */
  override flush(): Promise<void> {
    return this.#w.flush();
  }

  /**
   * Sends what is queued, then closes the socket.
   *
   * @example
   * ```ts
   * import { SysLogHandler } from "@pylog/logging/handlers";
   * await new SysLogHandler().close();
   * ```
   */
  override async close(): Promise<void> {
    super.close();
    await this.flush();
    const dgram = this.#dgram;
    this.#dgram = null;
    const closing = this.#w.close();
    if (dgram !== null) await new Promise<void>((resolve) => dgram.close(() => resolve()));
    await closing;
  }
}
