"""Minimal edits of one news-style sentence, each a small named transformation with its label
(the FactCC recipe): corruptions labelled contradiction, meaning-keeping rewrites labelled
entailment, and trap-like changes labelled neutral.

Every edit is a function ``(sentence, pools, rng) -> str | None`` (None: it does not apply).
Plain regular expressions and lemminflect (verb forms) find what to change: a wrong edit costs a
little noise in training data, never a wrong answer at run time.
"""

from __future__ import annotations

import functools
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lemminflect import getInflection, getLemma
from num2words import num2words

CURLY = "\u2019"
WORDNET = Path(__file__).resolve().parents[2] / "src" / "claimcheck" / "lexicons" / "wordnet.json"


@dataclass
class Pools:
    """Words drawn from the sentence pool: places, people, organisations."""

    places: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    common: frozenset[str] = frozenset()  # lower-case words frequent in the pool


Edit = Callable[[str, Pools, random.Random], "str | None"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTH_ABBR = {"Jan.": "January", "Feb.": "February", "Aug.": "August", "Sept.": "September",
              "Sep.": "September", "Oct.": "October", "Nov.": "November", "Dec.": "December"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def _sub_once(pattern: str, repl, text: str, rng: random.Random, flags=0) -> str | None:
    """Replace one randomly chosen match of ``pattern``; None when nothing matches or nothing changes."""
    matches = list(re.finditer(pattern, text, flags))
    if not matches:
        return None
    m = rng.choice(matches)
    new = repl(m) if callable(repl) else m.expand(repl)
    if new is None or new == m.group(0):
        return None
    return text[: m.start()] + new + text[m.end():]


def _keep_case(old: str, new: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def _swap_words(pairs: list[tuple[str, str]]) -> Edit:
    """An edit that replaces one word of a pair by the other (both directions, case kept)."""
    table = {}
    for a, b in pairs:
        table.setdefault(a.lower(), []).append(b)
        table.setdefault(b.lower(), []).append(a)
    pattern = r"\b(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")\b"

    def edit(s: str, pools: Pools, rng: random.Random) -> str | None:
        return _sub_once(pattern, lambda m: _keep_case(m.group(0), rng.choice(table[m.group(0).lower()])),
                         s, rng, re.I)
    return edit


# ---------------------------------------------------------------- numbers
MONTH_BEFORE = r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? $"
NUM = r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w.]*\d)"
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def _fmt_like(old_int: str, value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if "," in old_int:
        head, _, tail = text.partition(".")
        text = f"{int(head):,}" + ("." + tail if tail else "")
    return text


def number_change(s: str, pools: Pools, rng: random.Random) -> str | None:
    def repl(m):
        whole, frac = m.group(1), m.group(2) or ""
        if YEAR.match(whole) and not frac:
            return None
        value = float(whole.replace(",", "") + frac)
        decimals = len(frac) - 1 if frac else 0
        for _ in range(5):
            factor = rng.choice([0.5, 0.6, 0.75, 1.25, 1.4, 1.5, 2, 3])
            new = value * factor if value > 3 else value + rng.choice([1, 2, 3, 4, 5])
            if decimals == 0:
                new = round(new)
            if new != value and new > 0:
                return _fmt_like(whole, new, decimals)
        return None
    out = _sub_once(NUM, lambda m: None if re.search(MONTH_BEFORE, s[: m.start()]) else repl(m), s, rng)
    if out is None:
        out = _sub_once(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b",
                        lambda m: _keep_case(m.group(0), rng.choice(
                            [w for w in SMALL if w not in (m.group(0).lower(), "zero", "one")])), s, rng, re.I)
    return out


SCALE_WORDS = {"bn": "billion", "m": "million", "k": "thousand", "tn": "trillion"}
CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}


def number_rewrite(s: str, pools: Pools, rng: random.Random) -> str | None:
    """The same figure written another way: $4.2bn -> 4.2 billion dollars, 76% -> 76 percent, 3 -> three."""
    def money(m):
        cur, num, scale = m.group(1), m.group(2), (m.group(3) or "")
        word = SCALE_WORDS.get(scale.lower(), scale.lower())
        if rng.random() < 0.5 and word:
            return f"{cur}{num} {word}" if scale.lower() in SCALE_WORDS else None
        return f"{num}{' ' + word if word else ''} {CURRENCY[cur]}"
    out = _sub_once(r"([$£€])(\d[\d,.]*\d|\d)\s?(bn|m|k|tn|billion|million|thousand|trillion)?\b", money, s, rng)
    if out:
        return out
    out = _sub_once(r"(\d[\d.]*)\s?(%|percent|per cent)",
                    lambda m: m.group(1) + rng.choice([" percent", " per cent", "%"]) if m.group(2) else None, s, rng)
    if out:
        return out
    out = _sub_once(r"(?<![-\d.,:$£€])\b(\d)\b(?![-.,:%]?\d|%)", lambda m: num2words(int(m.group(1))) if m.group(1) not in "01" else None, s, rng)
    if out:
        return out
    return _sub_once(r"\b(two|three|four|five|six|seven|eight|nine)\b",
                     lambda m: str(SMALL[m.group(0).lower()]), s, rng, re.I)


# ---------------------------------------------------------------- dates and times
def date_change(s: str, pools: Pools, rng: random.Random) -> str | None:
    choices = []
    month_re = r"\b(" + "|".join(MONTHS + [re.escape(a) for a in MONTH_ABBR]) + r")"
    if re.search(month_re, s):
        choices.append(lambda: _sub_once(month_re, lambda m: rng.choice(
            [x for x in MONTHS if x != MONTH_ABBR.get(m.group(1), m.group(1))]), s, rng))
    if re.search(r"\b(" + "|".join(WEEKDAYS) + r")\b", s):
        choices.append(lambda: _sub_once(r"\b(" + "|".join(WEEKDAYS) + r")\b",
                                         lambda m: rng.choice([d for d in WEEKDAYS if d != m.group(1)]), s, rng))
    if re.search(r"\b(?:in|since|until|of) (1[89]\d\d|20\d\d)\b", s):
        choices.append(lambda: _sub_once(r"\b((?:in|since|until|of) )(1[89]\d\d|20\d\d)\b",
                                         lambda m: m.group(1) + str(int(m.group(2)) + rng.choice([-3, -2, -1, 1, 2])), s, rng))
    if re.search(r"\b\d{1,2}[:.]\d\d\s?(a\.m\.|p\.m\.|am|pm)", s):
        choices.append(lambda: _sub_once(r"\b(\d{1,2})([:.]\d\d\s?(?:a\.m\.|p\.m\.|am|pm))",
                                         lambda m: str((int(m.group(1)) + rng.choice([1, 2, 3, 5])) % 12 or 12) + m.group(2), s, rng))
    if re.search(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})\b", s):
        choices.append(lambda: _sub_once(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})\b",
                                         lambda m: f"{m.group(1)} {max(1, min(28, int(m.group(2)) + rng.choice([-9, -5, -2, 3, 6, 11])))}", s, rng))
    if not choices:
        return None
    return rng.choice(choices)()


def date_rewrite(s: str, pools: Pools, rng: random.Random) -> str | None:
    """The same date written another way: Sept. 23 -> 23 September, September 23 -> 23 September."""
    def month_day(m):
        month = MONTH_ABBR.get(m.group(1), m.group(1))
        return f"{m.group(2)} {month}" if rng.random() < 0.7 else f"{month} {m.group(2)}"
    pattern = r"\b(" + "|".join(MONTHS + [re.escape(a) for a in MONTH_ABBR]) + r") (\d{1,2})\b(?!,? \d{4}\b[^,]*\d)"
    out = _sub_once(pattern, month_day, s, rng)
    if out:
        return out
    out = _sub_once(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")\b", lambda m: f"{m.group(2)} {m.group(1)}", s, rng)
    if out:
        return out
    return _sub_once(r"\b(\d{1,2})[:.](\d\d)\s?(a\.m\.|p\.m\.|am|pm)",
                     lambda m: f"{m.group(1)}{rng.choice([':', '.'])}{m.group(2)}"
                               f"{rng.choice(['', ' '])}{'am' if m.group(3).startswith('a') else 'pm'}"
                     if rng.random() < 0.5 else
                     f"{m.group(1)}:{m.group(2)} {'a.m.' if m.group(3).startswith('a') else 'p.m.'}", s, rng)


before_after = _swap_words([("before", "after"), ("earlier than", "later than"), ("prior to", "after"),
                            ("ahead of", "after"), ("preceded", "followed")])

# ---------------------------------------------------------------- places, people
PLACE_RE = r"\b(in|at|near|outside) ((?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
NOT_PLACES = set(MONTHS) | set(WEEKDAYS) | {"The", "This", "That", "His", "Her", "Their", "It", "A", "An",
                                            "Parliament", "Congress", "Court", "Government"}


def place_change(s: str, pools: Pools, rng: random.Random) -> str | None:
    def repl(m):
        if m.group(2).split()[0] in NOT_PLACES or m.group(2).startswith("the "):
            return None
        choices = [p for p in pools.places if p != m.group(2)]
        return f"{m.group(1)} {rng.choice(choices)}" if choices else None
    return _sub_once(PLACE_RE, repl, s, rng)


SPEECH = r"(said|says|told|added|stated|argued|warned|insisted|claimed)"
NAME = r"((?:[A-Z][a-z]+\.? )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"


def attribution_change(s: str, pools: Pools, rng: random.Random) -> str | None:
    """The same statement credited to someone else: 'X said' -> 'Y said'; 'according to X' -> 'according to Y'."""
    def repl_person(m, name_group: int):
        name = m.group(name_group)
        if name.split()[0] in NOT_PLACES or name in ("He", "She", "They", "It", "We"):
            return None
        pool = pools.orgs if len(name.split()) == 1 and name.isupper() else pools.people
        other = rng.choice([p for p in pool if p != name] or [None])
        if other is None:
            return None
        return m.group(0).replace(name, other)
    for pattern, group in ((rf"\b{NAME},? {SPEECH}\b", 1), (rf"\b{SPEECH} {NAME}\b", 2), (rf"\baccording to {NAME}", 1)):
        out = _sub_once(pattern, lambda m, g=group: repl_person(m, g), s, rng)
        if out:
            return out
    return None


SUBJECT_RE = r"^((?:The )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?= (?:has|have|had|is|was|were|are|will|\w+ed|\w+s)\b)"


def subject_change(s: str, pools: Pools, rng: random.Random) -> str | None:
    """Another subject (person or organisation) doing the thing: a trap, not a contradiction."""
    if re.search(SPEECH, s):
        return None

    def repl(m):
        if m.group(1).split()[-1] in NOT_PLACES or m.group(1) in ("He", "She", "They", "It", "We", "The"):
            return None
        pool = pools.people if " " in m.group(1) and not m.group(1).startswith("The ") else pools.orgs
        return rng.choice([p for p in pool if p != m.group(1)] or [m.group(1)])
    return _sub_once(SUBJECT_RE, repl, s, rng)


# ---------------------------------------------------------------- roles, voice
ASYMMETRIC = ["acquired", "bought", "sued", "beat", "defeated", "overtook", "replaced", "hired", "fired",
              "accused", "criticised", "criticized", "attacked", "paid", "blamed", "thanked", "sacked",
              "succeeded", "interviewed", "arrested", "employed", "funded", "took over", "outbid",
              "overtaken", "invited", "supplied", "warned", "fined", "overturned", "signed", "joined", "left",
              "praised", "rejected", "endorsed", "hosted", "outsold", "trailed", "led", "followed", "owes"]
# a named party: "Kelmont Holdings", "the Times"
PARTY = r"((?:the )?[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){0,2})"
ROLE_RE = rf"\b{PARTY} ({'|'.join(ASYMMETRIC)}) {PARTY}"


def _the_case(np: str, sentence_start: bool) -> str:
    """'The Times' at the start of a sentence, 'the Times' elsewhere."""
    if np.lower().startswith("the "):
        return ("The " if sentence_start else "the ") + np[4:]
    return np


def _two_parties(a: str, b: str) -> bool:
    """Two different parties, neither ending in a month, weekday or pronoun-like word."""
    return a != b and a.split()[-1] not in NOT_PLACES and b.split()[-1] not in NOT_PLACES


def role_swap(s: str, pools: Pools, rng: random.Random) -> str | None:
    def repl(m):
        a, b = m.group(1), m.group(3)
        if not _two_parties(a, b):
            return None
        return f"{_the_case(b, m.start() == 0)} {m.group(2)} {_the_case(a, False)}"
    return _sub_once(ROLE_RE, repl, s, rng)


def _participle(verb: str) -> str | None:
    words = verb.split()
    lemma = getLemma(words[0], upos="VERB")
    if not lemma:
        return None
    part = getInflection(lemma[0], tag="VBN")
    return " ".join([part[0]] + words[1:]) if part else None


def to_passive(s: str, pools: Pools, rng: random.Random, swap: bool = False) -> str | None:
    """'A acquired B ...' -> 'B was acquired by A ...' (entailment); with swap, 'A was acquired by B' (contradiction)."""
    m = re.search(ROLE_RE, s)
    if not m or m.group(2) in ("owes", "left", "led", "followed", "trailed"):
        return None
    a, b = m.group(1), m.group(3)
    if a.split()[-1] in NOT_PLACES or b.split()[-1] in NOT_PLACES:
        return None
    part = _participle(m.group(2))
    if not part:
        return None
    subj, agent = (a, b) if swap else (b, a)
    clause = f"{_the_case(subj, m.start() == 0)} was {part} by {_the_case(agent, False)}"
    return s[: m.start()] + clause + s[m.end():]


def passive_swap(s: str, pools: Pools, rng: random.Random) -> str | None:
    return to_passive(s, pools, rng, swap=True)


# converse predicates: "A beat B" says what "B lost to A" says; "A sold X to B" what "B bought X from A" says
CONVERSE_2 = {"beat": ["lost to"], "defeated": ["lost to"], "won against": ["lost to"], "lost to": ["beat", "defeated"]}
CONVERSE_3 = {"sold": ("to", ["bought"], "from"), "bought": ("from", ["sold"], "to"), "gave": ("to", ["received"], "from"),
              "received": ("from", ["gave"], "to"), "lent": ("to", ["borrowed"], "from"), "borrowed": ("from", ["lent"], "to")}
_CONVERSE_2_RE = rf"\b{PARTY} ({'|'.join(CONVERSE_2)}) {PARTY}"
_CONVERSE_3_RE = rf"\b{PARTY} ({'|'.join(CONVERSE_3)}) ((?:[\w$£€%'-]+ ){{0,5}}[\w$£€%'-]+) (to|from) {PARTY}"


def _converse(s: str, rng: random.Random, keep_order: bool) -> str | None:
    """The converse predicate with the parties swapped (the same statement) or kept (the reverse)."""
    def two(m):
        a, verb, b = m.group(1), m.group(2), m.group(3)
        if not _two_parties(a, b):
            return None
        first, second = (a, b) if keep_order else (b, a)
        return f"{_the_case(first, m.start() == 0)} {rng.choice(CONVERSE_2[verb])} {_the_case(second, False)}"

    def three(m):
        a, verb, thing, prep, b = m.groups()
        if prep != CONVERSE_3[verb][0] or not _two_parties(a, b):
            return None
        _, others, back = CONVERSE_3[verb]
        first, second = (a, b) if keep_order else (b, a)
        return f"{_the_case(first, m.start() == 0)} {rng.choice(others)} {thing} {back} {_the_case(second, False)}"
    return _sub_once(_CONVERSE_2_RE, two, s, rng) or _sub_once(_CONVERSE_3_RE, three, s, rng)


def converse_rewrite(s: str, pools: Pools, rng: random.Random) -> str | None:
    """'A beat B' -> 'B lost to A'; 'A sold X to B' -> 'B bought X from A' (entailment)."""
    return _converse(s, rng, keep_order=False)


def converse_flip(s: str, pools: Pools, rng: random.Random) -> str | None:
    """'A beat B' -> 'A lost to B'; 'A sold X to B' -> 'A bought X from B' (contradiction)."""
    return _converse(s, rng, keep_order=True)


# ---------------------------------------------------------------- negation
AUX = r"\b(is|are|was|were|has|have|had|will|would|can|could|should|does|do|did|must)\b(?! not\b| never\b|n['\u2019]t)"
CONTRACT = {"is": "isn't", "are": "aren't", "was": "wasn't", "were": "weren't", "has": "hasn't", "have": "haven't",
            "had": "hadn't", "will": "won't", "would": "wouldn't", "can": "can't", "could": "couldn't",
            "should": "shouldn't", "does": "doesn't", "do": "don't", "did": "didn't", "must": "mustn't"}
PAST_VERB = re.compile(r"\b(?<!the )(?<!a )(?<!has )(?<!have )(?<!had )(?<!was )(?<!were )(?<!been )(?<!be )([a-z]+ed|sold|bought|won|lost|made|took|gave|paid|began|met|left|found|saw|kept|held|brought|wrote|ran|built|grew|chose|spent|sent)\b")
SAID_THAT = r"\b(said|says|confirmed|announced) that\b"
NEG_PAST = ["did not {v}", "didn't {v}", "didn\u2019t {v}", "never {ved}", "declined to {v}", "refused to {v}",
            "failed to {v}", "has yet to {v}", "did not {v}", "didn\u2019t {v}"]


def _base(verb: str) -> str | None:
    lemma = getLemma(verb, upos="VERB")
    if not lemma or lemma[0] == verb and verb.endswith("ed"):
        return None
    return lemma[0]


def negate(s: str, pools: Pools, rng: random.Random) -> str | None:
    """Deny what the sentence affirms, with a varied cue (not, n't, never, declined/refused/failed to, has yet to, denied)."""
    said = re.search(SAID_THAT, s)
    if said and rng.random() < 0.5:
        return s[: said.start()] + rng.choice(["denied", "denies", "rejected claims"]) + " that" + s[said.end():]
    aux = re.search(AUX, s)
    past = PAST_VERB.search(s)
    if past and (not aux or past.start() < aux.start() or rng.random() < 0.4):
        base = _base(past.group(1))
        if not base:
            return None
        cue = rng.choice(NEG_PAST).format(v=base, ved=past.group(1))
        if past.group(1) in ("said", "told") and rng.random() < 0.5:
            cue = "denied"
        return s[: past.start()] + cue + s[past.end():]
    if aux:
        word = aux.group(1)
        lower = word.lower()
        if rng.random() < 0.5:
            new = CONTRACT[lower].replace("'", rng.choice(["'", CURLY]))
        else:
            new = word + rng.choice([" not", " not", " never"]) if lower not in ("do", "does", "did") else word + " not"
        return s[: aux.start()] + _keep_case(word, new) + s[aux.end():]
    return None


NEGATION_VARIANTS = [("did not", "didn't"), ("did not", "didn\u2019t"), ("do not", "don't"), ("do not", "don\u2019t"),
                     ("does not", "doesn't"), ("is not", "isn't"), ("was not", "wasn't"), ("has not", "hasn't"),
                     ("will not", "won't"), ("cannot", "can't"), ("declined to", "refused to"),
                     ("could not", "couldn't"), ("would not", "wouldn't"), ("are not", "aren't"), ("failed to", "did not")]
negation_rewrite = _swap_words(NEGATION_VARIANTS)

# ---------------------------------------------------------------- lexical
antonym = _swap_words([
    ("rose", "fell"), ("rise", "fall"), ("rises", "falls"), ("rising", "falling"), ("increased", "decreased"),
    ("increase", "decrease"), ("gained", "lost"), ("won", "lost"), ("win", "lose"), ("wins", "loses"),
    ("accepted", "rejected"), ("approved", "rejected"), ("praised", "criticised"), ("supported", "opposed"),
    ("support", "oppose"), ("allowed", "banned"), ("legal", "illegal"), ("safe", "unsafe"), ("success", "failure"),
    ("successful", "unsuccessful"), ("strong", "weak"), ("opened", "closed"), ("open", "closed"), ("profit", "loss"),
    ("profits", "losses"), ("improved", "worsened"), ("cheap", "expensive"), ("guilty", "innocent"),
    ("convicted", "acquitted"), ("expanded", "shrank"), ("arrived", "departed"), ("true", "false"),
    ("easy", "difficult"), ("positive", "negative"), ("optimistic", "pessimistic"), ("confirmed", "denied"),
    ("victory", "defeat"), ("hired", "fired"), ("boosted", "hurt"), ("welcomed", "condemned"), ("sound", "unsafe"),
    ("agreed", "refused"), ("accept", "reject"), ("passed", "failed"), ("surplus", "deficit"), ("raised", "lowered"),
    ("upgraded", "downgraded"), ("full", "empty"), ("alive", "dead"), ("present", "absent"), ("public", "private"),
    ("majority", "minority"), ("won", "drew"), ("jumped", "slumped"), ("climbed", "dropped"), ("good", "bad"),
    ("popular", "unpopular"), ("likely", "unlikely"), ("possible", "impossible"), ("best", "worst"),
    ("cut", "raised"), ("ended", "began"), ("finished", "started"), ("domestic", "foreign"),
])
comparative = _swap_words([
    ("more", "less"), ("more", "fewer"), ("higher", "lower"), ("larger", "smaller"), ("bigger", "smaller"),
    ("faster", "slower"), ("heavier", "lighter"), ("older", "younger"), ("above", "below"), ("longer", "shorter"),
    ("stronger", "weaker"), ("better", "worse"), ("greater", "smaller"), ("cheaper", "dearer"), ("most", "least"),
    ("highest", "lowest"), ("largest", "smallest"), ("biggest", "smallest"), ("earlier", "later"),
    ("richer", "poorer"), ("wider", "narrower"), ("warmer", "colder"),
])
quantifier = _swap_words([
    ("all", "none"), ("all", "few"), ("most", "few"), ("every", "no"), ("many", "few"), ("always", "never"),
    ("all of the", "none of the"), ("everyone", "no one"), ("most of the", "few of the"), ("all", "some"),
    ("nobody", "everybody"), ("each", "none"), ("both", "neither"),
])


def modality(s: str, pools: Pools, rng: random.Random) -> str | None:
    """Certainty, obligation or possibility changed: will -> might/may/could/has ruled out, must -> may."""
    m = re.search(r"\b(will|would|must|may|might|could|should|is certain to|is expected to|is set to)\b (\w+)", s)
    if not m:
        return None
    word, verb = m.group(1), m.group(2)
    if word in ("will", "is certain to", "is set to"):
        lemma = getLemma(verb, upos="VERB")
        gerund = getInflection(lemma[0], tag="VBG")[0] if lemma and getInflection(lemma[0], tag="VBG") else None
        options = ["might", "may", "could", "is unlikely to"]
        if gerund and rng.random() < 0.35:
            return s[: m.start()] + rng.choice(["has ruled out", "ruled out", "will not consider"]) + f" {gerund}" + s[m.end():]
        new = rng.choice(options)
    elif word == "must":
        new = rng.choice(["may", "need not", "may choose whether to"])
    elif word in ("may", "might", "could"):
        new = rng.choice(["will", "must", "is certain to"])
    elif word == "should":
        new = rng.choice(["need not", "should not"])
    elif word == "would":
        new = rng.choice(["might", "would not"])
    else:
        new = "is unlikely to"
    return s[: m.start()] + _keep_case(word, new) + f" {verb}" + s[m.end():]


SYNONYMS = [("said", "stated"), ("bought", "purchased"), ("buy", "purchase"), ("big", "large"), ("began", "started"),
            ("start", "begin"), ("about", "around"), ("about", "roughly"), ("approximately", "about"), ("help", "assist"),
            ("shows", "indicates"), ("firm", "company"), ("rose", "climbed"), ("fell", "dropped"), ("fell", "declined"),
            ("rose", "increased"), ("sacked", "fired"), ("film", "movie"), ("quit", "resigned"), ("plans", "intends"),
            ("chief executive", "boss"), ("UK", "Britain"), ("US", "United States"), ("also", "additionally"),
            ("however", "but"), ("reported", "said"), ("announced", "said"), ("revealed", "disclosed"),
            ("total", "overall"), ("people", "individuals"), ("major", "big"), ("rapidly", "quickly"),
            ("earned", "made"), ("received", "got"), ("despite", "in spite of"), ("because of", "due to"),
            ("attempt", "try"), ("requires", "needs"), ("children", "kids"), ("wealthy", "rich"),
            ("vehicle", "car"), ("lawmakers", "legislators"), ("officials", "authorities"), ("near", "close to"),
            ("died", "were killed"), ("injured", "hurt"), ("arrested", "detained"), ("stated", "said"),
            ("over", "more than"), ("under", "fewer than"), ("show", "indicate"), ("expected", "predicted"),
            ("pleaded not guilty to", "denied"), ("ban", "embargo"), ("pioneer", "trailblazer")]
_synonym_table = _swap_words(SYNONYMS)


def synonym(s: str, pools: Pools, rng: random.Random) -> str | None:
    out = _synonym_table(s, pools, rng)
    if out and re.search(r"\b(more than|fewer than)\b", out) and not re.search(r"\b(more|fewer) than \d", out):
        return None  # "over" / "under" only before a number
    return out


@functools.lru_cache(maxsize=1)
def _wordnet_synonyms() -> dict[str, list[str]]:
    """One-word synonyms each way round in the WordNet lexicon claimcheck ships (first senses)."""
    table = json.loads(WORDNET.read_text(encoding="utf-8"))["synonyms"]
    return {word: [o for o in others if " " not in o and "-" not in o and word in table.get(o, ())]
            for word, others in table.items() if len(word) > 3}


# Penn tags lemminflect can give a form of; a word's tag is the one whose form of its lemma it is
_TAGS = ("NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBZ", "JJ", "JJR", "JJS", "RB")
_FUNCTION_WORDS = frozenset("also have here there then than that this these those they were will would could should "
                            "said says make made take took come came much many more most some such very well".split())


def wordnet_synonym(s: str, pools: Pools, rng: random.Random) -> str | None:
    """One lower-case content word replaced by a WordNet synonym of its lemma, in the same form
    ("trailblazer" -> "pioneer", "detained" -> "held"): wording that moves and a meaning that stays."""
    table = _wordnet_synonyms()
    words = [m for m in re.finditer(r"\b[a-z]{4,}\b", s) if m.group(0) not in _FUNCTION_WORDS]
    rng.shuffle(words)
    for m in words:
        word = m.group(0)
        for upos in ("NOUN", "VERB", "ADJ", "ADV"):
            for lemma in getLemma(word, upos=upos):
                others = table.get(lemma)
                if not others:
                    continue
                tag = next((t for t in _TAGS if word in getInflection(lemma, tag=t)), None)
                if tag is None:
                    continue
                usual = [o for o in others if not pools.common or o in pools.common]
                if not usual:
                    continue
                form = getInflection(rng.choice(usual), tag=tag)
                if form and form[0] != word:
                    return s[: m.start()] + form[0] + s[m.end():]
    return None


def drop_modifier(s: str, pools: Pools, rng: random.Random) -> str | None:
    """Drop something the hypothesis does not need: a parenthesis, an aside, an opening adverbial, an adverb."""
    candidates = [
        r" \([^)]*\)", r", which [^,]+,", r", who [^,]+,", r"^(However|Meanwhile|Still|Also|In addition|But), ",
        r"\b(also|still|now|very|just|already|reportedly|recently|nearly) ", r", (?:he|she|they|it) said(?=\.$)",
        rf", (?:(?:Mr|Mrs|Ms|Dr) )?{NAME} said(?=\.$)", r"(?<= )(?:UK|US|British|American|local|national) (?=[a-z]+)",
        r" (?:on|last) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)(?=[.,])",
        r", (?:according to [^,.]+)(?=[.,])",
    ]
    rng.shuffle(candidates)
    for pattern in candidates:
        m = re.search(pattern, s)
        if m:
            out = s[: m.start()] + s[m.end():]
            out = out[:1].upper() + out[1:]
            out = re.sub(r"\s+", " ", out).replace(" ,", ",").replace(" .", ".").strip()
            return re.sub(r"\.\.$", ".", out)
    return None


_SPEAKER = rf"[,.!?][\"\u201d\u2019']? ((?:(Mr|Mrs|Ms|Miss|Dr) )?{NAME}) (said|says|added|told reporters)(?=\.$)"


def speaker_pronoun(s: str, pools: Pools, rng: random.Random) -> str | None:
    """', Clive Woodward said.' -> ', he said.': the speaker named in the premise only."""
    m = re.search(_SPEAKER, s)
    if not m or m.group(3).split()[0] in NOT_PLACES | {"He", "She", "They", "It", "We"}:
        return None
    title = m.group(2)
    pronoun = "she" if title in ("Mrs", "Ms", "Miss") else "he" if title == "Mr" else rng.choice(["he", "she"])
    return s[: m.start(1)] + pronoun + s[m.end(1):]


_CLAUSE_JOIN = r", (?:and|but|while) | and (?=(?:he|she|they|it|the|The|[A-Z][a-z]+) [a-z]+(?:ed|s)? )"


def clause_drop(s: str, pools: Pools, rng: random.Random) -> str | None:
    """One of two joined clauses on its own ('The sale went ahead in December and Yugansk was
    sold to ...' -> 'Yugansk was sold to ...'): what the premise says, in part."""
    parts = [m for m in re.finditer(_CLAUSE_JOIN, s)]
    if not parts or s.count('"') or s.count("\u201c"):
        return None
    m = rng.choice(parts)
    first, second = s[: m.start()].strip(), s[m.end():].strip()
    if len(first.split()) < 5 or len(second.split()) < 5 or "but" in m.group(0) and rng.random() < 0.8:
        first = ""  # after "but" or "while", the second clause alone is the safer part
    if first and rng.random() < 0.5:
        return first.rstrip(",;:") + "."
    if len(second.split()) < 5:
        return None
    return second[:1].upper() + second[1:]


def reorder(s: str, pools: Pools, rng: random.Random) -> str | None:
    """Move an opening adverbial to the end, or the speaker around the statement."""
    m = re.match(r"^((?:On|In|By|After|Last|Earlier|Since|During) [^,]{3,40}), (.+?)([.!?]?)$", s)
    if m:
        rest = m.group(2)
        return rest[:1].upper() + rest[1:] + " " + m.group(1)[:1].lower() + m.group(1)[1:] + (m.group(3) or ".")
    m = re.match(rf"^{NAME} (said|says) (?:that )?(.+?)([.!?]?)$", s)
    if m and len(m.group(3).split()) > 4:
        body = m.group(3)
        return f"{body[:1].upper() + body[1:]}, {m.group(1)} {m.group(2)}{m.group(4) or '.'}"
    m = re.match(rf"^(.+?), {NAME} (said|says)([.!?]?)$", s)
    if m and len(m.group(1).split()) > 4:
        body = m.group(1)
        return f"{m.group(2)} {m.group(3)} that {body[:1].lower() + body[1:]}{m.group(4) or '.'}"
    return None


# ---------------------------------------------------------------- trap-like neutrals (premise, hypothesis)
TIME_MARKER = r"\b(this|last|next|previous) (year|season|month|week|quarter|half)|\b(ago|earlier|round|final)\b"
OTHER_TIMES = [("This year", "Last year"), ("In 2003", "In 2004"), ("This season", "Last season"),
               ("In the first half", "In the second half"), ("In the first quarter", "In the fourth quarter"),
               ("This month", "A year ago"), ("In the morning", "In the evening"), ("In 2019", "In 2021"),
               ("In this year's final", "In last year's final"), ("In the first round", "In the final round"),
               ("In the previous election", "In this election")]
REPORTED = ["Early reports said that", "Analysts had predicted that", "Some had feared that", "Critics say that",
            "It was initially reported that", "Forecasters had expected that", "Rumours suggested that",
            "Before the results, officials warned that", "A rival newspaper claimed that",
            "Some early estimates suggested that"]


LOWERABLE = {"the", "a", "an", "all", "some", "most", "many", "few", "police", "officials", "it", "there", "this",
             "these", "those", "its", "their", "his", "her", "our", "we", "they", "he", "she", "residents", "shares",
             "sales", "profits", "prices", "analysts", "critics", "one", "two", "three", "no", "none", "every", "each"}


def _lower_first(s: str) -> str:
    first = s.split(" ", 1)[0]
    return s[:1].lower() + s[1:] if first.lower() in LOWERABLE else s


def trap_other_time(s: str, pools: Pools, rng: random.Random) -> tuple[str, str] | None:
    """Two periods or segments with different figures: both can be true."""
    changed = number_change(s, pools, rng) or antonym(s, pools, rng)
    if not changed or s[:1] in "\"'\u201c" or re.search(TIME_MARKER, s, re.I):
        return None
    options = [t for t in OTHER_TIMES if not re.search(r"\d", t[0])] if re.search(r"\b(19|20)\d\d\b", s) else OTHER_TIMES
    a, b = rng.choice(options)
    if rng.random() < 0.5:
        a, b = b, a
    return f"{a}, {_lower_first(s)}", f"{b}, {_lower_first(changed)}"


def trap_reported(s: str, pools: Pools, rng: random.Random) -> tuple[str, str] | None:
    """A forecast, an early report or someone's claim against the reported fact."""
    changed = number_change(s, pools, rng) or negate(s, pools, rng) or antonym(s, pools, rng)
    if not changed or s[:1] in "\"'\u201c" or re.search(SPEECH, s):
        return None
    lead = rng.choice(REPORTED)
    return f"{lead} {_lower_first(changed)}", s


def trap_other_subject(s: str, pools: Pools, rng: random.Random) -> tuple[str, str] | None:
    changed = subject_change(s, pools, rng)
    if not changed:
        return None
    changed2 = number_change(changed, pools, rng) or changed
    return s, changed2


SCOPES = [" in the first week", " from overseas buyers", " in the capital alone", " among children",
          " in the first phase", " in the north of the country", " from online sales", " on the first day",
          " in its home market", " for the legal fees alone"]


def trap_part_whole(s: str, pools: Pools, rng: random.Random) -> tuple[str, str] | None:
    """A total against a part of it: the same sentence with a smaller figure for a named part."""
    m = re.search(r"(?<![\d.,-])([$£€]?)(\d{2,}(?:,\d{3})*|\d+\.\d+)((?:bn|m| million| billion)?(?: [a-z]+){0,1} [a-z]{3,}s)\b(?!-)", s)
    if m and re.search(r" (?:of|in|on|at|as|is|was|has|its|this|his|her|years|times)$", m.group(3)):
        return None
    if (not m or YEAR.match(m.group(2)) or not s.endswith(".") or len(s.split()) > 28
            or re.search(MONTH_BEFORE, s[: m.start()])):
        return None
    value = float(m.group(2).replace(",", ""))
    part = value * rng.choice([0.1, 0.2, 0.3, 0.45, 0.6])
    text = f"{part:.1f}" if "." in m.group(2) else f"{max(1, round(part)):,}"
    whole = s[: m.end()] + rng.choice([" in total", " overall", " in all", ""]) + s[m.end():]
    return whole, s[: m.start()] + m.group(1) + text + m.group(3) + rng.choice(SCOPES) + s[m.end():]


SYMMETRIC = ["met", "married", "drew with", "merged with", "played", "spoke with", "shook hands with", "tied with",
             "talked to", "signed a deal with", "partnered with", "clashed with"]
SYMMETRIC_RE = rf"\b{PARTY} ({'|'.join(SYMMETRIC)}) {PARTY}"


def symmetric_swap(s: str, pools: Pools, rng: random.Random) -> str | None:
    """'A met B' / 'B met A': swapping the two sides of a symmetric verb keeps the meaning."""
    return _sub_once(SYMMETRIC_RE, lambda m: f"{_the_case(m.group(3), m.start() == 0)} {m.group(2)} "
                     f"{_the_case(m.group(1), False)}", s, rng)


TEMPLATE_TAILS = ["", " on Monday", " last week", " in a deal worth $2.1bn", " after a long dispute",
                  " in the final", " earlier this year", " for the second time", " in March", " at the hearing"]


THINGS = ["its stake", "the rights", "a 20% share", "the site", "its UK arm", "the painting", "a loan of $2bn",
          "two aircraft", "the naming rights", "its music catalogue"]


def template_sentences(pools: Pools, rng: random.Random, n: int) -> list[str]:
    """'A <verb> B <tail>.' with names from the pools, so role edits have enough material."""
    names = pools.people + pools.orgs
    out = []
    for _ in range(n):
        a, b = rng.sample(names, 2)
        if rng.random() < 0.15:  # a transfer, for the converse edits ("A sold X to B")
            verb = rng.choice(list(CONVERSE_3))
            out.append(f"{a} {verb} {rng.choice(THINGS)} {CONVERSE_3[verb][0]} {b}{rng.choice(TEMPLATE_TAILS)}.")
            continue
        verb = rng.choice(ASYMMETRIC[:36] + SYMMETRIC + 3 * list(CONVERSE_2))
        out.append(f"{a} {verb} {b}{rng.choice(TEMPLATE_TAILS)}.")
    return out


def trap_added_detail(s: str, pools: Pools, rng: random.Random) -> tuple[str, str] | None:
    """The hypothesis adds what the premise does not say (an aside, a speaker, a day, a
    qualifier): not entailed, but no conflict either ("the top gadget" / "the top UK gadget")."""
    shorter = drop_modifier(s, pools, rng)
    return (shorter, s) if shorter else None


def trap_added_clause(s: str, pools: Pools, rng: random.Random) -> tuple[str, str] | None:
    """The hypothesis adds a clause, or names the speaker the premise calls "he": not entailed, no conflict."""
    shorter = clause_drop(s, pools, rng) or speaker_pronoun(s, pools, rng)
    return (shorter, s) if shorter else None


TRAPS = {"trap_added_detail": trap_added_detail, "trap_added_clause": trap_added_clause,
         "trap_other_time": trap_other_time, "trap_reported": trap_reported,
         "trap_other_subject": trap_other_subject, "trap_part_whole": trap_part_whole}

CONTRADICTIONS: dict[str, Edit] = {
    "number": number_change, "date": date_change, "before_after": before_after, "place": place_change,
    "role_swap": role_swap, "passive_swap": passive_swap, "negation": negate, "antonym": antonym,
    "quantifier": quantifier, "modality": modality, "comparative": comparative, "attribution": attribution_change,
    "converse_flip": converse_flip,
}
ENTAILMENTS: dict[str, Edit] = {
    "number_rewrite": number_rewrite, "date_rewrite": date_rewrite, "synonym": synonym, "passive": to_passive,
    "drop_modifier": drop_modifier, "reorder": reorder, "wordnet_synonym": wordnet_synonym,
    "negation_rewrite": negation_rewrite,
    "symmetric_swap": symmetric_swap, "converse_rewrite": converse_rewrite, "speaker_pronoun": speaker_pronoun,
    "clause_drop": clause_drop,
}
# entailments read one way only: the hypothesis says less than the premise
ONE_WAY = frozenset({"drop_modifier", "speaker_pronoun", "clause_drop"})
