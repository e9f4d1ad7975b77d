/**
 * Redaction: `RedactingFilter`, a `logging.Filter` that keeps passwords, tokens, keys, cookies,
 * e-mail addresses and card numbers out of every handler's output (text, JSON, OTLP), by key name
 * at any depth, by pino-style path, and by text pattern in the formatted message. Configurations
 * name it `pylog.redaction.RedactingFilter`.
 *
 * ```ts
 * import { getLogger, StreamHandler } from "@pylog/logging";
 * import { RedactingFilter } from "@pylog/logging/redaction";
 * const h = new StreamHandler();
 * h.addFilter(new RedactingFilter({ paths: ["req.headers.cookie", "users[*].email"] }));
 * getLogger("app").addHandler(h);
 * ```
 *
 * @module
 */

export { type CensorFunction, RedactingFilter, type RedactingFilterOptions } from "./redact.ts";
export { BUILTIN_PATTERNS, DEFAULT_SENSITIVE_KEYS, type RedactionPattern } from "./patterns.ts";
