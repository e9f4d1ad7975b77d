// WatchedFileHandler: reopens its file when it was moved or deleted (Python's reopenIfNeeded).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Formatter } from "../formatters/formatter.ts";
import { type LogRecord, makeLogRecord } from "../record.ts";
import { WatchedFileHandler } from "../handlers/stream/watched.ts";

function record(msg: string): LogRecord {
  return makeLogRecord({ msg, levelno: 20, levelname: "INFO", name: "fx" });
}

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "pylog-watched-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("WatchedFileHandler", () => {
  it("notes the open file's device and inode", () => {
    withDir((dir) => {
      const path = join(dir, "app.log");
      const h = new WatchedFileHandler(path);
      const st = statSync(path);
      assert.equal(h.dev, st.dev);
      assert.equal(h.ino, st.ino);
      h.close();
    });
  });

  it("writes buffered records to the moved file and new ones to a new file", () => {
    withDir((dir) => {
      const path = join(dir, "app.log");
      const h = new WatchedFileHandler(path);
      h.setFormatter(new Formatter("%(message)s"));
      h.handle(record("before 1"));
      h.handle(record("before 2")); // still buffered when the file is moved
      renameSync(path, path + ".1");
      h.handle(record("after"));
      h.close();
      assert.equal(readFileSync(path + ".1", "utf8"), "before 1\nbefore 2\n");
      assert.equal(readFileSync(path, "utf8"), "after\n");
    });
  });

  it("recreates a deleted file", () => {
    withDir((dir) => {
      const path = join(dir, "app.log");
      const h = new WatchedFileHandler(path);
      h.setFormatter(new Formatter("%(message)s"));
      h.handle(record("one"));
      h.flush();
      unlinkSync(path);
      h.handle(record("two"));
      h.close();
      assert.equal(readFileSync(path, "utf8"), "two\n");
    });
  });

  it("keeps the same descriptor while the file stays in place", () => {
    withDir((dir) => {
      const path = join(dir, "app.log");
      const h = new WatchedFileHandler(path);
      h.setFormatter(new Formatter("%(message)s"));
      const stream = h.stream;
      for (let i = 0; i < 5; i++) h.handle(record(`r${i}`));
      assert.equal(h.stream, stream);
      h.close();
      assert.equal(readFileSync(path, "utf8"), "r0\nr1\nr2\nr3\nr4\n");
    });
  });

  it("with delay: opens on the first record, notes dev/ino on the next reopen, as Python", () => {
    withDir((dir) => {
      const path = join(dir, "app.log");
      const h = new WatchedFileHandler(path, "a", null, true);
      h.setFormatter(new Formatter("%(message)s"));
      assert.equal(existsSync(path), false);
      assert.equal(h.dev, -1);
      h.handle(record("one"));
      assert.equal(h.dev, -1); // Python's _statstream runs only in __init__ and reopenIfNeeded
      h.handle(record("two")); // dev/ino differ from -1: reopened (after flushing) and noted
      assert.equal(h.ino, statSync(path).ino);
      h.close();
      assert.equal(readFileSync(path, "utf8"), "one\ntwo\n");
    });
  });

  it("reports a failing reopen through handleError instead of throwing", () => {
    withDir((dir) => {
      const sub = join(dir, "sub");
      const path = join(sub, "app.log");
      const h = new WatchedFileHandler(join(dir, "app.log"));
      h.setFormatter(new Formatter("%(message)s"));
      h.baseFilename = path; // the path now names a file in a missing directory
      const errors: unknown[] = [];
      h.handleError = (_r, e) => void errors.push(e);
      h.handle(record("lost"));
      assert.equal(errors.length, 1);
      assert.equal((errors[0] as Error).name, "FileNotFoundError");
      assert.equal(
        (errors[0] as Error).message,
        `[Errno 2] No such file or directory: '${path}'`,
      );
      h.close();
    });
  });
});
