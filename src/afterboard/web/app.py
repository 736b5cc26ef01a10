"""`create_app(settings)`: the FastAPI app over one archive, with its worker, pages, API and safety rules.

FastAPI rather than bare Starlette: the JSON API gets its OpenAPI document (`/openapi.json`) and request
validation from the same type hints the handlers have, and the pages are plain Starlette underneath.
The interactive docs pages are off: they load scripts from a CDN, which the CSP (rightly) forbids.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from afterboard import __version__
from afterboard.settings import Settings
from afterboard.web import errors
from afterboard.web.auth import Gate, authorize
from afterboard.web.deps import Context
from afterboard.web.options import WebOptions
from afterboard.web.security import SecurityMiddleware

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, *, options: WebOptions | None = None) -> FastAPI:
    """The app over the archive `settings` name (or `options.store`); StoreNotReadyError if not migrated."""
    from afterboard.store import open_store
    from afterboard.web.api import register as register_api
    from afterboard.web.jobs import LocalQueue, reader_factory
    from afterboard.web.routes import register as register_pages

    settings = settings or Settings()
    options = options or WebOptions()
    store = options.store or open_store(settings=settings)
    if options.queue is not None:
        queue = options.queue(store)
    elif settings.queue == "procrastinate":
        from afterboard.web.team_queue import ProcrastinateQueue

        queue = ProcrastinateQueue(store, settings)
    else:
        queue = LocalQueue(store, settings, options.reader or reader_factory(settings))
    ctx = Context(settings=settings, store=store, queue=queue, options=options)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        queue.start()
        try:
            yield
        finally:
            queue.stop()
            if options.store is None:
                store.close()

    app = FastAPI(
        title="afterboard",
        version=__version__,
        summary="Post-mortems from a whiteboard photo: snap, review, edit with live checks, publish, search.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
        # every route, including those added later, passes the sign-in and role check (web/auth.py)
        dependencies=[Depends(authorize)],
    )
    app.state.ctx = ctx
    app.state.gate = Gate(settings=settings, store=store)
    app.add_middleware(SecurityMiddleware, max_body=options.max_upload_bytes)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    register_api(app)
    register_pages(app)
    return app
