// Port of CPython 3.11 Lib/test/test_logging.py: BuiltinLevelsTest (builtin levels and their
// inheritance). Expected values are CPython's own.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { BaseTest } from "./_cpython_support.ts";

describe("BuiltinLevelsTest", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_flat", () => {
    // Logging levels in a flat logger namespace.
    const m = t.next_message;

    const ERR = logging.getLogger("ERR");
    ERR.setLevel(logging.ERROR);
    const INF = new logging.LoggerAdapter(logging.getLogger("INF"), {});
    INF.setLevel(logging.INFO);
    const DEB = logging.getLogger("DEB");
    DEB.setLevel(logging.DEBUG);

    // These should log.
    ERR.log(logging.CRITICAL, m());
    ERR.error(m());

    INF.log(logging.CRITICAL, m());
    INF.error(m());
    INF.warning(m());
    INF.info(m());

    DEB.log(logging.CRITICAL, m());
    DEB.error(m());
    DEB.warning(m());
    DEB.info(m());
    DEB.debug(m());

    // These should not log.
    ERR.warning(m());
    ERR.info(m());
    ERR.debug(m());

    INF.debug(m());

    t.assert_log_lines([
      ["ERR", "CRITICAL", "1"],
      ["ERR", "ERROR", "2"],
      ["INF", "CRITICAL", "3"],
      ["INF", "ERROR", "4"],
      ["INF", "WARNING", "5"],
      ["INF", "INFO", "6"],
      ["DEB", "CRITICAL", "7"],
      ["DEB", "ERROR", "8"],
      ["DEB", "WARNING", "9"],
      ["DEB", "INFO", "10"],
      ["DEB", "DEBUG", "11"],
    ]);
  });

  it("test_nested_explicit", () => {
    // Logging levels in a nested namespace, all explicitly set.
    const m = t.next_message;

    const INF = logging.getLogger("INF");
    INF.setLevel(logging.INFO);
    const INF_ERR = logging.getLogger("INF.ERR");
    INF_ERR.setLevel(logging.ERROR);

    // These should log.
    INF_ERR.log(logging.CRITICAL, m());
    INF_ERR.error(m());

    // These should not log.
    INF_ERR.warning(m());
    INF_ERR.info(m());
    INF_ERR.debug(m());

    t.assert_log_lines([
      ["INF.ERR", "CRITICAL", "1"],
      ["INF.ERR", "ERROR", "2"],
    ]);
  });

  it("test_nested_inherited", () => {
    // Logging levels in a nested namespace, inherited from parent loggers.
    const m = t.next_message;

    const INF = logging.getLogger("INF");
    INF.setLevel(logging.INFO);
    const INF_ERR = logging.getLogger("INF.ERR");
    INF_ERR.setLevel(logging.ERROR);
    const INF_UNDEF = logging.getLogger("INF.UNDEF");
    const INF_ERR_UNDEF = logging.getLogger("INF.ERR.UNDEF");
    const UNDEF = logging.getLogger("UNDEF");
    void UNDEF; // created but unused, as in Python

    // These should log.
    INF_UNDEF.log(logging.CRITICAL, m());
    INF_UNDEF.error(m());
    INF_UNDEF.warning(m());
    INF_UNDEF.info(m());
    INF_ERR_UNDEF.log(logging.CRITICAL, m());
    INF_ERR_UNDEF.error(m());

    // These should not log.
    INF_UNDEF.debug(m());
    INF_ERR_UNDEF.warning(m());
    INF_ERR_UNDEF.info(m());
    INF_ERR_UNDEF.debug(m());

    t.assert_log_lines([
      ["INF.UNDEF", "CRITICAL", "1"],
      ["INF.UNDEF", "ERROR", "2"],
      ["INF.UNDEF", "WARNING", "3"],
      ["INF.UNDEF", "INFO", "4"],
      ["INF.ERR.UNDEF", "CRITICAL", "5"],
      ["INF.ERR.UNDEF", "ERROR", "6"],
    ]);
  });

  it("test_nested_with_virtual_parent", () => {
    // Logging levels when some parent does not exist yet.
    const m = t.next_message;

    const INF = logging.getLogger("INF");
    const GRANDCHILD = logging.getLogger("INF.BADPARENT.UNDEF");
    const CHILD = logging.getLogger("INF.BADPARENT");
    INF.setLevel(logging.INFO);

    // These should log.
    GRANDCHILD.log(logging.FATAL, m());
    GRANDCHILD.info(m());
    CHILD.log(logging.FATAL, m());
    CHILD.info(m());

    // These should not log.
    GRANDCHILD.debug(m());
    CHILD.debug(m());

    t.assert_log_lines([
      ["INF.BADPARENT.UNDEF", "CRITICAL", "1"],
      ["INF.BADPARENT.UNDEF", "INFO", "2"],
      ["INF.BADPARENT", "CRITICAL", "3"],
      ["INF.BADPARENT", "INFO", "4"],
    ]);
  });

  it("test_regression_22386", () => {
    // See issue #22386 for more information.
    assert.equal(logging.getLevelName("INFO"), logging.INFO);
    assert.equal(logging.getLevelName(logging.INFO), "INFO");
  });

  it("test_issue27935", () => {
    const fatal = logging.getLevelName("FATAL");
    assert.equal(fatal, logging.FATAL);
  });

  it("test_regression_29220", () => {
    // See issue #29220 for more information.
    logging.addLevelName(logging.INFO, "");
    t.addCleanup(() => logging.addLevelName(logging.INFO, "INFO"));
    assert.equal(logging.getLevelName(logging.INFO), "");
    assert.equal(logging.getLevelName(logging.NOTSET), "NOTSET");
    assert.equal(logging.getLevelName("NOTSET"), logging.NOTSET);
  });
});
