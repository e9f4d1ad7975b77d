"""pylog.redaction: the Python twin of @pylog/logging's ``RedactingFilter``.

A service running CPython beside TypeScript ones reads the same ``logging.json``; that file names
``"()": "pylog.redaction.RedactingFilter"``. Put this directory's parent (``python/``) on
``sys.path`` and the name resolves here, with the same keyword arguments and rules as the
TypeScript filter (docs/SECURITY.md, "Redaction"):

- ``keys``: sensitive names (default ``DEFAULT_SENSITIVE_KEYS``), matched when the key, lower-cased
  without ``-``, ``_``, ``.`` and spaces, contains one; at any depth of dicts, lists and tuples in
  ``extra`` fields, the message's arguments and a structured message;
- ``paths``: pino-style paths from the record's attributes (``a.b``, ``a[*].c``, ``a.*``,
  ``*.password``, ``headers["set-cookie"]``, ``list[0]``);
- ``patterns`` / ``builtin_patterns``: regular expressions over the message after %-formatting and
  over ``extra`` strings (default all of ``BUILTIN_PATTERNS``);
- ``censor`` (a string, default ``"[REDACTED]"``, or a callable of the value and its path) and
  ``remove``.

Requires Python 3.12+ (a filter returning a replacement record). The caller's objects are never
changed: the filter returns a copy of the record whose changed containers are copies, or ``True``.
"""

import copy
import logging
import re

__all__ = ["RedactingFilter", "DEFAULT_SENSITIVE_KEYS", "BUILTIN_PATTERNS"]

DEFAULT_SENSITIVE_KEYS = (
    "password", "passwd", "pwd", "passphrase", "secret", "token", "api_key", "access_key",
    "private_key", "authorization", "cookie", "session_id", "credential", "credit_card",
    "card_number", "cvv", "jwt",
)


def _luhn(text):
    total, double, digits = 0, False, 0
    for ch in reversed(text):
        if not ch.isdigit() or not ch.isascii():
            continue
        digits += 1
        d = int(ch)
        if double:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        double = not double
    return 13 <= digits <= 19 and total % 10 == 0


def _card_spans(run):
    """The card numbers inside a run of digit groups: from the longest, the spans that start and
    end on a group boundary, hold 13 to 19 digits and pass the Luhn check."""
    groups = [m.span() for m in re.finditer(r"[0-9]+", run)]
    out, i = [], 0
    while i < len(groups):
        found = -1
        for j in range(len(groups) - 1, i - 1, -1):
            span = run[groups[i][0]:groups[j][1]]
            digits = sum(c.isdigit() for c in span)
            if 13 <= digits <= 19 and _luhn(span):
                found = j
                break
        if found >= 0:
            out.append((groups[i][0], groups[found][1]))
            i = found + 1
        else:
            i += 1
    return out


_A = re.ASCII
BUILTIN_PATTERNS = {
    "email": (re.compile(r"[\w.%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}\b", _A), None),
    "credit_card": (re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,400}(?![\w-])", _A), _card_spans),
    "jwt": (re.compile(r"\beyJ[\w-]{2,4096}\.eyJ[\w-]{2,65536}\.[\w-]{0,4096}", _A), None),
    "bearer": (re.compile(r"(?P<pre>\b[Bb]earer[ \t]{1,16})(?P<secret>[\w.~+/-]{8,4096}=*)", _A),
               None),
    "url_credentials": (re.compile(
        r"(?P<pre>\b[A-Za-z][\w+.-]{0,30}://[^\s:/@]{0,256}:)(?P<secret>[^\s/@]{1,256})(?P<post>@)",
        _A), None),
    "secret_param": (re.compile(
        r"(?P<pre>(?<![\w-])[\w-]{0,40}(?:password|passwd|pwd|secret|token|api[_-]?key"
        r"|access[_-]?key)=)(?P<secret>[^&\s\"',;]{1,4096})", _A | re.IGNORECASE), None),
    "aws_access_key": (re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b", _A), None),
    "github_token": (re.compile(
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b", _A), None),
    "google_api_key": (re.compile(r"\bAIza[\w-]{35}(?![\w-])", _A), None),
    "slack_token": (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,250}", _A), None),
}

# The attributes every LogRecord has (extra may not overwrite them).
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
_WILD = object()
_REMOVE = object()
_MAX_DEPTH = 32


def _normalize(key):
    return re.sub(r"[-_. ]", "", key.lower())


def _parse_path(path):
    def bad():
        raise ValueError(f"invalid redaction path: {path!r}")

    out, i, n, expect_name = [], 0, len(path), True
    if n == 0:
        bad()
    while i < n:
        c = path[i]
        if c == "[":
            end = path.find("]", i)
            if end < 0:
                bad()
            inner = path[i + 1:end]
            if inner == "*":
                out.append(_WILD)
            elif len(inner) >= 2 and inner[0] in "\"'" and inner[-1] == inner[0]:
                out.append(inner[1:-1])
            elif inner.isdigit() and inner.isascii():
                out.append(inner)
            else:
                bad()
            i = end + 1
        elif c == "." or not expect_name:
            bad()
        else:
            j = i
            while j < n and path[j] not in ".[":
                j += 1
            name = path[i:j]
            if name == "" or "]" in name:
                bad()
            out.append(_WILD if name == "*" else name)
            i = j
        expect_name = False
        if i < n and path[i] == ".":
            i += 1
            expect_name = True
            if i == n:
                bad()
        elif i < n and path[i] != "[":
            bad()
    return out


def _walkable(v):
    return isinstance(v, (dict, list, tuple))


def _keys(v):
    if isinstance(v, dict):
        return [k for k in v if isinstance(k, str)]
    return [str(i) for i in range(len(v))]


def _get(v, k):
    return v[k] if isinstance(v, dict) else v[int(k)]


def _with_changes(container, changes):
    if isinstance(container, dict):
        out = dict(container)
        for k, v in changes:
            if v is _REMOVE:
                out.pop(k, None)
            else:
                out[k] = v
        return out
    items = list(container)
    drop = set()
    for k, v in changes:
        if v is _REMOVE:
            drop.add(int(k))
        else:
            items[int(k)] = v
    items = [x for i, x in enumerate(items) if i not in drop]
    return tuple(items) if isinstance(container, tuple) else items


class RedactingFilter(logging.Filter):
    """Redacts sensitive keys, pino-style paths and text patterns; see the module's docstring."""

    def __init__(self, keys=None, paths=None, patterns=None, builtin_patterns=None,
                 censor="[REDACTED]", remove=False):
        super().__init__()
        self.keys = [k for k in (_normalize(str(k)) for k in (
            DEFAULT_SENSITIVE_KEYS if keys is None else keys)) if k]
        self.paths = [str(p) for p in (paths or ())]
        self._parsed = [_parse_path(p) for p in self.paths]
        pats = []
        for name in (BUILTIN_PATTERNS if builtin_patterns is None else builtin_patterns):
            if name not in BUILTIN_PATTERNS:
                raise ValueError(
                    f"unknown redaction pattern: \"{name}\" (known: {', '.join(BUILTIN_PATTERNS)})")
            pats.append((name,) + BUILTIN_PATTERNS[name])
        for p in patterns or ():
            rx = p if isinstance(p, re.Pattern) else re.compile(str(p))
            pats.append((rx.pattern, rx, None))
        self.patterns = pats
        self.censor = censor if callable(censor) else str(censor)
        self.remove = bool(remove)
        self._cache = {}

    def is_sensitive(self, key):
        hit = self._cache.get(key)
        if hit is None:
            n = _normalize(key)
            hit = any(k in n for k in self.keys)
            if len(self._cache) < 4096:
                self._cache[key] = hit
        return hit

    def _censored(self, value, path):
        if self.remove:
            return _REMOVE
        return self.censor(value, list(path)) if callable(self.censor) else self.censor

    def redact_text(self, text):
        out = text
        for name, rx, check in self.patterns:
            def repl(m, name=name, find=check):
                whole = m.group(0)
                c = self.censor
                if find is not None:
                    text, at = "", 0
                    for a, b in find(whole):
                        text += whole[at:a] + (str(c(whole[a:b], [name])) if callable(c) else c)
                        at = b
                    return whole if at == 0 else text + whole[at:]
                groups = m.groupdict()
                secret = groups.get("secret")
                c = self.censor
                r = str(c(whole if secret is None else secret, [name])) if callable(c) else c
                if secret is None:
                    return r
                return (groups.get("pre") or "") + r + (groups.get("post") or "")
            out = rx.sub(repl, out)
        return out

    def _walk(self, value, path, depth, seen):
        if isinstance(value, str):
            return self.redact_text(value) if self.patterns else value
        if not _walkable(value) or depth >= _MAX_DEPTH or id(value) in seen:
            return value
        seen.add(id(value))
        changes = []
        for k in _keys(value):
            v = _get(value, k)
            if isinstance(value, dict) and self.is_sensitive(k):
                r = self._censored(v, path + [k])
            else:
                r = self._walk(v, path + [k], depth + 1, seen)
            if r is not v:
                changes.append((k, r))
        seen.discard(id(value))
        return _with_changes(value, changes) if changes else value

    def _apply_path(self, value, segs, i, path):
        if not _walkable(value):
            return value
        seg = segs[i]
        last = i == len(segs) - 1
        if seg is _WILD:
            keys = _keys(value)
        elif isinstance(value, dict):
            keys = [seg] if seg in value else []
        else:
            keys = [seg] if seg.isdigit() and int(seg) < len(value) else []
        changes = []
        for k in keys:
            v = _get(value, k)
            r = (self._censored(v, path + [k]) if last
                 else self._apply_path(v, segs, i + 1, path + [k]))
            if r is not v:
                changes.append((k, r))
        return _with_changes(value, changes) if changes else value

    def filter(self, record):
        attrs = record.__dict__
        changes = {}
        if self.keys or self.patterns:
            seen = set()
            for k, v in list(attrs.items()):
                if k in _STANDARD:
                    if k == "args" and _walkable(v):
                        # Arguments: their strings are left to the message patterns.
                        items = v if isinstance(v, dict) else v
                        if isinstance(items, dict):
                            r = self._walk(v, ["args"], 0, seen)
                        else:
                            ch = [(str(i), self._walk(x, ["args", str(i)], 0, seen))
                                  for i, x in enumerate(v) if _walkable(x)]
                            ch = [(i, r) for i, r in ch if r is not v[int(i)]]
                            r = _with_changes(v, ch) if ch else v
                    elif k == "msg" and _walkable(v):
                        r = self._walk(v, ["msg"], 0, seen)
                    else:
                        continue
                elif self.is_sensitive(k):
                    r = self._censored(v, [k])
                else:
                    r = self._walk(v, [k], 0, seen)
                if r is not v:
                    changes[k] = r
        for segs in self._parsed:
            head = segs[0]
            if head is _WILD:
                tops = [k for k in attrs if k not in _STANDARD or k in ("msg", "args")]
            else:
                tops = [head] if head in attrs else []
            for k in tops:
                v = changes.get(k, attrs[k])
                if v is _REMOVE:
                    continue
                r = (self._censored(v, [k]) if len(segs) == 1
                     else self._apply_path(v, segs, 1, [k]))
                if r is not v:
                    changes[k] = r
        message = None
        if self.patterns:
            probe = record
            if "args" in changes or "msg" in changes:
                probe = copy.copy(record)
                probe.args = changes.get("args", record.args)
                probe.msg = changes.get("msg", record.msg)
            try:
                text = probe.getMessage()
            except Exception:
                text = None  # the handler's formatter reports it, as ever
            if text is not None:
                redacted = self.redact_text(text)
                if redacted != text:
                    message = redacted
        if not changes and message is None:
            return True
        out = copy.copy(record)
        for k, v in changes.items():
            if v is _REMOVE:
                out.__dict__.pop(k, None)
            else:
                out.__dict__[k] = v
        if message is not None:
            out.msg = message
            out.args = None
            if "message" in out.__dict__:
                out.message = message
        else:
            out.__dict__.pop("message", None)
        return out
