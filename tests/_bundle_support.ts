// Bundling for the browser and bundle-size tests: esbuild's binary (a dev dependency), run the way
// a user's build would run it on a program importing the library, with its metafile read back to
// tell which of the library's modules ended up in the bundle.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
      inputs: Record<string, unknown>;
      outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
    };
    const own = (p: string): boolean => p !== "program.ts" && !p.startsWith("node_modules/");
    const modules = Object.entries(Object.values(metafile.outputs)[0].inputs)
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
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const KB = 1024;

/**
 * The programs whose bundles tests/bundle_size_test.ts checks and the bench measures, each with
 * its ceiling (gzip bytes) and issue 23's target. The targets are not met (see the bench's
 * table): the ceilings keep the sizes from growing unnoticed.
 */
export const PROGRAMS: Record<
  string,
  { source: string; ceiling: number; target: number | null }
> = {
  minimal: {
    source: `import { basicConfig, ConsoleHandler, getLogger } from "@lib/mod.ts";
basicConfig({ handlers: [new ConsoleHandler()], level: "INFO", format: "%(levelname)s %(name)s: %(message)s" });
getLogger("app").info("user %s logged in from %s", "ann", "10.0.0.1");
`,
    ceiling: 32.5 * KB,
    target: 15 * KB,
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
    // 56.0 KB when measured on the layout branch; 69.9 KB once the name table (config/names.ts)
    // also lists the JSON, coloured and OTLP classes a configuration may name by string.
    ceiling: 73.5 * KB,
    target: 30 * KB,
  },
  everything: {
    source: `import * as logging from "@lib/mod.ts";
import * as handlers from "@lib/handlers/mod.ts";
import * as formatters from "@lib/formatters/mod.ts";
import * as config from "@lib/config/mod.ts";
(globalThis as Record<string, unknown>).pylog = { logging, handlers, formatters, config };
`,
    // 57.1 KB on the layout branch; 75.6 KB once the JSON, colour, context, testing and
    // OpenTelemetry rooms joined (the redaction room is a sub-entry this program does not import).
    ceiling: 79.5 * KB,
    target: null,
  },
};
