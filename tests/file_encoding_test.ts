// FileHandler encodings: one unencodable record is reported alone (the others are written), the BOM
// is written once per file, and a bad mode raises Python's ValueError. Expected values from CPython
// 3.11 (see the comments; reproduce with logging.FileHandler in python3).
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileHandler, Logger, type LogRecord, makeLogRecord } from "../mod.ts";
import { ValueError } from "../py/errors.ts";

const dir = mkdtempSync(join(tmpdir(), "pylog-enc-"));
after(() => rmSync(dir, { recursive: true, force: true }));

class RecordingFileHandler extends FileHandler {
  errors_seen: unknown[] = [];
  override handleError(_record: LogRecord, error?: unknown): void {
    this.errors_seen.push(error);
  }
}

describe("FileHandler encodings", () => {
  it("an unencodable record is reported alone; the records around it are written", () => {
    const path = join(dir, "ascii.log");
    const h = new RecordingFileHandler(path, "a", "ascii");
    const log = new Logger("x");
    log.addHandler(h);
    for (const m of ["ok1", "bad é", "ok2"]) log.warning(m);
    h.close();
    // CPython: b'ok1\nok2\n' and one UnicodeEncodeError for the middle record.
    assert.equal(readFileSync(path, "latin1"), "ok1\nok2\n");
    assert.equal(h.errors_seen.length, 1);
    const e = h.errors_seen[0] as Error;
    assert.equal(e.name, "UnicodeEncodeError");
    assert.equal(
      e.message,
      "'ascii' codec can't encode character '\\xe9' in position 4: ordinal not in range(128)",
    );
  });

  it("utf-16 writes its BOM once, not again when appending to the file", () => {
    const path = join(dir, "u16.log");
    for (let i = 0; i < 2; i++) {
      const h = new FileHandler(path, "a", "utf-16");
      h.emit(makeLogRecord({ msg: "a" }));
      h.close();
    }
    // CPython: fffe61000a0061000a00
    assert.equal(Buffer.from(readFileSync(path)).toString("hex"), "fffe61000a0061000a00");
  });

  it("a lone surrogate under utf-8 strict is reported, not written", () => {
    const path = join(dir, "surrogate.log");
    const h = new RecordingFileHandler(path);
    h.emit(makeLogRecord({ msg: "a\ud800b" }));
    h.emit(makeLogRecord({ msg: "fine" }));
    h.close();
    assert.equal(readFileSync(path, "utf8"), "fine\n");
    assert.equal((h.errors_seen[0] as Error).name, "UnicodeEncodeError");
  });

  it("an unknown mode raises Python's ValueError", () => {
    assert.throws(() => new FileHandler(join(dir, "m.log"), "q"), (e: unknown) => {
      assert.ok(e instanceof ValueError);
      assert.equal((e as Error).message, "invalid mode: 'q'");
      return true;
    });
  });
});
