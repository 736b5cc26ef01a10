"""Safety rules: uploads capped in bytes and pixels and checked by content, CSRF on every form and on API
calls made with the cookie, user text escaped or sanitised, strict headers, errors as one sentence."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from afterboard.board import Note
from web.webapp import EXAMPLE_PHOTO, Web, running_app

SCRIPT = "<script>alert('pwned')</script>"


def _sentence(html: str) -> str:
    found = re.search(r'class="error-message"[^>]*>([^<]+)<', html)
    assert found, html[:300]
    return found[1].replace("&#39;", "'")


def _png(size: tuple[int, int], mode: str = "1") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG", optimize=True)
    return out.getvalue()


def test_an_oversize_upload_is_refused_while_it_arrives(tmp_path: Path) -> None:
    with running_app(tmp_path, max_upload_bytes=100_000) as web:
        page = web.upload(EXAMPLE_PHOTO.read_bytes())
        api = web.api("POST", "/api/snaps", files={"photo": ("b.jpg", EXAMPLE_PHOTO.read_bytes())})
        queued = web.store.claim_snap()

    assert page.status_code == 413
    assert _sentence(page.text).startswith("The upload is over 0 MB, more than any photo of a board needs")
    assert api.status_code == 413 and api.json()["error"].startswith("The upload is over")
    assert queued is None


def test_a_pixel_bomb_is_refused_before_decoding(web: Web) -> None:
    bomb = _png((10_000, 10_000))  # 100 MP declared in a file of a few kB
    assert len(bomb) < 100_000

    response = web.upload(bomb, filename="bomb.png")

    assert response.status_code == 400
    assert _sentence(response.text).startswith("bomb.png is 10000x10000 pixels (100 MP); images over 64 MP")


def test_a_decompression_bomb_beyond_pillows_limit_is_refused(web: Web) -> None:
    response = web.upload(_png((20_000, 20_000)), filename="huge.png")

    assert response.status_code == 400
    assert "declares far more pixels than any photo" in _sentence(response.text)


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(web: Web) -> None:
    response = web.upload(b"## Timeline\n- 09:12 deploy\n", filename="board.jpg")

    assert response.status_code == 400
    assert _sentence(response.text) == (
        "board.jpg is not an image (JPEG, PNG, WebP or HEIC expected); choose a photo of the board."
    )


def test_a_truncated_photo_is_refused(web: Web) -> None:
    data = EXAMPLE_PHOTO.read_bytes()

    response = web.upload(data[: len(data) // 3], filename="cut.jpg")

    assert response.status_code == 400
    assert _sentence(response.text).startswith("cut.jpg is damaged or truncated (")


def test_an_empty_upload_is_refused(web: Web) -> None:
    response = web.upload(b"", filename="empty.jpg")

    assert response.status_code == 400


def test_the_uploaders_file_name_is_display_text_never_a_path(web: Web) -> None:
    names = []
    for given in ("../../etc/cron.d/evil.png", "C:\\Users\\ana\\board.png", "a<b>|;rm -rf.png"):
        response = web.upload(_png((800, 600), "RGB"), filename=given)
        names.append(web.store.snap(int(response.headers["location"].rsplit("/", 1)[1])).filename)

    assert names == ["evil.png", "board.png", "a_b_rm -rf.png"]


def test_a_form_post_without_the_csrf_token_is_refused(web: Web) -> None:
    pm_id = web.new_postmortem()

    missing = web.client.post(f"/postmortems/{pm_id}/status", data={"status": "published"})
    wrong = web.client.post(
        f"/postmortems/{pm_id}/status", data={"status": "published", "csrf_token": "x" * 43}
    )

    assert missing.status_code == wrong.status_code == 403
    assert _sentence(missing.text).startswith("The form's security token is missing or out of date")
    assert web.store.get(pm_id).status.value == "draft"


def test_an_upload_without_the_csrf_token_is_refused(web: Web) -> None:
    response = web.client.post("/snap", files={"photo": ("b.png", _png((800, 600), "RGB"))})

    assert response.status_code == 403
    assert web.store.claim_snap() is None


def test_an_api_call_with_the_cookie_needs_the_token_header(web: Web) -> None:
    pm_id = web.new_postmortem()

    without = web.client.post(f"/api/postmortems/{pm_id}/status", json={"status": "published"})
    with_header = web.api("POST", f"/api/postmortems/{pm_id}/status", json={"status": "in_review"})

    assert without.status_code == 403 and "security token" in without.json()["error"]
    assert with_header.status_code == 200


def test_an_api_call_from_a_tool_without_cookies_needs_no_token(web: Web) -> None:
    pm_id = web.new_postmortem()
    web.client.cookies.clear()

    response = web.client.post(f"/api/postmortems/{pm_id}/status", json={"status": "in_review"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "headers", [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}]
)
def test_a_request_from_another_site_is_refused_even_without_cookies(
    web: Web, headers: dict[str, str]
) -> None:
    pm_id = web.new_postmortem()
    web.client.cookies.clear()

    response = web.client.post(
        f"/api/postmortems/{pm_id}/status", json={"status": "published"}, headers=headers
    )

    assert response.status_code == 403
    assert web.store.get(pm_id).status.value == "draft"


def test_script_in_a_note_is_shown_as_text_everywhere(web: Web) -> None:
    pm_id = web.new_postmortem(f"Title: Outage {SCRIPT}\n\n## Timeline\n- 09:12 deploy {SCRIPT}\n")
    pages = [web.client.get(p).text for p in (f"/postmortems/{pm_id}", f"/postmortems/{pm_id}/edit", "/")]
    preview = web.api(
        "POST", "/api/preview", json={"markdown": f"# Hi\n\n{SCRIPT}\n\n<img src=x onerror=alert(1)>"}
    )

    for html in [*pages, preview.json()["html"]]:
        assert "<script>alert" not in html
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(" in pages[0]


def test_script_in_a_note_read_from_a_photo_is_shown_as_text_on_the_review_page(web: Web) -> None:
    snap_id = int(web.upload(_png((800, 600), "RGB")).headers["location"].rsplit("/", 1)[1])
    web.store.claim_snap(snap_id)
    web.store.finish_snap(snap_id, _board_with(SCRIPT), b"\xff\xd8\xff")

    page = web.client.get(f"/snap/{snap_id}/board").text

    assert "<script>alert" not in page and "&lt;script&gt;alert(" in page


def test_a_markdown_link_with_a_script_url_loses_it(web: Web) -> None:
    html = web.api("POST", "/api/preview", json={"markdown": "[click](javascript:alert(1))"}).json()["html"]

    assert "href" not in html  # markdown-it refuses the link: it stays text


def test_every_page_has_strict_security_headers_and_no_inline_script_or_style(web: Web) -> None:
    pm_id = web.new_postmortem()
    for path in ("/", "/snap", f"/postmortems/{pm_id}", f"/postmortems/{pm_id}/edit", "/stats", "/actions"):
        response = web.client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.text), path
        assert not re.search(r"\sstyle=", response.text), path
        assert not re.search(r"\son[a-z]+=", response.text), path


def test_the_csrf_cookie_is_httponly_and_same_site_strict(tmp_path: Path) -> None:
    with running_app(tmp_path) as web:
        cookie = web.client.get("/").headers["set-cookie"]

    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_api_errors_are_json_with_one_sentence(web: Web) -> None:
    missing = web.client.get("/api/postmortems/42")
    invalid = web.api("POST", "/api/postmortems/1/status", json={"status": "done"})
    neither = web.api("POST", "/api/postmortems", json={})

    assert missing.status_code == 404 and missing.json() == {
        "error": "There is no post-mortem 42 in the archive."
    }
    assert invalid.status_code == 422 and set(invalid.json()) == {"error"}
    assert neither.status_code == 400 and neither.json() == {
        "error": "Give exactly one of markdown, notes or postmortem."
    }


def test_the_server_listens_on_this_machine_only_by_default(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("serve", "--help")

    assert "--host TEXT" in result.output and "[default: 127.0.0.1]" in result.output


def _board_with(text: str):  # type: ignore[no-untyped-def]
    from afterboard.board import Board

    return Board(notes=(Note(text=text, section="timeline", confidence=0.3, box=(0, 0, 10, 10)),))


def test_a_moment_outside_the_calendar_is_refused_in_one_sentence(web: Web) -> None:
    # Year 1 at +05:09 is the year 0 in UTC: before this was refused, showing it raised OverflowError.
    body = {"postmortem": {"title": "Old", "started_at": "0001-01-01T01:00:00+05:09"}}

    response = web.api("POST", "/api/postmortems", json=body)

    assert response.status_code == 422
    assert "between the years 1900 and 2999" in response.json()["error"]
