// The README's quick start, pasted into a file as a new user would, prints what the README says it
// prints (the comment under the code), apart from the timestamp.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
const dir = mkdtempSync(join(root, "tests", ".readme-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("README", () => {
  it("the quick start prints the line the README shows", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const block = readme.match(/```ts\n([\s\S]*?)```/);
    assert.ok(block, "README has a ```ts block");
    const code = block[1];
    const expected = code.split("\n").filter((l) => l.startsWith("// ")).map((l) => l.slice(3));
    assert.ok(expected.length > 0, "the quick start shows its output in comments");
    const file = join(dir, "quickstart.ts");
    writeFileSync(file, code.replaceAll('"@pylog/logging"', JSON.stringify(join(root, "mod.ts"))));
    const args = isDeno ? ["run", "-A", file] : [file];
    const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 20000 });
    assert.equal(r.status, 0, r.stderr);
    const got = r.stderr.trimEnd().split("\n");
    assert.equal(got.length, expected.length);
    const stamp = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} /;
    for (let i = 0; i < got.length; i++) {
      assert.match(got[i], stamp);
      assert.equal(got[i].replace(stamp, ""), expected[i].replace(stamp, ""));
    }
  });

  it("names the two commands of the repository on its first screen", () => {
    const firstScreen = readFileSync(join(root, "README.md"), "utf8").split("\n").slice(0, 25)
      .join("\n");
    // .ci/run runs the lines of this first sh block as written: the demo's, then the tests'.
    const block = firstScreen.match(/```sh\n([\s\S]*?)```/);
    assert.ok(block, "the first screen has a ```sh block");
    const commands = block[1].split("\n").filter((l) => l.trim() !== "");
    assert.equal(commands.length, 2);
    assert.match(commands[0], /^npm install && npm run demo /);
    assert.match(commands[1], /^npm install && bash \.ci\/setup_peers\.sh && npm test /);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    assert.ok(pkg.scripts.demo && pkg.scripts.test);
  });
});
