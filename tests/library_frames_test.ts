// Issue 16: which stack frames are the library's own (Python's `_is_internal_frame`) follows from
// where the library's modules sit, not from a list of its folders: a module in a folder that did not
// exist when the library was written still counts as the library's, so a record logged through it
// carries the user's file and line.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getLogger, Handler, type LogRecord, setCallerInfo } from "../mod.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const here = fileURLToPath(import.meta.url);

class Keep extends Handler {
  records: LogRecord[] = [];
  override emit(record: LogRecord): void {
    this.records.push(record);
  }
}

/** The line of this file holding `marker` (1-based). */
function lineOf(marker: string): number {
  const lines = readFileSync(here, "utf8").split("\n");
  return lines.findIndex((l) => l.includes(marker) && !l.includes("lineOf(")) + 1;
}

describe("the library's own frames", () => {
  it("a module in a new library folder is skipped: the record has the user's file and line", async () => {
    const room = `zz_new_room_${Math.random().toString(36).slice(2)}`;
    const dir = `${root}${room}`;
    mkdirSync(dir);
    const logger = getLogger("library_frames.new_room");
    const keep = new Keep();
    logger.addHandler(keep);
    logger.propagate = false;
    setCallerInfo("always");
    try {
      writeFileSync(
        `${dir}/relay.ts`,
        'import { getLogger } from "../mod.ts";\n' +
          "export function relay(name: string): void {\n" +
          '  getLogger(name).warning("through a new room");\n' +
          "}\n",
      );
      const { relay } = await import(`../${room}/relay.ts`);
      relay("library_frames.new_room"); // CALL SITE
      assert.equal(keep.records.length, 1);
      const record = keep.records[0];
      assert.equal(record.pathname, here);
      assert.equal(record.filename, "library_frames_test.ts");
      assert.equal(record.lineno, lineOf("// CALL SITE"));
    } finally {
      setCallerInfo("auto");
      logger.removeHandler(keep);
      logger.propagate = true;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a module under tests/ stays the user's", () => {
    const logger = getLogger("library_frames.tests");
    const keep = new Keep();
    logger.addHandler(keep);
    logger.propagate = false;
    setCallerInfo("always");
    try {
      logger.warning("from the test"); // TEST SITE
      assert.equal(keep.records[0].filename, "library_frames_test.ts");
      assert.equal(keep.records[0].lineno, lineOf("// TEST SITE"));
    } finally {
      setCallerInfo("auto");
      logger.removeHandler(keep);
      logger.propagate = true;
    }
  });
});
