// RotatingFileHandler and BaseRotatingHandler against CPython 3.13 (tests/fixtures/rotation.json,
// written by scripts/gen_rotation_fixtures.py).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Formatter } from "../formatters/formatter.ts";
import { makeLogRecord } from "../record.ts";
import { BaseRotatingHandler, RotatingFileHandler } from "../handlers/stream/rotating.ts";
import type { LogRecord } from "../record.ts";

interface RotatingScenario {
  name: string;
  mode?: string;
  maxBytes: number;
  backupCount: number;
  encoding?: string;
  delay?: boolean;
  namer?: string;
  rotator?: string;
  format?: string;
  preexisting?: Record<string, string>;
  messages: string[];
  files: Record<string, string>;
}

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/rotation.json", import.meta.url), "utf8"),
) as { rotating: RotatingScenario[] };

/** Bytes as a string of one character per byte (the fixtures' latin-1 form). */
function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function fromLatin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = latin1(readFileSync(join(dir, name)));
  return out;
}

function namerFor(name: string | undefined): ((n: string) => string) | null {
  if (name === undefined || name === null) return null;
  if (name === "gz") return (n) => n + ".gz";
  if (name === "before_ext") {
    return (n) => {
      const slash = n.lastIndexOf("/");
      const parts = n.slice(slash + 1).split(".");
      return n.slice(0, slash + 1) + [parts[0], ...parts.slice(2), parts[1]].join(".");
    };
  }
  throw new Error(name);
}

function rotatorFor(name: string | undefined): ((s: string, d: string) => void) | null {
  if (name === undefined || name === null) return null;
  if (name === "upper") {
    return (source, dest) => {
      const data = readFileSync(source);
      // bytes.upper(): ASCII letters only
      for (let i = 0; i < data.length; i++) if (data[i] >= 97 && data[i] <= 122) data[i] -= 32;
      writeFileSync(dest, data);
      unlinkSync(source);
    };
  }
  throw new Error(name);
}

function record(msg: string): LogRecord {
  return makeLogRecord({ msg, levelno: 20, levelname: "INFO", name: "fx" });
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "pylog-rot-"));
}

describe("RotatingFileHandler matches CPython 3.13", () => {
  for (const sc of fixtures.rotating) {
    it(sc.name, () => {
      const dir = tempDir();
      try {
        for (const [name, content] of Object.entries(sc.preexisting ?? {})) {
          writeFileSync(join(dir, name), fromLatin1(content));
        }
        const h = new RotatingFileHandler(
          join(dir, "app.log"),
          sc.mode ?? "a",
          sc.maxBytes,
          sc.backupCount,
          sc.encoding ?? null,
          sc.delay ?? false,
        );
        h.namer = namerFor(sc.namer);
        h.rotator = rotatorFor(sc.rotator);
        h.setFormatter(new Formatter(sc.format ?? "%(message)s"));
        for (const m of sc.messages) h.handle(record(m));
        h.close();
        assert.deepEqual(snapshot(dir), sc.files);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe("RotatingFileHandler", () => {
  it("takes Python's parameters as one options object", () => {
    const dir = tempDir();
    try {
      const h = new RotatingFileHandler({
        filename: join(dir, "app.log"),
        mode: "w",
        maxBytes: 10,
        backupCount: 2,
        delay: true,
      });
      assert.equal(h.mode, "a"); // maxBytes > 0 forces append, as in Python
      assert.equal(h.maxBytes, 10);
      assert.equal(h.backupCount, 2);
      assert.equal(h.delay, true);
      assert.equal(existsSync(join(dir, "app.log")), false);
      h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps mode w when maxBytes is 0, as Python", () => {
    const dir = tempDir();
    try {
      const h = new RotatingFileHandler(join(dir, "app.log"), "w");
      assert.equal(h.mode, "w");
      h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rotation_filename and rotate use namer and rotator", () => {
    const dir = tempDir();
    try {
      const h = new RotatingFileHandler(join(dir, "app.log"), "a", 100, 1, null, true);
      assert.equal(h.rotation_filename("x.1"), "x.1");
      h.namer = (n) => n + ".z";
      assert.equal(h.rotation_filename("x.1"), "x.1.z");
      // rotate without a rotator: renames when the source exists, ignores a missing one (bpo-18940)
      h.rotate(join(dir, "missing"), join(dir, "dest"));
      assert.equal(existsSync(join(dir, "dest")), false);
      writeFileSync(join(dir, "src"), "s");
      h.rotate(join(dir, "src"), join(dir, "dest"));
      assert.equal(readFileSync(join(dir, "dest"), "utf8"), "s");
      const calls: string[][] = [];
      h.rotator = (s, d) => void calls.push([s, d]);
      h.rotate("a", "b");
      assert.deepEqual(calls, [["a", "b"]]);
      h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("shouldRollover follows the batched size (buffered records count)", () => {
    const dir = tempDir();
    try {
      const h = new RotatingFileHandler(join(dir, "app.log"), "a", 20, 1);
      h.setFormatter(new Formatter("%(message)s"));
      h.handle(record("0123456789")); // 11 bytes buffered, not yet written
      assert.equal(readFileSync(join(dir, "app.log"), "utf8"), "");
      assert.equal(h.shouldRollover(record("abcdefgh")), true); // 11 + 9 >= 20
      assert.equal(h.shouldRollover(record("abcdefg")), false); // 11 + 8 < 20
      h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("notices a file truncated behind its back (copytruncate) before rolling over", () => {
    const dir = tempDir();
    const path = join(dir, "app.log");
    try {
      const h = new RotatingFileHandler(path, "a", 30, 1);
      h.setFormatter(new Formatter("%(message)s"));
      h.handle(record("0123456789012345678"));
      h.flush();
      writeFileSync(path, ""); // truncated by someone else
      h.handle(record("abcdefghij"));
      h.close();
      assert.deepEqual(snapshot(dir), { "app.log": "abcdefghij\n" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never rolls over a file that is not a regular one (bpo-45401)", () => {
    const h = new RotatingFileHandler("/dev/null", "a", 1, 1);
    assert.equal(h.shouldRollover(record("a record longer than one byte")), false);
    h.handle(record("x"));
    h.close();
  });

  it("reopens after close on the next record and keeps counting from the file's size", () => {
    const dir = tempDir();
    try {
      const h = new RotatingFileHandler(join(dir, "app.log"), "a", 16, 1);
      h.setFormatter(new Formatter("%(message)s"));
      h.handle(record("abcdef")); // 7
      h.close();
      h.handle(record("ghijkl")); // reopened: 7 + 7 = 14 < 16
      h.handle(record("mn")); // 14 + 3 >= 16: rollover
      h.close();
      assert.deepEqual(snapshot(dir), { "app.log": "mn\n", "app.log.1": "abcdef\nghijkl\n" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports a failing rotator through handleError and keeps going", () => {
    const dir = tempDir();
    try {
      const h = new RotatingFileHandler(join(dir, "app.log"), "a", 5, 1);
      h.setFormatter(new Formatter("%(message)s"));
      const errors: unknown[] = [];
      h.handleError = (_r, e) => void errors.push(e);
      h.rotator = () => {
        throw new Error("rotator failed");
      };
      h.handle(record("abcdef")); // an empty file never rolls over (CPython 3.13): written
      h.handle(record("ghijkl")); // 7 + 7 >= 5: rollover, which fails; the record is lost
      h.handle(record("mnopqr")); // the same again, as in Python
      h.close();
      // CPython 3.13 with the same rotator: 2 errors, the file holds 'abcdef\n'.
      assert.equal(errors.length, 2);
      assert.equal((errors[0] as Error).message, "rotator failed");
      assert.equal(readFileSync(join(dir, "app.log"), "utf8"), "abcdef\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("BaseRotatingHandler", () => {
  it("reports missing shouldRollover through handleError", () => {
    const dir = tempDir();
    try {
      const h = new BaseRotatingHandler(join(dir, "app.log"), "a");
      const errors: unknown[] = [];
      h.handleError = (_r, e) => void errors.push(e);
      h.handle(record("x"));
      h.close();
      assert.equal((errors[0] as Error).name, "NotImplementedError");
      assert.equal(readFileSync(join(dir, "app.log"), "utf8"), "");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("namer and rotator are class attributes, null by default", () => {
    assert.equal(BaseRotatingHandler.prototype.namer, null);
    assert.equal(BaseRotatingHandler.prototype.rotator, null);
    class Named extends RotatingFileHandler {}
    Named.prototype.namer = (n) => n + ".x";
    const dir = tempDir();
    try {
      const h = new Named(join(dir, "app.log"), "a", 0, 0, null, true);
      assert.equal(h.rotation_filename("a"), "a.x");
      h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
