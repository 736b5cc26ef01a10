"""What the page modules share: the context dependency, redirects after a post, and query-string filters."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends
from fastapi.responses import RedirectResponse

from afterboard.errors import InputError
from afterboard.postmortem import Kind, Status
from afterboard.store.records import Filters
from afterboard.web.deps import Context, context

Ctx = Annotated[Context, Depends(context)]


def see_other(url: str) -> RedirectResponse:
    """After a form post: the browser GETs `url` (a reload does not post again)."""
    return RedirectResponse(url, status_code=303)


def filters_from(params: dict[str, str]) -> Filters:
    """Filters from a query string, with one sentence for a value that is not one."""
    values: dict[str, object] = {}
    for name in ("severity", "owner", "tag"):
        if params.get(name, "").strip():
            values[name] = params[name].strip()[:200]
    try:
        if params.get("kind"):
            values["kind"] = Kind(params["kind"])
        if params.get("status"):
            values["status"] = Status(params["status"])
    except ValueError as exc:
        raise InputError(f"Filter: {exc}; pick a value from the list.") from None
    for name in ("since", "until"):
        if params.get(name):
            try:
                values[name] = dt.date.fromisoformat(params[name])
            except ValueError:
                raise InputError(f"Filter '{name}': '{params[name]}' is not a date (YYYY-MM-DD).") from None
    return Filters.model_validate(values)
