"""Blame in sentences, in each of the forms it takes in real post-mortems, with a rewrite about the system.

A person is a given name (`names.py`, plus the document's own authors, owners and @handles), a handle, a
pronoun for someone else ('he', 'she'), a role ('the intern', 'the on-call engineer', 'an SRE on duty',
'someone on the platform team') or, with a verb only people do ('forgot', 'carelessly'), any capitalised
name. 'I' and 'we' are never flagged: owning a mistake is not blaming someone. The forms:

- **cause**: the person is the subject of a failure ('Ana forgot to…', 'the intern accidentally
  deleted…', 'the SRE should have…'), did something risky ('…to the wrong branch', '…without a backup',
  '…by mistake'), did it in the clause that explains the failure ('…because Olga restarted it'), is the
  agent of it ('caused by Nina', 'dropped by Leo'), or owns it ("Steve's typo took the site down");
- **counterfactual**: 'If Sarah had reviewed…', 'Had the reviewer done their job…';
- **judging**: words that judge people ('careless', 'sloppy', 'too lazy to', 'could not be bothered',
  'clearly did not read', 'should have known better', 'at fault') and 'human / operator error';
- **action**: an action item aimed at one person ('Train Bob…', 'Remind Alice to…', 'Jenny must be more
  careful…', a performance plan) instead of at the system.

Naming people for what they did ('Priya rolled back the release', 'Ana paged the database team'), failures of
systems ('the job failed to start') and counterfactuals about systems ('had the canary been in place') are
not blame. Each sentence gives at most one `Blame`: the first form found, in the order above.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from afterboard.checks.names import GIVEN_NAMES
from afterboard.checks.vocabulary import HUMAN_ERROR, NOT_BLAME

Form = Literal["cause", "counterfactual", "judging", "action"]

_ROLE_NOUN = (
    r"(?:intern|new hire|hire|engineer|developer|dev|programmer|coder|operator|admin|administrator|sysadmin|"
    r"sre|dba|on-?call(?: engineer| person| admin)?|contractor|employee|teammate|colleague|team member|"
    r"staff member|junior|lead|manager|commander|responder|reviewer|approver|deployer|tester|technician|"
    r"analyst|architect|person|guy)"
)
_DETERMINER = r"(?:(?:(?:the|an?|our)\s+)?[\w-]+'s|the|an?|our|their|his|her|one|another|that|this)"
_ROLE = (
    rf"(?:{_DETERMINER}\s+(?:[\w-]+\s+){{0,2}}?{_ROLE_NOUN}"
    r"(?:\s+(?:on\s+(?:call|duty|shift)|responsible|in charge))?)"
)
_GROUP = r"(?:ops|(?:the|our)\s+(?:[\w-]+\s+)?(?:team|ops))"
"""A team as the subject of a failure or a judgement ('the support team was negligent')."""
_ANYONE = r"(?:someone|somebody|he|she)"
_NOBODY = r"(?:nobody|no one|no-one)"
_PLACE = r"(?:\s+(?:on|from|in|of|at)\s+(?:the\s+)?[\w-]+(?:\s+(?:team|shift|rotation|duty|call))?)?"
"""'someone on the platform team', 'the engineer on call'."""
_AUX = (
    r"(?:\s+(?:had|has|have|was|were|did|then|also|just|simply|apparently|unfortunately|again|still|once|"
    r"clearly|obviously|completely|totally))*"
)
_HUMAN_ONLY = (
    r"forgot|forgets|forgotten|neglected|overlooked|ignored|misread|misjudged|mistyped|misunderstood|"
    r"messed up|screwed up|botched|fat[- ]fingered|rubber[- ]stamped|panicked|mistakenly|accidentally|"
    r"inadvertently|unintentionally|carelessly|erroneously|recklessly|"
    r"made (?:a|an|the) (?:\w+ )?(?:mistake|error|bad call|wrong call)|made poor \w+|"
    r"(?:was|were)(?:n't| not) (?:careful|paying attention)|(?:was|were) (?:too )?(?:slow|careless|sloppy|"
    r"negligent|lazy|complacent|reckless)|did(?:n't| not) (?:bother|care)"
)
"""Failures only a person commits: with one of these, any capitalised subject is taken as a person."""
_FAILURE = (
    rf"{_HUMAN_ONLY}|failed to|fails to|omitted|skipped|missed|misconfigured|broke|caused|wrongly|"
    r"incorrectly|should(?:\s+not|n't)?\s+have|should've|"
    r"did(?:n't| not)(?!\s+(?:have|know|receive|get|hear|see|need|expect|exist)\b)|"
    r"never(?!\s+(?:received|got|saw|heard|knew|had|expected)\b)"
)
_PAST = (
    r"(?:\w+ed|ran|ran|broke|took|wrote|gave|did|went|made|set|put|sent|left|shut|hit|chose|brought|"
    r"pushed|dropped|deleted|wiped)"
)
_RISK = (
    r"\b(?:by (?:mistake|accident)|in error|wrong|instead of|without (?:a |any |the )?(?:backup|review\w*|"
    r"test\w*|drain\w*|check\w*|approval|looking|reading|telling|asking|permission|a second pair)|"
    r"untested|unreviewed|straight (?:in)?to production)\b"
)
_OWNED = (
    r"(?:\w+\s+){0,2}?(?:mistake|error|typo|fault|responsibility|blunder|oversight|slip|carelessness|"
    r"negligence|screw-?up)"
)
_CHANGE = r"(?:[\w-]+\s+){0,2}?(?:change|commit|edit|push|deploy|patch|script|config|pr|merge|query|code)"
_HARM = r"(?:took|brought|broke|caused|deleted|dropped|wiped|corrupted|crashed|killed|triggered|led to)"
_AGENT = (
    r"(?:caused|triggered|broken|dropped|deleted|wiped|corrupted|introduced|rushed(?:\s+out)?|"
    r"(?:mistake|error|typo)s?\s+(?:was|were)\s+made)"
)
_JUDGING = re.compile(
    r"\b(?:careless(?:ly|ness)?|sloppy|sloppiness|negligen(?:t|ce)|incompeten(?:t|tly|ce)|complacen(?:t|cy)|"
    r"reckless(?:ly|ness)?|overconfident|too lazy|(?:was|were|being) lazy|laziness|"
    r"lazy (?:copy|approach|fix|review|work|mistake|developer|engineer|coding)|"
    r"(?:could(?:n't| not)|can't|cannot) be bothered|bother(?:ed)? to|did(?:n't| not) bother|"
    r"should have known(?: better)?|"
    r"(?:clearly|obviously) (?:did(?:n't| not)|never|nobody|no one|forgot|ignored|rushed|failed|skipped)|"
    r"poor (?:decisions|judge?ment)|rubber[- ]stamp\w*|(?:wasn't|was not|weren't|were not) paying attention|"
    r"did(?:n't| not) know what (?:he|she|they) (?:was|were) doing|panicked|"
    r"at fault|(?:his|her|their) fault|(?:the )?fault of|(?<!not )to blame|blamed (?:on|for)|"
    r"blame (?:lies|goes|falls)|(?:stupid|dumb|silly) mistake)\b",
    re.IGNORECASE,
)
_ERROR_THING = re.compile(
    r"^\s*(?:messages?|pages?|codes?|rates?|handling|dialogs?|responses?|reports?)\b", re.I
)
"""'a user error message' names a kind of message, not a person's error."""
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z@\"'(])|\n+")
_IRREGULAR = {
    "ran": "run",
    "run": "run",
    "broke": "broken",
    "break": "broken",
    "took": "taken",
    "take": "taken",
    "wrote": "written",
    "write": "written",
    "gave": "given",
    "give": "given",
    "did": "done",
    "do": "done",
    "went": "gone",
    "made": "made",
    "make": "made",
    "forgot": "forgotten",
    "set": "set",
    "put": "put",
    "sent": "sent",
    "send": "sent",
    "left": "left",
    "leave": "left",
    "shut": "shut",
    "hit": "hit",
    "chose": "chosen",
    "choose": "chosen",
    "read": "read",
    "keep": "kept",
    "see": "seen",
    "saw": "seen",
    "know": "known",
    "brought": "brought",
    "bring": "brought",
    "misread": "misread",
    "rubber-stamped": "approved",
    "messed-up": "broken",
    "fat-fingered": "mistyped",
}
_OBJECT_START = re.compile(r"^(?:the|a|an|his|her|their|its|our|these|those|it|them|all|every)\b", re.I)
_DROP = re.compile(r"(?:[,:]|\s+(?:and|which|so|because|since|while|when|who|but)\b).*$")
"""Where a clause ends: what follows is not part of the object ('…the command and wiped the volume')."""
_TAIL = re.compile(
    r"\s+(?:at|on|in|into|onto|to|against|straight|during|before|after|without|instead|by|"
    r"(?:first|again|properly|correctly|in time)$)\b.*$"
)
"""Where a prepositional phrase starts: it stays after the verb ('…was run against production')."""
_CLAUSE = re.compile(r"\b(?:had|has|have|was|were|is|are|would|could|did)\b")
_STRIP = re.compile(
    r"\s*\b(?:clearly|obviously|simply|carelessly|sloppily|lazily|recklessly|completely|totally)\b", re.I
)


@dataclass(frozen=True)
class Blame:
    sentence: str
    person: str
    """Who the sentence blames, as written ('Ana', 'the on-call engineer', 'nobody')."""
    failure: str
    """The words that make it blame ('forgot', 'caused by', 'if … had', 'careless', 'Train')."""
    rewrite: str
    """A sentence about the system to write instead, or what to say when none can be built."""
    form: Form = "cause"


def find_blame(text: str, people: Iterable[str] = ()) -> list[Blame]:
    """Each sentence of `text` that blames a person, once, with a rewrite about the system."""
    patterns = _patterns(tuple(sorted({p.lower() for p in people if len(p) > 1})))
    known = {p.lower() for p in people}
    found: list[Blame] = []
    for written in _SENTENCE.split(text):
        sentence = written.strip()
        if sentence:
            blame = _blame(sentence, patterns, known)
            if blame is not None:
                found.append(blame)
    return found


def human_error(text: str) -> re.Match[str] | None:
    """'Human error' or 'operator error' given as a cause ('a user error message' is not one)."""
    for match in HUMAN_ERROR.finditer(text):
        if not _ERROR_THING.match(text[match.end() :]):
            return match
    return None


@dataclass(frozen=True)
class _Patterns:
    failure: re.Pattern[str]
    risky: re.Pattern[str]
    because: re.Pattern[str]
    agent: re.Pattern[str]
    owned: re.Pattern[str]
    counterfactual: re.Pattern[str]
    action: re.Pattern[str]
    must: re.Pattern[str]


@lru_cache(maxsize=256)
def _patterns(extra: tuple[str, ...]) -> _Patterns:
    known = "|".join(re.escape(p) for p in extra)
    names = r"@[\w.-]+|(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)" + (f"|{known}" if known else "")
    one = rf"(?:{_ROLE}|{names})"
    person = rf"(?P<person>{_ROLE}{_PLACE}|{_GROUP}|{_ANYONE}{_PLACE}|{names})"
    start = r"(?:^|(?<=[\s(\"',;:]))"
    flags = re.IGNORECASE
    return _Patterns(
        failure=re.compile(rf"{start}{person}{_AUX}\s+(?P<failure>{_FAILURE})\b(?P<rest>[^.!?;,:]*)", flags),
        risky=re.compile(
            rf"{start}{person}{_AUX}\s+(?P<verb>{_PAST})\b(?P<rest>[^.!?;]*?(?P<failure>{_RISK})[^.!?;]*)",
            flags,
        ),
        because=re.compile(
            rf"\b(?P<failure>because|since)\s+{person}\s+(?:had\s+)?(?P<verb>{_PAST})\b(?P<rest>[^.!?;]*)",
            flags,
        ),
        agent=re.compile(
            rf"\b(?P<failure>{_AGENT}\s+by|(?:mistake|error|fault)\s+(?:by|of|on the part of))\s+{person}"
            r"(?P<rest>[^.!?;]*)",
            flags,
        ),
        owned=re.compile(
            rf"{start}(?P<person>{one})'s\s+(?:(?P<failure>{_OWNED})|{_CHANGE}\b[^.!?;]*?\b(?P<harm>{_HARM}))\b",
            flags,
        ),
        counterfactual=re.compile(
            rf"(?:\b(?P<failure>if(?:\s+only)?)\s+{person}\s+had|(?:^|(?<=[,;]\s))(?P<had>had)\s+"
            rf"{person.replace('person', 'person2')})\s+(?P<neg>not\s+)?(?P<verb>\w+)\b(?P<rest>[^.!?;,]*)",
            flags,
        ),
        action=re.compile(
            r"^(?P<failure>train|retrain|re-train|remind|ask|tell|instruct|warn|coach|discipline|talk to|"
            r"speak to|have a word with|make sure|ensure|hold|put|take away [^.]*? from|"
            r"revoke [^.]*? (?:from|for))\s+"
            rf"(?P<person>{one}|{_ANYONE})\b(?P<rest>[^.!?;]*)",
            flags,
        ),
        must=re.compile(
            rf"{start}{person}\s+(?P<failure>must|should(?!\s+(?:not\s+)?have)|needs? to|has to|have to|"
            r"will have to|is to)\s+"
            r"(?P<rest>(?:be (?:more )?careful|take more care|stop|double-check|get approval|apologi[sz]e|"
            r"remember|pay (?:more )?attention|learn|not)\b[^.!?;]*)",
            flags,
        ),
    )


def _blame(sentence: str, p: _Patterns, known: set[str]) -> Blame | None:
    plain = NOT_BLAME.sub(" ", sentence)
    for match in (p.action.search(plain), p.must.search(plain)):
        if (
            match
            and _is_person(match["person"], known, strict=True, human_only=_only_people(match))
            and not _plural(match["person"])
        ):
            return Blame(sentence, match["person"], match["failure"], _action_rewrite(match), "action")
    for match in p.counterfactual.finditer(plain):
        person = match["person"] or match["person2"]
        if _is_person(person, known):
            cue = "if … had" if match["failure"] else "had …"
            rewrite = _NO_REWRITE if match["verb"].lower() == "been" else _counterfactual(match)
            return Blame(sentence, person, cue, rewrite, "counterfactual")
    error = human_error(plain)
    if error:
        return Blame(
            sentence, "people", error.group(0), _judging_rewrite(sentence, error.group(0)), "judging"
        )
    for pattern in (p.risky, p.failure, p.because, p.agent, p.owned):
        for match in pattern.finditer(plain):
            person = match["person"]
            groups = match.groupdict()
            failure = groups.get("failure") or groups.get("harm") or ""
            human_only = re.fullmatch(_HUMAN_ONLY, failure.lower()) is not None
            if _is_person(person, known, human_only=human_only):
                return Blame(sentence, person, failure, _cause_rewrite(match, sentence), "cause")
    nobody = re.search(rf"\b(?P<person>{_NOBODY}){_PLACE}{_AUX}\s+(?:could\s+)?(?:be\s+)?bother", plain, re.I)
    judged = _JUDGING.search(plain)
    if judged:
        who = nobody["person"] if nobody else "people"
        return Blame(sentence, who, judged.group(0), _judging_rewrite(sentence, judged.group(0)), "judging")
    return None


def _is_person(
    person: str | None, known: set[str], *, human_only: bool = False, strict: bool = False
) -> bool:
    if not person:
        return False
    word = person.strip()
    lowered = word.lower()
    if lowered in {"i", "we", "us", "it", "they", "this", "that", "there", "nothing"}:
        return False
    if word.startswith("@") or lowered in known:
        return True
    if re.fullmatch(rf"{_ROLE}{_PLACE}|{_ANYONE}{_PLACE}", word, re.IGNORECASE):
        return True
    if not strict and re.fullmatch(_GROUP, word, re.IGNORECASE):
        return True
    first = lowered.split()[0]
    capitalised = word[:1].isupper() and word.split()[0].isalpha()
    return capitalised and (first in GIVEN_NAMES or (human_only and first not in _NOT_PEOPLE))


def _only_people(match: re.Match[str]) -> bool:
    """An action only a person can be the object or subject of ('Train Pete', 'Ask Pete to be more
    careful', 'Pete must pay more attention'): then any capitalised name is a person, listed or not."""
    return bool(_TRAINED.fullmatch(match["failure"]) or _CAREFUL.match(match["rest"].strip()))


_TRAINED = re.compile(
    r"train|retrain|re-train|remind|coach|discipline|talk to|speak to|have a word with|instruct|warn",
    re.IGNORECASE,
)
_CAREFUL = re.compile(
    r"(?:to\s+)?(?:be (?:more )?careful|take more care|pay (?:more )?attention|double-check|remember|"
    r"apologi[sz]e|learn|read the|follow the)\b",
    re.IGNORECASE,
)
"""What only people are asked to do."""

_NOT_PEOPLE = frozenset(
    "the a an it this that we they our there here if when then why how what who support customers users "
    "everyone nobody someone".split()
)


def _plural(person: str) -> bool:
    """'all on-call engineers', 'everyone': an action for a whole group is a process change, not blame."""
    return bool(
        re.search(r"\b(?:all|every|each|everyone|everybody)\b|s$", person.strip(), re.IGNORECASE)
    ) and not (person.strip()[:1].isupper() and " " not in person.strip())


_NO_REWRITE = (
    "Say what the system lacked instead of what someone might have done: the missing check, alert or "
    "safeguard that would have caught it."
)


def _participle(verb: str) -> str:
    lowered = verb.lower()
    if lowered in _IRREGULAR:
        return _IRREGULAR[lowered]
    if lowered.endswith("ed") or lowered in _IRREGULAR.values():
        return lowered
    if lowered.endswith("e"):
        return lowered + "d"
    if re.search(r"[^aeiou]y$", lowered):
        return lowered[:-1] + "ied"
    if re.search(r"^[^aeiou]*[aeiou][^aeiouwxy]$", lowered):
        return lowered + lowered[-1] + "ed"
    return lowered + "ed"


def _passive(words: str, *, negative: bool, it: str = "the system") -> str | None:
    """'follow the runbook before deploying' → 'The runbook was not followed before deploying'; None when
    the words have no object to make the subject of (`it` stands for 'it')."""
    verb, _, rest = words.strip().partition(" ")
    if not re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z]+)?", verb) or not _OBJECT_START.match(rest):
        return None
    rest = _DROP.sub("", rest)
    body = _TAIL.sub("", rest).strip(" ,")
    tail = rest[len(body) :].rstrip(" ,")
    if not body or _CLAUSE.search(body):
        return None
    subject = re.sub(r"^(?:his|her|their)\b", "the", body, flags=re.IGNORECASE)
    subject = re.sub(r"^(?:it|them)$", it, subject, flags=re.IGNORECASE)
    subject = subject[:1].upper() + subject[1:]
    last = subject.split()[-1]
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is"))
    be = ("were" if plural else "was") + (" not" if negative else "")
    return f"{subject} {be} {_participle(verb)}{tail}"


def _example(sentence: str, then: str) -> str:
    return f'Rewrite it around the system, e.g. "{sentence}" Then {then}.'


_MISSED = "name what was missing (a checklist step, an automated check, an alert)"
_UNSTOPPED = "name the safeguard that would have stopped it (a review, a validation, a confirmation)"
_SLIPS = frozenset(
    "mistakenly accidentally inadvertently unintentionally erroneously carelessly recklessly wrongly "
    "incorrectly".split()
)
_DONE_WRONG = frozenset(
    "broke caused misconfigured overlooked ignored missed misread skipped botched mistyped rubber-stamped "
    "messed-up fat-fingered".split()
)


def _cause_rewrite(match: re.Match[str], sentence: str) -> str:
    groups = match.groupdict()
    failure = " ".join((groups.get("failure") or "").lower().split())
    rest = (groups.get("rest") or "").strip()
    it = _subject(sentence)
    for attempt in (_done_wrong, _should_not, _not_seen, _omitted, _slipped):
        found = attempt(failure, rest, groups.get("verb"), it)
        if found:
            return found
    without = _without_person(sentence, match["person"])
    if without:
        return _example(without, "say what let it happen (no review, no test, no safeguard)")
    return (
        "Describe what in the system or process allowed this (a missing check, an unclear runbook, a risky "
        "default) instead of who did it."
    )


def _done_wrong(failure: str, rest: str, verb: str | None, it: str) -> str | None:
    """'Grace deleted the namespace instead of staging' → 'The namespace was deleted instead of staging'."""
    passive = _passive(f"{verb} {rest}", negative=False, it=it) if verb else None
    if passive is None:
        return None
    cleaned = re.sub(r"\s+(?:by (?:mistake|accident)|in error)\b", "", passive)
    return _example(f"{cleaned}, and nothing stopped it.", _UNSTOPPED)


def _should_not(failure: str, rest: str, verb: str | None, it: str) -> str | None:
    if not re.match(r"should(?:\s+not|n't)\s+have", failure):
        return None
    passive = _passive(re.sub(r"^have\s+", "", rest), negative=False, it=it)
    return _example(f"{passive}, and nothing in the process stopped it.", _UNSTOPPED) if passive else None


def _not_seen(failure: str, rest: str, verb: str | None, it: str) -> str | None:
    """'Dave should have known that the flag was on' → 'Nothing showed that the flag was on'."""
    known = re.match(r"^(?:have\s+)?(?:known|noticed|realised|realized|seen|checked)\s+that\s+(.+)$", rest)
    if known is None:
        return None
    return _example(f"Nothing showed that {known[1]}.", "name what would have shown it (an alert, a check)")


def _omitted(failure: str, rest: str, verb: str | None, it: str) -> str | None:
    """'Mike forgot to renew the certificate' → 'The certificate was not renewed'."""
    slow = bool(re.search(r"\b(?:slow|lazy)$", failure)) and rest.startswith("to ")
    if not (slow or failure.startswith(_OMISSIONS)):
        return None
    step = re.sub(r"^(?:to|have|not)\s+", "", rest)
    step = re.sub(r"^(?:not\s+)?(?:have\s+)?(?:(?:care|bother)(?:ed)?\s+)?(?:enough\s+)?(?:to\s+)?", "", step)
    quickly = " quickly" if failure.endswith("slow") else ""
    passive = None if quickly else _passive(step, negative=True, it=it)
    if passive:
        return _example(f"{passive}, and nothing in the process caught it.", _MISSED)
    return (
        _example(f"Nothing in the process made sure someone would {step}{quickly}.", _MISSED)
        if step
        else None
    )


_OMISSIONS = ("forgot", "failed", "fails", "neglected", "omitted", "did", "should", "never")


def _slipped(failure: str, rest: str, verb: str | None, it: str) -> str | None:
    """'Tom mistakenly pointed the script at prod' → 'The script was pointed at prod, and nothing stopped
    it'."""
    failure = re.sub(r"[- ]", "-", failure)
    if failure not in _SLIPS and failure not in _DONE_WRONG:
        return None
    passive = _passive(rest if failure in _SLIPS else f"{failure} {rest}", negative=False, it=it)
    return _example(f"{passive}, and nothing stopped it.", _UNSTOPPED) if passive else None


def _subject(sentence: str) -> str:
    """What 'it' most likely stands for: the sentence's own subject ('The primary went down because Olga
    restarted it')."""
    found = re.match(r"^(?:the|our|its)\s+[\w-]+", sentence, re.IGNORECASE)
    return found[0].lower() if found else "the system"


def _without_person(sentence: str, person: str) -> str | None:
    """The sentence with the person taken out, when that leaves a sentence: "Steve's typo in the DNS record
    took the site down" → 'A typo in the DNS record took the site down'; 'caused by Xavier, who ran the
    wrong playbook' → 'The wrong playbook was run'."""
    name = re.escape(person)
    who = re.search(rf"\bby\s+{name},?\s+who\s+(?P<words>[^.!?;]+)", sentence)
    if who:
        passive = _passive(who["words"], negative=False)
        return f"{passive}, and nothing stopped it." if passive else None
    owned = re.search(rf"\b{name}'s\s+(?:careless|sloppy|lazy|bad)?\s*(?P<next>\w)", sentence)
    article = "an " if owned and owned["next"].lower() in "aeiou" else "a "
    text = re.sub(rf"\b{name}'s\s+(?:careless|sloppy|lazy|bad)?\s*", article, sentence, count=1)
    text = re.sub(rf"\s+by\s+{name}(?=\s+\w+ing\b)", " by", text)
    text = re.sub(rf"\s+(?:by|of|on the part of)\s+{name}\b", "", text)
    text = re.sub(r"\s+(?:by (?:mistake|accident)|in error)\b", "", text)
    text = _STRIP.sub("", text).strip()
    if (
        text == sentence.strip()
        or re.search(rf"\b{name}\b", text)
        or re.search(r"\b(?:was|is)\b[^.]*\b(?:mistake|fault|responsibility|blunder|oversight)\.?$", text)
    ):
        return None
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _counterfactual(match: re.Match[str]) -> str:
    verb = match["verb"].lower()
    words = f"{verb} {match['rest'].strip()}"
    passive = None if verb in {"been", "done"} else _passive(words, negative=match["neg"] is None)
    if passive:
        ending = "prevented it" if match["neg"] else "required it"
        return _example(f"{passive}, and nothing in the process {ending}.", "name the missing step")
    return _NO_REWRITE


_AIM = "Aim it at the process, not at one person, e.g."


def _action_rewrite(match: re.Match[str]) -> str:
    verb = match["failure"].lower()
    rest = match["rest"].strip()
    if verb in {"train", "retrain", "re-train", "coach"}:
        topic = re.sub(r"^(?:on|in|about)\s+", "", rest) or "the process"
        walkthrough = f"Run a walkthrough of {topic} for everyone who does it"
        return f'{_AIM} "{walkthrough}, and make the tooling enforce its steps."'
    step = re.sub(r"^(?:to|that he|that she|he|she)\s+", "", rest)
    if verb in {"remind", "ask", "tell", "instruct", "warn"} and step and not step.startswith("be "):
        return f'{_AIM} "Add a check or a prompt so that no one has to remember to {step}."'
    careful = re.search(
        r"\bcareful\s+(?P<how>when|while|before|with|around|about|on)\s+(?P<what>[^.!?;]+)", rest
    )
    if careful:
        how = "for" if careful["how"] in {"with", "around", "about", "on"} else careful["how"]
        what = careful["what"]
        return f'{_AIM} "Add a safeguard {how} {what} (a review, a validation or a confirmation step)."'
    return (
        "Accountability is management's business, not the post-mortem's: replace it with a change to the "
        "system that makes the mistake harder to make (a required review, a confirmation step, an automated "
        "check)."
    )


def _judging_rewrite(sentence: str, word: str) -> str:
    if HUMAN_ERROR.search(word):
        return (
            "Say what allowed the mistake and let it do harm, e.g. 'the console allows deleting a production "
            "table without confirmation'."
        )
    step = re.search(r"\b(?:bother(?:ed)?|too (?:lazy|careless))\s+to\s+(?P<step>[^.!?;]+)", sentence, re.I)
    if step:
        passive = _passive(step["step"], negative=True)
        if passive:
            return _example(f"{passive}, and nothing in the process required it.", _MISSED)
        return _example(f"Nothing in the process made sure someone would {step['step']}.", _MISSED)
    # 'A sloppy merge by Carlos reintroduced the bug' → 'A merge reintroduced the bug'
    found = _ADJECTIVE.search(sentence)
    if found:
        plain = sentence[: found.start()] + sentence[found.end() :]
        plain = _STRIP.sub("", _BY_SOMEONE.sub("", plain))
        plain = re.sub(
            r"^(?:an?)\s+(?=\w)", lambda m: "An " if plain[m.end()] in "aeiouAEIOU" else "A ", plain
        )
        return _example(plain[:1].upper() + plain[1:], "say what let it happen")
    return (
        "Say what happened and what allowed it, without judging anyone, e.g. 'the command ran against "
        "production because the prompt did not show the environment'."
    )


_ADJECTIVE = re.compile(
    r"(?:(?<=\ba )|(?<=\ban )|(?<=\bthe ))(?:careless|sloppy|lazy|reckless|negligent)\s+", re.I
)
_BY_SOMEONE = re.compile(r"\s+by\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?(?=\s+(?:\w+ed|broke|took|ran|made)\b)")
