// The demo of `npm run demo`: Python's logging, line for line, in TypeScript.
import * as logging from "../mod.ts";

logging.basicConfig({
  level: logging.DEBUG,
  format: "%(asctime)s %(levelname)-8s %(name)s: %(message)s",
  stream: logging.stdout(),
});

const log = logging.getLogger("shop.orders");
log.debug("loaded %d products from %s", 1284, "catalog.json");
log.info("user %s logged in from %s after %d ms", "alice", "10.0.0.1", 42);
log.warning("stock for %(sku)s is low: %(left)d left", { sku: "A-17", left: 3 });

// Hierarchy and propagation: "shop.payments" has its own level.
logging.getLogger("shop.payments").setLevel("ERROR");
logging.getLogger("shop.payments").info("not shown: below ERROR");

// Python's keyword arguments travel as one trailing object.
try {
  JSON.parse("{ not json");
} catch (err) {
  log.error("bad payload from %s", "partner-api", { exc_info: err });
}

// Per-request context, as Python's LoggerAdapter.
const request = new logging.LoggerAdapter(logging.getLogger("shop.http"), { request_id: "r-42" });
request.info("GET /cart -> %d (request %s)", 200, request.extra?.request_id);

// A custom level, as addLevelName.
logging.addLevelName(25, "NOTICE");
log.log(25, "custom level %s", "NOTICE");
