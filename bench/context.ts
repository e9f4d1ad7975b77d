/**
 * Benchmarks of request context on records (issue 18), each next to its reference in the same run:
 * `ContextVarsFilter` on a handler in a program that binds nothing, against no filter; and with two
 * keys bound, against the same two attributes added by a plain filter function (so the figure is
 * the context lookup, not the cost of any extra record attribute, which has its own row).
 *
 * @module
 */

import { AsyncLocalStorage } from "node:async_hooks";
import { type FilterLike, Formatter, getLogger, type LogRecord } from "../mod.ts";
import { bind_contextvars, ContextVarsFilter, copyContext } from "../context/mod.ts";
import { compare, ns, type Row } from "./harness.ts";
import { A1, A2, A3, FORMAT, FormatOnly, MSG, NAME } from "./workload.ts";

function logger(name: string, filter: FilterLike | null): (n: number) => number {
  const h = new FormatOnly();
  h.setFormatter(new Formatter(FORMAT));
  if (filter !== null) h.addFilter(filter);
  const l = getLogger(name);
  l.propagate = false;
  l.handlers = [h];
  l.setLevel("INFO");
  return (n: number): number => {
    for (let i = 0; i < n; i++) l.info(MSG, A1, A2, A3);
    return h.total;
  };
}

/** The same two attributes a bound context adds, set by a plain filter function. */
function sameAttributes(record: LogRecord): boolean {
  if (!Object.hasOwn(record, "request_id")) record.request_id = "r-1234";
  if (!Object.hasOwn(record, "user")) record.user = "ann";
  return true;
}

/**
 * The runtime's floor for the same job, with no library code: the current `AsyncLocalStorage`
 * store, and its two keys copied onto the record by name (names known only at run time, as any
 * context's are).
 */
const floorStore = new AsyncLocalStorage<Map<string, unknown>>();
function floorFilter(record: LogRecord): boolean {
  const store = floorStore.getStore();
  if (store !== undefined) {
    for (const [k, v] of store) if (!Object.hasOwn(record, k)) record[k] = v;
  }
  return true;
}

/**
 * Runs the context rows; returns the cost per record of finding a bound context (ns). Must run
 * before anything in the process binds a value (the first row measures a program that never does).
 */
export function benchContext(row: (r: Row) => void, rounds: number): number {
  const plain = logger(NAME + ".ctx.plain", null);
  const filtered = logger(NAME + ".ctx.filtered", new ContextVarsFilter());
  const attrs = logger(NAME + ".ctx.attrs", sameAttributes);
  const n = 100_000;
  const empty = compare(plain, filtered, n, rounds);
  row({
    figure: "log.info, ContextVarsFilter on the handler, nothing ever bound",
    reference: `same call, no filter ${ns(empty.ref)}`,
    value: ns(empty.sub),
    ratio: `+${ns(empty.diff)}`,
    target: "≤ +5 ns",
    met: empty.diff <= 5,
  });
  const shape = copyContext().run(() => {
    bind_contextvars({ request_id: "r-1234", user: "ann" });
    return compare(plain, attrs, n, rounds);
  });
  row({
    figure: "log.info, 2 attributes added by a plain filter function (no context)",
    reference: `same call, no filter ${ns(shape.ref)}`,
    value: ns(shape.sub),
    ratio: `+${ns(shape.diff)}`,
    target: "(reference: what any 2 extra record attributes cost)",
    met: null,
  });
  const bound = copyContext().run(() => {
    bind_contextvars({ request_id: "r-1234", user: "ann" });
    return compare(attrs, filtered, n, rounds);
  });
  row({
    figure: "log.info, ContextVarsFilter, 2 keys bound (request_id, user)",
    reference: `same 2 attributes by a plain filter ${ns(bound.ref)}`,
    value: ns(bound.sub),
    ratio: `+${ns(bound.diff)}`,
    target: "≤ +50 ns per record",
    met: bound.diff <= 50,
  });
  const floorLog = logger(NAME + ".ctx.floor", floorFilter);
  const floorData = new Map<string, unknown>([["request_id", "r-1234"], ["user", "ann"]]);
  const floor = floorStore.run(floorData, () => compare(attrs, floorLog, n, rounds));
  row({
    figure: "floor: AsyncLocalStorage.getStore() + its 2 keys copied by name (no library code)",
    reference: `same 2 attributes by a plain filter ${ns(floor.ref)}`,
    value: ns(floor.sub),
    ratio: `+${ns(floor.diff)}`,
    target: "(the runtime's own cost of the job)",
    met: null,
  });
  const vsFloor = floorStore.run(floorData, () =>
    copyContext().run(() => {
      bind_contextvars({ request_id: "r-1234", user: "ann" });
      return compare(floorLog, filtered, n, rounds);
    }));
  row({
    figure: "log.info, ContextVarsFilter, 2 keys bound, against that floor",
    reference: `floor ${ns(vsFloor.ref)}`,
    value: ns(vsFloor.sub),
    ratio: `+${ns(vsFloor.diff)}`,
    target: "≤ +50 ns over the floor",
    met: vsFloor.diff <= 50,
  });
  return bound.diff;
}
