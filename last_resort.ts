/**
 * `lastResort`: the handler used when a record finds no handler anywhere in the hierarchy. As in
 * Python it writes the bare message to stderr at WARNING and above; `setLastResort(null)` restores
 * the pre-3.2 behaviour (a one-off "No handlers could be found" line).
 *
 * @module
 */

import { WARNING } from "./levels.ts";
import { StreamHandler } from "./handlers/stream/stream.ts";
import { stderr, writeStderrNow } from "./handlers/sink.ts";
import { slot } from "./state.ts";
import type { Handler } from "./handlers/handler.ts";

/**
 * A `StreamHandler` that always writes to the process's current stderr (Python's
 * `_StderrHandler`).
 *
 * @example
 * ```ts
 * import { StderrHandler } from "./last_resort.ts";
 * const h = new StderrHandler(30);
 * ```
 */
export class StderrHandler extends StreamHandler {
  /** Creates it at `level`. */
  constructor(level: number | string = 0) {
    super(stderr());
    this.setLevel(level);
  }
}

interface LastResortSlot {
  handler: Handler | null | undefined;
}

function lastResortSlot(): LastResortSlot {
  return slot("lastResort", newLastResortSlot);
}

function newLastResortSlot(): LastResortSlot {
  return { handler: undefined };
}

/**
 * Returns the handler of last resort (created on first use: a `StderrHandler` at WARNING), or
 * `null` if it was switched off.
 *
 * @example
 * ```ts
 * import { getLastResort } from "@pylog/logging";
 * getLastResort()?.setLevel("ERROR");
 * ```
 */
export function getLastResort(): Handler | null {
  const slot = lastResortSlot();
  if (slot.handler === undefined) slot.handler = new StderrHandler(WARNING);
  return slot.handler;
}

/** The same as {@linkcode getLastResort}, for the logger's hot path. */
export const lastResortHandler: () => Handler | null = getLastResort;

/**
 * Replaces the handler of last resort (Python's `logging.lastResort = ...`); `null` switches it off.
 *
 * @example
 * ```ts
 * import { setLastResort } from "@pylog/logging";
 * setLastResort(null);
 * ```
 */
export function setLastResort(handler: Handler | null): void {
  lastResortSlot().handler = handler;
}

/** Writes Python's one-off message for a record that found no handler and no last resort. */
export function noHandlerWarning(name: string): void {
  try {
    writeStderrNow(`No handlers could be found for logger "${name}"\n`);
  } catch {
    // stderr is gone: nothing to tell.
  }
}
