"""Safety rules that hold for every request: security headers with a strict CSP, a cap on request bodies
while they arrive, the CSRF token cookie, and the checks that a state-changing request really comes from
this app's own pages.

CSRF is a double-submit token: a random value in an HttpOnly, SameSite=Strict cookie that every form
carries back in a hidden field (and the pages' scripts in the `X-CSRF-Token` header). A state-changing API
call made without cookies (a script, another tool) needs no token (`deps.checked_api`), but any request
whose `Origin` or `Sec-Fetch-Site` says it comes from another site is refused, so a page elsewhere cannot
post here.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from afterboard.errors import InputError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "afterboard_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(self), microphone=(), geolocation=()"),
)


class UploadTooLargeError(InputError):
    """A request body larger than the app accepts (HTTP 413)."""


class ForbiddenError(InputError):
    """A state-changing request without a valid CSRF token, or from another site (HTTP 403)."""


class SecurityMiddleware:
    """Headers on every response, the CSRF cookie on first visit, and the body cap on every request."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        existing = _cookie(scope, CSRF_COOKIE)
        token = existing if existing and len(existing) >= 32 else secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token
        declared = _header(scope, b"content-length") or ""
        if declared.isdigit() and int(declared) > self.max_body:
            await self._refuse(scope, receive, send, token, existing)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise UploadTooLargeError(_too_large(self.max_body))
            return message

        await self.app(scope, limited_receive, _secured(send, token, existing))

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, token: str, existing: str | None
    ) -> None:
        """Answer 413 at once, from the declared length, without reading the body."""
        from starlette.requests import Request

        from afterboard.web.errors import respond

        response = respond(Request(scope), _too_large(self.max_body), 413)
        response.headers["connection"] = "close"
        await response(scope, receive, _secured(send, token, existing))


def _secured(send: Send, token: str, existing: str | None) -> Send:
    async def secured_send(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            headers.extend(HEADERS)
            if token != existing:
                cookie = f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
                headers.append((b"set-cookie", cookie.encode()))
            message["headers"] = headers
        await send(message)

    return secured_send


def check_origin(method: str, headers: MutableMapping[str, str] | Any, host: str | None) -> None:
    """Refuse a state-changing request that a browser says comes from another site."""
    if method in SAFE_METHODS:
        return
    origin = headers.get("origin")
    foreign = headers.get("sec-fetch-site") in {"cross-site", "same-site"} or (
        origin is not None and (origin == "null" or urlsplit(origin).netloc != host)
    )
    if foreign:
        raise ForbiddenError(
            "This request came from another site and was refused; use afterboard's own pages."
        )


def check_token(expected: str | None, given: str | None) -> None:
    """The form's (or header's) token must equal the cookie's."""
    if not expected or not given or not hmac.compare_digest(expected.encode(), given.encode()):
        raise ForbiddenError(
            "The form's security token is missing or out of date; reload the page and submit it again."
        )


def _too_large(limit: int) -> str:
    return (
        f"The upload is over {limit / 1024 / 1024:.0f} MB, more than any photo of a board needs; "
        "send a smaller photo (phones can share a reduced size)."
    )


def _cookie(scope: Scope, name: str) -> str | None:
    raw = _header(scope, b"cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except CookieError:  # a malformed Cookie header is treated as no cookie
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None
