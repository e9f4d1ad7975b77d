// Port of CPython 3.11 Lib/test/test_logging.py: CustomLevelsAndFiltersTest (filtering with custom
// logging levels).
import { afterEach, beforeEach, describe, it } from "node:test";
import * as logging from "../mod.ts";
import { BaseTest } from "./_cpython_support.ts";

// First, we define our levels. There can be as many as you want - the only limitations are that
// they should be integers, the lowest should be > 0 and larger values mean less information being
// logged.
const SILENT = 120;
const TACITURN = 119;
const TERSE = 118;
const EFFUSIVE = 117;
const SOCIABLE = 116;
const VERBOSE = 115;
const TALKATIVE = 114;
const GARRULOUS = 113;
const CHATTERBOX = 112;
const BORING = 111;

const LEVEL_RANGE: number[] = [];
for (let lvl = BORING; lvl < SILENT + 1; lvl++) LEVEL_RANGE.push(lvl);

// Next, we define names for our levels.
const my_logging_levels: [number, string][] = [
  [SILENT, "Silent"],
  [TACITURN, "Taciturn"],
  [TERSE, "Terse"],
  [EFFUSIVE, "Effusive"],
  [SOCIABLE, "Sociable"],
  [VERBOSE, "Verbose"],
  [TALKATIVE, "Talkative"],
  [GARRULOUS, "Garrulous"],
  [CHATTERBOX, "Chatterbox"],
  [BORING, "Boring"],
];

/** A filter which blocks garrulous messages. */
class GarrulousFilter extends logging.Filter {
  override filter(record: logging.LogRecord): boolean {
    return record.levelno !== GARRULOUS;
  }
}

/** A filter which blocks sociable and taciturn messages. */
class VerySpecificFilter extends logging.Filter {
  override filter(record: logging.LogRecord): boolean {
    return ![SOCIABLE, TACITURN].includes(record.levelno);
  }
}

class CustomLevelsAndFiltersTest extends BaseTest {
  // Skip the logger name group.
  override expected_log_pat = /^[\w.]+ -> (\w+): (\d+)$/;

  override setUp(): void {
    super.setUp();
    for (const [k, v] of my_logging_levels) logging.addLevelName(k, v);
  }

  log_at_all_levels(logger: logging.Logger): void {
    for (const lvl of LEVEL_RANGE) logger.log(lvl, this.next_message());
  }
}

describe("CustomLevelsAndFiltersTest", () => {
  let t: CustomLevelsAndFiltersTest;
  beforeEach(() => {
    t = new CustomLevelsAndFiltersTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_logger_filter", () => {
    // Filter at logger level.
    t.root_logger.setLevel(VERBOSE);
    // Levels >= 'Verbose' are good.
    t.log_at_all_levels(t.root_logger);
    t.assert_log_lines([
      ["Verbose", "5"],
      ["Sociable", "6"],
      ["Effusive", "7"],
      ["Terse", "8"],
      ["Taciturn", "9"],
      ["Silent", "10"],
    ]);
  });

  it("test_handler_filter", () => {
    // Filter at handler level.
    t.root_logger.handlers[0].setLevel(SOCIABLE);
    try {
      // Levels >= 'Sociable' are good.
      t.log_at_all_levels(t.root_logger);
      t.assert_log_lines([
        ["Sociable", "6"],
        ["Effusive", "7"],
        ["Terse", "8"],
        ["Taciturn", "9"],
        ["Silent", "10"],
      ]);
    } finally {
      t.root_logger.handlers[0].setLevel(logging.NOTSET);
    }
  });

  it("test_specific_filters", () => {
    // Set a specific filter object on the handler, and then add another filter object on the
    // logger itself.
    const handler = t.root_logger.handlers[0];
    let specific_filter: VerySpecificFilter | null = null;
    const garr = new GarrulousFilter();
    handler.addFilter(garr);
    try {
      t.log_at_all_levels(t.root_logger);
      const first_lines = [
        // Notice how 'Garrulous' is missing
        ["Boring", "1"],
        ["Chatterbox", "2"],
        ["Talkative", "4"],
        ["Verbose", "5"],
        ["Sociable", "6"],
        ["Effusive", "7"],
        ["Terse", "8"],
        ["Taciturn", "9"],
        ["Silent", "10"],
      ];
      t.assert_log_lines(first_lines);

      specific_filter = new VerySpecificFilter();
      t.root_logger.addFilter(specific_filter);
      t.log_at_all_levels(t.root_logger);
      t.assert_log_lines([
        ...first_lines,
        // Not only 'Garrulous' is still missing, but also 'Sociable' and 'Taciturn'
        ["Boring", "11"],
        ["Chatterbox", "12"],
        ["Talkative", "14"],
        ["Verbose", "15"],
        ["Effusive", "17"],
        ["Terse", "18"],
        ["Silent", "20"],
      ]);
    } finally {
      if (specific_filter) t.root_logger.removeFilter(specific_filter);
      handler.removeFilter(garr);
    }
  });
});
