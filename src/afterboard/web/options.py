"""What the web app needs besides `Settings`: limits, the clock, the store and the job queue to use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from afterboard.ingest.photo import PhotoReader
    from afterboard.store.store import Store
    from afterboard.web.jobs import JobQueue

MAX_UPLOAD_MB = 25
"""A 48 MP phone photo is 10-20 MB as JPEG or HEIC; more than this is not a photo of a board."""


@dataclass(frozen=True)
class WebOptions:
    max_upload_bytes: int = MAX_UPLOAD_MB * 1024 * 1024
    """Any request body over this is refused (413) while it is still arriving, before it is parsed."""
    store: Store | None = None
    """The archive to serve; default: `open_store(settings=settings)`."""
    queue: Callable[[Store], JobQueue] | None = None
    """Makes the job queue for the store; default: a local worker thread (`jobs.LocalQueue`)."""
    reader: Callable[[], PhotoReader] | None = None
    """Makes the photo reader the local worker uses; default: `PhotoReader()` with the bundled OCR."""
    today: Callable[[], dt.date] | None = None
    """The reference date for 'by Fri' on a board with no date of its own; default: the store's clock."""
    actor: str | None = None
    """Who the changes are recorded as (single-user mode: the login name of whoever started the server)."""
