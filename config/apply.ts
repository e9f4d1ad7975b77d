/**
 * The atomic apply shared by `dictConfig` and `fileConfig`: what each logger will be set to is
 * planned and checked first, then the old handlers are swapped for the new ones and the loggers
 * changed, so a configuration that fails leaves the previous one in place (Python's
 * `_clearExistingHandlers`, `_handle_existing_loggers`).
 *
 * @module
 */

import { KeyError } from "../py/errors.ts";
import type { Filterer, FilterLike } from "../filter.ts";
import { pyValueRepr } from "../py/repr.ts";
import { type Handler, handlerRegistry } from "../handlers/handler.ts";
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
 * The handler side of a configuration change: remembers the handlers that exist before the new
 * ones are built; `rollback()` closes the new ones, `commit()` closes the old ones (Python's
 * `_clearExistingHandlers`, newest first) and names the new ones.
 */
export class HandlerSwap {
  readonly oldHandlers: Handler[] = liveHandlers();
  readonly oldSet: Set<Handler> = new Set(this.oldHandlers);

  /** Flushes the old handlers: Python closes them before opening the new ones. */
  constructor() {
    for (const h of this.oldHandlers) {
      try {
        void Promise.resolve(h.flush()).catch(() => {});
      } catch {
        // Reported by the handler itself, if at all.
      }
    }
  }

  /** Closes the handlers created since, leaving the old configuration in place. */
  rollback(): void {
    const reg = handlerRegistry();
    for (const h of liveHandlers()) if (!this.oldSet.has(h)) closeQuietly(h);
    reg.list = reg.list.filter((r) => {
      const h = r.deref();
      return h !== undefined && this.oldSet.has(h);
    });
  }

  /** Closes the old handlers (except those reused) and registers the new ones by name. */
  commit(named: [string, Handler][]): void {
    const reg = handlerRegistry();
    const keep = new Set(named.map(([, h]) => h));
    reg.byName.clear();
    for (let i = this.oldHandlers.length - 1; i >= 0; i--) {
      if (!keep.has(this.oldHandlers[i])) closeQuietly(this.oldHandlers[i]);
    }
    reg.list = reg.list.filter((r) => {
      const h = r.deref();
      return h !== undefined && (!this.oldSet.has(h) || keep.has(h));
    });
    for (const [name, h] of named) h.name = name;
  }
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

/** Python's `shutdown` of one handler: flush, close; errors ignored. */
function closeQuietly(h: Handler): void {
  try {
    const flushed = h.flush();
    if (flushed instanceof Promise) {
      void flushed.then(() => h.close()).catch(() => {});
    } else {
      const closed = h.close();
      if (closed instanceof Promise) void closed.catch(() => {});
    }
  } catch {
    // Python's shutdown ignores OSError and ValueError; a configuration swap ignores all.
  }
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
