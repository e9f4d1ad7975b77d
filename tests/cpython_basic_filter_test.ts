// Port of CPython 3.11 Lib/test/test_logging.py: BasicFilterTest (the bundled Filter class).
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as logging from "../mod.ts";
import { BaseTest } from "./_cpython_support.ts";

describe("BasicFilterTest", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_filter", () => {
    // Only messages satisfying the specified criteria pass through the filter.
    const filter_ = new logging.Filter("spam.eggs");
    const handler = t.root_logger.handlers[0];
    try {
      handler.addFilter(filter_);
      const spam = logging.getLogger("spam");
      const spam_eggs = logging.getLogger("spam.eggs");
      const spam_eggs_fish = logging.getLogger("spam.eggs.fish");
      const spam_bakedbeans = logging.getLogger("spam.bakedbeans");

      spam.info(t.next_message());
      spam_eggs.info(t.next_message()); // Good.
      spam_eggs_fish.info(t.next_message()); // Good.
      spam_bakedbeans.info(t.next_message());

      t.assert_log_lines([
        ["spam.eggs", "INFO", "2"],
        ["spam.eggs.fish", "INFO", "3"],
      ]);
    } finally {
      handler.removeFilter(filter_);
    }
  });

  it("test_callable_filter", () => {
    // Only messages satisfying the specified criteria pass through the filter.
    const filterfunc = (record: logging.LogRecord): boolean => {
      const parts = record.name.split(".");
      const prefix = parts.slice(0, 2).join(".");
      return prefix === "spam.eggs";
    };

    const handler = t.root_logger.handlers[0];
    try {
      handler.addFilter(filterfunc);
      const spam = logging.getLogger("spam");
      const spam_eggs = logging.getLogger("spam.eggs");
      const spam_eggs_fish = logging.getLogger("spam.eggs.fish");
      const spam_bakedbeans = logging.getLogger("spam.bakedbeans");

      spam.info(t.next_message());
      spam_eggs.info(t.next_message()); // Good.
      spam_eggs_fish.info(t.next_message()); // Good.
      spam_bakedbeans.info(t.next_message());

      t.assert_log_lines([
        ["spam.eggs", "INFO", "2"],
        ["spam.eggs.fish", "INFO", "3"],
      ]);
    } finally {
      handler.removeFilter(filterfunc);
    }
  });

  it("test_empty_filter", () => {
    const f = new logging.Filter();
    const r = logging.makeLogRecord({ name: "spam.eggs" });
    assert.ok(f.filter(r));
  });
});
