/**
 * The atomic apply shared by `dictConfig` and `fileConfig`: what each logger will be set to is
 * planned and checked first, then the old handlers are swapped for the new ones and the loggers
 * changed, so a configuration that fails leaves the previous one in place (Python's
 * `_clearExistingHandlers`, `_handle_existing_loggers`).
 *
 * @module
 */

import { AttributeError, KeyError } from "../py/errors.ts";
import type { Filterer, FilterLike } from "../filter.ts";
import { pyRepr, pyTypeName, pyValueRepr } from "../py/repr.ts";
import { Handler, handlerRegistry } from "../handlers/handler.ts";
import { flushAllSinksSync } from "../handlers/sink.ts";
import { shutdownHandlers } from "../shutdown.ts";
import { getLogger, type Logger, PlaceHolder, root as rootLogger } from "../logger.ts";

/** What a logger will be set to, checked before anything changes. */
export interface LoggerPlan {
  level: number | null;
  handlers: Handler[] | null;
  filters: FilterLike[] | null;
  propagate: unknown;
}

/** Python's `sorted()` of strings: by code point. */
export function pySorted(keys: string[]): string[] {
  return [...keys].sort((a, b) => {
    const x = [...a];
    const y = [...b];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
      if (d !== 0) return d;
    }
    return x.length - y.length;
  });
}

/** Applies loggers' plans in order, then Python's `_handle_existing_loggers`. */
export function applyLoggerPlans(plans: [string, LoggerPlan][], disableExisting: boolean): void {
  const existing = pySorted([...rootLogger.manager.loggerDict.keys()]);
  const childLoggers: string[] = [];
  for (const [name, plan] of plans) {
    const at = existing.indexOf(name);
    if (at >= 0) {
      const prefixed = name + ".";
      for (let i = at + 1; i < existing.length; i++) {
        if (existing[i].startsWith(prefixed)) childLoggers.push(existing[i]);
      }
      existing.splice(at, 1);
    }
    applyLogger(getLogger(name), plan, false, false);
  }
  handleExistingLoggers(existing, childLoggers, disableExisting);
}

/**
 * The handler side of a configuration change: remembers the handlers (and names) that exist before
 * the new ones are built; `rollback()` closes the new ones and restores the names, `commit()`
 * closes the old ones (Python's `_clearExistingHandlers`: `shutdown(handlerList)`, newest first,
 * each flushed and closed once) and keeps the new ones' names only.
 */
export class HandlerSwap {
  readonly oldHandlers: Handler[] = liveHandlers();
  readonly oldSet: Set<Handler> = new Set(this.oldHandlers);
  readonly oldNames: Map<string, Handler> = new Map(handlerRegistry().byName);

  /**
   * Writes out what the old handlers' streams have buffered, without calling their `flush()`
   * (that happens once, when they are closed): Python closes them before the new handlers open
   * their files, so their output must be in the files before a new handler truncates one.
   */
  constructor() {
    try {
      flushAllSinksSync();
    } catch {
      // A sink reports its own write errors.
    }
  }

  /** Closes the handlers created since (newest first) and restores the names of the old ones. */
  rollback(): void {
    const reg = handlerRegistry();
    const created = liveHandlers().filter((h) => !this.oldSet.has(h));
    shutdownHandlers(created, [], false);
    reg.list = reg.list.filter((r) => {
      const h = r.deref();
      return h !== undefined && this.oldSet.has(h);
    });
    reg.byName.clear();
    for (const [name, h] of this.oldNames) reg.byName.set(name, h);
  }

  /**
   * Registers the new handlers' names only, then flushes and closes the old handlers (except those
   * the new configuration reuses), newest first. Never throws: the first error Python's
   * `shutdown` would raise is returned, for the caller to throw once the configuration is applied.
   */
  commit(named: [string, Handler][]): { error: unknown } | undefined {
    const reg = handlerRegistry();
    const keep = new Set(named.map(([, h]) => h));
    reg.byName.clear();
    for (const [name, h] of named) if (h instanceof Handler) reg.byName.set(name, h);
    const closing = this.oldHandlers.filter((h) => !keep.has(h));
    reg.list = reg.list.filter((r) => {
      const h = r.deref();
      return h !== undefined && (!this.oldSet.has(h) || keep.has(h));
    });
    return shutdownHandlers(closing, [], false);
  }
}

/**
 * Python's `handler.name = name` of `configure`, done while the configuration is still being built
 * so that a factory's odd result fails there (Python's `AttributeError` for a value that takes no
 * attributes) rather than after the old handlers are closed.
 */
export function nameHandler(handler: unknown, name: string): void {
  if (handler === null || handler === undefined || typeof handler !== "object") {
    if (typeof handler !== "function") {
      throw new AttributeError(
        `${pyRepr(pyTypeName(handler))} object has no attribute 'name' and no __dict__ for ` +
          "setting new attributes",
      );
    }
  }
  (handler as { name: string }).name = name;
}

export function keyOf(v: unknown): string {
  if (typeof v === "string") return v;
  throw new KeyError(v === null || v === undefined ? "None" : pyValueRepr(v));
}

function liveHandlers(): Handler[] {
  const out: Handler[] = [];
  for (const ref of handlerRegistry().list) {
    const h = ref.deref();
    if (h !== undefined && !out.includes(h)) out.push(h);
  }
  return out;
}

export function applyLogger(
  logger: Logger,
  plan: LoggerPlan,
  incremental: boolean,
  isRoot: boolean,
): void {
  if (plan.level !== null) logger.setLevel(plan.level);
  if (!incremental) {
    for (const h of [...logger.handlers]) logger.removeHandler(h);
    for (const h of plan.handlers ?? []) logger.addHandler(h);
    for (const f of plan.filters ?? []) (logger as Filterer).addFilter(f);
  }
  if (!isRoot) {
    logger.disabled = false;
    if (plan.propagate !== null && plan.propagate !== undefined) {
      logger.propagate = plan.propagate as boolean;
    }
  }
}

/**
 * Python's `_handle_existing_loggers`: loggers the new configuration does not name are disabled
 * (when `disableExisting`), except children of named loggers, which are reset to pass their
 * records up (level NOTSET, no handlers, propagating).
 */
export function handleExistingLoggers(
  existing: string[],
  childLoggers: string[],
  disableExisting: boolean,
): void {
  const loggerDict = rootLogger.manager.loggerDict;
  for (const name of existing) {
    const logger = loggerDict.get(name);
    if (logger === undefined) continue;
    if (childLoggers.includes(name)) {
      if (!(logger instanceof PlaceHolder)) {
        logger.setLevel(0);
        logger.handlers = [];
        logger.propagate = true;
      }
    } else if (!(logger instanceof PlaceHolder)) {
      logger.disabled = disableExisting;
    }
  }
}
