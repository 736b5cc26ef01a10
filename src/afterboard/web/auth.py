"""Who is asking, and may they: the session cookie, API tokens, the trusted proxy's header, and roles.

Every route passes `authorize` (an app-wide dependency): it finds the person (`principal`) and checks the
role the route needs: `@requires(Role.ADMIN)` on the route, else viewer for reading (GET) and author for
any change; `@public` for the few that a stranger may use (signing in). With `auth = "none"` everyone is
the local admin, as before accounts existed. What a person may *see* is not decided here but by the store
they are handed (`Store.as_viewer`), so a restricted post-mortem is filtered out of every query.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import Request

from afterboard.errors import AfterboardError, PermissionDeniedError
from afterboard.store.records import LOCAL_ADMIN, Role, User, Viewer

if TYPE_CHECKING:
    from afterboard.settings import Settings
    from afterboard.store.accounts import Accounts, Limits
    from afterboard.store.store import Store

SESSION_COOKIE = "afterboard_session"
F = TypeVar("F", bound=Callable[..., Any])
_ROLE_ATTRIBUTE = "afterboard_role"
PUBLIC = "public"


class NotSignedInError(AfterboardError):
    """No valid session, token or proxy identity where one is needed (HTTP 401, or the sign-in page)."""


def requires(role: Role) -> Callable[[F], F]:
    """The role a route needs, when it is not the default (viewer to read, author to change)."""

    def mark(endpoint: F) -> F:
        setattr(endpoint, _ROLE_ATTRIBUTE, role)
        return endpoint

    return mark


def public(endpoint: F) -> F:
    """A route anyone may use, signed in or not."""
    setattr(endpoint, _ROLE_ATTRIBUTE, PUBLIC)
    return endpoint


def required_role(endpoint: Callable[..., Any], method: str) -> Role | str:
    """What a route needs: its mark, else viewer for GET/HEAD and author for anything that changes."""
    marked: Role | str | None = getattr(endpoint, _ROLE_ATTRIBUTE, None)
    if marked is not None:
        return marked
    return Role.VIEWER if method in {"GET", "HEAD"} else Role.AUTHOR


@dataclass(frozen=True)
class Principal:
    """The person behind a request, and how they proved it."""

    viewer: Viewer
    user: User | None
    via: str
    """none (single-user mode), session, token or proxy."""
    session_token: str | None = None


LOCAL = Principal(viewer=LOCAL_ADMIN, user=None, via="none")


@dataclass(frozen=True)
class Gate:
    """The app's sign-in rules, from the settings."""

    settings: Settings
    store: Store

    @cached_property
    def accounts(self) -> Accounts:
        from afterboard.store.accounts import Accounts
        from afterboard.store.passwords import dummy_hash

        if self.settings.auth == "password":
            dummy_hash()  # made now, so the first sign-in with an unknown name takes no longer than others
        return Accounts(self.store, self.limits)

    @cached_property
    def limits(self) -> Limits:
        from afterboard.store.accounts import Limits

        s = self.settings
        return Limits(
            session_idle=dt.timedelta(minutes=s.session_idle_minutes),
            session_lifetime=dt.timedelta(hours=s.session_lifetime_hours),
            attempts=s.sign_in_attempts,
            window=dt.timedelta(minutes=s.sign_in_window_minutes),
        )

    @cached_property
    def proxies(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        """The trusted proxies' networks (the settings checked each when they were read)."""
        return [ipaddress.ip_network(p.strip(), strict=False) for p in self.settings.trusted_proxies]

    def from_proxy(self, request: Request) -> bool:
        host = request.client.host if request.client else None
        if not host or not self.proxies:
            return False
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.proxies)

    def client_address(self, request: Request) -> str:
        """The client's address: the proxy's X-Forwarded-For (its last entry) only from a trusted proxy."""
        host = request.client.host if request.client else "unknown"
        forwarded = request.headers.get("x-forwarded-for")
        if forwarded and self.from_proxy(request):
            return forwarded.split(",")[-1].strip() or host
        return host

    def identify(self, request: Request) -> Principal | None:
        """The person making the request, or None for a stranger."""
        mode = self.settings.auth
        if mode == "none":
            return LOCAL
        bearer = _bearer(request.headers.get("authorization"))
        if bearer is not None:
            user = self.accounts.token_user(bearer)
            return None if user is None else Principal(viewer=user.viewer, user=user, via="token")
        if mode == "proxy":
            return self._proxied(request)
        return self._session(request)

    def _proxied(self, request: Request) -> Principal | None:
        name = request.headers.get(self.settings.proxy_user_header)
        if not name or not self.from_proxy(request):
            return None
        user = self.accounts.proxy_user(name)
        return None if user is None else Principal(viewer=user.viewer, user=user, via="proxy")

    def _session(self, request: Request) -> Principal | None:
        token = request.cookies.get(SESSION_COOKIE)
        user = self.accounts.session_user(token) if token and len(token) <= 200 else None
        if user is None:
            return None
        return Principal(viewer=user.viewer, user=user, via="session", session_token=token)

    def session_cookie(self, token: str) -> str:
        secure = "; Secure" if self.settings.secure_cookies else ""
        max_age = self.settings.session_lifetime_hours * 3600
        return f"{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"

    def cleared_cookie(self) -> str:
        secure = "; Secure" if self.settings.secure_cookies else ""
        return f"{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"


def _bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    value = value.strip()
    return value if scheme.lower() == "bearer" and 0 < len(value) <= 200 else None


def principal(request: Request) -> Principal | None:
    """The request's person, found once and kept on the request."""
    found: Principal | bool | None = getattr(request.state, "principal", False)
    if found is False:
        found = request.app.state.gate.identify(request)
        request.state.principal = found
    assert found is None or isinstance(found, Principal)
    return found


def authorize(request: Request) -> None:
    """The app-wide check: a stranger may use only public routes; a person needs the route's role."""
    route = request.scope.get("route")
    endpoint = getattr(route, "endpoint", None)
    needed = required_role(endpoint, request.method) if endpoint is not None else Role.VIEWER
    if needed == PUBLIC:
        return
    who = principal(request)
    if who is None:
        raise NotSignedInError("Sign in first; this page is for the team's accounts.")
    assert isinstance(needed, Role)
    if not who.viewer.role.allows(needed):
        raise PermissionDeniedError(
            f"This needs the {needed.value} role and yours is {who.viewer.role.value}; ask an admin."
        )
