// TimedRotatingFileHandler against CPython 3.13 (tests/fixtures/rotation.json, written by
// scripts/gen_rotation_fixtures.py with a patched time.time).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Formatter } from "../formatters/formatter.ts";
import { tzset } from "../py/time.ts";
import { type LogRecord, makeLogRecord } from "../record.ts";
import { TimedRotatingFileHandler } from "../handlers/stream/timed_rotating.ts";

interface TimedScenario {
  name: string;
  when: string;
  tz: string;
  start: number;
  times: number[];
  interval?: number;
  backupCount?: number;
  utc?: boolean;
  atTime?: [number, number, number];
  delay?: boolean;
  nofile?: boolean;
  namer?: string;
  files: Record<string, string>;
  rolloverAt: number[];
}

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/rotation.json", import.meta.url), "utf8"),
) as { timed: TimedScenario[] };

function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = latin1(readFileSync(join(dir, name)));
  return out;
}

function namerFor(name: string | undefined): ((n: string) => string) | null {
  if (name === undefined) return null;
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

/** Python's `repr(float)` for the times the generator formats into messages. */
function floatRepr(t: number): string {
  return Number.isInteger(t) ? t.toFixed(1) : String(t);
}

function record(msg: string): LogRecord {
  return makeLogRecord({ msg, levelno: 20, levelname: "INFO", name: "fx" });
}

const env = (globalThis as { process: { env: Record<string, string | undefined> } }).process.env;
let savedTz: string | undefined;

function setTz(tz: string): void {
  env.TZ = tz;
  tzset();
}

describe("TimedRotatingFileHandler matches CPython 3.13", () => {
  before(() => {
    savedTz = env.TZ;
  });
  after(() => {
    if (savedTz === undefined) delete env.TZ;
    else env.TZ = savedTz;
    tzset();
  });

  for (const sc of fixtures.timed) {
    it(sc.name, () => {
      setTz(sc.tz);
      const dir = mkdtempSync(join(tmpdir(), "pylog-timed-"));
      try {
        const path = join(dir, "app.log");
        if (!sc.nofile) {
          writeFileSync(path, "");
          utimesSync(path, Math.floor(sc.start), Math.floor(sc.start));
        }
        let now = sc.start;
        const h = new TimedRotatingFileHandler({
          filename: path,
          when: sc.when,
          interval: sc.interval ?? 1,
          backupCount: sc.backupCount ?? 0,
          delay: sc.delay ?? false,
          utc: sc.utc ?? false,
          atTime: sc.atTime
            ? { hour: sc.atTime[0], minute: sc.atTime[1], second: sc.atTime[2] }
            : null,
          clock: () => now,
        });
        h.namer = namerFor(sc.namer);
        h.setFormatter(new Formatter("%(message)s"));
        const ats = [h.rolloverAt];
        sc.times.forEach((t, i) => {
          now = t;
          h.handle(record(`step ${i} at ${floatRepr(t)}`));
          ats.push(h.rolloverAt);
        });
        h.close();
        assert.deepEqual(ats, sc.rolloverAt);
        assert.deepEqual(snapshot(dir), sc.files);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe("TimedRotatingFileHandler", () => {
  it("has Python's attributes", () => {
    const dir = mkdtempSync(join(tmpdir(), "pylog-timed-"));
    try {
      const h = new TimedRotatingFileHandler(join(dir, "a.log"), "w3", 2, 4, null, true, true);
      assert.equal(h.when, "W3");
      assert.equal(h.interval, 2 * 7 * 86400);
      assert.equal(h.dayOfWeek, 3);
      assert.equal(h.suffix, "%Y-%m-%d");
      assert.equal(h.backupCount, 4);
      assert.equal(h.utc, true);
      assert.equal(h.mode, "a");
      assert.equal(existsSync(join(dir, "a.log")), false);
      h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects bad `when` values with Python's messages, without creating the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "pylog-timed-"));
    try {
      const path = join(dir, "a.log");
      assert.throws(() => new TimedRotatingFileHandler(path, "x"), {
        name: "ValueError",
        message: "Invalid rollover interval specified: X",
      });
      assert.throws(() => new TimedRotatingFileHandler(path, "W7"), {
        name: "ValueError",
        message: "Invalid day specified for weekly rollover: W7",
      });
      assert.throws(() => new TimedRotatingFileHandler(path, "W"), {
        name: "ValueError",
        message: "You must specify a day for weekly rollover from 0 to 6 (0 is Monday): W",
      });
      assert.equal(existsSync(path), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("does not roll over a path that is not a regular file, and moves rolloverAt on", () => {
    const dir = mkdtempSync(join(tmpdir(), "pylog-timed-"));
    try {
      const path = join(dir, "a.log");
      let now = 1_700_000_000;
      const h = new TimedRotatingFileHandler({
        filename: path,
        when: "S",
        delay: true,
        utc: true,
        clock: () => now,
      });
      mkdirSync(path); // the path becomes a directory
      now += 5;
      assert.equal(h.shouldRollover(record("x")), false);
      assert.equal(h.rolloverAt, now + 1);
      h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("custom suffix with any strftime directive", () => {
    const dir = mkdtempSync(join(tmpdir(), "pylog-timed-"));
    try {
      const path = join(dir, "a.log");
      let now = 1_700_000_000; // 2023-11-14 22:13:20 UTC, a Tuesday
      const h = new TimedRotatingFileHandler({
        filename: path,
        when: "H",
        utc: true,
        delay: true,
        clock: () => now,
      });
      h.suffix = "%a-%H";
      h.setFormatter(new Formatter("%(message)s"));
      h.handle(record("one"));
      now += 3600;
      h.handle(record("two"));
      h.close();
      assert.deepEqual(snapshot(dir), { "a.log": "two\n", "a.log.Tue-22": "one\n" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
