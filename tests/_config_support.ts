// Shared support for the logging.config tests: a clean logging state per test (restored after),
// fixed record time rendered with gmtime, stdout/stderr captured, and a temporary directory.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Captured, captureFd, saveLoggingState } from "./_cpython_support.ts";
import { Formatter } from "../formatters/formatter.ts";
import { gmtime } from "../py/time.ts";
import { type Handler, handlerRegistry } from "../handlers/handler.ts";
import { flushAllSinksSync } from "../handlers/sink.ts";
import { resetLogging } from "../reset.ts";
import { getLogRecordFactory, type LogRecord, setLogRecordFactory } from "../record.ts";

export interface ConfigEnv {
  dir: string;
  stdout: Captured;
  stderr: Captured;
  /** Every file in `dir` (except *.ini), decoded byte for byte (latin-1). */
  files(): Record<string, string>;
  done(): void;
}

function liveHandlers(): Handler[] {
  const out: Handler[] = [];
  for (const r of handlerRegistry().list) {
    const h = r.deref();
    if (h !== undefined) out.push(h);
  }
  return out;
}

export function setUpConfigEnv(created: number | null = null): ConfigEnv {
  const saved = saveLoggingState();
  const before = new Set(liveHandlers());
  resetLogging();
  if (created !== null) {
    const orig = getLogRecordFactory();
    setLogRecordFactory((...args: Parameters<typeof orig>): LogRecord => {
      const r = orig(...args);
      r.created = created;
      r.msecs = Math.round((created - Math.floor(created)) * 1000);
      r.relativeCreated = 0;
      return r;
    });
    Formatter.converter = gmtime;
  }
  const dir = mkdtempSync(join(tmpdir(), "pylog-config-"));
  const stdout = captureFd(1);
  const stderr = captureFd(2);
  return {
    dir,
    stdout,
    stderr,
    files(): Record<string, string> {
      for (const h of liveHandlers()) void h.flush();
      flushAllSinksSync();
      const out: Record<string, string> = {};
      for (const name of readdirSync(dir).sort()) {
        if (name.endsWith(".ini")) continue;
        const bytes = readFileSync(join(dir, name));
        let s = "";
        for (const b of bytes) s += String.fromCharCode(b);
        out[name] = s;
      }
      return out;
    },
    done(): void {
      try {
        for (const h of liveHandlers()) if (!before.has(h)) void h.close();
        flushAllSinksSync();
      } finally {
        stderr.restore();
        stdout.restore();
        saved.restore();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** An error as the fixtures record it: [type, str, cause type, cause str], with `dir` as `{dir}`. */
export function errInfo(e: unknown, dir: string): (string | null)[] {
  const err = e as Error & { cause?: Error };
  const un = (s: string): string => s.split(dir).join("{dir}");
  const c = err.cause;
  return [
    err.name,
    un(err.message),
    c === undefined || c === null ? null : c.name,
    c === undefined || c === null ? null : un(c.message),
  ];
}
