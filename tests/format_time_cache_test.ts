import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Formatter, makeLogRecord } from "../mod.ts";
import { gmtime } from "../py/time.ts";

// formatTime remembers the last second's strftime text and the last millisecond's full text: every
// answer must equal what a fresh formatter gives.
describe("Formatter.formatTime cache", () => {
  const rec = (created: number, msecs: number) => makeLogRecord({ created, msecs });
  const fresh = (r: ReturnType<typeof rec>, setup?: (f: Formatter) => void) => {
    const f = new Formatter();
    f.converter = gmtime;
    setup?.(f);
    return f.formatTime(r);
  };

  it("same second, changing and repeated milliseconds", () => {
    const f = new Formatter();
    f.converter = gmtime;
    for (
      const [c, ms] of [[1e9, 5], [1e9, 5], [1e9 + 0.05, 50], [1e9, 5], [1e9 + 1, 5], [1e9, 999.9]]
    ) {
      assert.equal(f.formatTime(rec(c, ms)), fresh(rec(c, ms)));
    }
    assert.equal(f.formatTime(rec(1e9, 7)), "2001-09-09 01:46:40,007");
  });

  it("follows changes of default_msec_format, default_time_format and converter", () => {
    const f = new Formatter();
    f.converter = gmtime;
    const r = rec(1e9, 42);
    assert.equal(f.formatTime(r), "2001-09-09 01:46:40,042");
    f.default_msec_format = "%s.%03d";
    assert.equal(f.formatTime(r), "2001-09-09 01:46:40.042");
    f.default_msec_format = "%s,%03d";
    assert.equal(f.formatTime(r), "2001-09-09 01:46:40,042");
    f.default_time_format = "%H:%M:%S";
    assert.equal(f.formatTime(r), "01:46:40,042");
    f.converter = (secs: number) => gmtime(secs + 3600);
    assert.equal(f.formatTime(r), "02:46:40,042");
    assert.equal(f.formatTime(r, "%H"), "02");
    assert.equal(
      f.formatTime(r),
      fresh(r, (g) => {
        g.default_time_format = "%H:%M:%S";
        g.converter = (secs: number) => gmtime(secs + 3600);
      }),
    );
  });
});
