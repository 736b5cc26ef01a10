"""Every page, in-process: what a person sees after each step of the core flow without JavaScript."""

from __future__ import annotations

import re

import pytest

from afterboard.postmortem import ActionStatus, Status
from web.webapp import Web


def _sentence(html: str) -> str:
    found = re.search(r'class="error-message"[^>]*>([^<]+)<', html)
    assert found, html[:500]
    return found[1]


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "From the whiteboard to the post-mortem"),
        ("/snap", "Snap the board"),
        ("/postmortems", "Post-mortems"),
        ("/postmortems/new", "Draft from typed notes"),
        ("/search", "Search"),
        ("/actions", "Action items"),
        ("/due", "Due"),
        ("/stats", "Stats"),
    ],
)
def test_every_page_answers_on_an_empty_archive(web: Web, path: str, heading: str) -> None:
    response = web.client.get(path)

    assert response.status_code == 200
    assert heading in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_typed_notes_become_a_saved_draft_opened_in_the_editor(web: Web) -> None:
    pm_id = web.new_postmortem()

    page = web.client.get(f"/postmortems/{pm_id}/edit").text
    assert "Checkout errors after v2.3 deploy" in page
    assert 'name="markdown"' in page and 'type="date" name="item_due"' in page
    assert "Not published: 4 d 1 h past the deadline." in page  # the clock is on every post-mortem page
    assert web.store.get(pm_id).revision == 1


def test_the_postmortem_page_shows_document_clock_findings_and_downloads(web: Web) -> None:
    pm_id = web.new_postmortem()

    page = web.client.get(f"/postmortems/{pm_id}").text

    assert "<h2>Timeline (UTC)</h2>" in page
    assert "Not published: 4 d 1 h past the deadline." in page  # resolved 11-20 10:30, now 11-27 12:00
    assert "Action item 5 has no owner" in page
    for fmt in ("md", "html", "json", "pdf", "docx"):
        assert f"/postmortems/{pm_id}/download/{fmt}" in page


@pytest.mark.parametrize(
    ("fmt", "start", "media"),
    [
        ("md", b"# Checkout errors", "text/markdown"),
        ("html", b"<!doctype html>", "text/html"),
        ("json", b"{", "application/json"),
        ("pdf", b"%PDF", "application/pdf"),
        ("docx", b"PK\x03\x04", "application/vnd.openxmlformats"),
    ],
)
def test_downloads_come_in_every_format_the_renderers_write(
    web: Web, fmt: str, start: bytes, media: str
) -> None:
    pm_id = web.new_postmortem()

    response = web.client.get(f"/postmortems/{pm_id}/download/{fmt}")

    assert response.status_code == 200
    assert response.content.lower().startswith(start.lower())
    assert response.headers["content-type"].startswith(media)
    assert f'filename="postmortem-{pm_id}.{fmt}"' in response.headers["content-disposition"]


def test_the_public_version_leaves_out_names(web: Web) -> None:
    pm_id = web.new_postmortem()

    internal = web.client.get(f"/postmortems/{pm_id}/download/md").text
    public = web.client.get(f"/postmortems/{pm_id}/download/md?public=1").text

    assert "priya" in internal
    assert "priya" not in public


def test_saving_the_editor_adds_a_revision_and_an_identical_save_adds_none(web: Web) -> None:
    pm_id = web.new_postmortem()
    text = web.client.get(f"/api/postmortems/{pm_id}").json()["markdown"]

    first = web.post_form(f"/postmortems/{pm_id}/edit", {"markdown": text.replace("SEV-2", "SEV-1")})
    again = web.post_form(f"/postmortems/{pm_id}/edit", {"markdown": text.replace("SEV-2", "SEV-1")})

    assert first.status_code == again.status_code == 303
    assert first.headers["location"] == f"/postmortems/{pm_id}/edit?saved=2"
    assert again.headers["location"] == f"/postmortems/{pm_id}/edit?saved=2"
    assert web.store.get(pm_id).postmortem.severity == "SEV-1"
    assert "Saved as revision 2." in web.client.get(first.headers["location"]).text


def test_action_rows_set_owner_and_date_and_the_finding_goes(web: Web) -> None:
    pm_id = web.new_postmortem()
    items = web.store.get(pm_id).postmortem.action_items
    rows = {
        "item_text": [i.text for i in items] + ["Add a pool-saturation dashboard"],
        "item_owner": [i.owner or "" for i in items[:-1]] + ["@raj", "sam"],
        "item_due": [i.due.isoformat() if i.due else "" for i in items[:-1]] + ["2026-12-11", "2026-12-18"],
        "item_status": ["open"] * (len(items) + 1),
    }

    response = web.post_form(f"/postmortems/{pm_id}/actions", rows)

    assert response.status_code == 303
    saved = web.store.get(pm_id).postmortem
    assert [(i.owner, str(i.due)) for i in saved.action_items[-2:]] == [
        ("raj", "2026-12-11"),
        ("sam", "2026-12-18"),
    ]
    page = web.client.get(f"/postmortems/{pm_id}").text
    assert "has no owner" not in page


def test_publishing_moves_the_status_and_stops_the_clock(web: Web) -> None:
    pm_id = web.new_postmortem()

    for status in ("in_review", "published"):
        assert web.post_form(f"/postmortems/{pm_id}/status", {"status": status}).status_code == 303

    assert web.store.get(pm_id).status is Status.PUBLISHED
    assert "after resolution, after the deadline" in web.client.get(f"/postmortems/{pm_id}").text
    changes = [c.to_status for c in web.store.status_history(pm_id)]
    assert changes[-2:] == [Status.IN_REVIEW, Status.PUBLISHED]


def test_an_unknown_status_is_one_sentence(web: Web) -> None:
    pm_id = web.new_postmortem()

    response = web.post_form(f"/postmortems/{pm_id}/status", {"status": "gone"})

    assert response.status_code == 400
    assert _sentence(response.text) == "Choose draft, in review or published."


def test_search_and_archive_filters_find_the_postmortem(web: Web) -> None:
    pm_id = web.new_postmortem()
    link = f'href="/postmortems/{pm_id}"'

    assert link in web.client.get("/search?q=connection+pool").text
    assert link not in web.client.get("/search?q=certificate").text
    assert link in web.client.get("/postmortems?kind=incident&severity=SEV-2&owner=ana").text
    assert link not in web.client.get("/postmortems?kind=project").text
    assert link in web.client.get("/postmortems?since=2026-11-01&until=2026-11-30").text


def test_a_filter_that_is_not_a_date_is_one_sentence(web: Web) -> None:
    response = web.client.get("/postmortems?since=yesterday")

    assert response.status_code == 400
    assert (
        _sentence(response.text) == "Filter &#39;since&#39;: &#39;yesterday&#39; is not a date (YYYY-MM-DD)."
    )


def test_the_action_dashboard_groups_by_owner_and_marks_done(web: Web) -> None:
    pm_id = web.new_postmortem()
    page = web.client.get("/actions").text
    assert "<h2>ana" in page and "<h2>(no owner)" in page
    item = next(a for a in web.store.actions(postmortem_id=pm_id) if a.owner == "ana")

    response = web.post_form(f"/actions/{item.id}", {"status": "done", "back": "/actions?owner=ana"})

    assert response.headers["location"] == "/actions?owner=ana"
    done = {a.id: a.status for a in web.store.actions(postmortem_id=pm_id)}
    assert done[item.id] is ActionStatus.DONE
    assert "No open action items for ana" in web.client.get("/actions?owner=ana").text


def test_overdue_filter_lists_only_late_items(web: Web) -> None:
    web.new_postmortem()  # the example's "Lower alert ... due Fri" is due 2026-11-27: not yet late

    page = web.client.get("/actions?overdue=1").text

    assert "0 open items, 0 overdue" in page


def test_due_and_home_list_the_missed_publication(web: Web) -> None:
    pm_id = web.new_postmortem()

    for path in ("/due", "/"):
        page = web.client.get(path).text
        assert "state-missed" in page and f'href="/postmortems/{pm_id}"' in page


def test_stats_show_the_numbers_and_svg_charts(web: Web) -> None:
    web.new_postmortem()

    page = web.client.get("/stats").text

    assert "19 min</span> median time to detect" in page
    assert page.count("<svg") == 2  # by month, by severity (the example's factors have no category)
    assert ">2026-11</text>" in page


def test_similar_past_postmortems_are_shown_beside_a_new_draft(web: Web) -> None:
    first = web.new_postmortem()
    second = web.new_postmortem()

    page = web.client.get(f"/postmortems/{second}/edit").text

    assert f'href="/postmortems/{first}"' in page.split("Similar past post-mortems")[1]


def test_an_old_revision_can_be_viewed(web: Web) -> None:
    pm_id = web.new_postmortem()
    text = web.client.get(f"/api/postmortems/{pm_id}").json()["markdown"]
    web.post_form(f"/postmortems/{pm_id}/edit", {"markdown": text.replace("SEV-2", "SEV-3")})

    page = web.client.get(f"/postmortems/{pm_id}?revision=1").text

    assert "revision 1 of 2" in page and "SEV-2" in page


def test_an_unknown_postmortem_is_a_404_page_with_one_sentence(web: Web) -> None:
    response = web.client.get("/postmortems/999")

    assert response.status_code == 404
    assert _sentence(response.text) == "There is no post-mortem 999 in the archive."
    assert "Traceback" not in response.text


def test_an_unknown_page_is_a_404_page(web: Web) -> None:
    response = web.client.get("/nowhere")

    assert response.status_code == 404
    assert _sentence(response.text) == "There is no page here; start from the home page."


def test_empty_notes_are_refused_in_one_sentence(web: Web) -> None:
    response = web.post_form("/postmortems/new", {"notes": "  "})

    assert response.status_code == 400
    assert _sentence(response.text) == "Type or paste the notes of the board first."


def test_a_long_action_list_shows_the_earliest_due_first(web: Web, monkeypatch: pytest.MonkeyPatch) -> None:
    from afterboard.web.routes import archive

    monkeypatch.setattr(archive, "ACTIONS_SHOWN", 2)
    web.new_postmortem()

    page = web.client.get("/actions").text

    assert "5 open items, 0 overdue" in page and "Showing the 2 due first" in page
    assert page.count('action="/actions/') == 2
    assert "Lower checkout error-rate alert to 2%" in page  # due 2026-11-27, the earliest
