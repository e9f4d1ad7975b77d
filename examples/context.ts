// Request context across `await`: three requests handled at once, each binding its own id and
// user; every line shows its own request's values. The Python program doing the same with
// contextvars, structlog's bind_contextvars and a logging filter is examples/context.py.
//   deno run examples/context.ts   |   bun examples/context.ts   |   node examples/context.ts
import * as logging from "../mod.ts";
import { bind_contextvars, bound_contextvars, ContextVarsFilter } from "../context/mod.ts";

logging.basicConfig({
  level: "INFO",
  format: "%(levelname)s [%(request_id)s %(user)s] %(name)s: %(message)s",
  stream: logging.stdout(),
});
for (const handler of logging.root.handlers) handler.addFilter(new ContextVarsFilter());
const log = logging.getLogger("shop");

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function loadCart(items: number, delay: number): Promise<number> {
  await sleep(delay);
  logging.getLogger("shop.db").info("loaded %d item(s)", items);
  return items * 10;
}

async function handle(requestId: string, user: string, items: number, delay: number) {
  bind_contextvars({ request_id: requestId, user });
  log.info("checkout started");
  const total = await loadCart(items, delay);
  await bound_contextvars({ user: `${user} (admin)` }, async () => {
    await sleep(delay);
    log.warning("total %d needs approval", total);
  });
  log.info("checkout done");
}

await Promise.all([
  handle("r-1", "ann", 2, 35),
  handle("r-2", "bob", 1, 10),
  handle("r-3", "cy", 3, 22),
]);
await logging.flush();
