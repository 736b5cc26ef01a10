"""What a public post-mortem must not show, found in a line of text: secrets, URLs, e-mail addresses,
IP addresses, internal host names, ticket keys and chat channels.

Secrets are found by detect-secrets (Yelp's scanner, with its own plugins for cloud keys, tokens, private
keys, passwords and high-entropy strings), never by a home-made list. Each finding is a span of the text
and what to put in its place; host names get a stable label per host ('database host A'), so a reader
still sees that two events concern the same machine, or two different ones.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

SECRET = "[secret removed]"
LINK = "[link removed]"
EMAIL = "[e-mail removed]"
IP = "[IP address]"
TICKET = "[ticket]"
CHANNEL = "the incident channel"

_URL = re.compile(r"\b(?:https?|ftp|wss?)://[^\s<>\"'`)\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")
_IPV4 = re.compile(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:/\d{1,2})?(?::\d{1,5})?(?![\w.])"
)
_IPV6 = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:/\d{1,3})?(?![\w:.])")
_INTERNAL_TLDS = "internal|local|lan|corp|intra|intranet|priv|private|home|svc|cluster|localdomain|int"
_FQDN = re.compile(
    rf"(?<![\w@./-])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.(?:{_INTERNAL_TLDS})(?![\w-])",
    re.IGNORECASE,
)
_HOST_ROLES = {
    "database host": "db pg postgres psql mysql mariadb mongo orders-db sql rds",
    "cache host": "cache redis memcached valkey",
    "web server": "web www nginx frontend fe",
    "application server": "api app backend be svc service",
    "load balancer": "lb elb alb haproxy proxy gw gateway ingress",
    "cluster node": "node k8s kube worker minion compute vm ip",
    "queue host": "kafka rabbit rabbitmq mq queue nats",
    "search host": "es elastic search solr opensearch",
    "server": "srv server host box prod stg staging",
}
_HOST_PART = {part: role for role, parts in _HOST_ROLES.items() for part in parts.split()}
_SHORT_HOST = re.compile(r"(?<![\w./@-])[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d+[a-z]?(?:\.[a-z0-9-]+)*(?![\w-])")
_TICKET = re.compile(r"(?<![\w-])(?P<key>[A-Z][A-Z0-9]{1,9})-(?P<n>\d{1,6})(?![\w-])")
_NOT_TICKETS = frozenset(
    "SEV P UTF ISO RFC CVE CWE GHSA SHA MD TLS SSL HTTP HTTPS IPV AES RSA ECDSA GPT COVID WCAG EN PEP JSR "
    "ECMA IEEE TTL T V Q H X".split()
)
_ISSUE_REF = re.compile(r"(?<![\w&#])#\d{2,7}(?!\w)")
_CHANNEL = re.compile(r"(?<![\w&#/])#[a-z0-9][a-z0-9_.-]*[a-z][a-z0-9_-]*(?![\w-])")
_FIXED = (
    ("link", _URL, LINK),
    ("e-mail", _EMAIL, EMAIL),
    ("IP address", _IPV4, IP),
    ("ticket", _ISSUE_REF, TICKET),
    ("channel", _CHANNEL, CHANNEL),
)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    kind: str
    """secret, link, e-mail, IP address, host, ticket or channel."""
    replacement: str


@dataclass
class Scrubber:
    """Finds what to remove in each text; remembers the label each host got, for the whole document."""

    hosts: dict[str, str] = field(default_factory=dict)

    def hits(self, text: str) -> list[Hit]:
        """Every span to replace, leftmost first, none overlapping (an earlier, more specific kind wins)."""
        found: list[Hit] = []
        taken: list[tuple[int, int]] = []
        for hit in self._candidates(text):
            if any(hit.start < end and start < hit.end for start, end in taken):
                continue
            found.append(hit)
            taken.append((hit.start, hit.end))
        return sorted(found, key=lambda h: h.start)

    def _candidates(self, text: str) -> Iterator[Hit]:
        """Every span some rule would replace, most specific rules first."""
        for start, end in _secrets(text):
            yield Hit(start, end, "secret", SECRET)
        for kind, regex, replacement in _FIXED:
            for m in regex.finditer(text):
                yield Hit(m.start(), m.start() + len(m.group(0).rstrip(".,;:!?")), kind, replacement)
        for m in _IPV6.finditer(text):
            if _is_ipv6(m.group(0)):
                yield Hit(m.start(), m.end(), "IP address", IP)
        hosts = [*_FQDN.finditer(text), *(m for m in _SHORT_HOST.finditer(text) if _host_role(m.group(0)))]
        for m in hosts:
            yield Hit(m.start(), m.end(), "host", self._host(m.group(0)))
        for m in _TICKET.finditer(text):
            if m["key"] not in _NOT_TICKETS:
                yield Hit(m.start(), m.end(), "ticket", TICKET)

    def _host(self, name: str) -> str:
        """'database host A', 'database host B'...: one label per host, the same one every time, whether
        the host is written short ('orders-db-1') or in full ('orders-db-1.prod.internal')."""
        key = name.lower()
        short = key.split(".", 1)[0]
        if short != key and _host_role(short) and _SHORT_HOST.fullmatch(short):
            key = short
        if key not in self.hosts:
            role = _host_role(name) or "internal host"
            same = sum(1 for label in self.hosts.values() if label.rsplit(" ", 1)[0] == role)
            self.hosts[key] = f"{role} {_letter(same)}"
        return self.hosts[key]


def _host_role(name: str) -> str | None:
    parts = re.split(r"[-.]", name.lower())
    return next(
        (_HOST_PART[p.rstrip("0123456789")] for p in parts if p.rstrip("0123456789") in _HOST_PART), None
    )


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _is_ipv6(text: str) -> bool:
    address = text.split("/", 1)[0]
    if address.count(":") < 2 or not re.search(r"[A-Fa-f]|::", address):
        return False  # '10:30:00' is a time
    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        return False
    return True


def _secrets(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the secrets detect-secrets finds in `text`, each widened to the whole token it sits in."""
    for value in _detect_secrets(text):
        for m in re.finditer(re.escape(value), text):
            start, end = m.start(), m.end()
            while start > 0 and _token_char(text[start - 1]):
                start -= 1
            while end < len(text) and _token_char(text[end]):
                end += 1
            while end > start and text[end - 1] in ".,;:!?":
                end -= 1
            yield start, end


def _token_char(char: str) -> bool:
    return not char.isspace() and char not in "\"'`<>()[]{}"


def _detect_secrets(text: str) -> set[str]:
    from detect_secrets.core.scan import scan_line
    from detect_secrets.plugins.base import BasePlugin
    from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin
    from detect_secrets.settings import get_plugins, transient_settings

    with transient_settings(_detector_config()):
        plugins: dict[str, BasePlugin] = {p.secret_type: p for p in get_plugins()}
        values = set()
        for secret in scan_line(text):
            value = secret.secret_value
            if not value:
                continue
            plugin = plugins.get(secret.type)
            # scan_line looks at every word for high entropy, to explain its verdicts; a word counts only
            # above the plugin's own limit, as in a file scan.
            if isinstance(plugin, HighEntropyStringsPlugin) and not (
                plugin.calculate_shannon_entropy(value) > plugin.entropy_limit
            ):
                continue
            values.add(value)
        return values


@cache
def _detector_config() -> dict[str, Any]:
    """Every detect-secrets plugin, with its default limits."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    plugins: dict[str, type] = get_mapping_from_secret_type_to_class()
    return {"plugins_used": [{"name": plugin.__name__} for plugin in plugins.values()]}
