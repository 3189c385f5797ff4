"""Derive claimcheck's WordNet lexicon (src/claimcheck/lexicons/wordnet.json) from WordNet 3.0.

    apt-get install -y wordnet-base
    pip install "nltk>=3.9,<4"
    python training/lexicon/build_wordnet.py

Build-time only: the package ships the JSON (with WordNet's licence beside it) and never imports
nltk. What is taken, all single-word lemmas or a verb with its particle ("shut down", "step
down": a space between), lower case:

* ``antonyms``: WordNet's antonym pointers between lemmas (any part of speech), plus for an
  adjective satellite ("stormy", "perilous") the antonyms of its head adjective ("calm" <-> "stormy");
  a verb "re-X" with none of its own takes the verb antonyms of X ("reopen" <-> "close"), and a
  phrasal verb with none of its own those of its sense's one-word lemmas ("shut down" <-> "open").
* ``synonyms``: the other lemmas of a verb's or adjective's most frequent sense (its first synset),
  a phrasal verb by its head ("reach" ~ "arrive_at" -> "arrive"); light verbs ("make", "get", "take")
  left out unless the sense is one of their own two most frequent ("acquire" ~ "get", not "lead" ~ "take").
* ``hypernyms``: for a verb, the lemmas of its most frequent sense's direct hypernyms ("gut" ->
  "destroy", "murder" -> "kill"), light verbs left out: a more general word for the same event.
* ``converses``: verb antonyms in WordNet's possession and competition files (buy/sell,
  lend/borrow, win/lose) and the temporal ones (predate/postdate, precede/follow, before/after,
  earlier/later): pairs where "A verb B" and "B converse A" say the same thing, or the
  opposite order of two events. WordNet has no converse relation; this is its nearest reading.
Antonyms come from a word's two most frequent senses (one for satellites), nouns' classes from
the most frequent sense, so rare senses bring no pairs ("weak" is not an antonym of "infallible").

* ``person_nouns``: nouns under person.n.01 (a "spokeswoman", a "referee"): who "he"/"she" can be.
* ``place_nouns``: nouns under location.n.01, structure.n.01 and facility.n.01 ("harbor", "airport").
* ``event_nouns``: nouns with one of their two most frequent senses under social_event.n.01 or
  meeting.n.01 ("championship", "tournament", "summit", "ceremony"): where "at the X" names an
  occasion, not a place.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from wordnet_reader import build_main

OUT = Path(__file__).resolve().parents[2] / "src" / "claimcheck" / "lexicons" / "wordnet.json"
CONVERSE_FILES = frozenset({"verb.possession", "verb.competition"})
TEMPORAL = ("predate", "postdate", "precede", "follow", "before", "after", "earlier", "later", "earliest", "latest")


# verbs too general to say two events are one ("gut" and "cut" are both ways to "make" or "change")
LIGHT_VERBS = frozenset({"be", "have", "do", "make", "get", "go", "come", "take", "give", "put", "set", "change", "move",
                         "act", "cause", "let", "keep", "hold", "turn", "run", "use", "find", "see", "say", "tell"})


PREPOSITIONS = frozenset({"at", "to", "for", "with", "into", "upon", "of"})


def _head(name: str) -> str:
    """The verb of a prepositional verb ("arrive_at" -> "arrive"), else "" (a particle verb such
    as "bump_off" means something its verb alone does not)."""
    first, _, rest = name.partition("_")
    return first if rest in PREPOSITIONS and first.isalpha() else ""


# the particles of phrasal verbs kept as one lemma: "shut_down" -> "shut down" (opposite "open"),
# "step_down" -> "step down" (a synonym of "resign"), "turn_down" -> "turn down" (of "reject")
PARTICLES = frozenset({"down", "up", "off", "out", "back", "away", "over"})


def _word(name: str) -> str | None:
    """A lemma the lexicon keeps, lower case: a single word, or a verb with its particle."""
    if name.isalpha():
        return name.lower()
    first, _, rest = name.partition("_")
    return f"{first.lower()} {rest}" if first.isalpha() and rest in PARTICLES else None


def _synsets(wn, word: str, pos: str | None = None) -> list:  # noqa: ANN001
    """WordNet's senses of a lexicon lemma (a phrasal verb's space is WordNet's underscore)."""
    return wn.synsets(word.replace(" ", "_"), pos)


def _main_sense(wn, word: str, synset, senses: int = 2) -> bool:  # noqa: ANN001
    """Whether ``synset`` is one of the ``senses`` most frequent senses of ``word`` (WordNet orders
    a word's synsets by frequency), so a rare sense ("weak" for a verb form) brings no pairs."""
    pos = {"s": "a"}.get(synset.pos(), synset.pos())
    ranked = [s for s in _synsets(wn, word) if {"s": "a"}.get(s.pos(), s.pos()) == pos][:senses]
    return synset in ranked


def build(wn) -> dict:  # noqa: ANN001
    antonyms: dict[str, set[str]] = defaultdict(set)
    converses: dict[str, set[str]] = defaultdict(set)
    for synset in wn.all_synsets():
        for lemma in synset.lemmas():
            a = _word(lemma.name())
            for other in lemma.antonyms():
                b = _word(other.name())
                if not a or not b or not _main_sense(wn, a, synset) or not _main_sense(wn, b, other.synset()):
                    continue
                antonyms[a].add(b)
                if synset.pos() == "v" and synset.lexname() in CONVERSE_FILES | {"verb.stative"} and (
                    synset.lexname() in CONVERSE_FILES or a in TEMPORAL or b in TEMPORAL
                ):
                    converses[a].add(b)
                elif a in TEMPORAL and b in TEMPORAL:
                    converses[a].add(b)
    for synset in wn.all_synsets("s"):  # satellites take their head adjective's antonyms
        heads = [h for h in synset.similar_tos() if h.pos() == "a"]
        opposite = {_word(o.name()) for h in heads for lemma in h.lemmas() for o in lemma.antonyms()} - {None}
        for lemma in synset.lemmas():
            a = _word(lemma.name())
            if a and opposite and _main_sense(wn, a, synset, senses=1):
                antonyms[a] |= opposite
                for b in opposite:
                    antonyms[b].add(a)
    verbs = {_word(n) for s in wn.all_synsets("v") for n in s.lemma_names()} - {None}
    for verb in sorted(verbs):
        base = verb[2:]  # "reopen" ("open again or anew") does again what "open" does: it takes "open"'s opposites
        first = wn.synsets(verb, "v")[:1]
        if not (verb.startswith("re") and base in verbs and antonyms.get(base) and not antonyms.get(verb) and first):
            continue
        if not any(w in first[0].definition().split() for w in ("again", "anew")):
            continue  # "report" is no "port" again
        for b in sorted(antonyms[base] & verbs):
            antonyms[verb].add(b)
            antonyms[b].add(verb)
    for verb in sorted(v for v in verbs if " " in v and not antonyms.get(v)):
        # a phrasal verb with no opposite of its own takes the verb opposites of the one-word lemmas of
        # its most frequent sense: "shut down" (close, fold) <-> "open"
        first = _synsets(wn, verb, "v")[:1]
        plain = {_word(n) for n in first[0].lemma_names()} - {None, verb} if first else set()
        for b in sorted({o for w in plain if " " not in w for o in antonyms.get(w, ())} & verbs):
            antonyms[verb].add(b)
            antonyms[b].add(verb)
    for a, b in (("precede", "follow"), ("before", "after")):  # WordNet files these as non-antonyms
        if wn.synsets(a) and wn.synsets(b):
            converses[a].add(b)
            converses[b].add(a)
    synonyms: dict[str, list[str]] = {}
    hypernyms: dict[str, list[str]] = {}
    for pos in ("v", "a"):
        for word in sorted({_word(n) for s in wn.all_synsets(pos) for n in s.lemma_names()} - {None}):
            first = _synsets(wn, word, pos)
            if not first:
                continue
            others = {_word(n) for n in first[0].lemma_names()}
            if pos == "v":  # a prepositional verb of the sense by its verb: "reach" ~ "arrive_at" -> "arrive"
                others |= {_head(n) for n in first[0].lemma_names()} - LIGHT_VERBS
            others -= {None, "", word}
            if pos == "v":  # a light verb is a synonym only in one of its own main senses: "take" is no "lead"
                others = {w for w in others if w not in LIGHT_VERBS or _main_sense(wn, w, first[0])}
            others = sorted(others)
            if others:
                synonyms.setdefault(word, [])
                synonyms[word] = sorted(set(synonyms[word]) | set(others))
            if pos == "v":
                broader = {_word(_head(n) or n) for h in first[0].hypernyms() for n in h.lemma_names()}
                broader = sorted(broader - {None, word} - LIGHT_VERBS)
                if broader:
                    hypernyms[word] = broader

    def under(*roots: str, senses: int = 1) -> list[str]:
        """Nouns with one of their ``senses`` most frequent senses under one of ``roots``."""
        seen = set()
        for root in roots:
            for synset in wn.synset(root).closure(lambda s: s.hyponyms()):
                seen |= {w for w in ({_word(n) for n in synset.lemma_names()} - {None}) if _main_sense(wn, w, synset, senses=senses)}
        return sorted(seen)

    return {
        "source": "WordNet 3.0 (Princeton University), Debian package wordnet-base; see WORDNET-LICENSE",
        "antonyms": {k: sorted(v) for k, v in sorted(antonyms.items())},
        "synonyms": synonyms,
        "converses": {k: sorted(v) for k, v in sorted(converses.items())},
        "hypernyms": hypernyms,
        "person_nouns": under("person.n.01"),
        "place_nouns": under("location.n.01", "structure.n.01", "facility.n.01"),
        "event_nouns": under("social_event.n.01", "meeting.n.01", senses=2),
    }


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, build, OUT, argv)


if __name__ == "__main__":
    raise SystemExit(main())
