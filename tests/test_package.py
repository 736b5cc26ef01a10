"""The package's contract: an explicit public API, no work at import, settings and commands documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import afterboard
from afterboard.settings import Settings

ROOT = Path(__file__).parent.parent


def test_public_api_is_sorted_and_every_name_resolves() -> None:
    assert afterboard.__all__ == sorted(afterboard.__all__)
    for name in afterboard.__all__:
        assert getattr(afterboard, name) is not None


def test_import_does_no_work() -> None:
    heavy = ("pydantic", "dateparser", "click", "jinja2", "cv2")
    code = f"import sys, afterboard; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


HEAVY = (
    "matplotlib",
    "reportlab",
    "cv2",
    "onnxruntime",
    "sqlalchemy",
    "numpy",
    "PIL",
    "fastapi",
    "pypdf",
    "docx",
)
"""Libraries that take long to import: only the commands that draw, read photos, store or serve load them."""


def loaded_by(*args: str) -> set[str]:
    """The top-level packages in sys.modules after `afterboard ARGS` ran in a fresh interpreter."""
    code = (
        "import sys\nfrom afterboard.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(run.stderr.split("\n")[-2].split())


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_load_no_heavy_library(args: list[str]) -> None:
    assert loaded_by(*args) & {*HEAVY, "pydantic"} == set()


def test_check_loads_no_heavy_library() -> None:
    document = ROOT / "tests" / "samples" / "incident-db-disk" / "expected.md"
    loaded = loaded_by("check", str(document), "--today", "2026-11-27")
    assert "afterboard" in loaded
    assert loaded & set(HEAVY) == set()


def test_package_is_typed() -> None:
    assert (Path(afterboard.__file__).parent / "py.typed").is_file()


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`{name}`" in doc, f"docs/configuration.md does not document the setting {name!r}"


def test_cli_reference_is_up_to_date() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from cli_reference import reference

    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert doc == reference(), "docs/cli.md is stale: run `python scripts/cli_reference.py`"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^```(?:sh|bash)?\n(.+?)\n```", readme, flags=re.M | re.S)
    assert commands[0].endswith("afterboard demo")
    assert commands[1].endswith("pytest")
    assert "pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
