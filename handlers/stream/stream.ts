/**
 * `StreamHandler`: writes formatted records to a stream, as Python's `logging.StreamHandler`.
 *
 * The stream may be:
 * - omitted: the process's stderr ({@linkcode stderr}), written synchronously in batches;
 * - {@linkcode stdout}/{@linkcode stderr} or a file handler's stream: likewise synchronous, batched;
 * - any `WritableStream` (of strings, or of bytes with the `encoding` option): one chunk per batch,
 *   backpressure honoured; `flush()`/`close()` return Promises (`await logging.shutdown()`);
 * - any object with a `write(text)` method (Python's file-like objects, Node's `process.stdout`):
 *   written once per record, synchronously, then `flush()`ed if it has one.
 *
 * @module
 */

import { Handler } from "../handler.ts";
import { getLevelName } from "../../levels.ts";
import type { LogRecord } from "../../record.ts";
import { FdWritableStream, type Sink, stderr, StreamSink } from "../sink.ts";

/** An object with a `write(text)` method, like Python's text files or Node's `process.stdout`. */
export interface TextWriter {
  /** Writes text. */
  write(text: string): unknown;
  /** Flushes, if the object buffers. */
  flush?(): unknown;
  /** A display name (Python's `stream.name`). */
  name?: unknown;
}

/** What a `StreamHandler` can write to. */
export type StreamTarget = WritableStream<string> | WritableStream<Uint8Array> | TextWriter;

/** Options of {@linkcode StreamHandler} beyond Python's parameters. */
export interface StreamHandlerOptions {
  /**
   * For a `WritableStream` of bytes: encode each batch as UTF-8 (the only value) before writing.
   * Without it, chunks are strings.
   */
  encoding?: "utf-8" | null;
  /**
   * For a `WritableStream`: the most records held while the stream is slower than the program
   * (Python's `queue.Queue(maxsize)`). `0`, the default, holds every record until the stream
   * takes it, as CPython's blocking writes do (about two bytes per character of formatted text);
   * past a bound, records are dropped, counted and reported through `handleError`.
   */
  maxsize?: number;
}

/**
 * Writes formatted records, each followed by `terminator`, to a stream (default: stderr).
 *
 * @example
 * ```ts
 * import { getLogger, StreamHandler, stdout } from "@pylog/logging";
 * const log = getLogger("app");
 * log.addHandler(new StreamHandler(stdout()));
 * log.warning("disk %d%% full", 91);
 * ```
 */
export class StreamHandler extends Handler {
  /** Appended to every record (Python's class attribute `terminator`). */
  declare terminator: string;
  #stream: StreamTarget | null = null;
  #sink: Sink | null = null;
  #writer: TextWriter | null = null;
  #encoding: "utf-8" | null;
  #maxsize: number;
  #lastRecord: LogRecord | null = null;
  readonly #onSinkError = (error: unknown, record?: LogRecord | null): void => {
    const r = record ?? this.#lastRecord;
    if (r !== null) this.handleError(r, error);
  };

  /** Creates a handler writing to `stream`, by default the process's stderr. */
  constructor(stream?: StreamTarget | null, options: StreamHandlerOptions = {}) {
    super();
    this.#encoding = options.encoding ?? null;
    this.#maxsize = options.maxsize ?? 0;
    this.#attach(stream ?? stderr());
  }

  /** The stream records are written to. */
  get stream(): StreamTarget | null {
    return this.#stream;
  }
  set stream(stream: StreamTarget | null) {
    this.#attach(stream);
  }

  #attach(stream: StreamTarget | null): void {
    this.#stream = stream;
    this.#sink = null;
    this.#writer = null;
    if (stream === null) return;
    if (isFdStream(stream)) this.#sink = stream.sinkFor(this.#onSinkError);
    else if (typeof (stream as WritableStream).getWriter === "function") {
      this.#sink = new StreamSink(
        stream as WritableStream,
        this.#encoding === "utf-8" ? (t) => new TextEncoder().encode(t) : null,
        this.#onSinkError,
        this.#maxsize,
      );
    } else if (typeof (stream as TextWriter).write === "function") {
      this.#writer = stream as TextWriter;
    } else {
      throw new TypeError(
        "StreamHandler needs a WritableStream or an object with a write() method, not " +
          Object.prototype.toString.call(stream),
      );
    }
  }

  /**
   * Writes out anything buffered: synchronously for the module's own streams, as a Promise for a
   * `WritableStream`.
   *
   * @example
   * ```ts
   * import { StreamHandler } from "@pylog/logging";
   * await new StreamHandler().flush();
   * ```
   */
  override flush(): void | Promise<void> {
    if (this.#sink !== null) return this.#sink.flush();
    const w = this.#writer;
    if (w !== null && typeof w.flush === "function") w.flush();
  }

  /**
   * Formats the record and writes it with the terminator; any error goes to `handleError`.
   *
   * @example
   * ```ts
   * import { makeLogRecord, StreamHandler } from "@pylog/logging";
   * new StreamHandler().emit(makeLogRecord({ msg: "hello" }));
   * ```
   */
  override emit(record: LogRecord): void {
    try {
      const text = this.format(record) + this.terminator;
      const sink = this.#sink;
      if (sink !== null) {
        this.#lastRecord = record;
        sink.write(text, record.created * 1000, record);
      } else {
        const w = this.#writer as TextWriter;
        w.write(text);
        if (typeof w.flush === "function") w.flush();
      }
    } catch (error) {
      this.handleError(record, error);
    }
  }

  /**
   * Closes the handler. The stream itself stays open (Python's `StreamHandler` never closes its
   * stream); a `WritableStream`'s pending batch is written first, and the Promise settles then.
   *
   * @example
   * ```ts
   * import { StreamHandler } from "@pylog/logging";
   * await new StreamHandler(new WritableStream<string>()).close();
   * ```
   */
  override close(): void | Promise<void> {
    const sink = this.#sink;
    super.close();
    if (sink instanceof StreamSink) return sink.close();
  }

  /**
   * Replaces the stream (flushing the old one first); returns the old stream, or `null` when
   * `stream` is the current one.
   *
   * @example
   * ```ts
   * import { StreamHandler, stdout } from "@pylog/logging";
   * const h = new StreamHandler();
   * h.setStream(stdout());
   * ```
   */
  setStream(stream: StreamTarget): StreamTarget | null {
    if (stream === this.#stream) return null;
    const old = this.#stream;
    void this.flush();
    this.#attach(stream);
    return old;
  }

  /** Python's `repr`: `<StreamHandler <stderr> (NOTSET)>`. */
  override toString(): string {
    const rawName = (this.#stream as { name?: unknown } | null)?.name;
    let name = rawName === undefined || rawName === null ? "" : String(rawName);
    if (name) name += " ";
    return `<${this.constructor.name} ${name}(${getLevelName(this.level)})>`;
  }
}
StreamHandler.prototype.terminator = "\n";

/** True for the module's own descriptor streams (also those of another copy of the module). */
function isFdStream(stream: unknown): stream is FdWritableStream {
  return stream instanceof FdWritableStream ||
    (typeof (stream as FdWritableStream).fd === "number" &&
      typeof (stream as FdWritableStream).sinkFor === "function");
}
