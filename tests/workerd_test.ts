// The Cloudflare Worker example (examples/worker/) in Cloudflare's own runtime, workerd, from
// devDependencies (nothing is installed at test time): bundled into one file with `bun build`,
// served on a free 127.0.0.1 port with the example's config.capnp, fetched, then killed. workerd
// prints what the worker writes to the console on its stdout and stderr: the records are read there.
// Also run with an old compatibility date (no WeakRef before 2025-05-05) and with nodejs_compat.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorker, sleep, startWorkerd } from "./_workerd_support.ts";

const workerDir = fileURLToPath(new URL("../examples/worker/", import.meta.url));
const SLOW = { timeout: 60000 };

interface Served {
  stdout: string;
  stderr: string;
  responses: { status: number; body: string }[];
}

/** Serves the worker with `config` (text of a capnp file) and fetches each URL path in turn. */
async function serve(dir: string, config: string, paths: string[]): Promise<Served> {
  const w = await startWorkerd(dir, config);
  try {
    const responses: { status: number; body: string }[] = [];
    const deadline = Date.now() + 20000;
    for (const path of paths) {
      const r = await w.fetchWhenUp(path, deadline, {
        headers: { "x-request-id": `w${responses.length + 1}` },
      });
      responses.push({ status: r.status, body: await r.text() });
    }
    // The console output of the last request may arrive just after its response.
    const last = `[w${paths.length}]`;
    while (!w.stdout.includes(`${last} GET /orders: -> `) && !w.exited && Date.now() < deadline) {
      await sleep(50);
    }
    return { stdout: w.stdout, stderr: w.stderr, responses };
  } finally {
    await w.stop();
  }
}

const shipped = readFileSync(join(workerDir, "config.capnp"), "utf8");
const order = (value: string) => `/orders?order=${encodeURIComponent(value)}`;

function checkOutput(out: Served): void {
  const all = out.stdout + out.stderr;
  assert.doesNotMatch(all, /Uncaught|Disallowed|ReferenceError/, all);
  assert.deepEqual(out.responses, [
    { status: 200, body: "ok\n" },
    { status: 400, body: "bad order\n" },
  ], all);
  // workerd prints console.info/console.log on stdout, console.warn/console.error on stderr.
  assert.equal(
    out.stdout,
    "INFO worker [w1] GET /orders: order for ann: 2 item(s)\n" +
      "INFO worker [w1] GET /orders: -> 200\n" +
      "INFO worker [w2] GET /orders: -> 400\n",
  );
  const lines = out.stderr.replace(/\n$/, "").split("\n");
  assert.equal(lines[0], "ERROR worker [w2] GET /orders: bad order", out.stderr);
  assert.equal(lines[1], "Traceback (most recent call last):");
  assert.match(lines[2], /^ {2}File "worker\.js", line \d+, in \S+/);
  assert.match(lines[3], /^SyntaxError: \S/);
  assert.equal(lines.length, 4, out.stderr);
}

describe("Cloudflare Worker example under workerd", () => {
  const dir = mkdtempSync(join(tmpdir(), "pylog-workerd-"));
  let built = false;
  const paths = [order('{"customer":"ann","items":[1,2]}'), order("{")];

  const variants: [string, string][] = [
    ["the example's config.capnp", shipped],
    [
      "compatibility date 2024-01-01 (no WeakRef)",
      shipped.replace(/compatibilityDate = "[^"]+"/, 'compatibilityDate = "2024-01-01"'),
    ],
    [
      "nodejs_compat",
      shipped.replace(
        /compatibilityDate = "[^"]+",/,
        '$& compatibilityFlags = ["nodejs_compat"],',
      ),
    ],
  ];
  for (const [name, config] of variants) {
    it(`${name}: the module loads and each record is one console line`, SLOW, async () => {
      if (name !== variants[0][0]) assert.notEqual(config, shipped, "the config was not changed");
      if (!built) {
        bundleWorker(join(workerDir, "worker.ts"), dir);
        built = true;
      }
      checkOutput(await serve(dir, config, paths));
    });
  }

  after(() => rmSync(dir, { recursive: true, force: true }));
});
