/**
 * The handlers, mirroring Python's `logging` and `logging.handlers`: `Handler`, `StreamHandler`,
 * `FileHandler`, `NullHandler`, `RotatingFileHandler`, `TimedRotatingFileHandler`,
 * `WatchedFileHandler`, `BufferingHandler`, `MemoryHandler`, `QueueHandler`/`QueueListener` (also
 * across a `Worker`), `SocketHandler`, `DatagramHandler`, `SysLogHandler`, `HTTPHandler`,
 * `SMTPHandler`, plus `ConsoleHandler` for edge platforms and the standard streams as
 * `WritableStream`s.
 *
 * ```ts
 * import { FileHandler } from "@pylog/logging/handlers";
 * const h = new FileHandler("app.log");
 * ```
 *
 * @module
 */

export { getRaiseExceptions, Handler, setRaiseExceptions } from "./handler.ts";
export {
  StreamHandler,
  type StreamHandlerOptions,
  type StreamTarget,
  type TextWriter,
} from "./stream/stream.ts";
export { FileHandler, type FileHandlerOptions } from "./stream/file.ts";
export { NullHandler } from "./null.ts";
export { FdWritableStream, type Sink, type SinkErrorReporter, stderr, stdout } from "./sink.ts";
export {
  BaseRotatingHandler,
  type Namer,
  RotatingFileHandler,
  type RotatingFileHandlerOptions,
  type Rotator,
} from "./stream/rotating.ts";
export {
  TimedRotatingFileHandler,
  type TimedRotatingFileHandlerOptions,
  type TimeOfDay,
} from "./stream/timed_rotating.ts";
export { WatchedFileHandler } from "./stream/watched.ts";
export { type BrokenDownTime, type RolloverClock } from "./stream/timed_rollover.ts";
export { BufferingHandler, MemoryHandler } from "./queue/memory.ts";
export {
  type ListenerQueue,
  QueueHandler,
  type QueueLike,
  QueueListener,
  type QueueListenerOptions,
} from "./queue/queue.ts";
export {
  type MessagePortLike,
  type PortEvent,
  PortQueue,
  type PortQueueOptions,
  PortQueueReceiver,
} from "./queue/worker.ts";
export { Queue, QueueEmpty, QueueFull } from "../py/queue.ts";
export { HTTPHandler, type HTTPHandlerOptions } from "./net/http.ts";
export { type EmitterPortLike } from "./queue/worker.ts";
export { ConsoleHandler, type ConsoleHandlerOptions, type ConsoleMethod } from "./console.ts";
export {
  DatagramHandler,
  type DgramSocket,
  type NetSocket,
  SOCKET_BUFFER_LIMIT,
  SocketHandler,
  type SocketHandlerOptions,
} from "./net/socket.ts";
export {
  SOCK_DGRAM,
  SOCK_STREAM,
  SYSLOG_TCP_PORT,
  SYSLOG_UDP_PORT,
  SysLogHandler,
  type SysLogHandlerOptions,
} from "./net/syslog.ts";
export { SMTP_PORT, SMTP_QUEUE_LIMIT, SMTPHandler, type SMTPHandlerOptions } from "./net/smtp.ts";
export { OTLPHandler, type OTLPHandlerOptions, type QueuedLogRecord } from "./otlp.ts";
export {
  BatchLogRecordProcessor,
  type BatchOptions,
  type ExportResult,
  OTLPLogExporter,
  type OTLPLogExporterOptions,
} from "./otlp_export.ts";
export { type LoggerProviderLike, LoggingHandler, type OtelLoggerLike } from "../otel/bridge.ts";
export {
  type LogRecordLimits,
  type OtlpAnyValue,
  type OtlpKeyValue,
  type OtlpLogRecord,
  type ResourceAttributes,
  toOtlpLogRecord,
} from "../otel/mapping.ts";
export type { SpanContextLike, SpanLike } from "../otel/api.ts";
