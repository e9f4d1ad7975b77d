// A long differential-fuzzing run against CPython 3.13, by hand (not in CI):
//   node scripts/fuzz.mjs [--seed N] [--count 100000]
// generates N cases per family with scripts/gen_fuzz_fixtures.py into .tmp/fuzz-<seed>.json, then
// replays them on Deno, Bun and Node 24 (scripts/fuzz_run.ts). Record the figures in tests/README.md.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const seed = opt("--seed", "7");
const count = opt("--count", "100000");
mkdirSync(join(root, ".tmp"), { recursive: true });
const out = join(root, ".tmp", `fuzz-${seed}.json`);
const gen = spawnSync(
  "python3",
  ["scripts/gen_fuzz_fixtures.py", "--seed", seed, "--count", count, "--out", out],
  { cwd: root, stdio: "inherit", env: { ...process.env, PYENV_VERSION: "3.13.0" } },
);
if (gen.status !== 0) process.exit(gen.status ?? 1);
const bin = (n) => join(root, "node_modules", ".bin", n);
for (
  const [name, cmd, argv] of [
    ["deno", bin("deno"), ["run", "-A", "scripts/fuzz_run.ts", out]],
    ["bun", bin("bun"), ["scripts/fuzz_run.ts", out]],
    ["node", bin("node"), ["scripts/fuzz_run.ts", out]],
  ]
) {
  console.log(`== ${name}`);
  const r = spawnSync(cmd, argv, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
