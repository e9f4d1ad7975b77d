// Bundling for the browser and bundle-size tests: esbuild's binary (a dev dependency), run the way
// a user's build would run it on a program importing the library, with its metafile read back to
// tell which of the library's modules ended up in the bundle.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** The checkout's root folder (ends with a separator). */
export const ROOT: string = fileURLToPath(new URL("..", import.meta.url));
const ESBUILD = fileURLToPath(new URL("../node_modules/.bin/esbuild", import.meta.url));

/** A bundle's code, sizes and the repository files it holds code from. */
export interface Bundle {
  code: string;
  bytes: number;
  gzipBytes: number;
  /** Repository-relative paths of the inputs that contributed bytes, biggest first. */
  modules: { path: string; bytes: number }[];
  /** Repository-relative paths of every input esbuild read, re-export-only modules included. */
  inputs: string[];
  /** For each input, a shortest import chain from the program to it (`program.ts` first). */
  chains: Record<string, string[]>;
  /**
   * The code cut into runs by the source each run came from (esbuild's source map: a run goes from
   * one mapping to the next), in order; `path` is repository-relative, `""` where nothing maps.
   */
  runs: { path: string; text: string }[];
}

/** Shortest import chains from `program.ts` (breadth first over esbuild's metafile). */
function importChains(
  inputs: Record<string, { imports: { path: string }[] }>,
): Record<string, string[]> {
  const chains: Record<string, string[]> = { "program.ts": ["program.ts"] };
  const queue = ["program.ts"];
  for (let i = 0; i < queue.length; i++) {
    for (const { path } of inputs[queue[i]]?.imports ?? []) {
      if (path in chains) continue;
      chains[path] = [...chains[queue[i]], path];
      queue.push(path);
    }
  }
  return chains;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes a source map's `mappings` into, per generated line, `[column, source index | -1]`s. */
function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let source = 0;
  for (const line of mappings.split(";")) {
    const segs: [number, number][] = [];
    let col = 0;
    for (const seg of line.split(",")) {
      if (seg === "") continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += fields[0];
      if (fields.length > 1) source += fields[1];
      segs.push([col, fields.length > 1 ? source : -1]);
      // Fields 2 and 3 (line, column) are relative too, but only the source matters here.
    }
    lines.push(segs);
  }
  return lines;
}

/** The code's runs by source (see {@linkcode Bundle.runs}). */
function runsBySource(
  code: string,
  map: { sources: string[]; mappings: string },
  mapDir: string,
): Bundle["runs"] {
  // The map names its sources relative to its own folder.
  const sources = map.sources.map((p) => relative(ROOT, resolve(mapDir, p)));
  const runs: Bundle["runs"] = [];
  const push = (path: string, text: string): void => {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.path === path) last.text += text;
    else if (text !== "") runs.push({ path, text });
  };
  const lines = code.split("\n");
  const mapped = decodeMappings(map.mappings);
  lines.forEach((line, i) => {
    const segs = mapped[i] ?? [];
    let at = 0;
    let path = "";
    for (const [col, src] of segs) {
      push(path, line.slice(at, col));
      at = col;
      path = src < 0 ? "" : sources[src];
    }
    push(path, line.slice(at) + (i < lines.length - 1 ? "\n" : ""));
  });
  return runs;
}

/**
 * The gzip size of `b`'s code with the runs of the modules in `paths` taken out: what the bundle
 * would weigh without them (their gzip share is `b.gzipBytes` minus this).
 */
export function gzipWithout(b: Bundle, paths: Iterable<string>): number {
  const drop = new Set(paths);
  const kept = b.runs.filter((r) => !drop.has(r.path)).map((r) => r.text).join("");
  return gzipSync(new TextEncoder().encode(kept), { level: 9 }).length;
}

/**
 * Bundles `source` (a TypeScript module's text; `@lib/` in its import specifiers stands for the
 * checkout's root, bare specifiers resolve from its node_modules) for the browser as an ES
 * module, minified when `minify`.
 */
export function bundle(source: string, minify = true): Bundle {
  const work = mkdtempSync(join(tmpdir(), "pylog-bundle-"));
  try {
    const out = join(work, "out.js");
    const meta = join(work, "meta.json");
    const args = [
      "--bundle",
      "--format=esm",
      "--platform=browser",
      "--target=es2022",
      "--loader=ts",
      "--sourcefile=program.ts",
      `--outfile=${out}`,
      `--metafile=${meta}`,
      "--log-level=error",
      "--sourcemap=external", // writes out.js.map and leaves the code as it is
    ];
    if (minify) args.push("--minify");
    // The program comes on stdin and resolves from the checkout (so `pino` is found in its
    // node_modules); the metafile's paths are then relative to the checkout.
    const r = spawnSync(ESBUILD, args, {
      cwd: ROOT,
      input: source.replaceAll("@lib/", ROOT),
      encoding: "utf8",
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`esbuild failed (status ${r.status}): ${r.stderr}`);
    const code = readFileSync(out, "utf8");
    const metafile = JSON.parse(readFileSync(meta, "utf8")) as {
      inputs: Record<string, { imports: { path: string }[] }>;
      outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
    };
    const own = (p: string): boolean => p !== "program.ts" && !p.startsWith("node_modules/");
    // The outputs are the code and its source map (which has no inputs).
    const output = Object.entries(metafile.outputs).find(([p]) => p.endsWith(".js"))![1];
    const modules = Object.entries(output.inputs)
      .map(([path, v]) => ({ path, bytes: v.bytesInOutput }))
      .filter((m) => m.bytes > 0 && own(m.path))
      .sort((a, b) => b.bytes - a.bytes);
    const bytes = new TextEncoder().encode(code);
    return {
      code,
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
      modules,
      inputs: Object.keys(metafile.inputs).filter(own),
      chains: importChains(metafile.inputs),
      runs: runsBySource(code, JSON.parse(readFileSync(`${out}.map`, "utf8")), work),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const KB = 1024;

/** A program the bundle test checks and the bench measures. */
export interface Program {
  /** The program's text (`@lib/` is the checkout). */
  source: string;
  /** Its ceiling (gzip bytes): the size measured when last lowered, plus 5 %. */
  ceiling: number;
  /** Issue 23's target (gzip bytes), or `null`. */
  target: number | null;
  /**
   * The modules the program's own calls run, with the values it passes (whatever else it could
   * be asked): module path → what runs.
   */
  core: Record<string, string>;
  /**
   * The floor: the modules only a string or value given at run time reaches, which no bundler can
   * see (a Python-faithful call that must keep working without another import): module path → the
   * string or option that reaches it.
   */
  floor: Record<string, string>;
}

// What getLogger, basicConfig({ handlers, level, format }), a `%`-style format and
// `log.info("... %s", "text")` run, and what `basicConfig` and `Formatter` can be asked for by a
// string at run time.
const MINIMAL_CORE: Record<string, string> = {
  "logger.ts": "getLogger, Logger.info, the hierarchy",
  "record.ts": "LogRecord, getMessage",
  "record_fields.ts": "the record's attributes as format fields",
  "levels.ts": 'level names (`level: "INFO"`, `%(levelname)s`)',
  "state.ts": "the shared state",
  "filter.ts": "Filterer (Logger's and Handler's base)",
  "limits.ts": "the logger-name bound",
  "own_keys.ts": "record attributes copied key by key",
  "caller.ts": "findCaller, on every record (pathname, lineno, funcName)",
  "py/traceback.ts": "the stack parser findCaller uses (and the renderer of exc_info)",
  "handlers/handler.ts": "Handler",
  "handlers/console.ts": "ConsoleHandler",
  "handlers/sink.ts": "the stderr writes of handleError, the sinks flushed at exit",
  "formatters/formatter.ts": "Formatter",
  "formatters/styles.ts": "PercentStyle (the `{` and `$` styles share the module)",
  "py/percent.ts": "`%` formatting of the format and the message",
  "basic_config.ts": "basicConfig",
  "shutdown.ts": "shutdown at exit",
  "exit.ts": "the exit hooks",
  "runtime.ts": "lazy access to the runtime (exit hooks, stderr)",
};
const MINIMAL_FLOOR: Record<string, string> = {
  "py/str_format.ts": '`style: "{"` (basicConfig, Formatter)',
  "py/template.ts": '`style: "$"`',
  "py/time.ts": "`%(asctime)s` in a format, `datefmt`",
  "py/strftime.ts": "`%(asctime)s` in a format, `datefmt`",
  "py/number.ts": "`%d`, `%f`, `%x`... in a message or a format (`%(msecs)03d`)",
  "py/repr.ts": "a non-string argument (`%s` of an object), `%r`, values quoted in error messages",
  "py/errors.ts": 'a misused string (`level: "LOUD"`: ValueError; a missing field: KeyError)',
  "formatters/sanitize.ts": "`sanitize: true`",
  "handlers/stream/stream.ts": "basicConfig without `handlers` (`stream`), the last resort",
  "last_resort.ts": "a record no handler takes (Python's lastResort)",
  "handlers/stream/file.ts": "`filename`, `filemode`",
  "py/codecs.ts": "`encoding`, `errors` (FileHandler; a stream's encoding)",
};

// The handler, formatter and filter classes a dictConfig configuration names by string: every
// name of config/names.ts (the shared logging.json's python-json-logger, colorlog and
// pylog.redaction names included) must keep working without another import.
const NAMED_BY_CONFIG: Record<string, string> = {
  "basic_config.ts": "`logging.basicConfig` (or `ext://logging.info`...)",
  "adapter.ts": "`logging.LoggerAdapter`",
  "handlers/null.ts": "`logging.NullHandler`",
  "handlers/stream/rotating.ts": "`logging.handlers.RotatingFileHandler`",
  "handlers/stream/timed_rotating.ts": "`logging.handlers.TimedRotatingFileHandler`",
  "handlers/stream/timed_rollover.ts": "`logging.handlers.TimedRotatingFileHandler`",
  "handlers/stream/watched.ts": "`logging.handlers.WatchedFileHandler`",
  "handlers/queue/memory.ts": "`logging.handlers.MemoryHandler`, `BufferingHandler`",
  "handlers/queue/queue.ts": "`logging.handlers.QueueHandler`, `QueueListener`",
  "py/queue.ts": "`queue.Queue` (a queue handler's `queue`)",
  "config/queue_config.ts": "a handler entry with `queue`, `listener`, `handlers` (Python 3.12)",
  "handlers/queue/worker.ts": "`logging.PortQueue`, `logging.PortQueueReceiver`",
  "handlers/net/socket.ts": "`logging.handlers.SocketHandler`, `DatagramHandler`",
  "handlers/net/_stream_socket.ts": "`logging.handlers.SocketHandler`, `SysLogHandler`",
  "py/pickle.ts": "`logging.handlers.SocketHandler` (pickled records)",
  "handlers/net/syslog.ts": "`logging.handlers.SysLogHandler`",
  "handlers/net/smtp.ts": "`logging.handlers.SMTPHandler`",
  "handlers/net/http.ts": "`logging.handlers.HTTPHandler`",
  "handlers/net/_transport.ts": "`logging.handlers.HTTPHandler`, `SMTPHandler`",
  "handlers/secrets.ts":
    "`logging.handlers.HTTPHandler`, `SMTPHandler`, `OTLPHandler` (credentials)",
  "handlers/otlp.ts": "`logging.handlers.OTLPHandler`",
  "handlers/otlp_export.ts": "`logging.handlers.OTLPHandler`",
  "otel/mapping.ts": "`logging.handlers.OTLPHandler` (record → OTLP)",
  "otel/api.ts": "`logging.handlers.OTLPHandler` (the active span)",
  "formatters/json.ts": "`pythonjsonlogger.json.JsonFormatter`",
  "py/json.ts": "`pythonjsonlogger.json.JsonFormatter`",
  "formatters/colored.ts": "`colorlog.ColoredFormatter`",
  "redaction/redact.ts": "`pylog.redaction.RedactingFilter`",
  "redaction/patterns.ts": "`pylog.redaction.RedactingFilter`",
};

const without = (o: Record<string, string>, key: string): Record<string, string> => {
  const out = { ...o };
  delete out[key];
  return out;
};

/**
 * The programs whose bundles tests/bundle_size_test.ts checks and the bench measures. Issue 23's
 * targets are not met: the floor (what run-time strings reach) is above them (see the bench's
 * table and bench/README.md); the ceilings keep the sizes from growing unnoticed, and the
 * classification (`core`, `floor`) makes a module that leaks in fail by name.
 */
export const PROGRAMS: Record<string, Program> = {
  minimal: {
    source: `import { basicConfig, ConsoleHandler, getLogger } from "@lib/mod.ts";
basicConfig({ handlers: [new ConsoleHandler()], level: "INFO", format: "%(levelname)s %(name)s: %(message)s" });
getLogger("app").info("user %s logged in from %s", "ann", "10.0.0.1");
`,
    // 32.2 KB measured (core 15.2 + floor 17.0, bench/README.md); 32.5 KB after issue 22's caller
    // capture and the `%(key)d` fast path of the `%` style (a caller format 6x faster on Node).
    ceiling: 33 * KB,
    target: 15 * KB,
    core: MINIMAL_CORE,
    floor: MINIMAL_FLOOR,
  },
  dictConfig: {
    source: `import { getLogger } from "@lib/mod.ts";
import { dictConfig } from "@lib/config/mod.ts";
dictConfig({
  version: 1,
  formatters: { plain: { format: "%(levelname)s %(name)s: %(message)s" } },
  handlers: { console: { class: "logging.handlers.ConsoleHandler", formatter: "plain" } },
  root: { level: "INFO", handlers: ["console"] },
});
getLogger("app").info("user %s logged in from %s", "ann", "10.0.0.1");
`,
    // 73.0 KB before fileConfig, configparser and the whole handler and formatter namespaces
    // stopped leaking in (67.2 KB after).
    ceiling: 70.5 * KB,
    target: 30 * KB,
    core: {
      ...without(MINIMAL_CORE, "basic_config.ts"),
      "config/mod.ts": "logging.config (its attributes for `logging.config.*` names)",
      "config/dict_config.ts": "dictConfig",
      "config/base_configurator.ts": "BaseConfigurator (`ext://`, `cfg://`, `()`)",
      "config/apply.ts": "the atomic apply",
      "config/resolve.ts": "`logging.handlers.ConsoleHandler` → the class, its Python signature",
      "config/names.ts": "the table of names a configuration may reach",
    },
    floor: { ...MINIMAL_FLOOR, ...NAMED_BY_CONFIG },
  },
  everything: {
    source: `import * as logging from "@lib/mod.ts";
import * as handlers from "@lib/handlers/mod.ts";
import * as formatters from "@lib/formatters/mod.ts";
import * as config from "@lib/config/mod.ts";
(globalThis as Record<string, unknown>).pylog = { logging, handlers, formatters, config };
`,
    // 57.1 KB on the layout branch; 75.6 KB once the JSON, colour, context, testing and
    // OpenTelemetry rooms joined (the redaction room is a sub-entry this program does not import);
    // 78.6 KB measured for issue 23's floor rows; 79.6 KB once OTLPHandler sends its queue at exit
    // through a helper process (handlers/otlp_export.ts `exportSync`).
    ceiling: 81 * KB,
    target: null,
    core: {}, // every module: this program names everything
    floor: {},
  },
};
