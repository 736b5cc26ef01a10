"""The built-in rules: importing this module registers every family (the same way a plugin registers)."""

from afterboard.checks import (  # noqa: F401
    action_items,
    blameless,
    factors,
    impact,
    length,
    publication,
    root_cause,
    structure,
    timeline,
)
