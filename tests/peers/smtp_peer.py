"""A tiny SMTP server (RFC 5321 subset) used as the peer of tests/smtp_handler_test.ts and of
scripts/gen_socket_fixtures.py.

    python3 tests/peers/smtp_peer.py [--auth USER:PASSWORD] [--silent] [--reject-auth]

Listens on 127.0.0.1 (a free port), prints "PORT <n>", then one JSON line per message accepted:
{"ehlo", "mailfrom", "rcpttos", "auth", "data"} where data is the message as received after DATA,
dot-unstuffed, CRLF line ends kept. --silent accepts connections and never answers (timeouts).
Exits when stdin closes.
"""

import base64
import json
import socketserver
import sys
import threading

AUTH = None
SILENT = False
REJECT_AUTH = False


class Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def readline(self):
        line = self.rfile.readline()
        if not line:
            raise EOFError
        return line.decode("utf-8", "surrogateescape").rstrip("\r\n")

    def handle(self):
        if SILENT:
            self.rfile.read()  # never answer; wait for the client to give up
            return
        try:
            self.session()
        except EOFError:
            pass

    def session(self):
        self.reply("220 pylog-peer ESMTP ready")
        state = {"ehlo": None, "mailfrom": None, "rcpttos": [], "auth": None}
        while True:
            line = self.readline()
            cmd, _, arg = line.partition(" ")
            cmd = cmd.upper()
            if cmd == "EHLO":
                state["ehlo"] = arg
                lines = ["250-pylog-peer", "250-8BITMIME", "250-SMTPUTF8"]
                if AUTH:
                    lines.append("250-AUTH PLAIN LOGIN")
                lines.append("250 HELP")
                for l in lines:
                    self.reply(l)
            elif cmd == "HELO":
                state["ehlo"] = arg
                self.reply("250 pylog-peer")
            elif cmd == "AUTH":
                mech, _, initial = arg.partition(" ")
                mech = mech.upper()
                if mech == "PLAIN":
                    if not initial:
                        self.reply("334 ")
                        initial = self.readline()
                    _, user, password = base64.b64decode(initial).decode().split("\0")
                elif mech == "LOGIN":
                    if initial:
                        user = base64.b64decode(initial).decode()
                    else:
                        self.reply("334 " + base64.b64encode(b"Username:").decode())
                        user = base64.b64decode(self.readline()).decode()
                    self.reply("334 " + base64.b64encode(b"Password:").decode())
                    password = base64.b64decode(self.readline()).decode()
                else:
                    self.reply("504 5.5.4 unrecognized authentication type")
                    continue
                if REJECT_AUTH or AUTH != f"{user}:{password}":
                    self.reply("535 5.7.8 Authentication credentials invalid")
                    continue
                state["auth"] = {"mech": mech, "user": user, "password": password}
                self.reply("235 2.7.0 Authentication successful")
            elif cmd == "MAIL":
                if AUTH and not state["auth"]:
                    self.reply("530 5.7.0 Authentication required")
                    continue
                state["mailfrom"] = arg[len("FROM:"):].split(" ")[0].strip("<>")
                state["rcpttos"] = []
                self.reply("250 OK")
            elif cmd == "RCPT":
                state["rcpttos"].append(arg[len("TO:"):].split(" ")[0].strip("<>"))
                self.reply("250 OK")
            elif cmd == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                chunks = []
                while True:
                    raw = self.rfile.readline()
                    if not raw:
                        raise EOFError
                    if raw == b".\r\n":
                        break
                    if raw.startswith(b"."):
                        raw = raw[1:]
                    chunks.append(raw)
                data = b"".join(chunks)
                out = dict(state, data=data.decode("utf-8", "surrogateescape"))
                sys.stdout.write(json.dumps(out) + "\n")
                sys.stdout.flush()
                self.reply("250 OK: queued")
            elif cmd == "RSET":
                state["mailfrom"], state["rcpttos"] = None, []
                self.reply("250 OK")
            elif cmd == "NOOP":
                self.reply("250 OK")
            elif cmd == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 5.5.2 Command not recognized")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def start(port=0):
    server = Server(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    global AUTH, SILENT, REJECT_AUTH
    args = sys.argv[1:]
    if "--auth" in args:
        AUTH = args[args.index("--auth") + 1]
    SILENT = "--silent" in args
    REJECT_AUTH = "--reject-auth" in args
    server = start()
    sys.stdout.write("PORT %d\n" % server.server_address[1])
    sys.stdout.flush()
    sys.stdin.read()


if __name__ == "__main__":
    main()
