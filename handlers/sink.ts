/**
 * The writing layer: the one place where logging output becomes bytes on a file descriptor or chunks
 * on a `WritableStream`.
 *
 * Handlers append formatted text to a sink. A sink batches: a burst of records costs one write,
 * drained once per microtask, at once past {@linkcode BATCH_BYTES}, and at once when the oldest
 * buffered record is older than {@linkcode BATCH_AGE_MS} (so a long synchronous loop still shows its
 * progress).
 * - {@linkcode FdSink} (stderr, stdout, files) drains with one synchronous `writeSync`, so whatever
 *   was logged survives any exit: the exit hooks drain it again synchronously.
 * - {@linkcode StreamSink} (a user's `WritableStream`) writes one chunk per batch, at most one write
 *   in flight, honouring backpressure; `flush()` returns a Promise.
 *
 * @module
 */

import { ensureExitHooks } from "../exit.ts";
import { osErrorFrom } from "../py/errors.ts";
import { createEncoder, type PyEncoder } from "../py/codecs.ts";
import { type NodeFs, nodeFs } from "../runtime.ts";
import type { LogRecord } from "../record.ts";
import { slot } from "../state.ts";

/** Batch size past which a sink writes at once (64 KiB of text). */
export const BATCH_BYTES = 65536;
/** Age of the oldest buffered record past which a sink writes at once, in milliseconds. */
export const BATCH_AGE_MS = 100;
/**
 * Kept for compatibility: a {@linkcode StreamSink} no longer drops past this many characters. By
 * default it keeps every record until its stream takes it (as CPython's blocking writes do); a
 * bound is opt-in, in records, with `StreamHandler`'s `maxsize` option.
 */
export const STREAM_BUFFER_LIMIT = 16 * 1024 * 1024;

/**
 * Reports an error raised while writing (the handler routes it to `handleError`): once per record
 * of a failed batch, with that record when the sink knows it.
 */
export type SinkErrorReporter = (error: unknown, record?: LogRecord | null) => void;

/** What every sink offers the handlers. */
export interface Sink {
  /**
   * Appends text (a formatted record and its terminator); `now` is the record's time in ms;
   * `record`, when given, is the one reported if the write fails.
   */
  write(text: string, now: number, record?: LogRecord | null): void;
  /** Writes out everything buffered; synchronous sinks finish before returning. */
  flush(): void | Promise<void>;
  /** Writes what remains synchronously where the sink allows (exit hooks use this). */
  flushSync(): void;
  /** Flushes and releases the sink's resources. */
  close(): void | Promise<void>;
}

interface SinkRegistry {
  /** Every live sink, drained synchronously by the exit hooks. */
  live: Set<Sink>;
  /** One buffered sink per standard descriptor, shared by every handler writing to it. */
  fd: Map<number, Sink>;
  stdout?: FdWritableStream;
  stderr?: FdWritableStream;
}

/**
 * The sinks, kept in the shared state so that two copies of the module loaded in one program write
 * stderr through one buffer (records stay in order) and drain each other's sinks at exit.
 */
function sinks(): SinkRegistry {
  return slot("sinks", newSinkRegistry);
}

function newSinkRegistry(): SinkRegistry {
  return { live: new Set(), fd: new Map() };
}

/** Drains every sink synchronously (exit hooks, crash hooks). */
export function flushAllSinksSync(): void {
  for (const sink of sinks().live) {
    try {
      sink.flushSync();
    } catch {
      // At exit there is nobody left to tell; keep draining the others.
    }
  }
}

const utf8 = new TextEncoder();

/**
 * The one reusable buffer UTF-8 batches are encoded into (a batch is written before the next one is
 * encoded, so one buffer serves every sink): `encodeInto` spares a 64 KiB allocation per batch.
 * Sized for a full batch at 3 bytes per UTF-16 unit; a bigger batch gets its own array.
 */
let batchBuffer: Uint8Array | null = null;
const BATCH_BUFFER_SIZE = BATCH_BYTES * 3 + 4096;

/** UTF-8 bytes of a well-formed batch, in the shared buffer when they fit (valid until the next call). */
function encodeBatch(text: string): Uint8Array {
  if (text.length * 3 > BATCH_BUFFER_SIZE) return utf8.encode(text);
  const buf = (batchBuffer ??= new Uint8Array(BATCH_BUFFER_SIZE));
  return buf.subarray(0, utf8.encodeInto(text, buf).written);
}

type Immediate = (fn: () => void) => unknown;

/**
 * Runs `fn` once the current event-loop turn's callbacks have run (`setImmediate`: after the I/O
 * callbacks of the turn, before its timers), or after the current microtasks where the runtime has
 * no `setImmediate`. Read at call time, never at import (edge runtimes).
 */
function afterTurn(fn: () => void): void {
  const immediate = (globalThis as { setImmediate?: Immediate }).setImmediate;
  if (typeof immediate === "function") immediate(fn);
  else queueMicrotask(fn);
}

/** Encodes text to bytes; file handlers supply Python codecs, the default is UTF-8. */
export type TextToBytes = (text: string) => Uint8Array;

/**
 * A buffered sink over a file descriptor, written with synchronous `writeSync`: nothing buffered is
 * lost at exit, whatever ends the program.
 */
export class FdSink implements Sink {
  /** The descriptor (`-1` once closed). */
  fd: number;
  /**
   * Records not yet encoded, in order (UTF-8 codecs keep records as text until the batch is
   * written), appended with `+=`: the batch's encoding flattens it once. (An array joined per
   * batch was 4-12 % slower per record on V8 and the same on JavaScriptCore, same run.)
   */
  #text = "";
  /** Characters in `#text`. */
  #textLen = 0;
  /** Records already encoded, in order, ahead of `#text`. */
  #chunks: Uint8Array[] = [];
  #chunkBytes = 0;
  /** The records buffered, in order: each is reported on its own if their batch fails. */
  #records: (LogRecord | null)[] = [];
  /**
   * True after a failed batch: records are then written one by one inside the log call, so each
   * failure is reported with the call stack of the call that logged (as CPython reports it),
   * until a write succeeds again.
   */
  #failing = false;
  #since = 0;
  #scheduled = false;
  readonly #fs: NodeFs;
  readonly #codec: PyEncoder;
  /** UTF-8 without state: batches are encoded at once, records only checked one by one. */
  readonly #utf8: boolean;
  /** The path or name reported in errors. */
  readonly #name: string;
  /** Receives write failures (the handler routes them to `handleError`). */
  onError: SinkErrorReporter;
  readonly #ownsFd: boolean;
  readonly #drain = (): void => {
    this.#scheduled = false;
    this.flushSync();
  };

  /**
   * Wraps `fd`, encoding with `codec` (default: UTF-8 with Python's `backslashreplace`, as
   * `sys.stderr`); `ownsFd` closes it on `close()`.
   */
  constructor(
    fs: NodeFs,
    fd: number,
    codec: PyEncoder | null,
    onError: SinkErrorReporter,
    ownsFd: boolean,
    name = "",
  ) {
    this.#fs = fs;
    this.fd = fd;
    this.#codec = codec ?? createEncoder("utf-8", "backslashreplace");
    this.#utf8 = this.#codec.name === "utf-8";
    this.#name = name;
    this.onError = onError;
    this.#ownsFd = ownsFd;
    sinks().live.add(this);
    ensureExitHooks();
  }

  /** Characters (UTF-8 text) plus bytes (encoded records) buffered and not yet written. */
  get pending(): number {
    return this.#textLen + this.#chunkBytes;
  }

  /**
   * Buffers one record's text. An encoding error is thrown here, for this record alone (the
   * handler reports it through `handleError`), exactly as Python's `stream.write` raises it.
   */
  write(text: string, now: number, record: LogRecord | null = null): void {
    if (this.#failing) return this.#writeThrough(text);
    if (this.#textLen === 0 && this.#chunkBytes === 0) this.#since = now;
    if (this.#utf8 && text.isWellFormed()) {
      this.#text += text;
      this.#textLen += text.length;
    } else {
      const bytes = this.#codec.encode(text); // throws UnicodeEncodeError under `strict`
      if (this.#textLen > 0) this.#pushChunk(utf8.encode(this.#takeText()));
      this.#pushChunk(bytes);
    }
    this.#records.push(record);
    if (this.pending >= BATCH_BYTES || now - this.#since >= BATCH_AGE_MS) {
      this.flushSync();
    } else if (!this.#scheduled) {
      this.#scheduled = true;
      afterTurn(this.#drain);
    }
  }

  /**
   * One record written at once (after a failure): a failure throws, for the handler to report
   * inside the log call. The first success returns the sink to batching.
   */
  #writeThrough(text: string): void {
    const bytes = this.#utf8 && text.isWellFormed() ? utf8.encode(text) : this.#codec.encode(text);
    if (this.fd < 0) return;
    try {
      writeAll(this.#fs, this.fd, bytes);
    } catch (error) {
      throw writeError(error);
    }
    this.#failing = false;
  }

  /** The buffered text as one string, emptying the buffer. */
  #takeText(): string {
    const text = this.#text;
    this.#text = "";
    this.#textLen = 0;
    return text;
  }

  #pushChunk(bytes: Uint8Array): void {
    this.#chunks.push(bytes);
    this.#chunkBytes += bytes.length;
  }

  flush(): void {
    this.flushSync();
  }

  flushSync(): void {
    if (this.fd < 0 || this.pending === 0) return;
    let bytes: Uint8Array;
    if (this.#chunks.length === 0) bytes = encodeBatch(this.#takeText());
    else {
      if (this.#textLen > 0) this.#pushChunk(utf8.encode(this.#takeText()));
      bytes = this.#chunks.length === 1 ? this.#chunks[0] : concat(this.#chunks, this.#chunkBytes);
    }
    this.#chunks = [];
    this.#chunkBytes = 0;
    const records = this.#records;
    this.#records = [];
    try {
      writeAll(this.#fs, this.fd, bytes);
    } catch (error) {
      // CPython reports each record whose write failed, and a write error names no file.
      const e = writeError(error);
      this.#failing = true;
      if (records.length === 0) this.onError(e, null);
      for (const record of records) this.onError(e, record);
    }
  }

  close(): void {
    this.flushSync();
    sinks().live.delete(this);
    if (this.#ownsFd && this.fd >= 0) {
      const fd = this.fd;
      this.fd = -1;
      this.#fs.closeSync(fd);
    }
    this.fd = -1;
  }
}

/**
 * A failed write as CPython reports it: the one `OSError` subclass with its errno and text
 * (`BrokenPipeError: [Errno 32] Broken pipe`), no file name, and no chained runtime error.
 */
function writeError(error: unknown): Error {
  const e = osErrorFrom(error, null);
  if (e !== error) delete (e as { cause?: unknown }).cause;
  return e;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** Writes every byte, looping over partial writes. */
export function writeAll(fs: NodeFs, fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    off += fs.writeSync(fd, bytes, off, bytes.length - off);
  }
}

/**
 * A `WritableStream` over a file descriptor whose writes are synchronous underneath. The handlers
 * write to it through its buffered sink (so nothing is lost at exit); to everyone else it is an
 * ordinary `WritableStream` to `pipeTo` into (its writes land after what the handlers buffered).
 *
 * @example
 * ```ts
 * import { StreamHandler, stdout } from "@pylog/logging";
 * const h = new StreamHandler(stdout());
 * ```
 */
export class FdWritableStream extends WritableStream<string | Uint8Array> {
  /** The descriptor: 1 for stdout, 2 for stderr, or an open file's. */
  readonly fd: number;
  /** A display name, as Python's `sys.stderr.name` (`<stderr>`) or a file's path. */
  readonly name: string;
  #sink: FdSink | null;

  /**
   * Wraps descriptor `fd`. A file's stream (`file` given) owns its descriptor and its own buffer,
   * encoded with `file.codec`; the standard streams share one buffer per descriptor.
   */
  constructor(
    fd: number,
    name: string,
    file?: { fs: NodeFs; codec: PyEncoder },
  ) {
    const box: { sink: FdSink | null } = { sink: null };
    super({
      write(chunk): void {
        box.sink?.flushSync();
        writeFdSync(fd, chunk);
      },
    });
    this.fd = fd;
    this.name = name;
    this.#sink = file ? new FdSink(file.fs, fd, file.codec, () => {}, true, name) : null;
    box.sink = this.#sink;
  }

  /** The buffered sink handlers write through; `onError` receives write failures. */
  sinkFor(onError: SinkErrorReporter): Sink {
    if (this.#sink !== null) {
      this.#sink.onError = onError;
      return this.#sink;
    }
    return fdStreamSink(this.fd, onError);
  }

  /** Flushes and closes a file's descriptor (the standard streams stay open). */
  closeFd(): void {
    this.#sink?.close();
  }
}

/** Writes one chunk to descriptor `fd` synchronously; on edge runtimes, through the console. */
export function writeFdSync(fd: number, chunk: string | Uint8Array): void {
  const fs = nodeFs();
  if (fs !== null) {
    writeAll(fs, fd, typeof chunk === "string" ? utf8.encode(chunk) : chunk);
    return;
  }
  const text = typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
  const line = text.endsWith("\n") ? text.slice(0, -1) : text;
  if (fd === 1) console.log(line);
  else console.error(line);
}

/**
 * The process's standard output as a `WritableStream` (Python's `sys.stdout`), created on first use.
 *
 * @example
 * ```ts
 * import { basicConfig, stdout } from "@pylog/logging";
 * basicConfig({ stream: stdout() });
 * ```
 */
export function stdout(): FdWritableStream {
  const reg = sinks();
  return (reg.stdout ??= new FdWritableStream(1, "<stdout>"));
}

/**
 * The process's standard error as a `WritableStream` (Python's `sys.stderr`), created on first use;
 * the default stream of `StreamHandler`.
 *
 * @example
 * ```ts
 * import { StreamHandler, stderr } from "@pylog/logging";
 * const h = new StreamHandler(stderr());
 * ```
 */
export function stderr(): FdWritableStream {
  const reg = sinks();
  return (reg.stderr ??= new FdWritableStream(2, "<stderr>"));
}

/**
 * The shared sink of a standard descriptor: buffered `writeSync` where the runtime has a file
 * system, otherwise one console call per record (edge runtimes). Write failures go to the
 * `onError` of the handler that attached last.
 */
function fdStreamSink(fd: number, onError: SinkErrorReporter): Sink {
  const fdSinks = sinks().fd;
  let sink = fdSinks.get(fd);
  if (sink === undefined) {
    const fs = nodeFs();
    sink = fs !== null ? new FdSink(fs, fd, null, onError, false) : new ConsoleLineSink(fd);
    fdSinks.set(fd, sink);
  }
  if (sink instanceof FdSink) sink.onError = onError;
  return sink;
}

/**
 * Writes what is buffered for stderr, then `text`, synchronously: used by `handleError` so that
 * error reports appear after the records logged before them.
 */
export function writeStderrNow(text: string): void {
  sinks().fd.get(2)?.flushSync();
  writeFdSync(2, text);
}

/** Edge runtimes: each record goes to `console.log`/`console.error` as it comes (they batch). */
class ConsoleLineSink implements Sink {
  readonly #fd: number;
  constructor(fd: number) {
    this.#fd = fd;
  }
  write(text: string): void {
    writeFdSync(this.#fd, text);
  }
  flush(): void {}
  flushSync(): void {}
  close(): void {}
}

/**
 * A sink over a `WritableStream`: one chunk per batch, at most one write in flight, backpressure
 * honoured through `writer.ready`. The stream's writer is taken for each batch and released after
 * it, so several handlers (and other writers) can share the stream.
 */
export class StreamSink implements Sink {
  /** The stream written to. */
  readonly stream: WritableStream;
  /** The latest records' strings, as formatting made them (often ropes of many small pieces). */
  #parts: string[] = [];
  #partsLen = 0;
  /**
   * Earlier records, joined into flat strings of about {@linkcode BATCH_BYTES} characters (a
   * buffered character then costs one or two bytes, not the record's rope of small strings), or
   * into their bytes when the sink encodes: a burst is then never joined into one big string,
   * which V8 allocates and fills slowly past a few hundred KiB (measured: 3 ms for 0.8 M
   * characters, ~15 times the cost of encoding the same pieces and copying their bytes).
   */
  #flat: (string | Uint8Array)[] = [];
  /** Bytes in `#flat` (when the sink encodes). */
  #flatBytes = 0;
  /** Characters buffered in `#flat` and `#parts`. */
  #buffered = 0;
  #since = 0;
  #scheduled = false;
  #inFlight: Promise<void> | null = null;
  /** Records buffered (the measure `maxsize` bounds). */
  #count = 0;
  /** The most records buffered (Python's `maxsize`; `0`: no bound, the default). */
  readonly #maxsize: number;
  /** Records dropped since the bound was last reported. */
  #dropped = 0;
  /** Records dropped in all (for tests and reports). */
  droppedTotal = 0;
  readonly #encode: TextToBytes | null;
  readonly #onError: SinkErrorReporter;
  readonly #kick = (): void => {
    this.#scheduled = false;
    this.#pump();
  };

  /**
   * Writes to `stream`: text chunks, or bytes when `encode` is given. `maxsize` > 0 bounds the
   * records held while the stream is slow; past it records are dropped, counted and reported.
   */
  constructor(
    stream: WritableStream,
    encode: TextToBytes | null,
    onError: SinkErrorReporter,
    maxsize = 0,
  ) {
    this.stream = stream;
    this.#encode = encode;
    this.#onError = onError;
    this.#maxsize = maxsize > 0 ? Math.floor(maxsize) : 0;
    sinks().live.add(this);
  }
  /** Whether the exit hooks know this sink (a closed sink leaves; writing again re-enters). */
  #live = true;

  write(text: string, now: number, record: LogRecord | null = null): void {
    if (!this.#live) {
      sinks().live.add(this);
      this.#live = true;
    }
    if (this.#maxsize > 0 && this.#count >= this.#maxsize) {
      this.droppedTotal++;
      if (this.#dropped++ === 0) {
        this.#onError(
          new RangeError(
            `stream too slow: ${this.#maxsize} records buffered (maxsize); ` +
              "records are dropped until it catches up",
          ),
          record,
        );
      }
      return;
    }
    this.#count++;
    if (this.#buffered === 0) this.#since = now;
    this.#parts.push(text);
    this.#partsLen += text.length;
    this.#buffered += text.length;
    if (this.#partsLen >= BATCH_BYTES) this.#cut();
    if (this.#inFlight !== null) return; // the running write picks it up
    if (this.#buffered >= BATCH_BYTES || now - this.#since >= BATCH_AGE_MS) this.#pump();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(this.#kick);
    }
  }

  /** Joins the latest records into one flat piece of `#flat` (encoded when the sink encodes). */
  #cut(): void {
    const parts = this.#parts;
    const text = parts.length === 1 ? parts[0] : parts.join("");
    this.#parts = [];
    this.#partsLen = 0;
    if (this.#encode === null) this.#flat.push(text);
    else {
      const bytes = this.#encode(text);
      this.#flat.push(bytes);
      this.#flatBytes += bytes.length;
    }
  }

  /** Everything buffered, as one chunk (text, or bytes when the sink encodes), emptying the buffer. */
  #take(): string | Uint8Array {
    if (this.#partsLen > 0) this.#cut();
    const flat = this.#flat;
    const total = this.#flatBytes;
    this.#flat = [];
    this.#flatBytes = 0;
    this.#buffered = 0;
    this.#count = 0;
    if (flat.length === 1) return flat[0];
    return this.#encode === null
      ? (flat as string[]).join("")
      : concat(flat as Uint8Array[], total);
  }

  #pump(): void {
    if (this.#inFlight !== null || this.#buffered === 0) return;
    this.#inFlight = this.#writeLoop().finally(() => {
      this.#inFlight = null;
    });
  }

  async #writeLoop(): Promise<void> {
    while (this.#buffered > 0) {
      const chunk = this.#take();
      if (this.#dropped > 0) {
        this.#onError(
          new RangeError(`stream too slow: ${this.#dropped} records dropped past maxsize`),
          null,
        );
        this.#dropped = 0;
      }
      await withStreamLock(this.stream, async (writer) => {
        await writer.ready;
        await writer.write(chunk);
      }).catch((error) => this.#onError(error));
    }
  }

  /** Resolves once everything buffered so far has been written. */
  async flush(): Promise<void> {
    this.#pump();
    while (this.#inFlight !== null) await this.#inFlight;
  }

  flushSync(): void {
    // A WritableStream cannot be written synchronously: start the write, the caller may await it.
    this.#pump();
  }

  async close(): Promise<void> {
    await this.flush();
    sinks().live.delete(this);
    this.#live = false;
  }
}

/** Per stream, the tail of the chain of batches waiting for its writer. */
const streamQueues = new WeakMap<WritableStream, Promise<void>>();

/** Runs `fn` with the stream's writer, one holder at a time, releasing the lock afterwards. */
function withStreamLock(
  stream: WritableStream,
  fn: (writer: WritableStreamDefaultWriter) => Promise<void>,
): Promise<void> {
  const previous = streamQueues.get(stream) ?? Promise.resolve();
  const next = previous.then(async () => {
    const writer = stream.getWriter();
    try {
      await fn(writer);
    } finally {
      writer.releaseLock();
    }
  });
  const tail = next.catch(() => {});
  streamQueues.set(stream, tail);
  return next;
}
