"""What a PostMortem holds, whatever it was read from: its filled sections and all of its text."""

from __future__ import annotations

from afterboard.postmortem import Item, PostMortem
from afterboard.sections import Section


def filled_sections(pm: PostMortem) -> list[str]:
    """The canonical sections that have content, in canonical order."""
    filled = {
        Section.IMPACT.value: not pm.impact.is_empty,
        Section.TIMELINE.value: bool(pm.timeline),
        Section.ROOT_CAUSE.value: not pm.root_cause.is_empty,
        Section.CONTRIBUTING_FACTORS.value: bool(pm.contributing_factors),
        Section.WENT_WELL.value: bool(pm.went_well),
        Section.ACTION_ITEMS.value: bool(pm.action_items),
    }
    return [key for key, has in filled.items() if has]


def all_texts(pm: PostMortem) -> list[str]:
    """Every line of text in the document, section by section (for word counts and searches)."""
    rc = pm.root_cause
    return [
        pm.title,
        *(i.text for i in pm.summary),
        *(i.text for i in pm.impact.statements),
        *(e.text for e in pm.timeline),
        *(i.text for i in rc.statements),
        *(w.question or "" for w in rc.whys),
        *(w.answer for w in rc.whys),
        *(c for bone in rc.fishbone for c in (bone.category, *bone.causes)),
        *(f.text for f in pm.contributing_factors),
        *(i.text for i in pm.went_well),
        *(a.text for a in pm.action_items),
        *(i.text for x in pm.extra_sections for i in (Item(text=x.title), *x.items)),
    ]
