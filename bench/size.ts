// Bundle sizes (issue 23): the programs tests/bundle_size_test.ts checks, bundled for the browser
// with esbuild (minified, ES module), beside the same minimal program written for pino's and
// LogTape's browser builds (dev dependencies). Prints Markdown tables: the sizes, then for the
// minimal and dictConfig programs their core (what the program's own calls run) and their floor
// (what a run-time string reaches: tests/_bundle_support.ts classifies every module), module by
// module with the string that reaches it. A module's gzip share is what the bundle's gzip size
// drops by without its code (esbuild's source map tells which bytes are whose).
// Run: node_modules/.bin/node bench/size.ts (or `node scripts/bench.mjs size`).
import { type Bundle, bundle, gzipWithout, PROGRAMS } from "../tests/_bundle_support.ts";

const KB = 1024;
const OTHERS: Record<string, string> = {
  "pino (browser build): minimal": `import pino from "pino";
const log = pino({ level: "info" });
log.info("user %s logged in from %s", "ann", "10.0.0.1");
`,
  "LogTape: minimal": `import { configure, getConsoleSink, getLogger } from "@logtape/logtape";
await configure({
  sinks: { console: getConsoleSink() },
  loggers: [{ category: "app", lowestLevel: "info", sinks: ["console"] }],
});
getLogger("app").info("user {user} logged in from {ip}", { user: "ann", ip: "10.0.0.1" });
`,
};

const kb = (n: number): string => (n / KB).toFixed(1);
const built = new Map<string, Bundle>();
const rows: string[] = [
  "| program | minified KB | gzip KB | issue 23's target (gzip) |",
  "| ------- | ----------: | ------: | -----------------------: |",
];
for (const [name, p] of Object.entries(PROGRAMS)) {
  const b = bundle(p.source);
  built.set(name, b);
  const target = p.target === null
    ? "—"
    : `${p.target / KB} KB${b.gzipBytes > p.target ? " (over)" : ""}`;
  rows.push(`| @pylog/logging: ${name} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} | ${target} |`);
}
for (const [name, source] of Object.entries(OTHERS)) {
  const b = bundle(source);
  rows.push(`| ${name} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} | — |`);
}
console.log(rows.join("\n"));

// Core and floor, per program that classifies its modules.
for (const [name, p] of Object.entries(PROGRAMS)) {
  const b = built.get(name)!;
  if (Object.keys(p.floor).length === 0) continue;
  const floorPaths = b.modules.filter((m) => m.path in p.floor);
  const corePaths = b.modules.filter((m) => m.path in p.core);
  const coreGzip = gzipWithout(b, floorPaths.map((m) => m.path));
  const sum = (ms: { bytes: number }[]): number => ms.reduce((a, m) => a + m.bytes, 0);
  const out: string[] = [
    "",
    `${name}: ${kb(b.gzipBytes)} KB gzip = core ${kb(coreGzip)} KB (${corePaths.length} ` +
    `modules, ${kb(sum(corePaths))} KB minified) + floor ${kb(b.gzipBytes - coreGzip)} KB ` +
    `(${floorPaths.length} modules, ${kb(sum(floorPaths))} KB minified)`,
    "",
    "| floor module | minified bytes | gzip share | reached by |",
    "| ------------ | -------------: | ---------: | ---------- |",
  ];
  for (const m of floorPaths) {
    const share = b.gzipBytes - gzipWithout(b, [m.path]);
    out.push(`| \`${m.path}\` | ${m.bytes} | ${share} | ${p.floor[m.path]} |`);
  }
  console.log(out.join("\n"));
}
