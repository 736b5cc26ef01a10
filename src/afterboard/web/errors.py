"""Errors at the web's edge: one sentence in the page, or `{"error": ...}` from the API; never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from afterboard.errors import (
    AfterboardError,
    NotFoundError,
    PermissionDeniedError,
    StoreBusyError,
    StoreError,
)
from afterboard.store.accounts import SignInError, TooManyAttemptsError
from afterboard.web.auth import NotSignedInError
from afterboard.web.security import ForbiddenError, UploadTooLargeError

log = logging.getLogger("afterboard.web")


def install(app: FastAPI) -> None:
    app.add_exception_handler(AfterboardError, _afterboard)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _bug)


STATUSES: tuple[tuple[type[AfterboardError] | tuple[type[AfterboardError], ...], int], ...] = (
    (UploadTooLargeError, 413),
    ((ForbiddenError, PermissionDeniedError), 403),
    ((NotSignedInError, SignInError), 401),
    (TooManyAttemptsError, 429),
    (NotFoundError, 404),
    (StoreBusyError, 503),
    (StoreError, 409),
)
"""The HTTP status of each kind of error, the first that matches (subclasses before their bases)."""


def status_for(exc: AfterboardError) -> int:
    return next((status for kinds, status in STATUSES if isinstance(exc, kinds)), 400)


def respond(request: Request, message: str, status_code: int) -> Response:
    """JSON for the API, else the error page with the sentence."""
    if is_api(request):
        headers = {"WWW-Authenticate": 'Bearer realm="afterboard"'} if status_code == 401 else None
        return JSONResponse({"error": message}, status_code=status_code, headers=headers)
    from afterboard.web.pages import page

    return page(request, "error.html", status_code=status_code, message=message)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


async def _afterboard(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AfterboardError)
    if isinstance(exc, NotSignedInError) and not is_api(request) and request.method in {"GET", "HEAD"}:
        from urllib.parse import quote

        back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/signin?next={quote(back, safe='')}", status_code=303)
    return respond(request, str(exc), status_for(exc))


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if isinstance(exc.__cause__, AfterboardError):  # FastAPI wraps errors raised while it parses a body
        return respond(request, str(exc.__cause__), status_for(exc.__cause__))
    messages = {
        404: "There is no page here; start from the home page.",
        405: "That kind of request is not accepted here.",
    }
    detail = exc.detail if isinstance(exc.detail, str) and exc.status_code not in messages else None
    return respond(
        request, detail or messages.get(exc.status_code, "The request was refused."), exc.status_code
    )


async def _validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in {"body", "query", "path"})
    message = f"'{where or 'the request'}' is not valid: {first.get('msg', 'unreadable')}."
    return respond(request, message, 422)


async def _bug(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return respond(
        request,
        f"Something went wrong inside afterboard ({type(exc).__name__}); "
        "Please report it with the server's log.",
        500,
    )
