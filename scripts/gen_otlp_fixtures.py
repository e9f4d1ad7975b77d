"""What Python's OpenTelemetry SDK 1.45 sends for a set of logging calls: tests/fixtures/otlp.json.

Runs each scenario of tests/fixtures/otlp_scenarios.json through the SDK's LoggingHandler +
BatchLogRecordProcessor + OTLPLogExporter (OTLP/HTTP protobuf) against a capture server on
loopback, decodes what was posted with opentelemetry-proto and stores it as OTLP/JSON (protobuf's
JSON mapping: lowerCamelCase, enums as integers, 64-bit integers as strings; trace and span ids
turned to hex as OTLP/JSON requires). Also records how the exporter answers 429/503/400/500 and
a hanging collector (requests counted per status).

The SDK 1.45 needs three 0.66b0 pure-Python packages that are not on the package mirror
(opentelemetry-semantic-conventions, opentelemetry-exporter-otlp-common,
opentelemetry-exporter-http-transport): they are put on sys.path from a checkout of
open-telemetry/opentelemetry-python (OTEL_PY_CHECKOUT, a work tree; never committed here). The
fetched snapshot (0a5d76b6) still keeps `_exporter_metrics.py` under
exporter/opentelemetry-exporter-otlp-proto-common, where the 1.45 wheel imports it from
opentelemetry.exporter.otlp.common: copy it there in the work tree:

    D=/tmp/otelpy; mkdir -p $D; cd <mirror>/repo
    git archive HEAD opentelemetry-semantic-conventions/src exporter/opentelemetry-exporter-otlp-common/src \
        exporter/opentelemetry-exporter-http-transport/src | tar -x -C $D
    git show HEAD:exporter/opentelemetry-exporter-otlp-proto-common/src/opentelemetry/exporter/otlp/proto/common/_exporter_metrics.py \
        > $D/exporter/opentelemetry-exporter-otlp-common/src/opentelemetry/exporter/otlp/common/_exporter_metrics.py

    PYENV_VERSION=3.13.0 OTEL_PY_CHECKOUT=/path/to/opentelemetry-python python3 scripts/gen_otlp_fixtures.py
"""

from _oracle import require_313, ensure_packages

require_313()
ensure_packages([
    "opentelemetry-sdk==1.45.0",
    "opentelemetry-exporter-otlp-proto-http==1.45.0",
    "opentelemetry-proto==1.45.0",
])

import base64  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import warnings  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402

CHECKOUT = os.environ.get("OTEL_PY_CHECKOUT", "")
for sub in (
    "opentelemetry-semantic-conventions/src",
    "exporter/opentelemetry-exporter-otlp-common/src",
    "exporter/opentelemetry-exporter-http-transport/src",
):
    sys.path.insert(0, os.path.join(CHECKOUT, sub))

from google.protobuf.json_format import MessageToDict  # noqa: E402
from opentelemetry import trace  # noqa: E402
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import (  # noqa: E402
    ExportLogsServiceRequest,
)
from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter  # noqa: E402
from opentelemetry.sdk._logs import LoggerProvider, LoggingHandler  # noqa: E402
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor  # noqa: E402
from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = json.load(open(os.path.join(ROOT, "tests", "fixtures", "otlp_scenarios.json")))

warnings.simplefilter("ignore")


class Capture(BaseHTTPRequestHandler):
    bodies = []
    plan = []  # statuses to answer, in order; then 200
    hang = threading.Event()
    hanging = False

    def do_POST(self):
        data = self.rfile.read(int(self.headers["Content-Length"]))
        Capture.bodies.append((dict((k.lower(), v) for k, v in self.headers.items()), data))
        if Capture.hanging:
            Capture.hang.wait(5)
            return
        status = Capture.plan.pop(0) if Capture.plan else 200
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *a):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Capture)
threading.Thread(target=server.serve_forever, daemon=True).start()
URL = "http://127.0.0.1:%d/v1/logs" % server.server_address[1]


def hexify(obj):
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if k in ("traceId", "spanId") and isinstance(v, str):
                out[k] = base64.b64decode(v).hex()
            else:
                out[k] = hexify(v)
        return out
    if isinstance(obj, list):
        return [hexify(v) for v in obj]
    return obj


def decode(data):
    req = ExportLogsServiceRequest()
    req.ParseFromString(data)
    return hexify(MessageToDict(req, use_integers_for_enums=True))


class Fixed(logging.Filter):
    """Gives every record the same created time and call site on both sides."""

    def __init__(self, fields):
        super().__init__()
        self.fields = fields

    def filter(self, record):
        for k, v in self.fields.items():
            setattr(record, k, v)
        return True


def make_exc(spec):
    cls = {"ValueError": ValueError, "KeyError": KeyError, "RuntimeError": RuntimeError}[spec["type"]]
    try:
        raise cls(*spec["args"])
    except Exception:
        return sys.exc_info()


def python_value(v):
    """The scenario JSON's tagged values: {"$bytes": base64}, {"$float": n}, {"$tuple": [...]}."""
    if isinstance(v, dict):
        if "$bytes" in v:
            return base64.b64decode(v["$bytes"])
        if "$float" in v:
            return float(v["$float"])
        return {k: python_value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [python_value(x) for x in v]
    return v


def run(scenario):
    Capture.bodies = []
    provider = LoggerProvider(resource=Resource.create(scenario.get("resource", {})), shutdown_on_exit=False)
    exporter = OTLPLogExporter(endpoint=URL, timeout=5)
    provider.add_log_record_processor(BatchLogRecordProcessor(exporter, schedule_delay_millis=60000))
    handler = LoggingHandler(logger_provider=provider)
    handler.addFilter(Fixed(scenario["fixed"]))
    if scenario.get("format"):
        handler.setFormatter(logging.Formatter(scenario["format"]))
    for call in scenario["calls"]:
        logger = logging.getLogger(call["logger"]) if call["logger"] != "root" else logging.getLogger()
        logger.handlers = [handler]
        logger.propagate = False
        logger.setLevel(1)
        kwargs = {}
        if "extra" in call:
            kwargs["extra"] = python_value(call["extra"])
        if "exc" in call:
            kwargs["exc_info"] = make_exc(call["exc"])
        args = [python_value(a) for a in call.get("args", [])]
        msg = python_value(call["msg"])
        span = call.get("span")
        if span:
            ctx = SpanContext(int(span["traceId"], 16), int(span["spanId"], 16), False,
                              TraceFlags(span["flags"]))
            with trace.use_span(NonRecordingSpan(ctx)):
                logger.log(call["level"], msg, *args, **kwargs)
        else:
            logger.log(call["level"], msg, *args, **kwargs)
        logger.handlers = []
    provider.force_flush()
    provider.shutdown()
    return [decode(body) for _, body in Capture.bodies]


def retries(plan, hanging=False):
    """How many requests the exporter makes, and what it reports, for the statuses in plan."""
    Capture.bodies = []
    Capture.plan = list(plan)
    Capture.hanging = hanging
    Capture.hang.clear()
    reports = []

    class Keep(logging.Handler):
        def emit(self, record):
            reports.append([record.name, record.levelname, record.msg])

    keep = Keep()
    otel = logging.getLogger("opentelemetry")
    otel.addHandler(keep)
    exporter = OTLPLogExporter(endpoint=URL, timeout=3 if not hanging else 1)
    exporter._client._compute_backoff = lambda retry: 0.01  # same decisions, no waiting
    result = exporter.export([])
    exporter.shutdown()
    Capture.hang.set()
    otel.removeHandler(keep)
    return {
        "plan": plan,
        "hanging": hanging,
        "requests": len(Capture.bodies),
        "success": result.name == "SUCCESS",
        "reports": reports,
    }


out = {
    "python": sys.version.split()[0],
    "sdk": "1.45.0",
    "scenarios": {},
    "retries": [],
    "headers": None,
}
for name, scenario in SCENARIOS.items():
    out["scenarios"][name] = run(scenario)
Capture.bodies = []
exporter = OTLPLogExporter(endpoint=URL, headers={"X-Api-Key": "k"})
exporter.export([])
out["headers"] = sorted(k for k in Capture.bodies[0][0] if k not in ("content-length", "host"))
for plan in ([429, 200], [503, 503, 200], [502, 200], [504, 200], [400], [500], [401], [404], [503] * 7):
    out["retries"].append(retries(plan))
out["retries"].append(retries([], hanging=True))
server.shutdown()

path = os.path.join(ROOT, "tests", "fixtures", "otlp.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print("wrote", path)
