#!/usr/bin/env node
// The layering rule of docs/ARCHITECTURE.md, proved from the import statements of the library's own
// files: every relative `import`/`export … from` (type-only ones included) must point at a file in
// the same layer or a lower one, the files must form no cycle, and a private file (its name starts
// with `_`) is imported only from its own folder and re-exported by no entry point. The root
// `mod.ts` is a façade above everything; a folder's `mod.ts` sits in its folder's layer.
// Exit status 1 with one line per violation; `--graph` also prints each file's layer and imports.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * The layers, bottom first. A file belongs to the first rule that matches its path (relative to
 * the repository root, with `/`). Keep in step with docs/ARCHITECTURE.md.
 */
export const LAYERS = [
  [
    "py: Python's standard library, rebuilt; runtime access; the record's field table; limits, own keys",
    [
      /^py\//,
      /^runtime\.ts$/,
      /^record_fields\.ts$/,
      /^limits\.ts$/,
      /^own_keys\.ts$/,
    ],
  ],
  ["shared state, exit hooks, levels, the OpenTelemetry API's global", [
    /^state\.ts$/,
    /^exit\.ts$/,
    /^levels\.ts$/,
    /^otel\/api\.ts$/,
  ]],
  ["record, caller capture, filters (redaction too)", [
    /^record\.ts$/,
    /^caller\.ts$/,
    /^filter\.ts$/,
    /^redaction\//,
  ]],
  ["formatters, the record → OTLP mapping", [/^formatters\//, /^otel\/mapping\.ts$/]],
  ["handlers (and the OpenTelemetry SDK bridge)", [/^handlers\//, /^otel\/bridge\.ts$/]],
  ["logger, last resort, shutdown, adapter", [
    /^logger\.ts$/,
    /^last_resort\.ts$/,
    /^shutdown\.ts$/,
    /^adapter\.ts$/,
    /^reset\.ts$/,
    /^handler_names\.ts$/,
    /^context\//,
  ]],
  ["basicConfig and the module-level functions, the OpenTelemetry instrumentor", [
    /^basic_config\.ts$/,
    /^otel\/instrumentor\.ts$/,
  ]],
  ["config", [/^config\//]],
  ["test helpers", [/^testing\//]],
];
// The root entry point sits above everything; a folder's `mod.ts` belongs to its folder's layer.
const ENTRY = /^mod\.ts$/;
const SKIP_DIRS = new Set([
  "node_modules",
  "tests",
  "bench",
  "examples",
  "scripts",
  "docs",
  ".git",
]);

/** Every library `.ts` file, relative to the root. */
function libraryFiles(dir = root) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(".")) continue;
    const full = join(dir, name);
    const rel = relative(root, full).split("\\").join("/");
    if (statSync(full).isDirectory()) {
      if (!SKIP_DIRS.has(rel)) out.push(...libraryFiles(full));
    } else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(rel);
  }
  return out.sort();
}

/** The file's source with comments and string/template contents that are not specifiers removed. */
function stripComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/** The relative specifiers a file imports or re-exports from. */
export function importsOf(file) {
  const src = stripComments(readFileSync(join(root, file), "utf8"));
  const specs = [];
  const re =
    /(?:^|[;\n])\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']|(?:^|[;\n])\s*import\s*["']([^"']+)["']/g;
  for (const m of src.matchAll(re)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith(".")) {
      specs.push(normalize(join(dirname(file), spec)).split("\\").join("/"));
    }
  }
  return specs;
}

/** The layer index of a file, or -1 for an entry point, or undefined when no rule matches. */
export function layerOf(file) {
  if (ENTRY.test(file)) return Infinity;
  const i = LAYERS.findIndex(([, rules]) => rules.some((r) => r.test(file)));
  return i < 0 ? undefined : i;
}

function main() {
  const files = libraryFiles();
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const problems = [];
  for (const [file, deps] of graph) {
    const from = layerOf(file);
    if (from === undefined) {
      problems.push(`${file}: in no layer (add it to LAYERS in scripts/check_imports.mjs)`);
      continue;
    }
    for (const dep of deps) {
      if (!graph.has(dep)) {
        problems.push(`${file}: imports ${dep}, which is not a library file`);
        continue;
      }
      const to = layerOf(dep);
      if (to !== undefined && to > from) {
        problems.push(
          `${file} (${LAYERS[from][0]}) imports ${dep} (${
            to === Infinity ? "an entry point" : LAYERS[to][0]
          }): an import runs back up the layers`,
        );
      }
    }
  }
  // Private files (a name starting with `_`) serve their own folder only: no entry point re-exports
  // from them and no file of another folder imports them.
  for (const [file, deps] of graph) {
    for (const dep of deps) {
      if (!/(^|\/)_[^/]*$/.test(dep)) continue;
      if (/(^|\/)mod\.ts$/.test(file)) {
        problems.push(`${file} re-exports from the private file ${dep}`);
      } else if (dirname(file) !== dirname(dep)) {
        problems.push(`${file} imports ${dep}, private to ${dirname(dep)}/`);
      }
    }
  }
  // Cycles: depth-first search over the whole graph, entry points included.
  const WHITE = 0, GREY = 1, BLACK = 2;
  const colour = new Map(files.map((f) => [f, WHITE]));
  const stack = [];
  const seen = new Set();
  const visit = (f) => {
    colour.set(f, GREY);
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (!graph.has(d)) continue;
      if (colour.get(d) === GREY) {
        const cycle = [...stack.slice(stack.indexOf(d)), d].join(" → ");
        if (!seen.has(cycle)) problems.push(`cycle: ${cycle}`), seen.add(cycle);
      } else if (colour.get(d) === WHITE) visit(d);
    }
    stack.pop();
    colour.set(f, BLACK);
  };
  for (const f of files) if (colour.get(f) === WHITE) visit(f);
  if (process.argv.includes("--graph")) {
    for (const [f, deps] of graph) {
      const l = layerOf(f);
      console.log(`${f} [${l === Infinity ? "entry" : l}] → ${deps.join(", ")}`);
    }
  }
  for (const p of problems) console.log(p);
  console.log(
    problems.length === 0
      ? `imports: ${files.length} files, every import runs down the layers, no cycle`
      : `imports: ${problems.length} problem(s)`,
  );
  process.exit(problems.length === 0 ? 0 : 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) main();
