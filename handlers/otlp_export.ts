/**
 * The sending half of `OTLPHandler`: Python's `OTLPLogExporter` (OTLP/HTTP, here with JSON bodies
 * on `fetch`) with the 1.45 exporter's retries, and Python's `BatchLogRecordProcessor` (a bounded
 * queue drained in batches, one export at a time). Their reports go where Python's go: the loggers
 * `opentelemetry.exporter.otlp.proto.http._log_exporter` and `opentelemetry.sdk._shared_internal`,
 * each with Python's duplicate filter.
 *
 * @module
 */

import { ValueError } from "../py/errors.ts";
import { Filter } from "../filter.ts";
import { percentFormat } from "../py/percent.ts";
import { state } from "../state.ts";
import type { LogRecord } from "../record.ts";
import { builtinModule, executableName, readEnv } from "../runtime.ts";
import { defineSecrets, maskAll } from "./secrets.ts";

/** The logger Python's OTLP log exporter reports on. */
export const EXPORTER_LOGGER = "opentelemetry.exporter.otlp.proto.http._log_exporter";
/** The logger Python's batch processor reports on. */
export const PROCESSOR_LOGGER = "opentelemetry.sdk._shared_internal";

/** Python's `DuplicateFilter`: the same level and message within one 20-second window passes once. */
class DuplicateFilter extends Filter {
  #last: string | null = null;
  override filter(record: LogRecord): boolean {
    const key = `${record.levelno}\u0000${String(record.msg)}\u0000${
      Math.floor(record.created / 20)
    }`;
    if (key === this.#last) return false;
    this.#last = key;
    return true;
  }
}

/** The part of a `Logger` the exporter reports through (Python's SDK logs its own warnings). */
export interface ReportLogger {
  info(msg: string, ...args: unknown[]): void;
  warning(msg: string, ...args: unknown[]): void;
  error(msg: string, ...args: unknown[]): void;
  exception(msg: string, ...args: unknown[]): void;
  addFilter(filter: Filter): void;
}

/** Writes a report to `console.error` where no logger hierarchy exists to take it. */
function consoleReport(msg: string, ...args: unknown[]): void {
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object" && "exc_info" in last) args = args.slice(0, -1);
  let text = msg;
  try {
    if (args.length) text = percentFormat(msg, args.length === 1 ? args[0] : args);
  } catch {
    // keep the unformatted message
  }
  console.error(text);
}

const CONSOLE_REPORTER: ReportLogger = {
  info: () => {},
  warning: consoleReport,
  error: consoleReport,
  exception: consoleReport,
  addFilter: () => {},
};

/**
 * Python's `logging.getLogger(name)`, reached through the shared logger hierarchy (handlers sit
 * below loggers in the layers and do not import them). The hierarchy exists as soon as the logger
 * module is loaded, which a handler attached to a logger implies; without it, reports go to
 * `console.error`, as Python's last resort would write them to stderr.
 */
function getLogger(name: string): ReportLogger {
  const h = state.slots["hierarchy"] as
    | { manager?: { getLogger(name: string): ReportLogger } }
    | undefined;
  return h?.manager?.getLogger(name) ?? CONSOLE_REPORTER;
}

const filtered = new Set<string>();
/** The report logger `name`, with Python's duplicate filter added once. */
export function reportLogger(name: string): ReportLogger {
  const logger = getLogger(name);
  if (logger !== CONSOLE_REPORTER && !filtered.has(name)) {
    filtered.add(name);
    logger.addFilter(new DuplicateFilter());
  }
  return logger;
}

type SpawnSync = (
  command: string,
  args: string[],
  options: { input: string; stdio: string[]; timeout: number; windowsHide: boolean },
) => { status: number | null; signal: string | null; error?: unknown };

/**
 * The exit helper's program (see `exportSync`): reads its job from stdin, exports each body with
 * this module's exporter, and exits 0 when all were sent (its own exit hooks write its reports).
 */
const EXIT_HELPER = `
const text = globalThis.Deno
  ? await new Response(Deno.stdin.readable).text()
  : await new Promise((done) => {
    let s = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (c) => (s += c));
    process.stdin.on("end", () => done(s));
  });
const job = JSON.parse(text);
const { OTLPLogExporter } = await import(job.module);
const exporter = new OTLPLogExporter(job.options);
let failed = 0;
for (const body of job.bodies) if (!(await exporter.export(body)).success) failed++;
if (globalThis.Deno) Deno.exit(failed ? 1 : 0);
else process.exit(failed ? 1 : 0);
`;

const MAX_RETRIES = 6;
const JITTER = 0.2;
const RETRYABLE = new Set([429, 502, 503, 504]);
/** Python's default `max_request_size`: 64 MiB. */
export const DEFAULT_MAX_REQUEST_SIZE: number = 64 * 1024 * 1024;

/** Python's `_extract_retry_after`: seconds, or an HTTP date; `null` when absent or unusable. */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) || /^[+-]?(inf|infinity|nan)$/i.test(v)) {
    const seconds = Number(v.replace(/inf(inity)?/i, "Infinity"));
    return Number.isFinite(seconds) ? Math.max(seconds, 0) : null;
  }
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max((at - now) / 1000, 0);
}

/**
 * `parse_env_headers(s, liberal=True)`: `name=value` pairs separated by commas, names lowercased,
 * URL-encoded names and values decoded.
 */
export function parseEnvHeaders(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  const key = "[\\x21\\x23-\\x27\\x2a\\x2b\\x2d\\x2e\\x30-\\x39\\x41-\\x5a\\x5e-\\x7a\\x7c\\x7e]+";
  const strict = new RegExp(
    `^[ \\t]*${key}[ \\t]*=[ \\t]*[\\x21\\x23-\\x2b\\x2d-\\x3a\\x3c-\\x5b\\x5d-\\x7e]*[ \\t]*$`,
  );
  const liberal = new RegExp(
    `^[ \\t]*${key}[ \\t]*=[ \\t]*[\\x20\\x21\\x23-\\x2b\\x2d-\\x3a\\x3c-\\x5b\\x5d-\\x7e]*[ \\t]*$`,
  );
  for (const header of s.split(/[ \t]*,[ \t]*/)) {
    if (!header) continue;
    const h = header.trim();
    const isStrict = strict.test(h);
    if (!isStrict && !liberal.test(h)) {
      // Python's opentelemetry.util.re logger (no duplicate filter there).
      getLogger("opentelemetry.util.re").warning(
        "Header format invalid! Header values in environment variables must be URL encoded per " +
          "the OpenTelemetry Protocol Exporter specification or a comma separated list of " +
          "name=value occurrences: %s",
        header,
      );
      continue;
    }
    const eq = h.indexOf("=");
    let name = h.slice(0, eq);
    let value = h.slice(eq + 1);
    if (isStrict) {
      try {
        name = decodeURIComponent(name);
        value = decodeURIComponent(value);
      } catch {
        // as unquote: malformed escapes stay
      }
    }
    out[name.trim().toLowerCase()] = value.trim();
  }
  return out;
}

/** Options of {@linkcode OTLPLogExporter}, named as Python's. */
export interface OTLPLogExporterOptions {
  /** The full URL, used as given (default from the environment, then `http://localhost:4318/v1/logs`). */
  endpoint?: string;
  /** Headers sent with each request (names lowercased). Secret: never shown. */
  headers?: Record<string, string>;
  /** Seconds one export (all its attempts) may take (default 10). */
  timeout?: number;
  /** The largest serialized request, in bytes (64 MiB; 0 for no limit). */
  max_request_size?: number;
  /**
   * `"gzip"`, `"deflate"` or `"none"` (default: `OTEL_EXPORTER_OTLP_LOGS_COMPRESSION`, then
   * `OTEL_EXPORTER_OTLP_COMPRESSION`, then none), with `CompressionStream`.
   */
  compression?: "gzip" | "deflate" | "none";
  /** The `fetch` to use (default: the global one). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/** The endpoint Python's exporter resolves when none is given. */
export function resolveEndpoint(): string {
  const logs = readEnv("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");
  if (logs) return logs;
  let base = readEnv("OTEL_EXPORTER_OTLP_ENDPOINT") || "http://localhost:4318";
  if (base.endsWith("/")) base = base.slice(0, -1);
  return `${base}/v1/logs`;
}

function resolveCompression(): "gzip" | "deflate" | "none" {
  const value = (readEnv("OTEL_EXPORTER_OTLP_LOGS_COMPRESSION") ||
    readEnv("OTEL_EXPORTER_OTLP_COMPRESSION") || "none").trim().toLowerCase();
  if (value === "gzip" || value === "deflate" || value === "none") return value;
  getLogger("opentelemetry.exporter.otlp.proto.http._common").warning(
    "Unsupported compression type: %s",
    value,
  );
  return "none";
}

function resolveTimeout(): number {
  const raw = readEnv("OTEL_EXPORTER_OTLP_LOGS_TIMEOUT") || readEnv("OTEL_EXPORTER_OTLP_TIMEOUT");
  if (!raw) return 10;
  const n = Number(raw.trim());
  if (raw.trim() === "" || Number.isNaN(n)) {
    getLogger("opentelemetry.exporter.otlp.proto.http._common").warning(
      "Invalid timeout value %r, using default of %s seconds",
      raw,
      10,
    );
    return 10;
  }
  return n;
}

/** The outcome of one export. */
export interface ExportResult {
  /** Whether the collector accepted the batch. */
  success: boolean;
  /** The last HTTP status, or `null` when none was received. */
  status: number | null;
}

function sleep(ms: number, abort: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (abort.aborted) return resolve(true);
    const timer = setTimeout(() => {
      abort.removeEventListener("abort", onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    abort.addEventListener("abort", onAbort, { once: true });
  });
}

const TIMED_OUT = Symbol("timed out");

/**
 * Python's `OTLPLogExporter` (1.45), sending OTLP/JSON: one `POST` per batch, retried on 429, 502,
 * 503, 504 and connection errors (connection errors once at once, then with exponential backoff
 * `2**retry` seconds ±20 %, or the collector's `Retry-After`), at most 6 attempts within
 * `timeout` seconds; 400, 500 and timeouts are not retried. Failures are reported on
 * `opentelemetry.exporter.otlp.proto.http._log_exporter` with Python's messages.
 *
 * @example
 * ```ts
 * import { OTLPLogExporter } from "@pylog/logging/handlers";
 * const exporter = new OTLPLogExporter({ endpoint: "http://127.0.0.1:4318/v1/logs", timeout: 5 });
 * await exporter.export('{"resourceLogs":[]}');
 * ```
 */
export class OTLPLogExporter {
  /** The URL every batch is posted to. */
  readonly endpoint: string;
  /** Seconds one export may take. */
  readonly timeout: number;
  /** The largest serialized request, in bytes (0: no limit). */
  readonly max_request_size: number;
  /** `gzip`, `deflate` or `none`. */
  readonly compression: "gzip" | "deflate" | "none";
  /**
   * The headers every export sends (Python's `_headers`; here with `content-type` and
   * `content-encoding` too). A secret: not enumerable, masked when inspected
   * (`handlers/secrets.ts`); {@linkcode OTLPLogExporter.headerNames} lists the names.
   */
  declare _headers: Record<string, string>;
  #fetch: (url: string, init: RequestInit) => Promise<Response>;
  #ownFetch: boolean;
  #shutdown = false;
  #stop = new AbortController();
  #log: ReportLogger;

  /** Creates the exporter; what is not given comes from `OTEL_EXPORTER_OTLP_*`, as in Python. */
  constructor(options: OTLPLogExporterOptions = {}) {
    this.endpoint = options.endpoint || resolveEndpoint();
    this.timeout = options.timeout ?? resolveTimeout();
    this.max_request_size = options.max_request_size ?? DEFAULT_MAX_REQUEST_SIZE;
    this.#log = reportLogger(EXPORTER_LOGGER);
    const headers: Record<string, string> = { "content-type": "application/json" };
    const env = readEnv("OTEL_EXPORTER_OTLP_LOGS_HEADERS") || readEnv("OTEL_EXPORTER_OTLP_HEADERS");
    if (env) Object.assign(headers, parseEnvHeaders(env));
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
    this.compression = options.compression ?? resolveCompression();
    if (this.compression !== "none" && !("content-encoding" in headers)) {
      headers["content-encoding"] = this.compression;
    }
    this._headers = headers;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#ownFetch = options.fetch !== undefined;
  }

  /** The names of the headers sent (their values are secrets and never shown). */
  get headerNames(): string[] {
    return Object.keys(this._headers);
  }

  /**
   * Seconds to wait before attempt `retry + 1`: `2**retry` with ±20 % jitter, as Python's
   * `_compute_backoff` (replaceable, as tests replace Python's).
   *
   * @example
   * ```ts
   * import { OTLPLogExporter } from "@pylog/logging/handlers";
   * new OTLPLogExporter()._compute_backoff(2); // between 3.2 and 4.8
   * ```
   */
  _compute_backoff(retry: number): number {
    return 2 ** retry * (1 - JITTER + Math.random() * 2 * JITTER);
  }

  async #submit(
    body: string | Uint8Array,
    seconds: number,
  ): Promise<Response | { error: unknown; timeout: boolean }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), Math.max(seconds, 0) * 1000);
    const onStop = () => controller.abort(TIMED_OUT);
    this.#stop.signal.addEventListener("abort", onStop, { once: true });
    try {
      const res = await this.#fetch(this.endpoint, {
        method: "POST",
        headers: this._headers,
        body: body as BodyInit,
        signal: controller.signal,
      });
      // Reading the answer frees the connection (Python's preload_content).
      await res.arrayBuffer();
      return res;
    } catch (error) {
      return { error, timeout: controller.signal.aborted };
    } finally {
      clearTimeout(timer);
      this.#stop.signal.removeEventListener("abort", onStop);
    }
  }

  /**
   * Sends one serialized `ExportLogsServiceRequest`; resolves to the outcome, never rejects.
   *
   * @example
   * ```ts
   * import { OTLPLogExporter } from "@pylog/logging/handlers";
   * const { success } = await new OTLPLogExporter().export('{"resourceLogs":[]}');
   * ```
   */
  async export(body: string): Promise<ExportResult> {
    if (this.#shutdown) {
      this.#log.warning("Exporter already shutdown, ignoring batch");
      return { success: false, status: null };
    }
    if (this.max_request_size > 0 && body.length > this.max_request_size / 3) {
      const size = new TextEncoder().encode(body).length;
      if (size > this.max_request_size) {
        this.#log.warning(
          "Dropping logs batch: serialized size %d bytes exceeds max_request_size %d bytes.",
          size,
          this.max_request_size,
        );
        return { success: false, status: null };
      }
    }
    let data: string | Uint8Array = body;
    if (this.compression !== "none") {
      const stream = new Blob([body]).stream().pipeThrough(
        new CompressionStream(this.compression),
      );
      data = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    const deadline = Date.now() + this.timeout * 1000;
    for (let retry = 0; retry < MAX_RETRIES; retry++) {
      let backoff = this._compute_backoff(retry);
      let status: number | null = null;
      let reason: string | null = null;
      let error: unknown = null;
      let retryable: boolean;
      let result = await this.#submit(data, (deadline - Date.now()) / 1000);
      if (!(result instanceof Response) && !result.timeout && deadline - Date.now() > 0) {
        // A connection error is retried once at once (a stale pooled connection, in Python).
        result = await this.#submit(data, (deadline - Date.now()) / 1000);
      }
      if (result instanceof Response) {
        status = result.status;
        reason = result.statusText || null;
        if (status >= 200 && status < 400) return { success: true, status };
        retryable = RETRYABLE.has(status);
        if (retryable) {
          const after = retryAfterSeconds(result.headers.get("retry-after"));
          if (after !== null) backoff = after;
        }
      } else {
        error = result.timeout ? new Error("Read timed out.") : result.error;
        // A connection error is retried; a request that timed out is not (urllib3's read timeout).
        retryable = !result.timeout;
      }
      if (!retryable) {
        this.#log.error(
          "Failed to export %s batch code: %s, reason: %s",
          "logs",
          status,
          reason ?? errorText(error) ?? "unknown",
        );
        return { success: false, status };
      }
      if (
        retry + 1 === MAX_RETRIES || backoff > (deadline - Date.now()) / 1000 || this.#shutdown
      ) {
        this.#log.error(
          "Failed to export %s batch due to timeout, max retries or shutdown.",
          "logs",
        );
        return { success: false, status };
      }
      this.#log.warning(
        "Transient error %s encountered while exporting %s batch, retrying in %.2fs.",
        reason ?? errorText(error),
        "logs",
        backoff,
      );
      if (await sleep(backoff * 1000, this.#stop.signal)) {
        this.#log.warning("Shutdown in progress, aborting retry.");
        break;
      }
    }
    return { success: false, status: null };
  }

  /**
   * Sends serialized requests while the program exits, when nothing asynchronous can finish any
   * more (Python's `atexit` exports synchronously): a helper process of the same runtime (`node`,
   * `bun`, `deno eval`) loads this module, runs {@linkcode OTLPLogExporter.export} on each body
   * with this exporter's settings (Python's retries, timeout and reports; the reports reach the
   * inherited stderr), and this process waits for it in `spawnSync`, at most `timeout` seconds per
   * body plus the helper's start. The headers, secrets included, reach the helper on its stdin,
   * never on its command line. Returns `null` when every body was sent, otherwise why not.
   *
   * @example
   * ```ts
   * import { OTLPLogExporter } from "@pylog/logging/handlers";
   * new OTLPLogExporter({ endpoint: "http://127.0.0.1:4318/v1/logs" })
   *   .exportSync(['{"resourceLogs":[]}']);
   * ```
   */
  exportSync(bodies: readonly string[]): string | null {
    if (bodies.length === 0) return null;
    if (this.#shutdown) return "the exporter is shut down";
    if (this.#ownFetch) return "a `fetch` option cannot run in the exit's helper process";
    const here = import.meta.url;
    // A file on disk, or (Deno, from JSR) a module the helper can import by its URL too.
    if (!/^(file|https?):.*\/handlers\/otlp_export\.[jt]s$/.test(here)) {
      return "this module is bundled into another file, so no helper process can load it";
    }
    const cp = builtinModule<{ spawnSync: SpawnSync }>("node:child_process");
    const g = globalThis as { Deno?: { execPath(): string }; process?: { execPath?: string } };
    const exe = g.Deno?.execPath() ?? g.process?.execPath;
    if (cp === null || typeof exe !== "string") return "this runtime cannot start a process";
    const args = g.Deno !== undefined
      ? ["eval", EXIT_HELPER]
      : executableName()?.startsWith("bun")
      ? ["-e", EXIT_HELPER]
      : ["--input-type=module", "-e", EXIT_HELPER];
    const job = JSON.stringify({
      module: here,
      options: {
        endpoint: this.endpoint,
        headers: this._headers,
        timeout: this.timeout,
        max_request_size: this.max_request_size,
        compression: this.compression,
      },
      bodies,
    });
    let r: ReturnType<SpawnSync>;
    try {
      r = cp.spawnSync(exe, args, {
        input: job,
        stdio: ["pipe", "ignore", "inherit"],
        timeout: (this.timeout * bodies.length + 10) * 1000,
        windowsHide: true,
      });
    } catch (error) {
      // Deno without `--allow-run`, Node's `--permission`: the helper cannot start.
      return `the helper process could not start: ${(error as Error)?.message ?? error}`;
    }
    if (r.error) {
      return `the helper process could not start: ${(r.error as Error).message ?? r.error}`;
    }
    if (r.status === 0) return null;
    return typeof r.status === "number"
      ? `the helper process ended with status ${r.status}`
      : `the helper process ended with ${r.signal ?? "no status (not permitted to run?)"}`;
  }

  /**
   * Stops the exporter: a retry waiting is abandoned, a request in flight aborted, later exports
   * refused.
   *
   * @example
   * ```ts
   * import { OTLPLogExporter } from "@pylog/logging/handlers";
   * new OTLPLogExporter().shutdown();
   * ```
   */
  shutdown(): void {
    if (this.#shutdown) {
      this.#log.warning("Exporter already shutdown, ignoring call");
      return;
    }
    this.#shutdown = true;
    this.#stop.abort();
  }
}
defineSecrets(OTLPLogExporter, { _headers: maskAll });

function errorText(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  if (error instanceof Error) {
    const cause = (error as { cause?: { message?: string; code?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    return detail ? `${error.message} (${detail})` : error.message;
  }
  return String(error);
}

/** Options of {@linkcode BatchLogRecordProcessor}, named as Python's. */
export interface BatchOptions {
  /** The most records waiting (default 2048, `OTEL_BLRP_MAX_QUEUE_SIZE`). */
  max_queue_size?: number;
  /** Milliseconds between exports (default 1000, `OTEL_BLRP_SCHEDULE_DELAY`). */
  schedule_delay_millis?: number;
  /** The most records per export (default 512, `OTEL_BLRP_MAX_EXPORT_BATCH_SIZE`). */
  max_export_batch_size?: number;
  /** Kept as Python keeps it (default 30000, `OTEL_BLRP_EXPORT_TIMEOUT`); Python does not use it. */
  export_timeout_millis?: number;
}

function envDefault(name: string, fallback: number): number {
  const raw = readEnv(name);
  if (raw === undefined) return fallback;
  // Python's int(): optional sign, digits, single underscores between digits, spaces around.
  const text = raw.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(text)) {
    reportLogger("opentelemetry.sdk._logs._internal.export").error(
      "Unable to parse value for %s as integer. Defaulting to %s.",
      name,
      fallback,
    );
    return fallback;
  }
  return Number.parseInt(text.replaceAll("_", ""), 10);
}

/**
 * Python's `BatchLogRecordProcessor` over an exporter of serialized batches: a queue of at most
 * `max_queue_size` items (when full, the oldest is dropped and `Queue full, dropping Log.` is
 * reported), exported `max_export_batch_size` at a time every `schedule_delay_millis`, or at once
 * when a batch is full. Exports never overlap.
 *
 * @example
 * ```ts
 * import { BatchLogRecordProcessor } from "@pylog/logging/handlers";
 * const p = new BatchLogRecordProcessor<string>(async (batch) => {
 *   console.log(batch.length);
 * }, { schedule_delay_millis: 200 });
 * p.emit("a");
 * await p.forceFlush();
 * ```
 */
export class BatchLogRecordProcessor<T> {
  /** The most items waiting. */
  readonly max_queue_size: number;
  /** Milliseconds between scheduled exports. */
  readonly schedule_delay_millis: number;
  /** The most items per export. */
  readonly max_export_batch_size: number;
  /** Kept for Python's signature. */
  readonly export_timeout_millis: number;
  #queue: T[] = [];
  #head = 0;
  #export: (batch: T[]) => Promise<unknown>;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  #shutdown = false;
  #timedOut = false;
  #immediate = false;
  /** The batch whose export (its request, or a retry's wait) has not settled yet. */
  #exporting: T[] | null = null;
  #onShutdown: () => void;
  #log: ReportLogger;

  /** Validates the options as Python does (`ValueError` for a non-positive size or delay). */
  constructor(
    exportBatch: (batch: T[]) => Promise<unknown>,
    options: BatchOptions = {},
    onShutdown: () => void = () => {},
  ) {
    const q = options.max_queue_size ?? envDefault("OTEL_BLRP_MAX_QUEUE_SIZE", 2048);
    const d = options.schedule_delay_millis ?? envDefault("OTEL_BLRP_SCHEDULE_DELAY", 1000);
    const b = options.max_export_batch_size ??
      envDefault("OTEL_BLRP_MAX_EXPORT_BATCH_SIZE", 512);
    const t = options.export_timeout_millis ?? envDefault("OTEL_BLRP_EXPORT_TIMEOUT", 30000);
    if (q <= 0) throw new ValueError("max_queue_size must be a positive integer.");
    if (d <= 0) throw new ValueError("schedule_delay_millis must be positive.");
    if (b <= 0) throw new ValueError("max_export_batch_size must be a positive integer.");
    if (b > q) {
      throw new ValueError("max_export_batch_size must be less than or equal to max_queue_size.");
    }
    this.max_queue_size = q;
    this.schedule_delay_millis = d;
    this.max_export_batch_size = b;
    this.export_timeout_millis = t;
    this.#export = exportBatch;
    this.#onShutdown = onShutdown;
    this.#log = reportLogger(PROCESSOR_LOGGER);
  }

  /** The number of items waiting. */
  get size(): number {
    return this.#queue.length - this.#head;
  }

  /**
   * Queues one item; drops the oldest when the queue is full, as Python's bounded deque does.
   *
   * @example
   * ```ts
   * import { BatchLogRecordProcessor } from "@pylog/logging/handlers";
   * new BatchLogRecordProcessor<number>(async () => {}).emit(1);
   * ```
   */
  emit(item: T): void {
    if (this.#shutdown) {
      this.#log.info("Shutdown called, ignoring %s.", "Log");
      return;
    }
    if (this.size === this.max_queue_size) {
      this.#log.warning("Queue full, dropping %s.", "Log");
      this.#queue[this.#head++] = undefined as T;
    }
    this.#queue.push(item);
    if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    if (this.size >= this.max_export_batch_size) {
      if (!this.#immediate && this.#running === null) this.#wake(0);
    } else if (this.#timer === null && this.#running === null) {
      this.#wake(this.schedule_delay_millis);
    }
  }

  #wake(ms: number): void {
    if (this.#timer !== null) {
      // Already due at once (Python's event already set), or a batch filled before the delay.
      if (ms !== 0 || this.#immediate) return;
      clearTimeout(this.#timer);
    }
    this.#immediate = ms === 0;
    // The timer stays referenced while items wait, so a program's natural end waits for them.
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#immediate = false;
      void this.#run(ms === 0 ? "threshold" : "one");
    }, ms);
  }

  #take(): T[] {
    const count = Math.min(this.max_export_batch_size, this.size);
    const batch = this.#queue.slice(this.#head, this.#head + count);
    this.#head += count;
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    }
    return batch;
  }

  /** Runs exports one after the other, never two at once. */
  #run(strategy: "all" | "threshold" | "one"): Promise<void> {
    const previous = this.#running ?? Promise.resolve();
    const next = previous.then(async () => {
      let iteration = 0;
      while (this.size > 0 && !this.#timedOut) {
        if (
          !(this.size >= this.max_export_batch_size || strategy === "all" ||
            (strategy === "one" && iteration === 0))
        ) break;
        iteration++;
        const batch = this.#take();
        this.#exporting = batch;
        try {
          await this.#export(batch);
        } catch (error) {
          this.#log.exception("Exception while exporting %s.", "Log", { exc_info: error });
        } finally {
          if (this.#exporting === batch) this.#exporting = null;
        }
      }
    });
    this.#running = next;
    void next.finally(() => {
      if (this.#running === next) {
        this.#running = null;
        if (this.size > 0 && !this.#shutdown) this.#wake(this.schedule_delay_millis);
      }
    });
    return next;
  }

  /**
   * Removes and returns every item not yet sent, at once, for the exit hooks (they hand them to
   * {@linkcode OTLPLogExporter.exportSync}): the batch whose export has not settled (waiting for a
   * retry, or its request in flight: Python's worker would finish it before exiting; here it is
   * sent again, so a collector may receive it twice), then the queue.
   *
   * @example
   * ```ts
   * import { BatchLogRecordProcessor } from "@pylog/logging/handlers";
   * const p = new BatchLogRecordProcessor<number>(async () => {});
   * p.emit(1);
   * p.takeQueued(); // [1]
   * ```
   */
  takeQueued(): T[] {
    const pending = this.#exporting ?? [];
    this.#exporting = null;
    const items = pending.concat(this.#queue.slice(this.#head));
    this.#queue = [];
    this.#head = 0;
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
      this.#immediate = false;
    }
    return items;
  }

  /**
   * Exports everything queued now; resolves when done (`false` after shutdown, as Python).
   *
   * @example
   * ```ts
   * import { BatchLogRecordProcessor } from "@pylog/logging/handlers";
   * await new BatchLogRecordProcessor<number>(async () => {}).forceFlush();
   * ```
   */
  async forceFlush(): Promise<boolean> {
    if (this.#shutdown) return false;
    await this.#run("all");
    return true;
  }

  /**
   * Exports what is queued, then shuts the exporter down; resolves within `timeout_millis`
   * (default 30000) even if the collector does not answer (the export is then abandoned).
   *
   * @example
   * ```ts
   * import { BatchLogRecordProcessor } from "@pylog/logging/handlers";
   * await new BatchLogRecordProcessor<number>(async () => {}).shutdown(1000);
   * ```
   */
  async shutdown(timeout_millis = 30000): Promise<void> {
    if (this.#shutdown) return;
    this.#shutdown = true;
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeout_millis);
    });
    try {
      await Promise.race([this.#run("all"), expired]);
    } finally {
      clearTimeout(timer);
      // As Python's _shutdown_timeout_exceeded: no batch is started after this point.
      this.#timedOut = true;
      this.#onShutdown();
    }
  }
}
