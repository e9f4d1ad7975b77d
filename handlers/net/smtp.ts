/**
 * `SMTPHandler`, as Python's `logging.handlers.SMTPHandler`: one e-mail per record, built as
 * Python's `EmailMessage` builds it (From, To, Subject, Date, Content-Type, Content-Transfer-Encoding,
 * MIME-Version, the body with Python's choice of 7bit / 8bit / quoted-printable / base64) and sent
 * with a small SMTP client over `node:net` (EHLO or HELO, STARTTLS when `secure` is given with
 * credentials, AUTH PLAIN or LOGIN, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT).
 *
 * `emit` builds the message at once and queues it; messages are sent one at a time, in order, each
 * over its own connection (as Python). `flush()` / `close()` return Promises that settle when the
 * queue is empty.
 *
 * @module
 */

import type { LogRecord } from "../../record.ts";
import { Handler } from "../handler.ts";
import { netError, type NetSocket, timedOut, unrefTimer } from "./_transport.ts";
import { nodeBuiltin } from "../../runtime.ts";
import { defineSecrets, maskAll } from "../secrets.ts";

/** Python's `smtplib.SMTP_PORT`. */
export const SMTP_PORT = 25;
/**
 * Kept for compatibility: an {@linkcode SMTPHandler} no longer drops past this many messages. It
 * keeps every message until it is sent, unless the `maxsize` option bounds its queue.
 */
export const SMTP_QUEUE_LIMIT = 1000;

/** Options of {@linkcode SMTPHandler}: Python's keyword arguments. */
export interface SMTPHandlerOptions {
  /** The server: a host, or `[host, port]`. */
  mailhost: string | readonly [string, number];
  /** The sender's address. */
  fromaddr: string;
  /** The recipients: one address or a list. */
  toaddrs: string | readonly string[];
  /** The subject line. */
  subject: string;
  /** `[username, password]` for AUTH. */
  credentials?: readonly [string, string] | null;
  /** With credentials: upgrade with STARTTLS first (Python's `secure` tuple; `[]` is enough). */
  secure?: readonly string[] | null;
  /** Seconds to wait for the server at each step (default 5). */
  timeout?: number;
  /**
   * The most messages waiting to be sent (Python's `queue.Queue(maxsize)`). `0`, the default,
   * keeps every message until it is sent; past a bound, records are dropped, the first reported.
   */
  maxsize?: number;
}

/**
 * Sends one e-mail per record, as Python's `logging.handlers.SMTPHandler`.
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { SMTPHandler } from "@pylog/logging/handlers";
 * const h = new SMTPHandler(["127.0.0.1", 2525], "app@example.com", ["ops@example.com"], "App error");
 * h.setLevel("ERROR");
 * getLogger().addHandler(h);
 * getLogger("app").error("payment failed for order %d", 42);
 * await h.close();
 * ```
 */
export class SMTPHandler extends Handler {
  /** The server's host. */
  mailhost: string;
  /** The server's port, or `null` for `SMTP_PORT`. */
  mailport: number | null;
  /** The AUTH user, or `null`. */
  username: string | null;
  /** The AUTH password. A secret: not enumerable, masked when inspected (`handlers/secrets.ts`). */
  declare password: string | null;
  /** The sender. */
  fromaddr: string;
  /** The recipients. */
  toaddrs: string[];
  /** The subject. */
  subject: string;
  /** Python's `secure` tuple, or `null`. */
  secure: readonly string[] | null;
  /** Seconds to wait for the server at each step. */
  timeout: number;
  /** The most messages waiting to be sent (`0`: no bound, the default). */
  maxsize = 0;

  #queue: { record: LogRecord; message: string }[] = [];
  #busy = false;
  #reported = false;
  #waiters: (() => void)[] = [];

  /**
   * Creates the handler: Python's `SMTPHandler(mailhost, fromaddr, toaddrs, subject,
   * credentials=None, secure=None, timeout=5.0)`, positionally or as one options object.
   *
   * @example
   * ```ts
   * import { SMTPHandler } from "@pylog/logging/handlers";
   * const h = new SMTPHandler({
   *   mailhost: ["smtp.example.com", 587],
   *   fromaddr: "app@example.com",
   *   toaddrs: "ops@example.com",
   *   subject: "App error",
   *   credentials: ["app", "secret"],
   *   secure: [],
   * });
   * ```
   */
  constructor(
    mailhost: SMTPHandlerOptions | string | readonly [string, number],
    fromaddr?: string,
    toaddrs?: string | readonly string[],
    subject?: string,
    credentials: readonly [string, string] | null = null,
    secure: readonly string[] | null = null,
    timeout = 5.0,
  ) {
    super();
    if (typeof mailhost === "object" && !Array.isArray(mailhost)) {
      const o = mailhost as SMTPHandlerOptions;
      mailhost = o.mailhost;
      fromaddr = o.fromaddr;
      toaddrs = o.toaddrs;
      subject = o.subject;
      credentials = o.credentials ?? null;
      secure = o.secure ?? null;
      timeout = o.timeout ?? 5.0;
      this.maxsize = o.maxsize ?? 0;
    }
    if (Array.isArray(mailhost)) {
      [this.mailhost, this.mailport] = mailhost as unknown as [string, number];
    } else [this.mailhost, this.mailport] = [mailhost as string, null];
    if (Array.isArray(credentials)) [this.username, this.password] = credentials;
    else [this.username, this.password] = [null, null];
    this.fromaddr = fromaddr as string;
    this.toaddrs = typeof toaddrs === "string" ? [toaddrs] : [...(toaddrs ?? [])];
    this.subject = subject as string;
    this.secure = secure;
    this.timeout = timeout;
  }

  /**
   * The subject for `record`; override it for record-dependent subjects.
   *
   * @example
   * ```ts
   * import { type LogRecord } from "@pylog/logging";
   * import { SMTPHandler } from "@pylog/logging/handlers";
   * class Alerts extends SMTPHandler {
   *   override getSubject(record: LogRecord): string {
   *     return `[${record.levelname}] ${record.name}`;
   *   }
   * }
   * ```
   */
  getSubject(_record: LogRecord): string {
    return this.subject;
  }

  /**
   * Builds the message as Python's `EmailMessage` with `From`, `To`, `Subject`, `Date` and the
   * formatted record as content, CRLF line ends (what `smtplib.send_message` sends).
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { SMTPHandler } from "@pylog/logging/handlers";
   * const h = new SMTPHandler("localhost", "a@example.com", "b@example.com", "Hi");
   * h.buildMessage(makeLogRecord({ msg: "body" }));
   * ```
   */
  buildMessage(record: LogRecord, now: Date = new Date()): string {
    const headers = [
      foldHeader("From", this.fromaddr),
      foldHeader("To", this.toaddrs.join(",")),
      foldHeader("Subject", this.getSubject(record)),
      `Date: ${formatDate(now)}`,
    ];
    const [cte, body] = encodeText(this.format(record));
    headers.push(
      'Content-Type: text/plain; charset="utf-8"',
      `Content-Transfer-Encoding: ${cte}`,
      "MIME-Version: 1.0",
    );
    return headers.join("\r\n") + "\r\n\r\n" + body.replace(/\r\n|\r|\n/g, "\r\n");
  }

  /**
   * Builds the e-mail and queues it for sending; errors go to `handleError`.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * import { SMTPHandler } from "@pylog/logging/handlers";
   * const h = new SMTPHandler(["127.0.0.1", 2525], "a@example.com", "b@example.com", "Hi");
   * h.emit(makeLogRecord({ msg: "body" }));
   * await h.close();
   * ```
   */
  override emit(record: LogRecord): void {
    try {
      const message = this.buildMessage(record);
      if (this.maxsize > 0 && this.#queue.length >= this.maxsize) {
        if (this.#reported) return;
        this.#reported = true;
        return this.handleError(
          record,
          new Error(`SMTP queue full (maxsize ${this.maxsize}); record dropped`),
        );
      }
      this.#queue.push({ record, message });
      if (!this.#busy) void this.#drain();
    } catch (error) {
      this.handleError(record, error);
    }
  }

  /**
   * Reports a record whose message could not be sent, as CPython reports each one. A server that
   * did not answer within `timeout` fails the messages queued behind too (each reported; CPython
   * would wait on each in turn), so that `close()` and `shutdown()` return.
   */
  #fail(record: LogRecord, error: unknown): void {
    this.handleError(record, error);
    if ((error as Error)?.name === "TimeoutError") {
      const queued = this.#queue;
      this.#queue = [];
      for (const item of queued) this.handleError(item.record, error);
    }
  }

  async #drain(): Promise<void> {
    this.#busy = true;
    while (this.#queue.length > 0) {
      const item = this.#queue.shift()!;
      try {
        await this.#send(item.message);
        this.#reported = false;
      } catch (error) {
        this.#fail(item.record, error);
      }
    }
    this.#busy = false;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  async #send(message: string): Promise<void> {
    const port = this.mailport || SMTP_PORT;
    let conn = await SmtpConnection.open(this.mailhost, port, this.timeout);
    try {
      await conn.expect(220);
      let ext = await conn.ehlo();
      if (this.username) {
        if (this.secure !== null) {
          if (!ext.has("STARTTLS")) throw smtpError("STARTTLS extension not supported by server.");
          await conn.command("STARTTLS", 220);
          conn = await conn.startTls(this.mailhost);
          ext = await conn.ehlo();
        }
        await conn.login(ext, this.username, this.password ?? "");
      }
      const international = !isAscii(this.fromaddr + this.toaddrs.join(""));
      const opts = international ? " SMTPUTF8 BODY=8BITMIME" : "";
      await conn.command(`MAIL FROM:<${this.fromaddr}>${opts}`, 250);
      let accepted = 0;
      let lastErr: Error | null = null;
      for (const to of this.toaddrs) {
        const [code, text] = await conn.send(`RCPT TO:<${to}>`);
        if (code === 250 || code === 251) accepted++;
        else lastErr = smtpError(`(${code}, '${text}') recipient refused: ${to}`);
      }
      if (accepted === 0) {
        await conn.command("RSET", 250).catch(() => {});
        throw lastErr ?? smtpError("all recipients refused");
      }
      await conn.command("DATA", 354);
      let data = message.replace(/^\./gm, "..");
      if (!data.endsWith("\r\n")) data += "\r\n";
      await conn.command(data + ".", 250);
      await conn.command("QUIT", 221).catch(() => {});
    } finally {
      conn.close();
    }
  }

  /**
   * Resolves once every queued e-mail has been sent (or failed).
   *
   * @example
   * ```ts
   * import { SMTPHandler } from "@pylog/logging/handlers";
   * await new SMTPHandler("localhost", "a@example.com", "b@example.com", "Hi").flush();
   * ```
   */
  override flush(): Promise<void> {
    if (!this.#busy) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /**
   * Sends what is queued, then closes the handler.
   *
   * @example
   * ```ts
   * import { SMTPHandler } from "@pylog/logging/handlers";
   * await new SMTPHandler("localhost", "a@example.com", "b@example.com", "Hi").close();
   * ```
   */
  override async close(): Promise<void> {
    super.close();
    await this.flush();
  }
}

function smtpError(message: string): Error {
  const e = new Error(message);
  e.name = "SMTPException";
  return e;
}

/** One SMTP conversation: replies are read line by line, each step bounded by `timeout`. */
class SmtpConnection {
  #sock: NetSocket;
  #buf = "";
  #lines: string[] = [];
  #wake: (() => void) | null = null;
  #error: Error | null = null;
  #timeout: number;
  #decoder = new TextDecoder();
  localAddress: string;

  constructor(sock: NetSocket, timeout: number, localAddress: string) {
    this.#sock = sock;
    this.#timeout = timeout;
    this.localAddress = localAddress;
    sock.on("data", (d: Uint8Array) => {
      this.#buf += this.#decoder.decode(d, { stream: true });
      let i;
      while ((i = this.#buf.indexOf("\n")) >= 0) {
        this.#lines.push(this.#buf.slice(0, i).replace(/\r$/, ""));
        this.#buf = this.#buf.slice(i + 1);
      }
      this.#wake?.();
    });
    const fail = (e: Error): void => {
      this.#error ??= e;
      this.#wake?.();
    };
    sock.on("error", (e: Error) => fail(netError(e)));
    sock.on("close", () => fail(smtpError("Connection unexpectedly closed")));
  }

  static open(host: string, port: number, timeout: number): Promise<SmtpConnection> {
    const net = nodeBuiltin<{ createConnection(o: object): NetSocket & { localAddress?: string } }>(
      "node:net",
    );
    return new Promise((resolve, reject) => {
      const sock = net.createConnection({ host, port });
      const timer = setTimeout(() => sock.destroy(timedOut()), timeout * 1000);
      unrefTimer(timer);
      sock.once("connect", () => {
        clearTimeout(timer);
        sock.removeAllListeners("error");
        resolve(new SmtpConnection(sock, timeout, sock.localAddress ?? "127.0.0.1"));
      });
      sock.once("error", (e: Error) => {
        clearTimeout(timer);
        sock.destroy();
        reject(netError(e));
      });
    });
  }

  async startTls(servername: string): Promise<SmtpConnection> {
    const tls = nodeBuiltin<{ connect(o: object, cb: () => void): NetSocket }>("node:tls");
    const raw = this.#sock;
    raw.removeAllListeners("data");
    raw.removeAllListeners("close");
    const secure = await new Promise<NetSocket>((resolve, reject) => {
      const s = tls.connect({ socket: raw, servername }, () => resolve(s));
      s.once("error", (e: Error) => reject(netError(e)));
    });
    return new SmtpConnection(secure, this.#timeout, this.localAddress);
  }

  #readLine(): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#wake = null;
        reject(timedOut());
      }, this.#timeout * 1000);
      unrefTimer(timer);
      const check = (): void => {
        if (this.#lines.length > 0) {
          clearTimeout(timer);
          this.#wake = null;
          resolve(this.#lines.shift()!);
        } else if (this.#error) {
          clearTimeout(timer);
          this.#wake = null;
          reject(this.#error);
        }
      };
      this.#wake = check;
      check();
    });
  }

  /** Reads one (possibly multi-line) reply. */
  async reply(): Promise<[number, string]> {
    const texts: string[] = [];
    for (;;) {
      const line = await this.#readLine();
      texts.push(line.slice(4));
      if (line[3] !== "-") return [Number(line.slice(0, 3)), texts.join("\n")];
    }
  }

  async expect(code: number): Promise<string> {
    const [got, text] = await this.reply();
    if (got !== code) throw smtpError(`(${got}, '${text}')`);
    return text;
  }

  async send(line: string): Promise<[number, string]> {
    this.#sock.ref();
    this.#sock.write(line + "\r\n");
    return await this.reply();
  }

  async command(line: string, code: number): Promise<string> {
    const [got, text] = await this.send(line);
    if (got !== code) throw smtpError(`(${got}, '${text}')`);
    return text;
  }

  /** EHLO (HELO when refused); returns the extensions (upper-cased keyword to parameters). */
  async ehlo(): Promise<Map<string, string>> {
    const name = `[${this.localAddress.replace(/^::ffff:/, "")}]`;
    const [code, text] = await this.send(`EHLO ${name}`);
    const ext = new Map<string, string>();
    if (code !== 250) {
      await this.command(`HELO ${name}`, 250);
      return ext;
    }
    for (const l of text.split("\n").slice(1)) {
      const m = /^([A-Za-z0-9-]+)[= ]?(.*)$/.exec(l);
      if (m) ext.set(m[1].toUpperCase(), m[2]);
    }
    return ext;
  }

  async login(ext: Map<string, string>, user: string, password: string): Promise<void> {
    if (!ext.has("AUTH")) throw smtpError("SMTP AUTH extension not supported by server.");
    const mechs = ext.get("AUTH")!.toUpperCase().split(/\s+/);
    const b64 = (s: string): string => {
      const bytes = new TextEncoder().encode(s);
      let bin = "";
      for (const b of bytes) bin += String.fromCharCode(b);
      return btoa(bin);
    };
    if (mechs.includes("PLAIN")) {
      await this.command(`AUTH PLAIN ${b64(`\0${user}\0${password}`)}`, 235);
    } else if (mechs.includes("LOGIN")) {
      await this.command(`AUTH LOGIN ${b64(user)}`, 334);
      await this.command(b64(password), 235);
    } else throw smtpError("No suitable authentication method found.");
  }

  close(): void {
    this.#sock.removeAllListeners("close");
    this.#sock.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Python's email package, the parts EmailMessage uses for SMTPHandler's message
// ---------------------------------------------------------------------------------------------

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `email.utils.format_datetime(email.utils.localtime())`: `Mon, 23 Nov 2026 23:30:46 +0100`. */
export function formatDate(d: Date): string {
  const p2 = (n: number): string => String(n).padStart(2, "0");
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? "-" : "+";
  const a = Math.abs(off);
  return `${DAYS[d.getDay()]}, ${p2(d.getDate())} ${MONTHS[d.getMonth()]} ${
    String(d.getFullYear()).padStart(4, "0")
  } ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())} ${sign}${
    p2(Math.floor(a / 60))
  }${p2(a % 60)}`;
}

const utf8 = new TextEncoder();
const MAX_LINE = 78;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** An RFC 2047 encoded word, `q` unless `b` is at least 5 characters shorter (as Python). */
function encodedWord(text: string): string {
  const bytes = utf8.encode(text);
  let q = "";
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9!*+\-/]/.test(c)) q += c;
    else if (c === " ") q += "_";
    else q += "=" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  const blen = Math.ceil(bytes.length / 3) * 4;
  if (q.length - blen < 5) return `=?utf-8?q?${q}?=`;
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return `=?utf-8?b?${btoa(bin)}?=`;
}

/**
 * A header line as Python's default policy folds it: ASCII words folded at spaces before 78
 * characters; the span from the first to the last non-ASCII word as one encoded word.
 */
function foldHeader(name: string, value: string): string {
  let words = value.split(" ");
  if (!isAscii(value)) {
    const first = words.findIndex((w) => !isAscii(w));
    let last = words.length - 1;
    while (isAscii(words[last])) last--;
    words = [
      ...words.slice(0, first),
      encodedWord(words.slice(first, last + 1).join(" ")),
      ...words.slice(last + 1),
    ];
  }
  const lines: string[] = [];
  let line = `${name}:`;
  for (const [i, w] of words.entries()) {
    const piece = ` ${w}`;
    if (i > 0 && line.length + piece.length > MAX_LINE) {
      lines.push(line);
      line = piece;
    } else line += piece;
  }
  lines.push(line);
  return lines.join("\r\n");
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10 || bytes[i] === 13) {
      out.push(bytes.subarray(start, i));
      if (bytes[i] === 13 && bytes[i + 1] === 10) i++;
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

function latin1(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function joinLines(lines: Uint8Array[]): string {
  return lines.map(latin1).join("\n") + "\n";
}

/** `quoprimime.body_encode(body, 78)`. */
function qpBodyEncode(body: string, maxlinelen = MAX_LINE): string {
  if (!body) return body;
  let enc = "";
  for (const ch of body) {
    const c = ch.charCodeAt(0);
    const safe = (c >= 32 && c <= 126 && c !== 61) || c === 9 || c === 10 || c === 13;
    enc += safe ? ch : "=" + c.toString(16).toUpperCase().padStart(2, "0");
  }
  const out: string[] = [];
  const maxlinelen1 = maxlinelen - 1;
  const quote = (c: string): string =>
    "=" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
  for (const line of enc.split(/\r\n|\r|\n/).slice(0, /[\r\n]$/.test(enc) ? -1 : undefined)) {
    let start = 0;
    const laststart = line.length - 1 - maxlinelen;
    while (start <= laststart) {
      const stop = start + maxlinelen1;
      if (line[stop - 2] === "=") {
        out.push(line.slice(start, stop - 1));
        start = stop - 2;
      } else if (line[stop - 1] === "=") {
        out.push(line.slice(start, stop));
        start = stop - 1;
      } else {
        out.push(line.slice(start, stop) + "=");
        start = stop;
      }
    }
    if (line && (line.endsWith(" ") || line.endsWith("\t"))) {
      const room = start - laststart;
      const last = line[line.length - 1];
      let q: string;
      if (room >= 3) q = quote(last);
      else if (room === 2) q = last + "=\n";
      else q = "=\n" + quote(last);
      out.push(line.slice(start, -1) + q);
    } else out.push(line.slice(start));
  }
  if (/[\r\n]$/.test(body)) out.push("");
  return out.join("\n");
}

/** `email.contentmanager._encode_text(string, 'utf-8', None, policy.default)`. */
function encodeText(text: string): [string, string] {
  const lines = splitLines(utf8.encode(text));
  const maxLen = lines.reduce((m, l) => Math.max(m, l.length), 0);
  if (maxLen <= MAX_LINE) {
    const ascii = lines.every((l) => l.every((b) => b < 128));
    const body = joinLines(lines);
    // 8bit: the UTF-8 bytes go out as they are (the socket encodes the text as UTF-8).
    return ascii ? ["7bit", body] : [
      "8bit",
      new TextDecoder().decode(Uint8Array.from(body, (c) => c.charCodeAt(0))),
    ];
  }
  const sniff = joinLines(lines.slice(0, 10));
  const sniffQp = qpBodyEncode(sniff);
  const sniffBytes = lines.slice(0, 10).reduce((n, l) => n + l.length + 1, 0);
  const sniffB64 = Math.ceil(sniffBytes / 3) * 4 + 1;
  if (sniffQp.length > sniffB64) {
    const data = Uint8Array.from(joinLines(lines), (c) => c.charCodeAt(0));
    let out = "";
    for (let i = 0; i < data.length; i += 57) {
      out += btoa(latin1(data.subarray(i, i + 57))) + "\n";
    }
    return ["base64", out];
  }
  if (lines.length <= 10) return ["quoted-printable", sniffQp];
  return ["quoted-printable", qpBodyEncode(joinLines(lines))];
}

defineSecrets(SMTPHandler, { password: maskAll });
