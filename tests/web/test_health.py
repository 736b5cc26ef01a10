"""/healthz, the load balancer's probe: public, and honest about an archive that does not answer."""

from __future__ import annotations

from pathlib import Path

from web.webapp import running_app


def test_health_is_ok_while_the_archive_answers(tmp_path: Path) -> None:
    with running_app(tmp_path) as web:
        response = web.client.get("/healthz")

    assert (response.status_code, response.text) == (200, "ok\n")


def test_health_is_503_when_the_archive_is_gone(tmp_path: Path) -> None:
    with running_app(tmp_path) as web:
        web.store.engine.dispose()
        for path in tmp_path.glob("archive.db*"):
            path.unlink()
        (tmp_path / "archive.db").mkdir()  # cannot be opened as a database any more
        response = web.client.get("/healthz")

    assert response.status_code == 503
    assert response.text == "the archive does not answer\n"
