from __future__ import annotations

from afterboard.extract.whys import WhyLink, parse_why, parse_whys


def test_question_and_because_make_one_link() -> None:
    assert parse_whys("Why did checkout fail? Because the DB pool was exhausted.") == [
        WhyLink(answer="The DB pool was exhausted.", question="Why did checkout fail?")
    ]


def test_numbered_links_lose_their_numbers() -> None:
    assert parse_whys("3. Why? because no load test") == [WhyLink(answer="No load test", question="Why?")]
    assert parse_whys("Why 2: the query held connections") == [WhyLink(answer="The query held connections")]


def test_a_bare_question_is_no_link_yet() -> None:
    assert parse_whys("Why was it not caught in staging?") == []


def test_an_arrow_chain_is_several_links_in_order() -> None:
    links = parse_whys("Why did lookups fail? -> zone file missing a record -> template not validated")
    assert [link.answer for link in links] == ["Zone file missing a record", "Template not validated"]
    assert links[0].question == "Why did lookups fail?"


def test_because_in_the_middle_splits_question_and_answer() -> None:
    assert parse_why("checkout failed because the pool was exhausted") == WhyLink(
        answer="The pool was exhausted", question="checkout failed"
    )
