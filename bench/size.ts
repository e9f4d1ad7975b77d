// Bundle sizes (issue 23): the programs tests/bundle_size_test.ts checks, bundled for the browser
// with esbuild (minified, ES module), beside the same minimal program written for pino's and
// LogTape's browser builds (dev dependencies). Prints one Markdown table.
// Run: node_modules/.bin/node bench/size.ts (or `node scripts/bench.mjs size`).
import { bundle, PROGRAMS } from "../tests/_bundle_support.ts";

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
const rows: string[] = [
  "| program | minified KB | gzip KB | issue 23's target (gzip) |",
  "| ------- | ----------: | ------: | -----------------------: |",
];
for (const [name, p] of Object.entries(PROGRAMS)) {
  const b = bundle(p.source);
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
