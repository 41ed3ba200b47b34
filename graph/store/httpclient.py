"""HTTP for the SPARQL server store: authentication, bounded retries, errors that never show a password.

Credentials come from the environment (``DIRECTIVES_STORE_USER`` / ``DIRECTIVES_STORE_PASSWORD``, or
``DIRECTIVES_STORE_TOKEN`` for a bearer token) or from the URL's userinfo. A user and password are sent
only after the server asks (HTTP 401), as Digest (RFC 7616, MD5 or SHA-256, qop=auth) or Basic,
whichever it offers; a token is sent with every request (``Authorization: Bearer``).

A request that cannot connect, or whose connection drops, is tried :data:`TRIES` times with a short
backoff (0.5 s, then 1 s), so a server that is down fails in a few seconds with :class:`StoreError`.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from graph.errors import StoreError

__all__ = ["Credentials", "HttpClient", "Response", "credentials_from", "redact"]

TRIES = 3
BACKOFF = (0.5, 1.0)
CONNECT_TIMEOUT = 5.0
USER_VAR, PASSWORD_VAR, TOKEN_VAR = (
    "DIRECTIVES_STORE_USER",
    "DIRECTIVES_STORE_PASSWORD",
    "DIRECTIVES_STORE_TOKEN",
)
RETRY_STATUS = {502, 503, 504}
# One parameter of a WWW-Authenticate challenge. Example: realm="virtuoso", qop="auth", stale=false
_CHALLENGE_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')
_ALGORITHMS = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


@dataclass(frozen=True, slots=True)
class Credentials:
    user: str = ""
    password: str = field(default="", repr=False)
    token: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def ok(self) -> bool:
        """2xx: done (a redirect is not followed, so it is not success either)."""
        return 200 <= self.status < 300

    def text(self, limit: int = 400) -> str:
        return self.body[:limit].decode("utf-8", errors="replace").strip()


def credentials_from(url: str) -> tuple[str, Credentials | None]:
    """The URL without its userinfo, and the credentials from the environment or the userinfo."""
    parts = urlsplit(url)
    user, password = parts.username or "", parts.password or ""
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    user = os.environ.get(USER_VAR, user)
    password = os.environ.get(PASSWORD_VAR, password)
    token = os.environ.get(TOKEN_VAR, "")
    if not (user or token):
        return clean, None
    return clean, Credentials(user, password, token)


def redact(url: str) -> str:
    """``url`` without userinfo, query string or fragment: safe to print."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))


class HttpClient:
    """Requests to one server, with the credentials it asks for and bounded retries."""

    def __init__(self, credentials: Credentials | None, *, timeout: float = 600.0) -> None:
        self._credentials = credentials
        self._timeout = timeout
        self._challenge: tuple[str, dict[str, str]] | None = None
        self._nonce_count = 0

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        idempotent: bool = True,
    ) -> Response:
        """Send, authenticating when asked; retry what failed to connect; raise StoreError at the end."""
        response = self._with_retries(method, url, body, dict(headers or {}), idempotent)
        if response.status == 401 and self._credentials is not None:
            self._challenge = _parse_challenge(response.headers.get("www-authenticate", ""))
            response = self._with_retries(method, url, body, dict(headers or {}), idempotent)
        if response.status == 401:
            raise StoreError(
                f"{redact(url)} refused the request: HTTP 401 (authentication needed or refused).",
                hint=f"Set {USER_VAR} and {PASSWORD_VAR} (or {TOKEN_VAR}), or check them.",
            )
        return response

    def _with_retries(
        self, method: str, url: str, body: bytes | None, headers: dict[str, str], idempotent: bool
    ) -> Response:
        last = ""
        for attempt in range(TRIES):
            if attempt:
                time.sleep(BACKOFF[min(attempt - 1, len(BACKOFF) - 1)])
            try:
                response = self._send(method, url, body, headers)
            except ConnectionRefusedError as exc:
                last = f"connection refused ({exc.strerror or exc})"
                continue
            except (OSError, http.client.HTTPException) as exc:
                last = f"{type(exc).__name__}: {exc}"
                if not idempotent:
                    break
                continue
            if response.status not in RETRY_STATUS:
                return response
            last = f"HTTP {response.status}: {response.text(200)}"
        raise StoreError(
            f"cannot reach the SPARQL server at {redact(url)}: {last}.",
            hint=f"Tried {TRIES} times. Is the server running, and is the URL right?",
        )

    def _send(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        parts = urlsplit(url)
        factory = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = factory(parts.hostname or "", parts.port, timeout=CONNECT_TIMEOUT)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        auth = self._authorization(method, target)
        if auth:
            headers["Authorization"] = auth
        try:
            connection.connect()
            if connection.sock is not None:
                connection.sock.settimeout(self._timeout)
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        finally:
            connection.close()

    def _authorization(self, method: str, target: str) -> str | None:
        """A bearer token always; a user and password only once the server has asked (HTTP 401)."""
        creds = self._credentials
        if creds is None:
            return None
        if creds.token:
            return f"Bearer {creds.token}"
        if self._challenge is None:
            return None
        scheme, params = self._challenge
        if scheme == "basic":
            return "Basic " + base64.b64encode(f"{creds.user}:{creds.password}".encode()).decode("ascii")
        if scheme != "digest":
            raise StoreError(f"the server asks for {scheme!r} authentication.", hint="Use Basic or Digest.")
        self._nonce_count += 1
        return _digest(creds, params, method, target, self._nonce_count)


def _parse_challenge(header: str) -> tuple[str, dict[str, str]]:
    scheme, _, rest = header.strip().partition(" ")
    params = {
        m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _CHALLENGE_PARAM.finditer(rest)
    }
    return scheme.lower(), params


def _digest(creds: Credentials, params: dict[str, str], method: str, target: str, count: int) -> str:
    """An RFC 7616 Digest Authorization header (qop=auth when offered)."""
    algorithm = params.get("algorithm", "MD5").upper()
    hash_fn = _ALGORITHMS.get(algorithm)
    if hash_fn is None:
        raise StoreError(
            f"the server asks for Digest {algorithm}, which is not supported.", hint="Use MD5 or SHA-256."
        )

    def h(text: str) -> str:
        return hash_fn(text.encode("utf-8")).hexdigest()

    realm, nonce = params.get("realm", ""), params.get("nonce", "")
    ha1 = h(f"{creds.user}:{realm}:{creds.password}")
    ha2 = h(f"{method}:{target}")
    nc, cnonce = f"{count:08x}", secrets.token_hex(8)
    fields = [f'username="{creds.user}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{target}"']
    if "auth" in [q.strip() for q in params.get("qop", "").split(",")]:
        response = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        fields += [f'response="{response}"', "qop=auth", f"nc={nc}", f'cnonce="{cnonce}"']
    else:
        fields.append(f'response="{h(f"{ha1}:{nonce}:{ha2}")}"')
    fields.append(f"algorithm={algorithm}")
    if "opaque" in params:
        fields.append(f'opaque="{params["opaque"]}"')
    return "Digest " + ", ".join(fields)
