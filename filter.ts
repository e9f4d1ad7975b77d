/**
 * Filters: Python's `Filter` (the logger-name prefix rule) and `Filterer`, the base of loggers and
 * handlers that keeps a list of filters. A filter is a `Filter`, any object with a `filter(record)`
 * method, or a plain function; as in Python 3.12 it may return a replacement record.
 *
 * @module
 */

import type { LogRecord } from "./record.ts";

/** Anything usable as a filter: an object with `filter(record)` or a function of the record. */
export type FilterLike =
  | { filter(record: LogRecord): unknown }
  | ((record: LogRecord) => unknown);

/**
 * Passes records from the logger named `name` and its descendants only (`"A.B"` passes `"A.B"` and
 * `"A.B.C"`, not `"A.BB"`); an empty name passes everything. As Python's `logging.Filter`.
 *
 * @example
 * ```ts
 * import { Filter, getLogger } from "@pylog/logging";
 * getLogger().handlers[0]?.addFilter(new Filter("app.db"));
 * ```
 */
export class Filter {
  /** The logger name whose subtree passes. */
  name: string;
  /** The length of `name`. */
  nlen: number;

  /** Creates a filter passing the subtree of logger `name` (everything when empty). */
  constructor(name = "") {
    this.name = name;
    this.nlen = name.length;
  }

  /**
   * Returns whether `record` passes: its logger is `name` or below it.
   *
   * @example
   * ```ts
   * import { Filter, makeLogRecord } from "@pylog/logging";
   * new Filter("a.b").filter(makeLogRecord({ name: "a.b.c" })); // true
   * ```
   */
  filter(record: LogRecord): boolean {
    if (this.nlen === 0) return true;
    const name = record.name;
    if (this.name === name) return true;
    if (!name.startsWith(this.name)) return false;
    return name[this.nlen] === ".";
  }
}

/**
 * The base of loggers and handlers: a list of filters consulted in order, as Python's
 * `logging.Filterer`.
 *
 * @example
 * ```ts
 * import { Filterer, makeLogRecord } from "@pylog/logging";
 * const f = new Filterer();
 * f.addFilter((r) => r.levelno >= 30);
 * f.filter(makeLogRecord({ levelno: 10 })); // false
 * ```
 */
export class Filterer {
  /** The filters, consulted in order. */
  filters: FilterLike[] = [];

  /**
   * Adds `filter` unless it is already present.
   *
   * @example
   * ```ts
   * import { Filter, Filterer } from "@pylog/logging";
   * new Filterer().addFilter(new Filter("app"));
   * ```
   */
  addFilter(filter: FilterLike): void {
    if (!this.filters.includes(filter)) this.filters.push(filter);
  }

  /**
   * Removes `filter` if present.
   *
   * @example
   * ```ts
   * import { Filter, Filterer } from "@pylog/logging";
   * const f = new Filterer();
   * const only = new Filter("app");
   * f.addFilter(only);
   * f.removeFilter(only);
   * ```
   */
  removeFilter(filter: FilterLike): void {
    const i = this.filters.indexOf(filter);
    if (i >= 0) this.filters.splice(i, 1);
  }

  /**
   * Consults every filter: returns `false` as soon as one rejects the record, otherwise the record
   * to go on with (a filter may return a replacement record, as in Python 3.12).
   *
   * @example
   * ```ts
   * import { Filterer, makeLogRecord } from "@pylog/logging";
   * const f = new Filterer();
   * f.filter(makeLogRecord({ msg: "x" })); // the record itself
   * ```
   */
  filter(record: LogRecord): LogRecord | false {
    const filters = this.filters;
    for (let i = 0; i < filters.length; i++) {
      const f = filters[i];
      const result = typeof f === "function" ? f(record) : f.filter(record);
      if (!result) return false;
      if (typeof result === "object" && typeof (result as LogRecord).getMessage === "function") {
        record = result as LogRecord;
      }
    }
    return record;
  }
}
