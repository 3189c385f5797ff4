"""attribution: the same statement credited to another person or body.

A direct quotation has one speaker, named ("said Dale Fenwick") or described ("said the fire
chief"). A reported statement ("the coach said the team had been unlucky", "according to the
police, ...") is compared only word for word but for its reporter: two people may well say the
same thing, but seldom in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from claimcheck import lexicon as lx
from claimcheck.checks.base import Finding, versus
from claimcheck.checks.view import frame_of, plain
from claimcheck.lexicon import stem
from claimcheck.types import Claim, FlagKind, Source

# a quotation in double quotes, or in single quotes as British news sets them ('We will not
# raise taxes,' she said): a single quote opens after a space or at the start and closes before one,
# so an apostrophe inside ("don't", "the council's") neither opens nor closes it
_QUOTED = re.compile(r'"([^"]{12,})"|(?:^|(?<=[\s(]))\'((?:[^\']|(?<=\w)\'(?=\w)){12,}?)\'(?=[\s,.;:!?)]|$)')
_WORD = re.compile(r"\w+")
MIN_QUOTE_MATCH = 88  # rapidfuzz ratio of the two quotations
STATEMENT_WORDS = 4  # a shorter quotation is a phrase: the statements around it must match too


def _quotation(sentence: str) -> str:
    m = _QUOTED.search(plain(sentence))
    return (m.group(1) or m.group(2)).strip(" ,.").lower() if m else ""


_NOT_NAMES = frozenset({"the", "a", "an", "he", "she", "they", "we", "it", "mr", "mrs", "ms", "dr", "sir", "u.s", "us",
                        "this", "that", "these", "those", "its", "their",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def speaker_names(source: Source) -> frozenset[str]:
    """The names in a source ("Mayor Dale Fenwick" -> dale, fenwick): capitalised words that are not
    a title or role (WordNet person nouns: mayor, judge, director), a pronoun, a day or an owner."""
    text = source.text.replace("\u2019", "'")
    words = (w.strip(".,'").lower() for w in text.split() if w[:1].isupper() and not w.rstrip(",").endswith("'s"))  # "Kelmont's" owns, it does not speak
    return frozenset(stem(w) for w in words if w and w not in _NOT_NAMES and not lx.is_person_noun(w))  # "Lords" is "Lord"


# who speaks for a body: "the company said" and "a company spokeswoman said" may be one voice
_PROXIES = frozenset(stem(w) for w in lx.SPOKESPEOPLE | {
    "official", "officials", "source", "sources", "aide", "aides", "insider", "insiders", "people", "person", "someone"})
_OWNED = re.compile(r"\b(?:its|their|his|her|our|my|your)\b", re.I)
_ROLE_STOP = _NOT_NAMES | frozenset({"his", "her", "our", "my", "your", "according", "to", "of", "for", "at", "in", "and",
                                     "i", "you", "him", "them", "who", "one", "another"})


def speaker_roles(source: Source) -> frozenset[str]:
    """The words of an unnamed source ("the fire chief" -> fire, chief; "the club's captain" ->
    club, captain); empty for a pronoun."""
    words = re.findall(r"[a-z]+", source.text.replace("\u2019", "'").lower().replace("'s", ""))
    return frozenset(stem(w) for w in words if w not in _ROLE_STOP)


def _different_speakers(sa: Source | None, sb: Source | None) -> bool:
    """Both sources name someone and no name is shared; or neither names anyone and each is
    described in words the other lacks ("said the mayor" / "said the fire chief", "the health
    ministry" / "an opposition spokesman"). A name against a role, a pronoun, or a body against
    someone speaking for it ("the company" / "a company spokeswoman") may be one speaker."""
    if sa is None or sb is None:
        return False
    na, nb = speaker_names(sa), speaker_names(sb)
    ka, kb = ({stem(w) for w in source.key.split()} for source in (sa, sb))
    if ka and kb and ka <= na and kb <= nb and not ka & kb:
        return not _abbreviates(sa, sb)  # two people named, whatever body both belong to ("Bristow City coach Mel Harding" / "... captain Owen Lacey")
    if na or nb:
        return bool(na and nb and not na & nb) and not _abbreviates(sa, sb)
    if _OWNED.search(sa.text) or _OWNED.search(sb.text):
        return False  # "its chief", "their coach": someone of a body named elsewhere, perhaps the other
    ra, rb = speaker_roles(sa) - _PROXIES, speaker_roles(sb) - _PROXIES
    if not ra or not rb:
        return False  # "a spokesman", "officials": speaking for whom is not said
    return not (ra <= rb or rb <= ra)  # "the health ministry" / "an opposition spokesman"; not "a company spokeswoman"


def _abbreviates(sa: Source, sb: Source) -> bool:
    """One source's capitalised words abbreviate the other's ("U.N." / "United Nations")."""
    def initials(source: Source) -> str:
        return "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", source.text) if w.lower() not in _NOT_NAMES).lower()

    def letters(source: Source) -> set[str]:
        return {re.sub(r"[^a-z]", "", w.lower()) for w in re.findall(r"\b[A-Z](?:\.?[A-Z])+\.?", source.text)}

    return bool((initials(sa) and initials(sa) in letters(sb)) or (initials(sb) and initials(sb) in letters(sa)))


# verbs that credit a statement to its speaker ("said", "told", "according to"), not evidence ("results show")
_CREDITING = frozenset({"say", "tell", "according to", "add", "state", "claim", "announce", "confirm", "insist", "warn",
                        "argue", "report", "write", "explain", "declare", "predict"})


def _speaker_words(source: Source) -> frozenset[str]:
    return speaker_names(source) or speaker_roles(source)


def _names_in(sentence: str) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in re.findall(r"[A-Za-z][\w-]*", plain(sentence)))


def credited_apart(a: Claim, sa: Source | None, b: Claim, sb: Source | None) -> bool:
    """Different speakers, neither named in the other's sentence (where a sentence names both, the
    quotation may be either's: "Some say X, the EC says Y and said it would review 'Z'")."""
    if not _different_speakers(sa, sb):
        return False
    return not (_speaker_words(sb) <= _names_in(a.sentence) or _speaker_words(sa) <= _names_in(b.sentence))


def _reported(claim: Claim, source: Source) -> frozenset[str]:
    """The words of a reported statement without who reported it ("the coach said the team had
    been unlucky" -> the team had been unlucky, said)."""
    said = {w.lower() for w in re.findall(r"[\w'’]+", source.text)} | {"according", "to", "that"}
    return frozenset(w for w in re.findall(r"[\w'’]+", plain(claim.text).lower()) if w not in said)


# verbs whose doer is the author of a text: "the statement was issued by X", "X wrote the report"
_AUTHORING = frozenset({"issue", "write", "publish", "sign", "author", "draft", "pen"})
# the verbs of one act: "was written by X" / "Y authored" credit one text to two writers
_WRITING = {verb: "write" if verb in {"write", "author", "draft", "pen"} else verb for verb in _AUTHORING}


def _author(claim: Claim) -> Source | None:
    """The doer of an authoring verb, as a source ("by the pilots' union" -> the pilots' union)."""
    frame = frame_of(claim)
    if frame.predicate.lemma not in _AUTHORING or frame.agent is None or frame.patient is None:
        return None
    text = re.sub(r"^by\s+", "", frame.agent.text, flags=re.I)
    return Source(text, text.lower(), frame.predicate.lemma)


def authorship(a: Claim, b: Claim) -> Finding | None:
    """The same text (the same authoring verb and noun written) credited to different authors:
    "The statement was issued by the airline's chief executive" / "... by the pilots' union"."""
    wa, wb = _author(a), _author(b)
    fa, fb = frame_of(a), frame_of(b)
    if wa is None or wb is None or _WRITING.get(fa.predicate.lemma) != _WRITING.get(fb.predicate.lemma):
        return None
    if not fa.patient.head or fa.patient.head != fb.patient.head or not credited_apart(a, wa, b, wb):
        return None
    return Finding(FlagKind.ATTRIBUTION, versus("attribution", wa.text, a.doc_id, wb.text, b.doc_id, fa.patient.head or "text"),
                   (wa.text,), (wb.text,))


def attribution(a: Claim, b: Claim) -> Finding | None:
    sa, sb = frame_of(a).source, frame_of(b).source
    written = authorship(a, b)  # "X wrote the report" / "Y authored the report, the institute said"
    if written is not None or sa is None and sb is None:
        return written
    if not credited_apart(a, sa, b, sb):
        return None
    qa, qb = _quotation(a.sentence), _quotation(b.sentence)
    if not qa and not qb:  # a reported statement, word for word but for who reported it
        if {frame_of(a).predicate.lemma, frame_of(b).predicate.lemma} & lx.REPORTING_VERBS:
            return None  # the clause is the report itself ("said Kathy Rittweger, co-founder of Blinkx")
        if sa.verb not in _CREDITING or sb.verb not in _CREDITING:
            return None  # "IBM test results show ...": evidence cited, not a statement credited
        ra, rb = _reported(a, sa), _reported(b, sb)
        if len(ra & rb) < STATEMENT_WORDS or len(ra ^ rb) > 2:
            return None
        who_a, who_b = sa.text.strip(" ,"), sb.text.strip(" ,")
        return Finding(FlagKind.ATTRIBUTION, versus("attribution", who_a, a.doc_id, who_b, b.doc_id, "statement"), (who_a,), (who_b,))
    if not qa or not qb or fuzz.ratio(qa, qb, processor=None) < MIN_QUOTE_MATCH:
        return None
    if len(qa.split()) < STATEMENT_WORDS and fuzz.token_sort_ratio(_around(a.sentence), _around(b.sentence)) < MIN_QUOTE_MATCH:
        return None  # a quoted phrase ("a 'basic principle'") in two statements that say different things
    return Finding(FlagKind.ATTRIBUTION, versus("attribution", sa.text, a.doc_id, sb.text, b.doc_id, "quotation"),
                   (sa.text,), (sb.text,))


def _around(sentence: str, words: int = 6) -> str:
    """The quotation with the words either side of it: the statement a short quotation is part of."""
    text = plain(sentence).lower()
    m = _QUOTED.search(text)
    if not m:
        return ""
    before, after = text[: m.start()].split()[-words:], text[m.end() :].split()[:words]
    return " ".join([*before, m.group(1) or m.group(2), *after])


def _quote_key(sentence: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", _quotation(sentence)).strip()


def _speaker(claims: list[Claim], key: str) -> Source | None:
    """Who the sentence credits with the quotation: the source of the clause that holds it, else
    of the sentence's first clause that names one ("Some say X; the EC said it would review 'Y'")."""
    holding = [c for c in claims if key and key in re.sub(r"[^a-z0-9]+", " ", plain(c.text).lower())]
    return next((s for c in (*holding, *claims) if (s := frame_of(c).source) is not None), None)


def _sentences(claims: Iterable[Claim]) -> list[list[Claim]]:
    """The claims grouped by sentence (article and sentence index), in order."""
    by_sentence: dict[tuple[str, int], list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault((c.doc_id, c.sentence_index), []).append(c)
    return list(by_sentence.values())


def same_quotation(claims: Iterable[Claim]) -> list[tuple[Claim, Claim, Finding]]:
    """The same direct quotation credited to different speakers in different articles, found by
    the quotation itself: the clauses of a quotation are often too short to align on their own."""
    by_quote: dict[str, list[list[Claim]]] = {}
    for group in _sentences(claims):
        key = _quote_key(group[0].sentence)
        if len(key.split()) >= STATEMENT_WORDS:
            by_quote.setdefault(key, []).append(group)
    found = []
    for key, groups in by_quote.items():
        for i, ga in enumerate(groups):
            for gb in groups[i + 1 :]:
                a, b = ga[0], gb[0]
                sa, sb = _speaker(ga, key), _speaker(gb, key)
                if a.doc_id == b.doc_id or not credited_apart(a, sa, b, sb):
                    continue
                expl = versus("attribution", sa.text, a.doc_id, sb.text, b.doc_id, "quotation")
                found.append((a, b, Finding(FlagKind.ATTRIBUTION, expl, (sa.text,), (sb.text,))))
    return found


def credits_only(claims: Iterable[Claim]) -> frozenset[str]:
    """Ids of the claims that only say who said another claim of their sentence ('"...," Ms Hale
    told the Reuters news agency', "Sales rose 5%, the company said on Monday"): that claim's frame
    holds them as its source (the same reporting verb, the speaker named), and they state nothing
    else. Two such clauses may still contradict each other (who told whom, whether it was said) but
    never make an agreement: they would join any two sentences that credit one speaker or outlet."""
    found = set()
    for group in _sentences(claims):
        sources = [(d, d.frame.source) for d in group if d.frame is not None and d.frame.source is not None and d.frame.source.key]
        found.update(c.id for c in group if sources and any(d is not c and _only_credits(c, s) for d, s in sources))
    return frozenset(found)


def _only_credits(claim: Claim, source: Source) -> bool:
    """The claim is the reporting clause of ``source`` and says nothing more: its head is the
    reporting verb (or, where the parse took the speaker for the head, the speaker), it names the
    speaker, holds no figure, and has no word but the speaker's, the verb's, whom it was told
    (its arguments, names) and when."""
    frame = claim.frame
    figures = [q for q in claim.quantities if not all(w[:1].isupper() for w in _WORD.findall(q.text))]  # not "Radio Five Live"
    if frame is None or not claim.lemmas or figures:
        return False
    head, words = frame.predicate.lemma.lower(), _WORD.findall(claim.text)
    speaker = set(source.key.lower().split())
    if not speaker <= {w.lower() for w in words} or not (head == source.verb or head in speaker):
        return False
    allowed = {stem(head), stem(source.verb)} | {stem(w.lower()) for w in _WORD.findall(source.text)}
    allowed |= {k for arg in (frame.agent, frame.patient) if arg is not None for k in (*arg.keys, stem(arg.head))}
    allowed |= {stem(w.lower()) for t in frame.times for w in _WORD.findall(t.text)}
    allowed |= {stem(w.lower()) for w in words[1:] if w[:1].isupper()}  # names: "told BBC Radio Five Live"
    return set(claim.lemmas) <= allowed
