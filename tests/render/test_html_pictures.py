"""Pictures in the HTML page: inline SVG, escaped, with unique ids, and the page still self-contained."""

from __future__ import annotations

import re
from collections import Counter

from render_fixtures import draft_text, drafted

from afterboard.render.html import render_html


def test_html_embeds_each_picture_as_labelled_inline_svg() -> None:
    html = render_html(drafted("incident-dns-midnight"))
    assert html.count('<figure class="picture') == 3
    labels = re.findall(r'<svg role="img" aria-label="([^"]+)"', html)
    assert [label.split()[0] for label in labels] == ["Timeline", "Five", "Fishbone"]
    assert html.index('id="timeline"') < html.index("picture-timeline") < html.index('id="root-cause"')


def test_html_pictures_have_unique_ids_and_no_outside_references() -> None:
    html = render_html(drafted("incident-db-disk"))
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [name for name, count in ids.items() if count > 1] == []
    for reference in re.findall(r'(?:url\(#|href="#)([^")]+)', html):
        assert reference in ids
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<script" not in html and "<metadata>" not in html


def test_note_text_inside_a_picture_is_escaped() -> None:
    pm = draft_text(
        "# Outage\n\n## Timeline\n- 10:00 deploy <script>alert(1)</script>\n- 10:30 resolved </svg><b>x</b>\n"
    )
    html = render_html(pm)
    assert "<script>" not in html and "</svg><b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_without_pictures_when_asked() -> None:
    assert "<svg" not in render_html(drafted("incident-db-disk"), pictures={})
