/**
 * The module's global state, kept in one object on `globalThis` under a `Symbol.for` key, so that two
 * copies of this module loaded in one program (say, one from JSR and one from npm) share one logger
 * hierarchy, one level table and one list of handlers, as Python's single `logging` module does.
 *
 * Internal: nothing here is exported from `mod.ts`.
 *
 * @module
 */

/** The shape of the shared state. Fields are filled in lazily by the modules that own them. */
export interface SharedState {
  /** Python's `_levelToName`. */
  levelToName: Map<number, string>;
  /** Python's `_nameToLevel`. */
  nameToLevel: Map<string, number>;
  /** Python's `raiseExceptions`. */
  raiseExceptions: boolean;
  /** Python's `_startTime` in milliseconds, taken lazily (edge runtimes forbid clocks at import). */
  startTime: number;
  /** Set when any formatter or the user asked for caller fields (pathname, lineno, funcName...). */
  callerInfo: "auto" | "always" | "never";
  /** Number of live formatters whose format reads caller fields (drives `callerInfo: "auto"`). */
  callerConsumers: number;
  /** The current task's name for `LogRecord.taskName`, installed by the context module's first task. */
  currentTaskName?: () => string | null;
  /** Everything else, keyed by owner module, so modules stay independent. */
  slots: Record<string, unknown>;
}

const KEY = Symbol.for("@pylog/logging");

function create(): SharedState {
  return {
    levelToName: new Map([
      [50, "CRITICAL"],
      [40, "ERROR"],
      [30, "WARNING"],
      [20, "INFO"],
      [10, "DEBUG"],
      [0, "NOTSET"],
    ]),
    nameToLevel: new Map([
      ["CRITICAL", 50],
      ["FATAL", 50],
      ["ERROR", 40],
      ["WARN", 30],
      ["WARNING", 30],
      ["INFO", 20],
      ["DEBUG", 10],
      ["NOTSET", 0],
    ]),
    raiseExceptions: true,
    startTime: 0,
    callerInfo: "auto",
    callerConsumers: 0,
    slots: {},
  };
}

/** The one shared state object (created on first import, reused by later copies). */
export const state: SharedState =
  ((globalThis as Record<symbol, unknown>)[KEY] ??= create()) as SharedState;

/**
 * Returns the shared slot `name`, creating it with `init` the first time. Used for singletons such
 * as the root logger, so that every copy of the module sees the same instance.
 */
export function slot<T>(name: string, init: () => T): T {
  const slots = state.slots;
  if (!(name in slots)) slots[name] = init();
  return slots[name] as T;
}

/** Python's `_startTime` in seconds: taken the first time something asks for it. */
export function startTime(): number {
  if (state.startTime === 0) state.startTime = Date.now();
  return state.startTime;
}

/**
 * Returns the level tables, `raiseExceptions` and the caller-info mode to their import-time values,
 * and drops the named slots (settings their owners recreate lazily). Live objects (the hierarchy,
 * the handler list, the sinks, the exit hooks) stay: their owners reset them. Used by
 * `resetLogging()`.
 */
export function resetState(settingSlots: readonly string[]): void {
  const fresh = create();
  state.levelToName.clear();
  for (const [k, v] of fresh.levelToName) state.levelToName.set(k, v);
  state.nameToLevel.clear();
  for (const [k, v] of fresh.nameToLevel) state.nameToLevel.set(k, v);
  state.raiseExceptions = fresh.raiseExceptions;
  state.callerInfo = fresh.callerInfo;
  for (const name of settingSlots) delete state.slots[name];
}
