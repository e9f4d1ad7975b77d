/**
 * Python 3.12's lookups of handlers by name: `getHandlerByName(name)` and `getHandlerNames()`, over
 * the registry that naming a handler fills (`handler.name = "console"`, or a `dictConfig` /
 * `fileConfig` handler id).
 *
 * @module
 */

import { type Handler, handlerRegistry } from "./handlers/handler.ts";

/**
 * The handler named `name`, or `null` when there is none (Python 3.12's
 * `logging.getHandlerByName`). Naming a handler registers it; closing it forgets it.
 *
 * @example
 * ```ts
 * import { getHandlerByName } from "@pylog/logging";
 * import { dictConfig } from "@pylog/logging/config";
 * dictConfig({ version: 1, handlers: { console: { class: "logging.StreamHandler" } } });
 * getHandlerByName("console"); // the StreamHandler
 * getHandlerByName("nope"); // null
 * ```
 */
export function getHandlerByName(name: string): Handler | null {
  return handlerRegistry().byName.get(name) ?? null;
}

/**
 * The names of all named handlers, as a new `Set` (Python 3.12's `logging.getHandlerNames`, which
 * returns a `frozenset`: changing the returned set changes nothing else).
 *
 * @example
 * ```ts
 * import { getHandlerNames, NullHandler } from "@pylog/logging";
 * new NullHandler().name = "quiet";
 * getHandlerNames().has("quiet"); // true
 * ```
 */
export function getHandlerNames(): Set<string> {
  return new Set(handlerRegistry().byName.keys());
}
