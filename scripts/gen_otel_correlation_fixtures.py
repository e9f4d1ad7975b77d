"""What opentelemetry-instrumentation-logging 0.66's LoggingInstrumentor puts on records and in lines:
tests/fixtures/otel_correlation.json.

The instrumentation (and opentelemetry-instrumentation, which it builds on) is not on the package
mirror: it is put on sys.path from a checkout of open-telemetry/opentelemetry-python-contrib
(OTEL_CONTRIB_CHECKOUT, a work tree), and the semantic conventions it needs from a checkout of
open-telemetry/opentelemetry-python (OTEL_PY_CHECKOUT); neither is committed here. opentelemetry-instrumentation imports wrapt, whose
mirror wheels are built for CPython 3.11 only: its pure-Python modules (the wheel unpacked without
its .so, WRAPT_PURE) are put on sys.path too.

    PYENV_VERSION=3.13.0 OTEL_PY_CHECKOUT=... OTEL_CONTRIB_CHECKOUT=... WRAPT_PURE=... \\
        python3 scripts/gen_otel_correlation_fixtures.py
"""

from _oracle import require_313, ensure_packages

require_313()
ensure_packages(["opentelemetry-sdk==1.45.0", "packaging"])

import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

for base, sub in (
    ("WRAPT_PURE", ""),
    ("OTEL_PY_CHECKOUT", "opentelemetry-semantic-conventions/src"),
    ("OTEL_CONTRIB_CHECKOUT", "opentelemetry-instrumentation/src"),
    ("OTEL_CONTRIB_CHECKOUT", "instrumentation/opentelemetry-instrumentation-logging/src"),
):
    sys.path.insert(0, os.path.join(os.environ.get(base, ""), sub))

from opentelemetry import trace  # noqa: E402
from opentelemetry.instrumentation.logging import LoggingInstrumentor  # noqa: E402
from opentelemetry.instrumentation.logging.constants import DEFAULT_LOGGING_FORMAT  # noqa: E402
from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXED = {"created": 1764947200.123456, "pathname": "/srv/app/main.py", "filename": "main.py", "module": "main",
         "funcName": "handle", "lineno": 42}
SAMPLED = {"traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7", "flags": 1}
UNSAMPLED = {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331", "flags": 0}
OTEL_FIELDS = ("otelTraceID", "otelSpanID", "otelTraceSampled", "otelServiceName")

base_factory = logging.getLogRecordFactory()


def fixed_factory(*args, **kwargs):
    record = base_factory(*args, **kwargs)
    for k, v in FIXED.items():
        setattr(record, k, v)
    record.msecs = 123.0
    return record


def span_of(spec):
    ctx = SpanContext(int(spec["traceId"], 16), int(spec["spanId"], 16), False, TraceFlags(spec["flags"]))
    return NonRecordingSpan(ctx)


def scenario(options, provider_service=None):
    """Instruments with options, logs outside, in a sampled and in an unsampled span."""
    root = logging.getLogger()
    root.handlers = []
    root.setLevel(logging.WARNING)
    logging.setLogRecordFactory(fixed_factory)
    kept = []
    hooked = []

    class Keep(logging.Handler):
        def emit(self, record):
            kept.append({k: getattr(record, k) for k in OTEL_FIELDS if hasattr(record, k)})

    kwargs = dict(options)
    kwargs["enable_log_auto_instrumentation"] = False
    if kwargs.pop("hook", False):
        kwargs["log_hook"] = lambda span, record: hooked.append(format(span.get_span_context().span_id, "016x"))
    if provider_service is not None:
        kwargs["tracer_provider"] = TracerProvider(resource=Resource.create({"service.name": provider_service}))
    LoggingInstrumentor().instrument(**kwargs)
    stream = io.StringIO()
    lines_handler = None
    if root.handlers:  # basicConfig ran: read what it writes
        lines_handler = root.handlers[0]
        lines_handler.setStream(stream)
    root.addHandler(Keep())
    log = logging.getLogger("otel.app")
    log.warning("outside")
    with trace.use_span(span_of(SAMPLED)):
        log.warning("sampled")
    with trace.use_span(span_of(UNSAMPLED)):
        log.info("unsampled at info")
        log.warning("unsampled")
    LoggingInstrumentor().uninstrument()
    logging.setLogRecordFactory(base_factory)
    out = {
        "options": {k: v for k, v in options.items()},
        "provider_service": provider_service,
        "records": kept,
        "hooked": hooked,
        "basicConfig": lines_handler is not None,
        "level": root.level,
        "lines": stream.getvalue().splitlines(),
    }
    root.handlers = []
    return out


out = {
    "python": sys.version.split()[0],
    "default_logging_format": DEFAULT_LOGGING_FORMAT,
    "sampled": SAMPLED,
    "unsampled": UNSAMPLED,
    "fixed": FIXED,
    "scenarios": [
        scenario({"set_logging_format": True}),
        scenario({"set_logging_format": True, "logging_format": "%(levelname)s %(otelTraceID)s %(message)s",
                  "log_level": logging.DEBUG}),
        scenario({"inject_trace_context": True}, provider_service="checkout"),
        scenario({"inject_trace_context": True}),
        scenario({"hook": True}),
        scenario({}),
    ],
}
path = os.path.join(ROOT, "tests", "fixtures", "otel_correlation.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print("wrote", path)
