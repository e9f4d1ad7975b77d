// Formatter behaviours that Python code relies on beyond the format string itself: swapping the
// style's format inside format() (the "one format per level" recipe), overriding usesTime(),
// replacing _style. Expected lines from CPython 3.11 (the snippets are in the comments).
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  DEBUG,
  Formatter,
  Logger,
  type LogRecord,
  makeLogRecord,
  PercentStyle,
  StreamHandler,
} from "../mod.ts";
import { gmtime, localtime } from "../formatters/mod.ts";

afterEach(() => {
  Formatter.converter = localtime;
});

describe("Formatter", () => {
  it("the per-level format recipe: _style._fmt swapped inside format()", () => {
    // class LevelFormatter(logging.Formatter):
    //     def format(self, record):
    //         orig = self._style._fmt
    //         if record.levelno == logging.DEBUG:
    //             self._style._fmt = "DBG: %(module)s: %(lineno)d: %(message)s"
    //         result = logging.Formatter.format(self, record)
    //         self._style._fmt = orig
    //         return result
    // CPython: "INFO: first info", "DBG: <module>: <line>: a debug", "INFO: second info"
    class LevelFormatter extends Formatter {
      override format(record: LogRecord): string {
        const orig = this._style._fmt;
        if (record.levelno === DEBUG) this._style._fmt = "DBG: %(module)s: %(lineno)d: %(message)s";
        const result = super.format(record);
        this._style._fmt = orig;
        return result;
      }
    }
    const out: string[] = [];
    const h = new StreamHandler({ write: (s: string) => out.push(s) });
    h.setFormatter(new LevelFormatter("%(levelname)s: %(message)s"));
    const log = new Logger("r", DEBUG);
    log.addHandler(h);
    log.info("first info");
    const line = Number(new Error().stack!.split("\n")[1].match(/:(\d+):\d+\)?$/)![1]) + 1;
    log.debug("a debug");
    log.info("second info");
    assert.deepEqual(out, [
      "INFO: first info\n",
      `DBG: formatter_test: ${line}: a debug\n`,
      "INFO: second info\n",
    ]);
  });

  it("an overridden usesTime() makes format() set asctime", () => {
    // class F(logging.Formatter):
    //     def usesTime(self): return True
    //     def formatMessage(self, record): return f"[{record.asctime}] " + super().formatMessage(record)
    // with Formatter.converter = time.gmtime -> "[1970-01-01 00:00:00,000] m"
    Formatter.converter = gmtime;
    class F extends Formatter {
      override usesTime(): boolean {
        return true;
      }
      override formatMessage(record: LogRecord): string {
        return `[${record.asctime}] ` + super.formatMessage(record);
      }
    }
    const r = makeLogRecord({ msg: "m", created: 0, msecs: 0 });
    assert.equal(new F("%(message)s").format(r), "[1970-01-01 00:00:00,000] m");
  });

  it("a replaced _style is used, asctime included", () => {
    // f = logging.Formatter("%(message)s"); f._style = logging.PercentStyle("%(asctime)s %(message)s")
    // -> "1970-01-01 00:00:00,000 m2"
    Formatter.converter = gmtime;
    const f = new Formatter("%(message)s");
    f._style = new PercentStyle("%(asctime)s %(message)s");
    f._fmt = f._style._fmt;
    const r = makeLogRecord({ msg: "m2", created: 0, msecs: 0 });
    assert.equal(f.format(r), "1970-01-01 00:00:00,000 m2");
  });
});
