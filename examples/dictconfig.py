# One logging.json for Python and TypeScript: this program and examples/dictconfig.ts print the
# same lines (tests/config_python_json_test.ts checks it).
import json
import logging
import logging.config
import pathlib

config = json.loads((pathlib.Path(__file__).parent / "logging.json").read_text(encoding="utf-8"))
logging.config.dictConfig(config)

app = logging.getLogger("app")
app.info("service %s starting on port %d", "api", 8080)
app.debug("configuration read from %s", "logging.json")

db = logging.getLogger("app.db")
db.debug("not shown: app.db logs from INFO")
db.info("connected to %s in %.1f ms", "db1", 12.5, extra={"db": {"host": "db1", "ms": 12.5}, "caf\u00e9": True})
db.error("query %r failed: %s", "SELECT 1", "timeout")

sdk = logging.getLogger("vendor.sdk")
sdk.info("not shown: vendor.sdk logs from WARNING")
sdk.warning("%(call)s is deprecated", {"call": "sdk.connect()"})
sdk.error("retrying in %ds", 5)

logging.getLogger("other").error("only the errors handler sees this")
