"""Two real `afterboard serve` processes over one PostgreSQL archive, as behind a load balancer: whatever a
request needs (the CSRF token, the upload, the job's state) is in the cookie or the archive, so each
request may land on either; the photo is read by a worker, and its failure is shown to its author."""

from __future__ import annotations

import io
import re

import httpx2 as httpx
from PIL import Image

from team.conftest import Team, wait_for


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), "white").save(out, format="PNG")
    return out.getvalue()


def test_requests_alternate_between_two_web_processes_and_a_worker_reads_the_photos(team: Team) -> None:
    first, second = team.start_web(), team.start_web()
    team.start_worker()
    with httpx.Client(timeout=30) as browser:
        token = browser.get(f"{first}/snap").cookies["afterboard_csrf"]
        browser.cookies.set("afterboard_csrf", token)
        sent = {}
        for name, web in (("board.png", second), ("crash-board.png", first)):
            posted = browser.post(
                f"{web}/snap",
                data={"csrf_token": token, "kind": "incident"},
                files={"photo": (name, photo(), "image/png")},
                follow_redirects=False,
            )
            assert posted.status_code == 303, posted.text
            found = re.search(r"/snap/(\d+)$", posted.headers["location"])
            assert found
            sent[name] = int(found[1])

        def status(snap_id: int, web: str) -> str:
            return str(browser.get(f"{web}/api/snaps/{snap_id}").json()["status"])

        wait_for(
            lambda: (
                status(sent["board.png"], first) == "done"
                and status(sent["crash-board.png"], second) == "failed"
            ),
            what="the worker to settle both photos",
        )
        board = browser.get(f"{first}/snap/{sent['board.png']}/board")
        assert board.status_code == 200 and "read board.png" in board.text
        failed = browser.get(f"{second}/snap/{sent['crash-board.png']}")
        assert "the fake reader crashed on purpose" in failed.text
        stale = browser.post(f"{second}/snap", data={"csrf_token": "x" * 43}, follow_redirects=False)
        assert stale.status_code == 403
