"""/signin, /signout, /account (one's own API tokens) and /admin/users (people and roles, for admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from afterboard.errors import AfterboardError, InputError
from afterboard.store.accounts import SignInError, TooManyAttemptsError
from afterboard.store.records import Role
from afterboard.web.auth import Gate, principal, public, requires
from afterboard.web.deps import checked_form, text_field
from afterboard.web.errors import status_for
from afterboard.web.pages import page
from afterboard.web.routes.common import Ctx, see_other

router = APIRouter()
TokenId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _gate(request: Request) -> Gate:
    gate: Gate = request.app.state.gate
    return gate


def _next(value: str) -> str:
    """Only a path on this site: never another host (`//evil`, `/\\evil`), so sign-in is no open redirect."""
    ok = value.startswith("/") and not value.startswith(("//", "/\\")) and "\n" not in value
    return value if ok and len(value) < 2000 else "/"


@router.get("/signin", response_class=HTMLResponse)
@public
def signin_form(request: Request) -> Response:
    mode = _gate(request).settings.auth
    if mode == "none" or principal(request) is not None:
        return see_other(_next(request.query_params.get("next", "/")))
    return page(
        request, "signin.html", mode=mode, next=_next(request.query_params.get("next", "/")), error=None
    )


@router.post("/signin")
@public
def signin(request: Request, form: Annotated[FormData, Depends(checked_form)]) -> Response:
    """Check the name and password (rate-limited, one sentence for any failure) and start a session."""
    gate = _gate(request)
    back = _next(text_field(form, "next", "/"))
    if gate.settings.auth != "password":
        raise InputError("Signing in with a password is off here; see the administrator's instructions.")
    try:
        user = gate.accounts.sign_in(
            text_field(form, "name")[:300], text_field(form, "password"), address=gate.client_address(request)
        )
    except (SignInError, TooManyAttemptsError) as exc:
        return page(
            request, "signin.html", status_code=status_for(exc), mode="password", next=back, error=str(exc)
        )
    response = see_other(back)
    response.headers.append("set-cookie", gate.session_cookie(gate.accounts.start_session(user)))
    return response


@router.post("/signout")
@public
def signout(request: Request, _form: Annotated[FormData, Depends(checked_form)]) -> Response:
    """End this browser's session (in the database, so no web process accepts it again)."""
    gate = _gate(request)
    who = principal(request)
    if who is not None and who.session_token is not None:
        gate.accounts.end_session(who.session_token)
    response = see_other("/signin" if gate.settings.auth == "password" else "/")
    response.headers.append("set-cookie", gate.cleared_cookie())
    return response


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, ctx: Ctx) -> HTMLResponse:
    user = ctx.principal.user
    tokens = ctx.store.accounts.tokens(user) if user is not None else []
    return page(request, "account.html", user=user, tokens=tokens, secret=None)


@router.post("/account/tokens", response_class=HTMLResponse)
@requires(Role.VIEWER)
def new_token(request: Request, ctx: Ctx, form: Annotated[FormData, Depends(checked_form)]) -> HTMLResponse:
    """A new API token for oneself, shown once on the page that answers."""
    user = ctx.principal.user
    if user is None:
        raise InputError('API tokens belong to accounts; with auth = "none" the API needs none.')
    record, secret = ctx.store.accounts.create_token(user.name, text_field(form, "label"))
    tokens = ctx.store.accounts.tokens(user)
    return page(request, "account.html", user=user, tokens=tokens, secret=secret, new=record)


@router.post("/account/tokens/{token_id}/revoke")
@requires(Role.VIEWER)
def revoke_token(ctx: Ctx, token_id: TokenId, _form: Annotated[FormData, Depends(checked_form)]) -> Response:
    user = ctx.principal.user
    if user is None:
        raise InputError('API tokens belong to accounts; with auth = "none" there are none.')
    ctx.store.accounts.revoke_token(user, token_id)
    return see_other("/account")


@router.get("/admin/users", response_class=HTMLResponse)
@requires(Role.ADMIN)
def users(request: Request, ctx: Ctx) -> HTMLResponse:
    return page(
        request, "users.html", users=ctx.store.accounts.all(), roles=[r.value for r in Role], error=None
    )


@router.post("/admin/users")
@requires(Role.ADMIN)
def change_user(request: Request, ctx: Ctx, form: Annotated[FormData, Depends(checked_form)]) -> Response:
    """Add an account, change a role, or disable or enable one (the form's `op` says which)."""
    accounts = ctx.store.accounts
    name = text_field(form, "name")
    operation = text_field(form, "op")
    try:
        role = Role(text_field(form, "role", "author"))
        if operation == "add":
            accounts.add(
                name,
                role=role,
                password=text_field(form, "password") or None,
                display_name=text_field(form, "display_name"),
            )
        elif operation == "role":
            accounts.set_role(name, role)
        elif operation in {"disable", "enable"}:
            accounts.disable(name, disabled=operation == "disable")
        else:
            raise InputError("Choose add, role, disable or enable.")
    except ValueError:
        raise InputError("Choose the role viewer, author or admin.") from None
    except AfterboardError as exc:
        return page(
            request,
            "users.html",
            status_code=status_for(exc),
            users=accounts.all(),
            roles=[r.value for r in Role],
            error=str(exc),
        )
    return see_other("/admin/users")
