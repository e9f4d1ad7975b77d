// Port of CPython 3.11 Lib/test/test_logging.py: LastResortTest.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { BaseTest, captured_stderr } from "./_cpython_support.ts";

describe("LastResortTest", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_last_resort", () => {
    // Test the last resort handler
    const root = t.root_logger;
    root.removeHandler(t.root_hdlr);
    const old_lastresort = logging.getLastResort();
    const old_raise_exceptions = logging.getRaiseExceptions();

    try {
      captured_stderr((stderr) => {
        root.debug("This should not appear");
        assert.equal(stderr.getvalue(), "");
        root.warning("Final chance!");
        assert.equal(stderr.getvalue(), "Final chance!\n");
      });

      // No handlers and no last resort, so 'No handlers' message
      logging.setLastResort(null);
      captured_stderr((stderr) => {
        root.warning("Final chance!");
        const msg = 'No handlers could be found for logger "root"\n';
        assert.equal(stderr.getvalue(), msg);
      });

      // 'No handlers' message only printed once
      captured_stderr((stderr) => {
        root.warning("Final chance!");
        assert.equal(stderr.getvalue(), "");
      });

      // If raiseExceptions is False, no message is printed
      root.manager.emittedNoHandlerWarning = false;
      logging.setRaiseExceptions(false);
      captured_stderr((stderr) => {
        root.warning("Final chance!");
        assert.equal(stderr.getvalue(), "");
      });
    } finally {
      root.addHandler(t.root_hdlr);
      logging.setLastResort(old_lastresort);
      logging.setRaiseExceptions(old_raise_exceptions);
    }
  });
});
