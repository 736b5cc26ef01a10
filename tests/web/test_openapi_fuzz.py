"""schemathesis against the app's own OpenAPI document: whatever a client sends, no 500.

Bounded: a fixed number of generated requests per operation, no deadline per example (the archive is a
real SQLite file). Each operation is its own test case, so a failure names the operation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error

from afterboard.ingest.photo import PhotoReader
from web.webapp import EXAMPLE_NOTES, running_app

EXAMPLES_PER_OPERATION = 25
OPERATIONS = [
    ("GET", "/api/postmortems"),
    ("POST", "/api/postmortems"),
    ("GET", "/api/postmortems/{postmortem_id}"),
    ("PUT", "/api/postmortems/{postmortem_id}"),
    ("POST", "/api/postmortems/{postmortem_id}/status"),
    ("GET", "/api/postmortems/{postmortem_id}/findings"),
    ("GET", "/api/postmortems/{postmortem_id}/history"),
    ("GET", "/api/postmortems/{postmortem_id}/similar"),
    ("GET", "/api/postmortems/{postmortem_id}/access"),
    ("PUT", "/api/postmortems/{postmortem_id}/access"),
    ("POST", "/api/preview"),
    ("POST", "/api/snaps"),
    ("GET", "/api/snaps/{snap_id}"),
    ("PUT", "/api/snaps/{snap_id}/notes"),
    ("POST", "/api/snaps/{snap_id}/draft"),
    ("GET", "/api/search"),
    ("GET", "/api/actions"),
    ("PATCH", "/api/actions/{action_id}"),
    ("GET", "/api/due"),
    ("GET", "/api/stats"),
    ("GET", "/api/me"),
]


@pytest.fixture(scope="module")
def api_schema(
    tmp_path_factory: pytest.TempPathFactory, reader: PhotoReader
) -> Iterator[schemathesis.BaseSchema]:
    """The schema of an app whose archive holds one post-mortem, so ids 1.. reach real rows too."""
    folder: Path = tmp_path_factory.mktemp("fuzz")
    with running_app(folder, reader=reader) as web:
        web.new_postmortem(EXAMPLE_NOTES.read_text())
        web.client.cookies.clear()  # a tool's calls: no cookie, so no CSRF token to guess
        yield schemathesis.openapi.from_asgi("/openapi.json", web.client.app)


def test_every_operation_is_fuzzed(api_schema: schemathesis.BaseSchema) -> None:
    served = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}

    assert served == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_request_makes_the_api_fail_with_a_server_error(
    api_schema: schemathesis.BaseSchema, method: str, path: str
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    run()
