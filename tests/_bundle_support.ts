// Bundling for the browser and bundle-size tests: esbuild's binary (a dev dependency), run the way
// a user's build would run it on a program importing the library, with its metafile read back to
// tell which of the library's modules ended up in the bundle.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
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
}

/**
 * Bundles `source` (a module's text; `@lib/` in its import specifiers stands for the checkout's
 * root) for the browser as an ES module, minified when `minify`.
 */
export function bundle(source: string, minify = true): Bundle {
  const work = mkdtempSync(join(tmpdir(), "pylog-bundle-"));
  try {
    const entry = join(work, "entry.ts");
    writeFileSync(entry, source.replaceAll("@lib/", ROOT));
    const out = join(work, "out.js");
    const meta = join(work, "meta.json");
    const args = [
      entry,
      "--bundle",
      "--format=esm",
      "--platform=browser",
      "--target=es2022",
      `--outfile=${out}`,
      `--metafile=${meta}`,
      "--log-level=error",
    ];
    if (minify) args.push("--minify");
    const r = spawnSync(ESBUILD, args, { encoding: "utf8" });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`esbuild failed (status ${r.status}): ${r.stderr}`);
    const code = readFileSync(out, "utf8");
    const inputs = Object.values(
      JSON.parse(readFileSync(meta, "utf8")).outputs as Record<
        string,
        { inputs: Record<string, { bytesInOutput: number }> }
      >,
    )[0].inputs;
    const modules = Object.entries(inputs)
      .map(([path, v]) => ({
        path: relative(ROOT, join(process.cwd(), path)),
        bytes: v.bytesInOutput,
      }))
      .filter((m) => m.bytes > 0 && !m.path.startsWith(".."))
      .sort((a, b) => b.bytes - a.bytes);
    const bytes = new TextEncoder().encode(code);
    return { code, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, modules };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
