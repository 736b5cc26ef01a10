"""Causes and contributing factors told without a causal word, by the shape of what the sentence says.

Writers often state a cause as a fault in the system and leave the 'because' to the reader ('the role was
accidentally granted a scope', 'a flaw in the parser', 'nameservers that were not configured with correct
information'), and a contributing factor as a condition that slowed the response or widened the damage
('the TTL was very high', 'the mistake was not detected for 17 days', 'the rollback would not complete
until…', 'old log drains still existed'). These patterns read those shapes:

- **a flaw**: a defect named as a thing (a bug, flaw, vulnerability, regression, race condition…), a
  state wrongly set ('was accidentally granted', 'were incorrectly configured', 'was never reset'), a
  wrong setting ('an incorrect DNS record', 'a malformed config'), a failure of the machine itself ('the
  server experienced a kernel panic'), or too little of a resource ('without setting aside enough
  resources', 'ran out of memory');
- **a condition**: a delay in detecting, diagnosing or recovering stated with how long or until when, or a
  response slower than it could be; nobody alerted in time (no alert, a notice not received, a warning
  dismissed, a vulnerability triaged as low priority, a warning that went unread); responders who could
  not act; a setting that was too high, too low or too broad; something left over that was still in place;
  a safeguard (failover, backups, monitoring, CI, tests, review, a canary) that did not work, missed the
  fault or was not there at all; one dependency everything rests on (a single server that was make or
  break); 'on top of that', 'which extended our downtime'.
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
    rf"{_SETTING}|"
    r"(?:experienced|suffered|hit|had)\s+an?\s+(?:[\w-]+\s+)?(?:kernel panic|hardware (?:failure|fault)|"
    r"(?:disk|drive|power) failure)|"
    r"(?:without|not)\s+(?:[\w-]+\s+){0,2}?(?:enough|sufficient)\s+(?:resources|capacity|memory|disk space|"
    r"headroom|connections)|insufficient\s+(?:resources|capacity|memory|disk)|"
    r"ran out of\s+(?:memory|disk|space|capacity|connections|file descriptors))\b",
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
_SLOW = (
    r"(?:response|detection|recovery|resolution|rollback|fix|deploy\w*|escalation)\s+(?:was|were)\s+"
    r"(?:much\s+|way\s+|a lot\s+)?(?:slower|longer|later|delayed)|"
    r"took\s+(?:\w+\s+)?longer\s+than\s+(?:expected|planned|usual|necessary|it should)|"
    r"(?:fix|fixing|implementing|recovery|restor\w+|rollback|deploy\w*|propagation|investigation|"
    r"diagnosis)\b[^.;]{0,40}?\btook\s+(?:some|a\s+(?:long\s+)?while|(?:much\s+|way\s+)?longer|hours|"
    r"days|time)|"
    r"(?:could not|couldn't|did not|didn't|(?:were|was)(?: not|n't) able to)\s+(?:react|respond|recover|"
    r"notice|detect|reroute|fail ?over)\s+(?:\w+\s+)?(?:fast|quickly|soon|early)\s+enough|"
    r"\bwhy (?:was|were|did)\b[^.?]{0,40}?\b(?:so long|take so long|last so long|so slow|so bad|so severe)"
)
"""A response that was slower than it could be, or a question asking why it was."""
_BLIND = (
    r"(?:nobody|no one|no-one)\s+(?:was\s+)?(?:paged|alerted|notified|noticed|awake)|"
    r"no\s+(?:alerts?|alerting|monitoring|paging)\b[^.;]{0,25}?\b(?:configured|set up|in place|fired|"
    r"existed)|"
    r"(?:not|never|didn't|did not)\s+(?:receive|see|get|read)\s+(?:the\s+)?(?:notice|alert|page|"
    r"notification|warning)s?\s+(?:in a timely fashion|in time|promptly|until)|"
    r"(?:raised|reported|flagged|warned|pointed out)\b[^.;]{0,80}?\b(?:dismissed|ignored|not acted on|"
    r"deprioriti[sz]ed)|"
    r"(?:triaged|rated|classified|marked|filed)\s+(?:it|them|this|the\s+\w+)\s+as\s+(?:a\s+)?(?:low[- ]"
    r"(?:priority|severity|risk)|minor|non-critical|not urgent)|"
    r"(?:went|had gone|was|were)\s+(?:unread|overlooked|unheeded)|scrolled past|"
    r"no\s+(?:staff|one|engineers?|responders?)\s+(?:\w+\s+)?(?:was\s+|were\s+|be\s+)?(?:reachable|available)"
)
"""Nobody learnt of it in time: no alert, a notice not received, a warning dismissed."""
_STUCK = (
    r"nothing (?:that )?(?:we|i) could do|(?:we|i) (?:were|was) unable to (?:switch|fail|log|access|reach|"
    r"roll|restore|reroute|recover|change|update)|(?:lacked|lack) the (?:ability|access|permissions?) to"
)
"""Responders who could not act."""
_WORSE = (
    r"(?:extended|prolonged|lengthened|worsened)\s+(?:our|the)\s+(?:downtime|outage|incident|impact|"
    r"recovery|disruption)|on top of (?:that|this)|to make matters worse|making matters worse"
)
"""Something that made it longer or worse, said in so many words."""
_COUPLED = (
    r"(?:rely|relies|relied|depend|depends|depended)\s+(?:solely\s+|entirely\s+|only\s+)?on\s+(?:a single|"
    r"one|the|our)\s+(?:[\w-]+\s+)?(?:host|provider|vendor|supplier|registrar|region|server|machine)\b|"
    r"single points? of failure|(?:is|was) both our [\w-]+ and our|make[- ]or[- ]break|"
    r"(?:a|one|only one)\s+single\s+(?:[\w-]+\s+){0,2}?(?:server|host|machine|node|instance|database|"
    r"balancer|router|disk|dev|developer|engineer|person|maintainer)\b"
)
"""One dependency everything rests on."""
SAFEGUARD = (
    r"(?:failover|fallback|backups?|redundan\w+|monitoring|alerting|alerts?|checks|tests|test suite|testing|"
    r"health ?checks?|safeguards?|circuit breakers?|canar(?:y|ies)|rate limit\w*|procedures|CI|CI/CD|"
    r"pipelines?|code reviews?|reviews|QA|scann(?:er|ers|ing)|audits?|linters?|validation|pause)"
)
"""What is there to stop or catch a failure: one that did not is a contributing factor."""
CONDITION = re.compile(
    rf"\b(?:(?:not|never|\w+n't)\s+(?:be\s+)?{_RESPONSE}\s+(?:[\w-]+\s+){{0,3}}?(?:for|until|till)\s+|"
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
    rf"{SAFEGUARD}\b[^.;]{{0,60}}?\b(?:failed to|did not|didn't|could not|couldn't|missed|never|"
    r"(?:was|were)(?: not|n't) able to|(?:was|were) unable to)\s+"
    r"(?:work|fire|trigger|catch|detect|kick in|take effect|cover|notice|count|alert|reveal|surface|flag|"
    r"prevent|stop|block|an?|the)|"
    rf"(?:did not|didn't|failed to|never)\s+(?:trigger|fire|show up|surface|register)\b[^.;]{{0,40}}?\b"
    rf"(?:in|by)\s+(?:any of\s+)?(?:our|the|any)\s+(?:[\w-]+\s+)?{SAFEGUARD}|"
    rf"(?:did not|didn't|does not|doesn't)\s+(?:have|contain|include)\s+(?:a|an|any)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{SAFEGUARD}\b|"
    rf"{_SLOW}|{_BLIND}|{_STUCK}|{_WORSE}|{_COUPLED})",
    re.IGNORECASE,
)
"""A condition that slowed the response or widened the damage, told without saying so."""
