/**
 * **@pylog/logging/context**: request context that follows `await`, as Python's `contextvars`
 * (`ContextVar`, `Token`, `Context`, `copyContext`, `createTask`), structlog's context-local
 * binding (`bind_contextvars`, `bound_contextvars`, ...) and {@linkcode ContextVarsFilter}, which
 * puts the bound values on records for every formatter.
 *
 * ```ts
 * import * as logging from "@pylog/logging";
 * import { bound_contextvars, ContextVarsFilter } from "@pylog/logging/context";
 *
 * logging.basicConfig({ format: "%(levelname)s [%(request_id)s] %(message)s" });
 * logging.root.handlers[0].addFilter(new ContextVarsFilter());
 * await bound_contextvars({ request_id: "r-17" }, async () => {
 *   logging.getLogger("app").warning("slow"); // WARNING [r-17] slow
 * });
 * ```
 *
 * @module
 */

export {
  Context,
  type ContextData,
  ContextVar,
  copyContext,
  createTask,
  currentTaskName,
  Token,
} from "./contextvars.ts";
export {
  bind_contextvars,
  bound_contextvars,
  clear_contextvars,
  ContextVarsFilter,
  get_contextvars,
  merge_contextvars,
  reset_contextvars,
  unbind_contextvars,
} from "./binding.ts";
