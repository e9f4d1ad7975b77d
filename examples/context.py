# The Python program examples/context.ts mirrors: contextvars through structlog's
# bind_contextvars / bound_contextvars, and a logging filter that puts the bound values on records.
#   python3 examples/context.py   (needs structlog)
import asyncio
import logging
import sys

from structlog.contextvars import bind_contextvars, bound_contextvars, get_contextvars


class ContextVarsFilter(logging.Filter):
    def filter(self, record):
        for key, value in get_contextvars().items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


logging.basicConfig(
    level="INFO",
    format="%(levelname)s [%(request_id)s %(user)s] %(name)s: %(message)s",
    stream=sys.stdout,
)
for handler in logging.root.handlers:
    handler.addFilter(ContextVarsFilter())
log = logging.getLogger("shop")


async def load_cart(items, delay):
    await asyncio.sleep(delay / 1000)
    logging.getLogger("shop.db").info("loaded %d item(s)", items)
    return items * 10


async def handle(request_id, user, items, delay):
    bind_contextvars(request_id=request_id, user=user)
    log.info("checkout started")
    total = await load_cart(items, delay)
    with bound_contextvars(user=f"{user} (admin)"):
        await asyncio.sleep(delay / 1000)
        log.warning("total %d needs approval", total)
    log.info("checkout done")


async def main():
    await asyncio.gather(
        handle("r-1", "ann", 2, 35),
        handle("r-2", "bob", 1, 10),
        handle("r-3", "cy", 3, 22),
    )


asyncio.run(main())
