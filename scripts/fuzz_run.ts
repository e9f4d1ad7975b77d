// The long differential-fuzzing run, by hand (see scripts/fuzz.mjs): replays a generated case file
// and prints, per family, the cases, the divergences from CPython 3.13 and the crashes.
// Usage: <runtime> scripts/fuzz_run.ts .tmp/fuzz.json
import { readFileSync } from "node:fs";
import { type FuzzCase, runFamily } from "../tests/_fuzz_support.ts";

const argv = (globalThis as unknown as { process: { argv: string[] } }).process.argv;
const data = JSON.parse(readFileSync(argv[2], "utf8"));
for (const [family, cases] of Object.entries(data.families as Record<string, FuzzCase[]>)) {
  const { divergences, crashes } = runFamily(family, cases);
  console.log(
    `${family}: ${cases.length} cases, ${divergences.length} divergences, ${crashes} crashes`,
  );
  for (const d of divergences.slice(0, 5)) {
    console.log("  expected", JSON.stringify(d.case), "\n  got     ", JSON.stringify(d.got));
  }
}
