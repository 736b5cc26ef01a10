"""Digital boards and on-call logs, read from exports shaped as their tools document them
(`board_exports.py`), through `read_source` as `afterboard draft` reads them: the format told from the
content, notes under the header, frame or column they sit in, and a golden draft per format.

After an intended change, `pytest tests/ingest/test_boards.py --update-golden` rewrites golden/*.md; review
the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import board_exports as exports
from afterboard.board import Board
from afterboard.drafting import draft
from afterboard.ingest.sources import read_source
from afterboard.postmortem import ActionStatus, Mark
from afterboard.render.markdown import render_markdown
from afterboard.settings import Settings
from conftest import TODAY
from helpers import assert_golden, write

GOLDEN = Path(__file__).parent / "golden"
UTC = dt.UTC

FORMATS: dict[str, tuple[str, Callable[[], str]]] = {
    "miro": ("board.json", exports.miro_export),
    "excalidraw": ("retro.excalidraw", exports.excalidraw_file),
    "figjam": ("figjam.json", exports.figjam_file),
    "trello": ("trello.json", exports.trello_export),
    "parabol": ("ParabolRetrospective_Payments_2026-11-20.csv", exports.parabol_csv),
    "sheet": ("retro.csv", exports.board_csv),
    "opsgenie-alert": ("alert.json", exports.opsgenie_alert),
    "opsgenie-logs": ("logs.json", exports.opsgenie_logs),
    "opsgenie-incident": ("timeline.json", exports.opsgenie_incident_timeline),
    "alertmanager": ("webhook.log", exports.alertmanager_log),
    "events": ("events.csv", exports.events_csv),
}


def read(tmp_path: Path, fmt: str, name: str | None = None) -> Board:
    default, build = FORMATS[fmt]
    return read_source(write(tmp_path / (name or default), build()), today=TODAY)


def sections(board: Board) -> list[tuple[str | None, str]]:
    return [(n.section, n.text) for n in board.notes]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_drafts_to_its_golden_markdown(tmp_path: Path, fmt: str, update_golden: bool) -> None:
    actual = render_markdown(draft(read(tmp_path, fmt), today=TODAY))
    assert_golden(GOLDEN / f"{fmt}.md", actual, update=update_golden)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_format_is_told_from_the_content_not_the_name(tmp_path: Path, fmt: str) -> None:
    assert sections(read(tmp_path, fmt, name="export.txt")) == sections(read(tmp_path, fmt))


def test_miro_notes_sit_in_their_frames_nested_frames_and_under_a_free_text_header(tmp_path: Path) -> None:
    board = read(tmp_path, "miro")
    assert board.title == "Checkout errors after v2.3 deploy — retro, Nov 20 2026"
    assert board.date == dt.date(2026, 11, 20)
    assert sections(board) == [
        ("timeline", "09:12 deploy v2.3 started"),
        ("timeline", "09:24 checkout 5xx alert fired, on-call paged"),
        ("timeline", "09:40 rolled back to v2.2"),
        ("timeline", "10:30 error rate back to normal, resolved"),
        ("went_well", "Rollback took 4 minutes 🎉"),
        ("went_well", "Support & on-call in one channel"),
        ("contributing_factors", "No canary stage for checkout"),
        ("contributing_factors", "Alert fired 12 min after errors began"),
        ("root_cause", "Bad query in v2.3 held DB connections"),
        ("action_items", "Add a canary stage for checkout — owner: Sam"),
        ("action_items", "Load test with prod-sized data @raj by Dec 11"),
        ("action_items", "Alert on pool saturation"),
        # the nested "5 whys" frame: the connectors order the chain, placed right to left on the board
        ("root_cause", "Why did checkout fail? Because the DB pool ran out of connections"),
        ("root_cause", "Why? Because the new query held connections for the whole request"),
        ("root_cause", "Why? Because load tests ran on a tiny dataset"),
        # an unknown header keeps its notes as written, the note of a deleted frame among them
        ("Parking lot", "Should checkout have its own DB?"),
        ("Parking lot", "Who owns the load-test data?"),
    ]
    whys = [n for n in board.notes if n.header == "5 whys"]
    assert {n.region for n in whys} == {"Root cause / 5 whys"}
    card = next(n for n in board.notes if n.text.startswith("Add a canary"))
    assert (card.due, card.colour) == (dt.date(2026, 12, 4), "#2d9bf0")
    first = board.notes[0]
    assert first.source is not None and first.source.startswith("board.json#item-3458764600000000")
    assert first.colour == "light_yellow"


def test_miro_items_saved_as_the_api_pages_them_read_the_same(tmp_path: Path) -> None:
    pages = write(tmp_path / "pages.json", json.dumps(exports.miro_pages(exports.miro_items())))
    alone = write(tmp_path / "items.json", json.dumps(exports.miro_items()))
    assert sections(read_source(pages)) == sections(read_source(alone))
    assert len(read_source(pages).notes) == 17


def test_a_5000_item_miro_board_is_read_whole(tmp_path: Path) -> None:
    board = read_source(write(tmp_path / "big.json", exports.miro_export(filler=5000)))
    assert len(board.notes) == 17 + 5000
    assert [n.section for n in board.notes].count("action_items") == 3 + 1250
    flaky = [n.text for n in board.notes if n.text.startswith("Flaky test")]
    assert flaky[:4] == [f"Flaky test {n} hid the pool leak" for n in range(4)]  # row by row, left to right
    pm = draft(board, today=TODAY)
    assert pm.resolved_at == dt.datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
    last = pm.action_items[-1]
    assert (last.text, last.owner, last.due) == ("Fix flaky test 1249", "raj", dt.date(2026, 12, 18))


def test_a_sticky_note_that_is_exactly_a_known_header_heads_its_column(tmp_path: Path) -> None:
    def sticky(item_id: str, content: str, x: float, y: float) -> dict[str, object]:
        place = {"x": x, "y": y, "origin": "center", "relativeTo": "canvas_center"}
        data = {"content": content, "shape": "square"}
        return {
            "id": item_id,
            "type": "sticky_note",
            "data": data,
            "position": place,
            "geometry": {"width": 200},
        }

    items = [
        sticky("1", "<p>Action items</p>", 0, 0),
        sticky("2", "<p>Pin the pool size @raj</p>", 0, 250),
        sticky("3", "<p>Good teamwork on the rollback</p>", 400, -300),  # like "good", but a note
        sticky("4", "<p>Went well</p>", 800, 0),
        sticky("5", "<p>Calm on-call</p>", 800, 250),
    ]
    board = read_source(write(tmp_path / "board.json", json.dumps({"data": items, "total": 5})), today=TODAY)
    assert [(n.section, n.header, n.text) for n in board.notes] == [
        (None, None, "Good teamwork on the rollback"),
        ("action_items", "Action items", "Pin the pool size @raj"),
        ("went_well", "Went well", "Calm on-call"),
    ]


def test_excalidraw_shapes_frames_arrows_and_what_is_left_out(tmp_path: Path) -> None:
    board = read(tmp_path, "excalidraw")
    assert board.title == "Checkout errors after v2.3 deploy — retro, Nov 20 2026"
    texts = [n.text for n in board.notes]
    assert "Support & on-call in one channel" in texts  # a free text drawn over a rectangle
    assert "Blame the DBA" not in texts  # deleted
    assert "leads to" not in texts  # an arrow's label
    assert [n.text for n in board.notes if n.section == "root_cause"] == [
        "Why did checkout fail? Because the DB pool ran out of connections",
        "Why? Because the new query held connections for the whole request",
        "Why? Because load tests ran on a tiny dataset",
    ]
    assert {n.header for n in board.notes} == {
        "Timeline",
        "Went well",
        "Went wrong",
        "Root cause",
        "Action items",
        "Parking lot",
    }
    assert board.notes[0].colour == "#a5d8ff"


def test_figjam_sections_groups_stamps_and_hidden_nodes(tmp_path: Path) -> None:
    board = read(tmp_path, "figjam")
    by_text = {n.text: n for n in board.notes}
    assert by_text["Rollback took 4 minutes 🎉"].votes == 3  # two +1 and a heart; a question is no vote
    assert by_text["Support & on-call in one channel"].votes is None
    assert by_text["No canary stage for checkout"].section == "contributing_factors"  # in a group
    assert "Blame the DBA" not in by_text  # hidden
    assert by_text["Should checkout have its own DB?"].section == "Questions"  # under a text in "Section 1"
    assert by_text["Add a canary stage for checkout @sam by Dec 4"].section == "action_items"
    assert by_text["09:12 deploy v2.3 started"].colour == "#99d4ff"


def test_trello_lists_cards_members_due_dates_labels_and_archived_cards(tmp_path: Path) -> None:
    board = read(tmp_path, "trello")
    by_text = {n.text: n for n in board.notes}
    assert "Blame the DBA" not in by_text and "Rewrite checkout in Rust" not in by_text
    assert next(n.text for n in board.notes if n.section == "timeline") == "09:12 deploy v2.3 started"
    canary = by_text["Add a canary stage for checkout (P1) (prevent)"]
    assert (canary.owner, canary.due, canary.author) == ("Sam Okafor", dt.date(2026, 12, 4), "Raj Patel")
    assert by_text["Document the rollback runbook"].section == "action_items"  # labelled 'Action item'
    assert by_text["Rollback took 4 minutes 🎉"].votes == 4

    pm = draft(board, today=TODAY)
    assert [(a.text, a.owner, a.due, a.priority, a.category, a.status) for a in pm.action_items] == [
        (
            "Add a canary stage for checkout",
            "Sam Okafor",
            dt.date(2026, 12, 4),
            "P1",
            "prevent",
            ActionStatus.OPEN,
        ),
        (
            "Load test with prod-sized data",
            "Raj Patel, Sam Okafor",
            dt.date(2026, 12, 11),
            None,
            None,
            ActionStatus.OPEN,
        ),
        ("Page on pool saturation", "Raj Patel", dt.date(2026, 11, 25), None, None, ActionStatus.DONE),
        ("Document the rollback runbook", None, None, None, None, ActionStatus.OPEN),
    ]
    # dot votes order what the team chose to talk about first
    assert [f.text for f in pm.contributing_factors] == [
        "Alert fired 12 min after errors began",
        "No canary stage for checkout",
    ]


def test_parabol_reflections_under_their_prompts_and_tasks_as_action_items(tmp_path: Path) -> None:
    board = read(tmp_path, "parabol")
    assert sections(board) == [
        ("went_well", "Rollback took 4 minutes 🎉"),
        ("went_well", "Support & on-call in one channel"),
        ("contributing_factors", "Alert fired 12 min after errors began"),
        ("contributing_factors", "No canary stage for checkout"),
        ("Parking lot", "Should checkout have its own DB?"),
        ("action_items", "Alert on pool saturation @ana by Dec 4"),
    ]
    assert board.notes[2].votes == 6 and board.notes[2].region == "Late detection"
    assert board.notes[-1].author == "Ana Lopez" and board.notes[0].author is None


def test_a_sheet_with_a_column_per_header_keeps_an_unknown_header_as_written(tmp_path: Path) -> None:
    board = read(tmp_path, "sheet")
    assert [(n.header, n.source) for n in board.notes if n.section == "Kudos to"] == [
        ("Kudos to", "retro.csv:2:4")
    ]
    assert [n.section for n in board.notes].count("action_items") == 2


def test_typed_notes_with_commas_are_not_taken_for_a_table(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.csv", "Checkout, Nov 20\n\n## Timeline\n- 14:02 alert fired, paged\n")
    board = read_source(notes, today=TODAY)
    assert [(n.section, n.text) for n in board.notes] == [("timeline", "14:02 alert fired, paged")]


def test_opsgenie_alert_logs_and_incident_timeline_become_timed_entries(tmp_path: Path) -> None:
    alert = read(tmp_path, "opsgenie-alert")
    assert [(n.text, n.time) for n in alert.notes] == [
        ("alert fired: Checkout 5xx rate above 5%", dt.datetime(2026, 11, 20, 9, 24, tzinfo=UTC)),
        ("acknowledged by ana@example.com", dt.datetime(2026, 11, 20, 9, 27, tzinfo=UTC)),
        ("resolved: alert closed by ana@example.com", dt.datetime(2026, 11, 20, 10, 30, tzinfo=UTC)),
    ]
    assert (alert.title, alert.severity) == ("Checkout 5xx rate above 5%", "P1")
    logs = read(tmp_path, "opsgenie-logs")
    assert not any("Notified" in n.text for n in logs.notes)
    timeline = read(tmp_path, "opsgenie-incident")
    assert "internal: draft status page" not in [n.text for n in timeline.notes]  # hidden entry
    pm = draft(timeline, today=TODAY)
    assert (pm.detected_at, pm.resolved_at) == (
        dt.datetime(2026, 11, 20, 9, 26, tzinfo=UTC),
        dt.datetime(2026, 11, 20, 10, 30, tzinfo=UTC),
    )


def test_alertmanager_payloads_fire_once_per_alert_and_resolve(tmp_path: Path) -> None:
    board = read(tmp_path, "alertmanager")
    assert [(n.text, n.time) for n in board.notes] == [
        (
            "alert fired: CheckoutErrorRate: Checkout 5xx rate above 5%",
            dt.datetime(2026, 11, 20, 9, 24, tzinfo=UTC),
        ),
        (
            "alert fired: CheckoutErrorRate: Checkout 5xx rate above 5%",
            dt.datetime(2026, 11, 20, 9, 26, 30, tzinfo=UTC),
        ),
        ("alert resolved: CheckoutErrorRate", dt.datetime(2026, 11, 20, 10, 25, tzinfo=UTC)),
        ("alert resolved: CheckoutErrorRate", dt.datetime(2026, 11, 20, 10, 27, tzinfo=UTC)),
    ]
    one = write(tmp_path / "one.json", exports.alertmanager_log().splitlines()[0])
    assert len(read_source(one).notes) == 1  # a single payload, still firing


def test_a_board_and_its_alerts_merge_into_one_timeline_with_ttd_ttm_ttr(
    tmp_path: Path, run_cli: object
) -> None:
    from click.testing import CliRunner

    from afterboard.cli import cli

    board = write(tmp_path / "board.json", exports.miro_export())
    alerts = write(tmp_path / "webhook.log", exports.alertmanager_log())
    events = write(tmp_path / "events.csv", exports.events_csv())
    args = ["draft", str(board), str(alerts), str(events), "--format", "json", "--today", TODAY.isoformat()]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    pm = json.loads(result.stdout)["postmortem"]
    assert (pm["started_at"], pm["detected_at"], pm["mitigated_at"], pm["resolved_at"]) == (
        "2026-11-20T09:12:00Z",
        "2026-11-20T09:24:00Z",
        "2026-11-20T09:40:00Z",
        "2026-11-20T10:30:00Z",
    )
    sources = [e["source"] for e in pm["timeline"]]
    assert any(s.startswith("board.json#item-") for s in sources)
    assert "webhook.log#alert-1a30ba71cca2921f@resolved" in sources and "events.csv:4" in sources
    marked = {e["mark"]: e["source"] for e in pm["timeline"] if e["mark"]}
    assert marked[Mark.STARTED.value].startswith("board.json#item-")
    assert len(pm["timeline"]) == 4 + 4 + 4


def test_an_event_time_without_a_zone_takes_the_one_the_header_states(tmp_path: Path) -> None:
    board = read(tmp_path, "events")
    assert board.timezone == "UTC"
    assert board.notes[0].time == dt.datetime(2026, 11, 20, 9, 12, tzinfo=UTC)
    pm = draft(board, today=TODAY)
    assert pm.timeline[0].at == dt.datetime(2026, 11, 20, 9, 12, tzinfo=UTC)
    assert pm.timeline[2].text == "rolled back to v2.2, errors dropping"


def test_an_event_time_without_a_zone_anywhere_is_in_the_drafts_zone(tmp_path: Path) -> None:
    rows = "when,what\n2026-11-20 09:12,deploy v2.3 started\n2026-11-20T09:24:00Z,alert fired\n"
    board = read_source(write(tmp_path / "events.csv", rows), today=TODAY)
    pm = draft(board, today=TODAY, settings=Settings(timezone="Europe/Berlin"))
    assert [e.at for e in pm.timeline] == [
        dt.datetime(2026, 11, 20, 8, 12, tzinfo=UTC),
        dt.datetime(2026, 11, 20, 9, 24, tzinfo=UTC),
    ]


def test_a_retro_on_a_digital_board_maps_its_columns_and_drafts_as_a_project() -> None:
    from afterboard.ingest.canvas import Canvas, Item, read_canvas

    canvas = Canvas(
        items=[
            Item(id="1", kind="text", text="Mad", box=(0, 0, 200, 40)),
            Item(id="2", kind="text", text="Glad", box=(400, 0, 600, 40)),
            Item(id="3", kind="note", text="Flaky staging", box=(0, 80, 200, 180)),
            Item(id="4", kind="note", text="Great pairing", box=(400, 80, 600, 180)),
        ]
    )
    board = read_canvas(canvas, source="retro.json", what="a test board", today=dt.date(2026, 11, 27))
    assert {n.text: n.section for n in board.notes} == {
        "Flaky staging": "contributing_factors",
        "Great pairing": "went_well",
    }
    assert board.kind == "project"
