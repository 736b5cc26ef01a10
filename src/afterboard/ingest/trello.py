"""A Trello board's JSON export (board menu → Print, export and share → Export as JSON: the board with its
`lists`, `cards`, `members` and `actions`, shaped as the Trello REST API's board, list, card and member
objects, developer.atlassian.com/cloud/trello/guides/rest-api/object-definitions) → Board.

A list is a section (its name as the header); its cards, in the board's order, are its notes. A card's
members are the action item's owner and its due date the deadline; a due date marked complete makes it
done. A label that names a section ('Action item') files the card there whatever its list; a label that
is a priority or a kind of action ('P1', 'prevent') is kept for the draft to read. Votes are kept, and the
card's creator (from the `createCard` action) as its author. Archived lists and cards (`closed`) and cards
without a name are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from afterboard.board import Board, Note
from afterboard.errors import EmptyBoardError, InputError
from afterboard.extract.dates import find_date
from afterboard.ingest.headers import Vocabulary, default_vocabulary
from afterboard.ingest.values import iso_time, mapping, number, one_line
from afterboard.sections import match_section, normalise

_KEPT_LABEL = re.compile(
    r"^(?:p[0-4]|high|medium|low|urgent|prevent(?:ive|ion)?|detect(?:ion)?|mitigat(?:e|ion)|process)$",
    re.IGNORECASE,
)
"""Labels the action-item parser understands when written in brackets: '(P1)', '(prevent)'."""


def looks_like_trello(data: object) -> bool:
    return isinstance(data, Mapping) and isinstance(data.get("lists"), list) and "cards" in data


def read_trello(
    data: Mapping[str, Any], *, name: str, today: dt.date, vocabulary: Vocabulary | None = None
) -> Board:
    cards = data.get("cards")
    if not isinstance(cards, list):
        raise InputError(
            f"{name} is a Trello board export without a list of cards; export it again with "
            "Print, export and share → Export as JSON."
        )
    lists = {
        str(raw.get("id")): raw for raw in data["lists"] if isinstance(raw, Mapping) and not raw.get("closed")
    }
    members = {
        str(m.get("id")): one_line(m.get("fullName") or m.get("username"))
        for m in data.get("members") or []
        if isinstance(m, Mapping)
    }
    creators = {
        str(mapping(mapping(a.get("data")).get("card")).get("id")): one_line(
            mapping(a.get("memberCreator")).get("fullName")
        )
        for a in data.get("actions") or []
        if isinstance(a, Mapping) and a.get("type") == "createCard"
    }
    open_cards = [
        c for c in cards if isinstance(c, Mapping) and not c.get("closed") and str(c.get("idList")) in lists
    ]
    order = {key: n for n, key in enumerate(sorted(lists, key=lambda k: number(lists[k].get("pos"))))}
    open_cards.sort(key=lambda c: (order[str(c["idList"])], number(c.get("pos"))))
    notes = [
        _note(
            card,
            lists[str(card["idList"])],
            members,
            creators,
            name,
            vocabulary=vocabulary or default_vocabulary(),
        )
        for card in open_cards
        if one_line(card.get("name"))
    ]
    board_name = one_line(data.get("name")) or None
    if not notes:
        raise EmptyBoardError(
            f"{name} is a Trello board with no open cards that have a name; "
            "archived cards and lists are left out."
        )
    return Board(
        notes=tuple(notes),
        title=board_name,
        date=find_date(board_name, today=today) if board_name else None,
        sources=(name,),
    )


def _note(
    card: Mapping[str, Any],
    column: Mapping[str, Any],
    members: Mapping[str, str],
    creators: Mapping[str, str],
    name: str,
    *,
    vocabulary: Vocabulary,
) -> Note:
    labels = [mapping(label) for label in card.get("labels") or []]
    label_names = [one_line(label.get("name")) for label in labels]
    header = next(
        (n for n in label_names if n and not _KEPT_LABEL.match(n) and _names_a_header(n, vocabulary)), None
    )
    header = header or one_line(column.get("name")) or None
    kept = [f"({n})" for n in label_names if _KEPT_LABEL.match(n)]
    done = ["(done)"] if card.get("dueComplete") else []
    owners = [members[m] for m in map(str, card.get("idMembers") or []) if members.get(m)]
    due = iso_time(card.get("due"))
    badges = mapping(card.get("badges"))
    votes = int(number(badges.get("votes"))) or len(card.get("idMembersVoted") or [])
    return Note(
        text=" ".join([one_line(card.get("name")), *kept, *done]),
        section=vocabulary.section_key(header) if header else None,
        header=header,
        colour=next((str(label["color"]) for label in labels if label.get("color")), None),
        region=one_line(column.get("name")) or None,
        source=f"{name}#card-{card.get('id')}",
        author=creators.get(str(card.get("id"))) or None,
        votes=votes or None,
        owner=", ".join(owners) or None,
        due=due.date() if due else None,
    )


def _names_a_header(label: str, vocabulary: Vocabulary) -> bool:
    return match_section(label) is not None or normalise(label) in vocabulary.team_headers
