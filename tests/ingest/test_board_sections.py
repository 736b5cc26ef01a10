"""The `board_sections` setting on digital boards, as on photos: a team's own header ('Kudos to', 'Parking
lot') maps to the section the team chose, or keeps its notes under its own words with ""; on every digital
board format, through `afterboard draft` and the web app's import."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import board_exports as exports
from afterboard.board import Board
from afterboard.ingest.canvas import Canvas, Item, read_canvas
from afterboard.ingest.headers import Vocabulary, vocabulary_for
from afterboard.ingest.sources import read_source
from conftest import TODAY
from helpers import write
from web.webapp import running_app

TEAM = vocabulary_for({"Kudos to": "went_well", "Parking lot": "action_items", "FYI": ""})


def _under(board: Board) -> dict[str, str | None]:
    return {n.text: n.section for n in board.notes}


LISTED = {
    "retro.csv": (exports.board_csv, "Raj, for the 2am rollback", "Kudos to", "went_well"),
    "trello.json": (exports.trello_export, "Should checkout have its own DB?", "Parking lot", "action_items"),
    "ParabolRetrospective_Payments_2026-11-20.csv": (
        exports.parabol_csv,
        "Should checkout have its own DB?",
        "Parking lot",
        "action_items",
    ),
}
"""Boards of lists and columns: the export, a note under the team's header, the header, the team's section."""


@pytest.mark.parametrize("name", sorted(LISTED))
def test_a_teams_header_on_a_listed_board_maps_to_the_section_it_chose(tmp_path: Path, name: str) -> None:
    build, text, header, section = LISTED[name]
    path = write(tmp_path / name, build())

    assert _under(read_source(path, today=TODAY))[text] == header
    assert _under(read_source(path, today=TODAY, vocabulary=TEAM))[text] == section


def test_a_teams_header_on_a_canvas_maps_as_a_free_text_a_frame_or_a_lone_sticky_note() -> None:
    canvas = Canvas(
        items=[
            Item(id="1", kind="text", text="Kudos to", box=(0, 0, 200, 40)),
            Item(id="2", kind="note", text="Raj, for the rollback", box=(0, 80, 200, 180)),
            Item(id="3", kind="frame", text="Parking lot", box=(400, 0, 800, 400)),
            Item(id="4", kind="note", text="Own DB for checkout?", box=(450, 80, 650, 180)),
            Item(id="5", kind="note", text="FYI", box=(1000, 0, 1200, 100)),  # a sticky note as header
            Item(id="6", kind="note", text="Office moves in May", box=(1000, 150, 1200, 250)),
        ]
    )

    def read(vocabulary: Vocabulary | None = None) -> dict[str, tuple[str | None, str | None]]:
        board = read_canvas(canvas, source="b.json", what="a test board", today=TODAY, vocabulary=vocabulary)
        return {n.text: (n.header, n.section) for n in board.notes}

    assert read() == {
        "Raj, for the rollback": ("Kudos to", "Kudos to"),
        "Own DB for checkout?": ("Parking lot", "Parking lot"),
        "FYI": ("Kudos to", "Kudos to"),  # a lone note, taken by the nearest header above
        "Office moves in May": ("Kudos to", "Kudos to"),
    }
    assert read(vocabulary=TEAM) == {
        "Raj, for the rollback": ("Kudos to", "went_well"),
        "Own DB for checkout?": ("Parking lot", "action_items"),
        "Office moves in May": ("FYI", "FYI"),  # "" keeps the notes under the team's own words
    }


def test_a_sheet_whose_headers_are_all_the_teams_own_is_read_as_a_board(tmp_path: Path) -> None:
    sheet = write(tmp_path / "retro.csv", "Kudos to,FYI\nRaj for the rollback,Office moves in May\n")

    board = read_source(sheet, today=TODAY, vocabulary=TEAM)

    assert _under(board) == {"Raj for the rollback": "went_well", "Office moves in May": "FYI"}


def test_draft_reads_a_digital_board_with_the_settings_board_sections(
    run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "afterboard.toml", '[board_sections]\n"kudos to" = "went_well"\n')
    sheet = write(tmp_path / "retro.csv", exports.board_csv())

    result = run_cli("draft", str(sheet), "--format", "json", "--today", TODAY.isoformat())

    assert result.exit_code == 0, result.stderr
    went_well = [item["text"] for item in json.loads(result.stdout)["postmortem"]["went_well"]]
    assert "Raj, for the 2am rollback" in went_well


def test_the_web_import_reads_a_digital_board_with_the_settings_board_sections(tmp_path: Path) -> None:
    import io

    with running_app(tmp_path, board_sections={"kudos to": "went_well"}) as web:
        files = {"board": ("retro.csv", io.BytesIO(exports.board_csv().encode()), "text/csv")}
        response = web.post_form("/postmortems/import", {"kind": "project"}, files=files)
        assert response.status_code == 303, response.text
        saved = web.store.get(int(response.headers["location"].split("/")[2]))

    assert "Raj, for the 2am rollback" in [item.text for item in saved.postmortem.went_well]


def test_a_date_is_still_read_from_a_canvas_title_with_a_team_vocabulary() -> None:
    canvas = Canvas(
        items=[Item(id="1", kind="note", text="Calm on-call", box=(0, 0, 10, 10))], title="Retro 20 Nov 2026"
    )
    board = read_canvas(canvas, source="b.json", what="a test board", today=TODAY, vocabulary=TEAM)
    assert board.date == dt.date(2026, 11, 20)
