"""What routes ask for: the store, the settings, the queue, and forms or API calls that passed CSRF checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fastapi import Request
from starlette.datastructures import FormData

from afterboard.errors import InputError
from afterboard.web.auth import LOCAL, NotSignedInError, Principal, principal
from afterboard.web.security import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, check_origin, check_token

if TYPE_CHECKING:
    from afterboard.settings import Settings
    from afterboard.store.store import Store
    from afterboard.web.jobs import JobQueue
    from afterboard.web.options import WebOptions


@dataclass(frozen=True)
class Context:
    """Everything a route needs from the app, kept on `app.state.ctx` by the factory."""

    settings: Settings
    store: Store
    queue: JobQueue
    options: WebOptions
    principal: Principal = LOCAL
    """Who is asking; `store` is the archive as they may see it (`Store.as_viewer`)."""

    def today(self) -> dt.date:
        return self.options.today() if self.options.today else self.store.clock().date()

    def now(self) -> dt.datetime:
        return self.store.clock()

    @property
    def actor(self) -> str | None:
        """Who changes are recorded as: the signed-in account, else (single-user mode) the server's user."""
        user = self.principal.user
        return user.name if user is not None else self.options.actor


def context(request: Request) -> Context:
    """The app's context for this request's person, with the store bound to what they may see."""
    base: Context = request.app.state.ctx
    who = principal(request)
    if who is None:
        raise NotSignedInError("Sign in first; this page is for the team's accounts.")
    if who is LOCAL:
        return base
    return replace(base, principal=who, store=base.store.as_viewer(who.viewer))


def csrf_token(request: Request) -> str:
    token: str = request.state.csrf_token
    return token


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token and origin are checked (files stay spooled, not in memory)."""
    check_origin(request.method, request.headers, request.headers.get("host"))
    form = await request.form(max_files=4, max_fields=2000, max_part_size=4 * 1024 * 1024)
    given = form.get(CSRF_FIELD)
    check_token(request.cookies.get(CSRF_COOKIE), given if isinstance(given, str) else None)
    return form


def checked_api(request: Request) -> None:
    """A state-changing API call: from this site, and with the page's token when it carries the CSRF cookie
    or is signed in by what a browser sends by itself (the session cookie, or the single sign-on that the
    trusted proxy turns into its user header); without a CSRF cookie to compare with, such a call is
    refused, never let through on the Origin check alone. Only an API token needs no CSRF token."""
    check_origin(request.method, request.headers, request.headers.get("host"))
    cookie = request.cookies.get(CSRF_COOKIE)
    who = principal(request)
    if cookie is not None or (who is not None and who.via in {"session", "proxy"}):
        check_token(cookie, request.headers.get(CSRF_HEADER))


def text_field(form: FormData, name: str, default: str = "") -> str:
    value = form.get(name)
    return value if isinstance(value, str) else default


def text_fields(form: FormData, name: str) -> list[str]:
    return [v for v in form.getlist(name) if isinstance(v, str)]


def names_field(form: FormData, name: str = "people") -> list[str]:
    """Account names typed one per line or comma-separated."""
    return [n for n in text_field(form, name).replace(",", "\n").splitlines() if n.strip()]


def restriction_field(form: FormData) -> list[str] | None:
    """A new post-mortem's "who may see it": None for the team, else the people named (maybe none)."""
    visibility = text_field(form, "visibility", "team")
    if visibility not in {"team", "restricted"}:
        raise InputError(f"'{visibility[:40]}' is not a choice of who may see it; choose team or restricted.")
    names = names_field(form)
    if visibility == "team" and names:
        # names typed with "everyone" left chosen most likely meant a restriction: never guess it open
        raise InputError(
            'You named people but chose everyone on the team; choose "Only these people and admins may see '
            'it" or clear the names.'
        )
    return names if visibility == "restricted" else None
