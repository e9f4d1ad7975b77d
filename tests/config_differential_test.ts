// Differential tests of logging.config: every configuration in tests/fixtures/config_differential.json
// (dictConfig dictionaries and fileConfig INI texts) was applied by CPython 3.13 to the same log calls
// (scripts/gen_config_fixtures.py); here the same steps run against this module, and stdout, stderr,
// the files written, the loggers' state and the errors must be identical, byte for byte.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dictConfig, fileConfig } from "../config/mod.ts";
import { getLogger, type Logger } from "../logger.ts";
import { errInfo, setUpConfigEnv } from "./_config_support.ts";

interface Step {
  dict?: Record<string, unknown>;
  ini?: string;
  ini_file?: string;
  ini_path?: string;
  defaults?: Record<string, unknown>;
  disable_existing_loggers?: boolean;
  log?: unknown[][];
  probe?: string[];
}
interface Case {
  name: string;
  steps: Step[];
  expected: {
    stdout: string;
    stderr: string;
    files: Record<string, string>;
    results: unknown[];
  };
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/config_differential.json", import.meta.url), "utf8"),
) as { created: number; cases: Case[] };

function subst(value: unknown, dir: string): unknown {
  if (typeof value === "string") return value.split("{dir}").join(dir);
  if (Array.isArray(value)) return value.map((v) => subst(v, dir));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, subst(v, dir)]));
  }
  return value;
}

function run(c: Case): void {
  const env = setUpConfigEnv(fixture.created);
  try {
    const results: unknown[] = [];
    for (const step of c.steps) {
      if (step.dict !== undefined) {
        try {
          dictConfig(subst(step.dict, env.dir) as Record<string, unknown>);
          results.push(null);
        } catch (e) {
          results.push(errInfo(e, env.dir));
        }
      } else if (
        step.ini !== undefined || step.ini_file !== undefined || step.ini_path !== undefined
      ) {
        const defaults = step.defaults === undefined
          ? null
          : subst(step.defaults, env.dir) as Record<string, unknown>;
        try {
          let source: string;
          if (step.ini !== undefined) source = subst(step.ini, env.dir) as string;
          else if (step.ini_file !== undefined) {
            source = join(env.dir, "config.ini");
            writeFileSync(source, step.ini_file);
          } else source = subst(step.ini_path, env.dir) as string;
          fileConfig(source, defaults, step.disable_existing_loggers ?? true);
          results.push(null);
        } catch (e) {
          results.push(errInfo(e, env.dir));
        }
      } else if (step.log !== undefined) {
        for (const [name, method, ...args] of step.log) {
          const logger = getLogger(name as string) as unknown as Record<
            string,
            (...a: unknown[]) => void
          >;
          logger[method as string](...args);
        }
        results.push(null);
      } else if (step.probe !== undefined) {
        results.push(step.probe.map((name) => {
          const lg: Logger = getLogger(name);
          return [
            name,
            lg.level,
            Boolean(lg.disabled),
            Boolean(lg.propagate),
            lg.handlers.map((h) => h.name),
            lg.handlers.map((h) => h.constructor.name),
            lg.filters.length,
          ];
        }));
      }
    }
    const files = env.files();
    assert.deepEqual(results, c.expected.results, "results (errors and probes)");
    assert.equal(env.stdout.getvalue(), c.expected.stdout, "stdout");
    assert.equal(env.stderr.getvalue(), c.expected.stderr, "stderr");
    assert.deepEqual(files, c.expected.files, "files");
  } finally {
    env.done();
  }
}

describe("logging.config against CPython 3.13 (tests/fixtures/config_differential.json)", () => {
  it("has at least 40 configurations", () => {
    assert.ok(fixture.cases.length >= 40, `${fixture.cases.length} cases`);
  });
  for (const c of fixture.cases) it(c.name, () => run(c));
});
