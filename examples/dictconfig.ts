// One logging.json for Python and TypeScript: this program and examples/dictconfig.py print the
// same lines (tests/config_python_json_test.ts checks it).
//   deno run --allow-read examples/dictconfig.ts    |    bun examples/dictconfig.ts
import { readFileSync } from "node:fs";
import * as logging from "../mod.ts";
import { dictConfig } from "../config/mod.ts";

const config = JSON.parse(readFileSync(new URL("./logging.json", import.meta.url), "utf8"));
dictConfig(config);

const app = logging.getLogger("app");
app.info("service %s starting on port %d", "api", 8080);
app.debug("configuration read from %s", "logging.json");

const db = logging.getLogger("app.db");
db.debug("not shown: app.db logs from INFO");
db.info("connected to %s in %.1f ms", "db1", 12.5, {
  extra: { db: { host: "db1", ms: 12.5 }, "caf\u00e9": true },
});
db.error("query %r failed: %s", "SELECT 1", "timeout");

const sdk = logging.getLogger("vendor.sdk");
sdk.info("not shown: vendor.sdk logs from WARNING");
sdk.warning("%(call)s is deprecated", { call: "sdk.connect()" });
sdk.error("retrying in %ds", 5);

logging.getLogger("other").error("only the errors handler sees this");
