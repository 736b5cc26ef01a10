"""Causes and contributing factors told without a causal word, by the shape of what the sentence says.

Writers often state a cause as a fault in the system and leave the 'because' to the reader ('the role was
accidentally granted a scope', 'a flaw in the parser', 'nameservers that were not configured with correct
information'), and a contributing factor as a condition that slowed the response or widened the damage
('the TTL was very high', 'the mistake was not detected for 17 days', 'the rollback would not complete
until…', 'old log drains still existed'). These patterns read those shapes:

- **a flaw**: a defect named as a thing (a bug, flaw, vulnerability, regression, race condition…), a
  state wrongly set ('was accidentally granted', 'were incorrectly configured', 'was never reset'), or a
  wrong setting ('an incorrect DNS record', 'a malformed config');
- **a condition**: a delay in detecting, diagnosing or recovering stated with how long or until when; a
  setting that was too high, too low or too broad; something left over that was still in place; a
  safeguard (failover, backups, monitoring, checks, a canary) that did not work or missed the fault.
"""

from __future__ import annotations

import re

_ADVERB_WRONG = (
    r"(?:accidentally|inadvertently|mistakenly|incorrectly|wrongly|improperly|erroneously|unintentionally|"
    r"silently|not properly|not correctly|never)"
)
_STATE_VERB = (
    r"(?:configured|set|granted|assigned|deployed|pointed|applied|enabled|disabled|deleted|removed|exposed|"
    r"published|merged|released|reset|cleaned up|validated|checked|escaped|sanitized|handled|updated|"
    r"migrated|rotated|renewed|scoped|sized|provisioned|included|logged|cached|shipped)"
)
_SETTING = (
    r"(?:config\w*|settings?|records?|values?|entry|entries|rules?|scopes?|grants?|permissions?|"
    r"certificates?|keys?|migrations?|quer(?:y|ies)|version|image|flags?|routes?|headers?|parameters?|"
    r"schemas?|manifests?|policy|policies|dns)"
)

FLAW = re.compile(
    r"\b(?:(?:a|an|the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:bug|flaw|defect|vulnerability|regression|"
    r"race condition|misconfiguration|memory leak|deadlock|typo|oversight|design (?:flaw|issue))s?"
    r"\s+(?:in|with|where|that|which|meant|allowed|existed)|"
    rf"(?:was|were|had been|has been|have been|is|are)\s+{_ADVERB_WRONG}\s+(?:\w+\s+)?{_STATE_VERB}|"
    rf"(?:was|were|had been)\s+not\s+(?:properly\s+|correctly\s+)?{_STATE_VERB}\s+(?:with|to|for|correctly|"
    r"properly)|"
    rf"(?:incorrect|wrong|invalid|faulty|bad|malformed|misconfigured|unintended|outdated)\s+(?:[\w-]+\s+)?"
    rf"{_SETTING})\b",
    re.IGNORECASE,
)
"""A fault in the system, named as a thing or as a state wrongly set."""

_RESPONSE = (
    r"(?:detect\w*|notic\w+|identif\w+|discover\w*|caught|diagnos\w+|found|investigat\w+|propagat\w+|"
    r"roll(?:ed|ing)?[- ]?back|rollback|recover\w*|restor\w+|resolv\w+|fix\w*|deploy\w*|complete\w*|clear)"
)
_SPAN = (
    r"(?:\d+|a few|several|many|some)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?)|"
    r"(?:hours|days|weeks|months)|some time|a (?:long )?while|later"
)
_SAFEGUARD = (
    r"(?:failover|fallback|backups?|redundan\w+|monitoring|alerting|alerts?|checks|tests|test suite|"
    r"health ?checks?|safeguards?|circuit breakers?|canar(?:y|ies)|rate limit\w*|procedures)"
)
"""What is there to stop or catch a failure: one that did not is a contributing factor."""
CONDITION = re.compile(
    rf"\b(?:(?:not|never)\s+(?:be\s+)?{_RESPONSE}\s+(?:[\w-]+\s+){{0,3}}?(?:for|until|till)\s+|"
    rf"(?:took|takes|take|taking|would take)\s+(?:{_SPAN}|longer|time)\s+(?:to|before)\s+(?:\w+\s+)?"
    rf"{_RESPONSE}|"
    rf"{_RESPONSE}\s+(?:[\w-]+\s+){{0,3}}?(?:did not|didn't|would not|wouldn't)\s+(?:happen|occur|start|"
    rf"complete|finish)\s+(?:for|until)\s+|"
    r"(?:ttl|timeout|time-out|limit|threshold|quota|retention|interval|cache|capacity|permissions?|scopes?|"
    r"retries|pool)\b[^.;]{0,120}?\b(?:was|were|is|are|had been|set to)\s+(?:set\s+)?(?:too|very|extremely|"
    r"excessively|unusually|overly)\s+(?:high|low|long|short|large|small|broad|permissive|aggressive|"
    r"generous)|"
    r"(?:historical|legacy|leftover|stale|unused|forgotten|orphaned|old)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:still\s+(?:existed|exist|remained|ran|running|configured|enabled|active|in place)|"
    r"(?:were|was)\s+still|(?:configured|left in place|never removed|not removed))|"
    r"still\s+(?:existed|remained)\s+for|"
    rf"{_SAFEGUARD}\b[^.;]{{0,60}}?\b(?:failed to|did not|didn't|did n't|could not|missed|never)\s+"
    r"(?:work|fire|trigger|catch|detect|kick in|take effect|cover|notice|an?|the))",
    re.IGNORECASE,
)
"""A condition that slowed the response or widened the damage, told without saying so."""
