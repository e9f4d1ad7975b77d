/**
 * `HTTPHandler`, as Python's `logging.handlers.HTTPHandler(host, url, method='GET', secure=False,
 * credentials=None, context=None)`, on `fetch`: each record's attributes are urlencoded exactly as
 * Python's `urllib.parse.urlencode` does and sent as a GET query or a POST form body.
 *
 * `emit` is synchronous and `fetch` is not: requests are queued and sent one at a time, in order;
 * `flush()` and `close()` return a Promise that settles once everything queued was sent (`await
 * logging.shutdown()` before the program ends). Every record is kept until it is sent (no bound
 * unless `maxsize` is given), and every record whose request fails (peer down, refused, DNS) is
 * reported through `handleError`, as CPython reports each. A peer that does not answer within
 * `timeout` (CPython would wait forever) fails that request and the records queued behind it, each
 * reported: `flush()` and `shutdown()` return within about one `timeout`.
 *
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { HTTPHandler } from "@pylog/logging/handlers";
 * getLogger().addHandler(new HTTPHandler("logs.example.com", "/ingest", "POST", true));
 * // each record is POSTed as application/x-www-form-urlencoded; await logging.shutdown() at the end
 * ```
 *
 * @module
 */

import { UnicodeEncodeError, ValueError } from "../../py/errors.ts";
import { floatRepr, isPlainObject, pyRepr, pyStr, pyValueRepr } from "../../py/repr.ts";
import { argsStr, Handler } from "../handler.ts";
import type { LogRecord } from "../../record.ts";
import { addCallerConsumer } from "../../caller.ts";
import { setOwn } from "../../own_keys.ts";
import { defineSecrets, maskAll, maskPassword } from "../secrets.ts";
import { clearPatientTimeout, patientTimeout } from "./_transport.ts";

/** Python's keyword parameters of `HTTPHandler`, plus the options JavaScript needs. */
export interface HTTPHandlerOptions {
  /** `host` or `host:port`. */
  host: string;
  /** The path (and optional query) requested. */
  url: string;
  /** `GET` (default) or `POST`, in any case. */
  method?: string;
  /** Use `https` (default `false`). */
  secure?: boolean;
  /** `[username, password]` for a Basic `Authorization` header. */
  credentials?: readonly [unknown, unknown] | null;
  /**
   * Python's SSL context; here, extra `fetch` options merged into each request (Deno's `client`,
   * Bun's `tls`...). Only with `secure`, as in Python.
   */
  context?: Record<string, unknown> | null;
  /** Seconds a request (connection, response headers and body) may take (default 10). */
  timeout?: number;
  /**
   * The most records waiting to be sent (Python's `queue.Queue(maxsize)`). `0`, the default, keeps
   * every record until it is sent; past a bound, new records are dropped and the loss is reported
   * once through `handleError` until the queue has emptied.
   */
  maxsize?: number;
  /** The former name of `maxsize` (same meaning). */
  maxPending?: number;
}

/** Python's float attributes of a record: their `str()` always has a decimal point. */
const FLOAT_FIELDS = new Set(["created", "msecs", "relativeCreated"]);

/**
 * Python's `str()` of a record attribute, as `urlencode` sends it: `None`, `True`/`False`, floats
 * with their decimal point, `args` as a tuple, `exc_info` as Python's tuple (the traceback object
 * without its address), containers as Python's `list`/`dict` reprs; anything else as `pyStr`.
 *
 * @example
 * ```ts
 * import { pyWireStr } from "./http.ts";
 * pyWireStr("msecs", 250); // "250.0"
 * pyWireStr("args", ["alice", 3]); // "('alice', 3)"
 * pyWireStr("exc_info", null); // "None"
 * ```
 */
export function pyWireStr(key: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") {
    return FLOAT_FIELDS.has(key) ? floatRepr(value) : pyStr(value);
  }
  if (key === "args") return argsStr(value);
  if (key === "exc_info" && Array.isArray(value) && value.length === 3) {
    const [type, exc] = value;
    const name = (type as { name?: unknown })?.name ?? (exc as Error)?.name ?? "Exception";
    return `(<class '${name}'>, ${pyRepr(exc)}, <traceback object>)`;
  }
  if (Array.isArray(value) || isPlainObject(value)) return pyValueRepr(value);
  return pyStr(value);
}

const HEX = "0123456789ABCDEF";
const utf8 = new TextEncoder();

/** Python's UnicodeEncodeError for a string with a lone surrogate. */
function surrogateError(s: string): UnicodeEncodeError {
  let pos = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        pos++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      return new UnicodeEncodeError(
        `'utf-8' codec can't encode character '\\u${
          c.toString(16).padStart(4, "0")
        }' in position ${pos}: surrogates not allowed`,
      );
    }
    pos++;
  }
  return new UnicodeEncodeError("'utf-8' codec can't encode: surrogates not allowed");
}

/**
 * Python's `urllib.parse.quote_plus(s)`: UTF-8, every byte but letters, digits and `_.-~`
 * percent-encoded in upper case, spaces as `+`. A lone surrogate raises Python's
 * `UnicodeEncodeError`.
 *
 * @example
 * ```ts
 * import { quotePlus } from "./http.ts";
 * quotePlus("a b/é"); // "a+b%2F%C3%A9"
 * ```
 */
export function quotePlus(s: string): string {
  if (!s.isWellFormed()) throw surrogateError(s);
  let out = "";
  for (const b of utf8.encode(s)) {
    if (
      (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) ||
      b === 0x5f || b === 0x2e || b === 0x2d || b === 0x7e
    ) {
      out += String.fromCharCode(b);
    } else if (b === 0x20) out += "+";
    else out += "%" + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

/**
 * Python's `urllib.parse.urlencode(mapping)` for a record's attributes: `key=value` pairs joined
 * by `&`, each side through {@linkcode quotePlus}, values converted by {@linkcode pyWireStr}.
 *
 * @example
 * ```ts
 * import { urlencode } from "./http.ts";
 * urlencode({ msg: "a b", exc_info: null }); // "msg=a+b&exc_info=None"
 * ```
 */
export function urlencode(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of Object.keys(data)) {
    parts.push(quotePlus(key) + "=" + quotePlus(pyWireStr(key, data[key])));
  }
  return parts.join("&");
}

/** Base64 of the UTF-8 bytes of `s`. */
function base64Utf8(s: string): string {
  let bin = "";
  for (const b of utf8.encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

interface Pending {
  record: LogRecord;
  url: string;
  init: RequestInit;
}

/**
 * Sends each record to a web server with GET or POST, as Python's `logging.handlers.HTTPHandler`.
 * The second form takes Python's keyword arguments (and `timeout`, `maxPending`) as one object.
 * Requests go out one at a time, in order; the response is read and ignored, whatever its status,
 * as in Python.
 *
 * @example
 * ```ts
 * import { getLogger, shutdown } from "@pylog/logging";
 * import { HTTPHandler } from "@pylog/logging/handlers";
 * const h = new HTTPHandler({ host: "127.0.0.1:8080", url: "/log", method: "POST" });
 * getLogger("app").addHandler(h);
 * getLogger("app").warning("disk %d%% full", 91);
 * await shutdown(); // waits for the request
 * ```
 */
export class HTTPHandler extends Handler {
  /** `host` or `host:port`. */
  host: string;
  /** The path (and query) requested. */
  url: string;
  /** `GET` or `POST`. */
  method: "GET" | "POST";
  /** Whether `https` is used. */
  secure: boolean;
  /**
   * `[username, password]` for Basic authentication, or `null`. A secret: not enumerable, masked
   * when the handler is inspected (`handlers/secrets.ts`).
   */
  declare credentials: readonly [unknown, unknown] | null;
  /**
   * Extra `fetch` options (Python's SSL context), or `null`. A secret (it may carry headers or TLS
   * keys): not enumerable, masked when the handler is inspected.
   */
  declare context: Record<string, unknown> | null;
  /** Seconds a request may take. */
  timeout: number;
  /** The most records waiting to be sent (`0`: no bound, the default). */
  maxPending: number;
  #queue: Pending[] = [];
  #head = 0;
  #running: Promise<void> | null = null;
  #dropping = false;

  /**
   * Creates the handler, as Python's `HTTPHandler(host, url, method='GET', secure=False,
   * credentials=None, context=None)`, or from one options object.
   */
  constructor(
    host: string | HTTPHandlerOptions,
    url?: string,
    method = "GET",
    secure = false,
    credentials: readonly [unknown, unknown] | null = null,
    context: Record<string, unknown> | null = null,
  ) {
    super();
    let timeout = 10;
    let maxPending = 0;
    if (typeof host === "object" && host !== null) {
      const o = host;
      host = o.host;
      url = o.url;
      method = o.method ?? "GET";
      secure = o.secure ?? false;
      credentials = o.credentials ?? null;
      context = o.context ?? null;
      timeout = o.timeout ?? timeout;
      maxPending = o.maxsize ?? o.maxPending ?? maxPending;
    }
    const m = String(method).toUpperCase();
    if (m !== "GET" && m !== "POST") throw new ValueError("method must be GET or POST");
    // The collector receives pathname, lineno and funcName: records must carry them.
    addCallerConsumer(this);
    if (!secure && context !== null) {
      throw new ValueError("context parameter only makes sense with secure=True");
    }
    this.host = host;
    this.url = url ?? "";
    this.method = m;
    this.secure = secure;
    this.credentials = credentials;
    this.context = context;
    this.timeout = timeout;
    this.maxPending = maxPending;
  }

  /**
   * The data sent for a record: its attributes (Python's `record.__dict__`). Override it to send
   * something else.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { HTTPHandler } from "@pylog/logging/handlers";
   * new HTTPHandler("localhost", "/log").mapLogRecord(makeLogRecord({ msg: "x" })).msg; // "x"
   * ```
   */
  mapLogRecord(record: LogRecord): Record<string, unknown> {
    return record.toDict();
  }

  /**
   * Sends one request: `fetch(url, init)`. Override it for a proxy or a custom client (Python's
   * `getConnection`).
   *
   * @example
   * ```ts
   * import { HTTPHandler } from "@pylog/logging/handlers";
   * class Traced extends HTTPHandler {
   *   override request(url: string, init: RequestInit): Promise<Response> {
   *     console.log(init.method, url);
   *     return super.request(url, init);
   *   }
   * }
   * ```
   */
  request(url: string, init: RequestInit): Promise<Response> {
    return fetch(url, init);
  }

  /** Builds the request for a record, as Python's `emit` does before sending. */
  #build(record: LogRecord): Pending {
    const data = urlencode(this.mapLogRecord(record));
    let url = this.url;
    if (this.method === "GET") url += (url.indexOf("?") >= 0 ? "&" : "?") + data;
    const headers: Record<string, string> = {};
    if (this.method === "POST") headers["Content-type"] = "application/x-www-form-urlencoded";
    if (this.credentials) {
      const [user, password] = this.credentials;
      headers["Authorization"] = "Basic " + base64Utf8(`${pyStr(user)}:${pyStr(password)}`);
    }
    const init: RequestInit = { method: this.method, headers };
    if (this.method === "POST") init.body = data;
    const context = this.context;
    // Own keys only, and a `__proto__` key (from a JSON configuration) stays a key.
    if (context) { for (const k of Object.keys(context)) setOwn(init, k, context[k]); }
    return { record, url: `${this.secure ? "https" : "http"}://${this.host}${url}`, init };
  }

  /** The number of records waiting to be sent (the one being sent not included). */
  get pending(): number {
    return this.#queue.length - this.#head;
  }

  /**
   * Queues the record's request; it is sent after those queued before it. A record that cannot
   * be encoded is reported at once; past `maxsize` waiting records (if set), records are dropped.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { HTTPHandler } from "@pylog/logging/handlers";
   * new HTTPHandler("127.0.0.1:8080", "/log").emit(makeLogRecord({ msg: "x" }));
   * ```
   */
  override emit(record: LogRecord): void {
    try {
      const req = this.#build(record);
      if (this.maxPending > 0 && this.pending >= this.maxPending) {
        if (!this.#dropping) {
          this.#dropping = true;
          throw new RangeError(
            `HTTPHandler: ${this.pending} records waiting to be sent; ` +
              "records are dropped until the queue has emptied",
          );
        }
        return;
      }
      this.#queue.push(req);
      if (this.#running === null) {
        this.#running = this.#drain().finally(() => {
          this.#running = null;
        });
      }
    } catch (error) {
      this.handleError(record, error);
    }
  }

  async #drain(): Promise<void> {
    while (this.pending > 0) {
      const item = this.#queue[this.#head];
      this.#queue[this.#head++] = undefined as unknown as Pending;
      if (this.#head === this.#queue.length) {
        this.#queue = [];
        this.#head = 0;
        this.#dropping = false;
      } else if (this.#head >= 1024) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
      try {
        await this.#send(item);
      } catch (error) {
        this.handleError(item.record, error);
        if ((error as Error)?.name === "TimeoutError") this.#failQueued(error);
      }
    }
  }

  /**
   * The peer did not answer within `timeout`: the records queued now fail with the same error,
   * each reported (CPython would block on the first forever), so that memory and `shutdown()`
   * stay bounded; records logged afterwards are tried afresh.
   */
  #failQueued(error: unknown): void {
    const queue = this.#queue;
    const head = this.#head;
    this.#queue = [];
    this.#head = 0;
    this.#dropping = false;
    for (let i = head; i < queue.length; i++) this.handleError(queue[i].record, error);
  }

  async #send(item: Pending): Promise<void> {
    const controller = new AbortController();
    const seconds = this.timeout;
    // Counts only time the event loop was free: a long synchronous burst is no timeout.
    const timer = patientTimeout(() => {
      const e = new Error(`timed out after ${seconds} s`);
      e.name = "TimeoutError";
      controller.abort(e);
    }, seconds * 1000);
    try {
      const res = await this.request(item.url, { ...item.init, signal: controller.signal });
      // Python reads the response and ignores it; reading the body frees the connection.
      await res.arrayBuffer();
    } catch (error) {
      throw controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      clearPatientTimeout(timer);
    }
  }

  /**
   * Resolves once every queued request has been sent (or has failed).
   *
   * @example
   * ```ts
   * import { HTTPHandler } from "@pylog/logging/handlers";
   * await new HTTPHandler("127.0.0.1:8080", "/log").flush();
   * ```
   */
  override flush(): void | Promise<void> {
    if (this.#running === null) return;
    return this.#wait();
  }

  async #wait(): Promise<void> {
    while (this.#running !== null) await this.#running;
  }

  /**
   * Waits for the queued requests, then closes the handler.
   *
   * @example
   * ```ts
   * import { HTTPHandler } from "@pylog/logging/handlers";
   * await new HTTPHandler("127.0.0.1:8080", "/log").close();
   * ```
   */
  override close(): void | Promise<void> {
    if (this.#running === null) return super.close();
    return this.#wait().then(() => super.close());
  }
}

defineSecrets(HTTPHandler, { credentials: maskPassword, context: maskAll });
