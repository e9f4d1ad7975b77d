"""The network log receiver from Python's logging cookbook (LogRecordStreamHandler and
LogRecordSocketReceiver), plus its UDP counterpart, used as a peer by tests/socket_handler_test.ts.

    python3 tests/peers/log_receiver.py tcp|udp [port]

Listens on 127.0.0.1 (port 0: the system chooses), prints "PORT <n>", then one JSON line per
record it rebuilt with logging.makeLogRecord: the attributes the tests compare, getMessage(), and
the hex of the pickle it received. Exits when stdin closes (so it never outlives the test).
"""

import json
import logging
import pickle
import socketserver
import struct
import sys
import threading


def report(record, raw):
    out = {
        "name": record.name,
        "levelno": record.levelno,
        "levelname": record.levelname,
        "msg": record.msg,
        "args": record.args,
        "message": record.getMessage(),
        "pathname": record.pathname,
        "filename": record.filename,
        "module": record.module,
        "lineno": record.lineno,
        "funcName": record.funcName,
        "created": record.created,
        "msecs": record.msecs,
        "exc_info": record.exc_info,
        "exc_text": record.exc_text,
        "stack_info": record.stack_info,
        "process": record.process,
        "threadName": record.threadName,
        "keys": list(record.__dict__),
        "extra": {k: v for k, v in record.__dict__.items() if k.startswith("x_")},
        "formatted": logging.Formatter("%(levelname)s:%(name)s:%(message)s").format(record),
        "hex": raw.hex(),
    }
    sys.stdout.write(json.dumps(out, default=repr) + "\n")
    sys.stdout.flush()


class LogRecordStreamHandler(socketserver.StreamRequestHandler):
    """Handler for a streaming logging request (the cookbook's)."""

    def handle(self):
        while True:
            chunk = self.connection.recv(4)
            if len(chunk) < 4:
                break
            slen = struct.unpack(">L", chunk)[0]
            chunk = self.connection.recv(slen)
            while len(chunk) < slen:
                more = self.connection.recv(slen - len(chunk))
                if not more:
                    return
                chunk = chunk + more
            obj = pickle.loads(chunk)
            record = logging.makeLogRecord(obj)
            report(record, chunk)


class LogRecordSocketReceiver(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class LogRecordDatagramHandler(socketserver.DatagramRequestHandler):
    def handle(self):
        data = self.packet
        slen = struct.unpack(">L", data[:4])[0]
        chunk = data[4:]
        assert len(chunk) == slen, (len(chunk), slen)
        report(logging.makeLogRecord(pickle.loads(chunk)), chunk)


class LogRecordDatagramReceiver(socketserver.UDPServer):
    allow_reuse_address = True


def main():
    kind = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    if kind == "tcp":
        server = LogRecordSocketReceiver(("127.0.0.1", port), LogRecordStreamHandler)
    else:
        server = LogRecordDatagramReceiver(("127.0.0.1", port), LogRecordDatagramHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdout.write("PORT %d\n" % server.server_address[1])
    sys.stdout.flush()
    sys.stdin.read()  # until the test closes our stdin (or dies)


if __name__ == "__main__":
    main()
