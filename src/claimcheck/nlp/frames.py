"""Clause -> Frame: who did what to whom, when, where, how much, and on whose word.

Built from the parse of one clause (UD or ClearNLP labels) while its claim is made; no I/O.
Agent and patient are normalised for voice ("B was sued by A": agent A, patient B); a reported
clause takes its source from the reporting verb around it ("X said (that) ...", "..., X said",
"according to X"); times are read with python-dateutil from the spans a cheap pattern marks;
relative ones ("last year") are anchored to the article's date (claimcheck.nlp.times).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from claimcheck import lexicon as lx
from claimcheck.lexicon import stem
from claimcheck.nlp import tokens as tk
from claimcheck.nlp.times import TIME_WORD_RE, find_times
from claimcheck.quantities import Found
from claimcheck.nlp.tokens import Annotation, lemma
from claimcheck.types import (
    Argument,
    Comparative,
    Frame,
    Modality,
    Place,
    Polarity,
    Predicate,
    Quantifier,
    Quantity,
    Source,
    Tense,
)

OBJECT_DEPS = frozenset({"obj", "dobj", "iobj"})
PASSIVE_SUBJECTS = frozenset({"nsubj:pass", "nsubjpass", "csubj:pass", "csubjpass"})
AGENT_DEPS = frozenset({"obl:agent", "agent"})
CLAUSE_COMPLEMENTS = frozenset({"ccomp", "parataxis"})
# Verbs that report what someone said or found; the ones that stand behind it are "endorsing".
REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "announce", "claim", "state", "add", "insist", "argue", "warn", "explain", "note", "write",
     "allege", "estimate", "suggest", "contend", "maintain", "predict", "believe", "think", "acknowledge", "admit",
     "confirm", "show", "find", "reveal", "disclose", "testify", "conclude", "declare", "assert", "recall", "accord",
     "stress", "emphasise", "emphasize", "reiterate", "observe", "remark", "reply", "respond", "concede", "indicate"}
)
ENDORSING_VERBS = frozenset({"confirm", "acknowledge", "admit", "show", "reveal", "establish", "verify", "prove", "disclose"})
_FORECASTING = frozenset({"expect", "forecast", "predict", "project", "anticipate"})  # "Analysts expected X to report"
_FORECAST_VERBS = _FORECASTING | {"set", "due", "poised", "slate", "schedule", "plan"}  # a plan is a forecast of one's own deed
_CORRECTION_CUES = ("initially", "originally", "first reported", "early figure", "earlier figure", "preliminary", "provisional", "at first")
_REVISION_LEMMAS = frozenset({"correct", "revise", "update", "amend", "confirm", "later", "adjust", "retract", "withdraw"})
TIME_HEDGES = frozenset({"initially", "originally", "preliminary", "provisional", "early", "reportedly", "allegedly", "about", "around", "approximately", "roughly", "nearly", "almost", "shortly"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "my", "your"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "gov", "sen", "rep", "judge", "justice", "mayor", "president"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "off", "outside", "inside", "into", "across", "onto", "from", "to", "on", "over", "above", "below"})
_SUBORDINATE_DEPS = frozenset({"advcl", "acl", "acl:relcl", "relcl"})
_GROUP_DEPS = frozenset({"aux", "aux:pass", "auxpass", "cop", "neg", "mark", "advmod", "compound:prt", "prt"})
_QUANTITY_HEADS = frozenset({"few", "most", "many", "some", "all", "none", "several", "half", "each", "any", "both", "one", "majority", "number", "dozens", "hundreds", "thousands"})
_SHARE_HEADS = frozenset({"%", "percent", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "proportion", "share", "fraction", "minority"})
_MODIFIER_DEPS = frozenset({"compound", "flat", "flat:name", "amod", "nmod:poss", "poss", "nummod", "case", "nmod"})


# -- arguments ------------------------------------------------------------------------------------


def _core(tok: Token, s: int, e: int) -> list[Token]:
    """The tokens of a noun phrase that name it: the head with its compounds, names, adjectives,
    possessors and numbers (no relative clause, no apposition), inside the clause."""
    keep = [tok]
    stack = [tok]
    while stack:
        node = stack.pop()
        for child in node.children:
            if s <= child.i < e and child.dep_ in _MODIFIER_DEPS:
                if child.dep_ == "nmod" and not any(c.dep_ == "case" and c.lower_ == "of" for c in child.children):
                    continue
                keep.append(child)
                stack.append(child)
    return sorted(keep, key=lambda t: t.i)


def _with_name_run(tokens: list[Token], s: int, e: int) -> list[Token]:
    """``tokens`` plus the capitalised words next to a capitalised one among them: a small
    parser tags name parts as adverbs or adjectives ("Port Averly" with "Averly" an adverb)."""
    doc = tokens[0].doc
    have = {t.i for t in tokens}
    for t in list(tokens):
        if not (t.is_title and t.is_alpha):
            continue
        j = t.i + 1
        while j < e and doc[j].is_title and doc[j].is_alpha and j not in have:
            have.add(j)
            j += 1
        j = t.i - 1
        while j >= s and doc[j].is_title and doc[j].is_alpha and j not in have and not doc[j].is_sent_start:
            have.add(j)
            j -= 1
    return [doc[i] for i in sorted(have)]


def _keys(tokens: list[Token], ann: Annotation) -> tuple[str, ...]:
    keys = [stem(lemma(t)) for t in tokens if (tk.is_noun(t, ann) or (t.is_title and t.is_alpha)) and not t.is_stop]
    return tuple(dict.fromkeys(k for k in keys if k))


def _entity(tok: Token) -> str:
    if tok.ent_type_:
        return tok.ent_type_
    return "PROPN" if tok.pos_ == "PROPN" or tok.tag_.startswith("NNP") else ""


def _appositions(tok: Token, s: int, e: int) -> list[Token]:
    """The appositions of a noun inside the clause: ``appos`` children, and a "conjunct" set off by
    commas with no coordinator, which a small parser gives for one ("its supplier, Varga
    Components, for ..."; "A, B and C" has its "and"), and a name right after the noun that the
    parser made a second subject of the verb ("the mining company Norrak Resources cut ...")."""
    doc = tok.doc
    found = []
    end = max(t.i for t in tok.subtree) + 1
    if tok.dep_ != "ROOT" and end < e and doc[end].head.i == tok.head.i and doc[end].dep_ == tok.dep_ and doc[end].pos_ == "PROPN":
        found.append(doc[end])
    for child in tok.children:
        if not s <= child.i < e:
            continue
        if child.dep_ == "appos":
            found.append(child)
        elif child.dep_ == "conj" and child.i > tok.i and not any(c.dep_ == "cc" for c in child.children):
            words = [t for t in child.subtree if not t.is_punct]  # the parser may hang the commas on it
            if not words:
                continue  # a stray mark labelled a conjunct
            before = doc[words[0].i - 1] if words[0].i > 0 else None
            after = doc[words[-1].i + 1] if words[-1].i + 1 < len(doc) else None
            if before is not None and before.text == "," and (after is None or after.is_punct) and not any(
                c.dep_ == "conj" for c in tok.children if c.i > child.i
            ):
                found.append(child)
    return found


def argument(tok: Token, s: int, e: int, ann: Annotation, resolved: str = "") -> Argument:
    """An Argument for the noun phrase headed by ``tok`` (a pronoun takes ``resolved`` when the
    clause resolved it safely); appositive names join the keys ("its supplier, Varga Components"), and
    so does the name a noun is in apposition to ("Kanye West, the rapper who leads ...")."""
    if tok.lower_ in _QUANTITY_HEADS or tok.like_num or tok.lower_ in _SHARE_HEADS:  # "few of the reported fires", "38% of voters", "six in ten voters"
        of = next((c for c in tok.children if s <= c.i < e and c.dep_ in {"nmod", "obl", "prep"} and tk.is_noun(c if c.dep_ != "prep" else next(iter(c.children), c), ann)), None)
        if of is not None:
            tok = of if of.dep_ != "prep" else next((c for c in of.children if c.dep_ == "pobj"), tok)
    core = _with_name_run(_core(tok, s, e), s, e)
    keys = list(_keys(core, ann))
    named = tok.head if tok.dep_ == "appos" and s <= tok.head.i < e else None  # "Kanye West, the rapper who leads"
    for other in [*_appositions(tok, s, e), *([named] if named is not None else [])]:
        keys += [k for k in _keys(_core(other, s, e), ann) if k not in keys]
    sub = [t for t in tok.subtree if s <= t.i < e and not (t.head.i == tok.i and t.dep_ in {"case", "prep"} and t.i < tok.i)]  # "of voters" -> voters
    text = tok.doc[sub[0].i : sub[-1].i + 1].text if sub else tok.text
    if tok.pos_ == "PRON" or tok.lower_ in {"it", "they", "he", "she", "this", "these", "those"}:
        if resolved and resolved.lower() != tok.lower_:
            return argument_from_text(resolved)
        return Argument(text, tok.lower_, ())
    return Argument(text.strip(" ,;"), lemma(tok), tuple(keys), _entity(tok) or (_entity(named) if named is not None else ""))


def argument_from_text(text: str) -> Argument:
    """An Argument for a subject known only as text (a resolved pronoun, a shared subject): the
    words before any comma or relative pronoun, the last of them the head."""
    core = re.split(r",|\b(?:which|who|that|whose)\b", text, maxsplit=1)[0]
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z\-]+", core) if w.lower() not in _DETERMINERS]
    return Argument(text, words[-1].lower() if words else "", tuple(dict.fromkeys(stem(w.lower()) for w in words)))


def _children(tok: Token, deps: frozenset[str], s: int, e: int) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps and s <= c.i < e]


def _agent_of_passive(verb: Token, s: int, e: int) -> Token | None:
    """The "by" phrase of a passive verb: UD obl:agent / obl with "by", ClearNLP agent -> pobj."""
    for child in verb.children:
        if not s <= child.i < e:
            continue
        if child.dep_ == "obl:agent" or (child.dep_ == "obl" and any(c.lower_ == "by" and c.dep_ == "case" for c in child.children)):
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def counted_by_parse(doc: Doc, offset: int, found: list[Found], ann: Annotation) -> tuple[Quantity, ...]:
    """Quantities of a clause (found in its text, which starts at character ``offset``) with the
    counted noun taken from the parse where the text alone guessed: "3,200 Millbrook households"
    counts households, "a crowd of 47,850 watched" a crowd."""
    out = []
    for f in found:
        q = f.quantity
        if ann.dep and q.dimension in {"count", "number"}:
            span = doc.char_span(offset + f.start, offset + f.end, alignment_mode="expand")
            number = next((t for t in span if t.like_num and any(ch.isdigit() for ch in t.text)), None) if span is not None else None
            noun = None
            if number is not None and number.dep_ in {"nummod", "compound"} and tk.is_noun(number.head, ann):
                noun = number.head
            elif number is not None and number.head.i != number.i and tk.is_noun(number.head, ann) and any(c.lower_ == "of" for c in number.children):
                noun = number.head  # "a crowd of 61,412"
            while noun is not None and noun.dep_ == "compound" and noun.head.i > noun.i and tk.is_noun(noun.head, ann):
                noun = noun.head  # "41,000 pickup trucks" counts trucks, however the number attached
            if noun is not None and not noun.like_num:
                unit = lemma(noun)
                if unit != q.unit:
                    cut = number.idx + len(number.text) - (offset + f.start)
                    text = q.text if noun.i > number.i and q.text.lower().endswith(noun.lower_) else q.text[:cut]
                    q = replace(q, text=text, unit=unit, dimension="count")
        out.append(q)
    return tuple(out)


# -- the predicate ---------------------------------------------------------------------------------


def verb_lemma(tok: Token) -> str:
    """The token's lemma, repaired when a small lemmatizer cut a verb short ("ruled" -> "rul"):
    then the first form of the word that spaCy's lookup tables know as a verb."""
    lem = lemma(tok)
    if (repaired := tk.repaired_lemma(tok, lem)) != lem:
        return repaired  # "rose" -> rise (not the flower), "fled" -> flee (not "fl"), "underwent" -> undergo
    verbs = tk.verb_forms()
    if not verbs or lem in verbs or not tk.is_verbal(tok, Annotation(dep=False, tag=bool(tok.tag_), pos=bool(tok.pos_), lemma=True)):
        return lem
    low = tok.lower_
    for suffix in ("ed", "d", "ing", "es", "s"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            base = low[: -len(suffix)]
            for cand in (base, base + "e", base[:-1] if len(base) > 2 and base[-1] == base[-2] else base):
                if cand in verbs:
                    return cand
    return lem


def _with_particle(verb: Token, lem: str) -> str:
    """A phrasal verb's lemma with its particle, where WordNet knows the pair ("shut down" <-> open,
    "step down" ~ resign, "turn down" ~ reject); else the verb's own."""
    particle = next((c for c in verb.children if c.dep_ in {"compound:prt", "prt"}), None)
    if particle is not None and lx.is_phrasal_verb(phrase := f"{lem} {particle.lower_}"):
        return phrase
    return lem


def _as_verb(word: str) -> str:
    """The verb lemma of a finite verb form ("rose" -> rise, "shrinks" -> shrink, "plans" -> plan), else ""."""
    verbs = tk.verb_forms()
    if irregular := tk.irregular_verb(word):
        return irregular
    for suffix, add in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", "")):
        if word.endswith(suffix) and (base := word[: -len(suffix)] + add) in verbs and len(base) > 2:
            return base
    return ""


def _verb_taken_for_a_noun(doc: Doc, s: int, e: int, ann: Annotation) -> Token | None:
    """In a clause the tagger left without a verb, the finite verb form it took for a noun or an
    adjective ("Sales at Brightway Foods rose sharply", "The allocation shrinks by 6 percent",
    "Arden College plans to shut ..."): a lower-case word after a noun, before a word that
    cannot go on the noun phrase (a preposition, a number, an adverb, "to")."""
    for t in doc[s + 1 : e - 1]:
        prev, nxt = doc[t.i - 1], doc[t.i + 1]
        if not t.is_lower or not t.is_alpha or t.is_stop or not _as_verb(t.lower_):
            continue
        if prev.pos_ in {"NOUN", "PROPN"} and (nxt.pos_ in {"ADP", "NUM", "ADV", "PART", "DET", "PRON"} or nxt.lower_.endswith("ly")):
            return t
    return None


def _surface_roles(
    doc: Doc, s: int, e: int, ann: Annotation, lem: str, text: str, top: Token | None = None
) -> tuple[Argument | None, Argument | None, str, str]:
    """Agent, patient and predicate by word order when the parse has no subject (a small parser
    slips on "Aurelian acquired Corvid Launch Systems"): the noun phrase before the verb (the
    clause's top word when it is a verb form the tagger took for a noun: "beat", else the first
    verb) and the one after it."""
    verbs = tk.verb_forms()
    verb: Token | None = None
    if top is not None and top.i > s and (top.lower_ in verbs or lemma(top) in verbs) and top.pos_ != "PROPN":
        verb = top
    elif top is not None and top.i > s:  # "Ashford City beat Rovers": a verb form the tagger took for a noun
        verb = next((t for t in doc[s + 1 : top.i + 1] if t.is_lower and t.is_alpha and t.lower_ in verbs and not t.is_stop), None)
    if verb is None:
        verb = next((t for t in doc[s:e] if t.pos_ == "VERB" or t.tag_.startswith("VB")), None)
    if verb is None:
        verb = _verb_taken_for_a_noun(doc, s, e, ann)
    if verb is None or verb.i == s:
        return None, None, lem, text
    before = [t for t in doc[s : verb.i] if t.is_alpha and t.lower_ not in _DETERMINERS]
    after: list[Token] = []
    for t in doc[verb.i + 1 : e]:
        if after and not (t.is_alpha and (t.is_title or tk.is_noun(t, ann))):
            break
        if t.is_alpha and (t.is_title or tk.is_noun(t, ann)):
            after.append(t)
        elif t.lower_ not in _DETERMINERS:
            break

    def arg(tokens: list[Token]) -> Argument | None:
        if not tokens:
            return None
        words = doc[tokens[0].i : tokens[-1].i + 1].text
        return Argument(words, lemma(tokens[-1]), tuple(dict.fromkeys(stem(lemma(t)) for t in tokens if not t.is_stop)), _entity(tokens[-1]))

    return arg(before), arg(after), verb_lemma(verb) if verb.pos_ in {"VERB", "AUX"} else (_as_verb(verb.lower_) or verb_lemma(verb)), verb.text


def _predicate_token(doc: Doc, s: int, e: int, vs: int, ve: int, subj: Token | None, ann: Annotation) -> Token | None:
    if subj is not None and s <= subj.head.i < e:
        return subj.head
    for j in range(vs, ve):
        if tk.is_verbal(doc[j], ann) and lemma(doc[j]) not in lx.AUXILIARIES:
            return doc[j]
    roots = [t for t in doc[s:e] if not (s <= t.head.i < e) or t.head.i == t.i]
    return roots[0] if roots else None


def _descend(tok: Token, s: int, e: int) -> Token:
    """From a control or raising verb to the verb it governs: "declined to comment" -> comment,
    "is expected to rise" -> rise, "might be able to climb" -> climb."""
    for _ in range(4):
        nxt = next((c for c in tok.children if c.dep_ == "xcomp" and s <= c.i < e and c.i > tok.i), None)
        if nxt is None:
            break
        tok = nxt
    return tok


def _modality(doc: Doc, s: int, e: int, vs: int, ve: int, subject_head: str, negative: bool, reported: bool = False) -> tuple[Modality, str, bool]:
    """(modality, the word that set it, forecast) of a clause's verb group and its surroundings."""
    words = doc[s:e]
    group = [doc[j] for j in range(vs, ve)] or list(words)
    for t in group:  # the clause's own verb group: "a side that could not lose" is no exclusion
        low = t.lower_
        nxt = doc[t.i + 1] if t.i + 1 < e else None
        if low in {"rule", "rules", "ruled", "ruling"} and nxt is not None and nxt.lower_ == "out":
            return Modality.EXCLUDED, "ruled out", False
        if low == "cannot" or (low in {"ca", "can", "could"} and nxt is not None and nxt.lower_ in {"not", "n't", "n’t"}):
            return Modality.EXCLUDED, "cannot", False
        if low in {"need", "needs"} and nxt is not None and nxt.lower_ in {"not", "n't", "n’t"}:
            return Modality.PERMITTED, "need not", False  # "need not stop": no obligation
    glow = [t.lower_.replace("’", "'") for t in group]
    lemmas = [lemma(t) for t in group]
    steps = list(zip(glow, lemmas, glow[1:] + [""]))
    for w, lem, nxt in steps:  # obligation and permission first: "will have to pay" is an obligation
        if negative and lem in {"have", "need", "require"} and nxt == "to":
            return Modality.PERMITTED, "need not", False  # "don't have to stop", "not required to stop": no obligation
        if w == "must" or (lem in {"have", "need"} and nxt == "to") or (lem == "require" and nxt == "to"):
            return (Modality.FORBIDDEN if negative and w == "must" else Modality.REQUIRED), w if w == "must" else f"{w} to", False
        if w == "shall":
            return Modality.REQUIRED, w, False
        if w == "may" and negative:
            return Modality.FORBIDDEN, "may not", False
        if w in {"may", "can"} and lx.is_person_noun(subject_head):
            return Modality.PERMITTED, w, False  # "consumers may keep using them": a permission
        if lem in {"allow", "permit"} and nxt == "to":
            return (Modality.FORBIDDEN if negative else Modality.PERMITTED), w, False
        if lem in {"ban", "bar", "forbid", "prohibit"} and nxt == "from":
            return Modality.FORBIDDEN, w, False
    for w, lem, nxt in steps:
        if w in {"may", "might", "could", "can"}:
            return Modality.POSSIBLE, w, False
        if lem in _FORECAST_VERBS and nxt == "to":
            return (Modality.CERTAIN if lem in {"set", "due", "poised", "slate", "schedule"} else Modality.LIKELY), f"{w} to", True
        if w in {"likely", "unlikely"} and nxt == "to":
            return (Modality.EXCLUDED if w == "unlikely" else Modality.LIKELY), w, True  # "unlikely to cut": expected not to
        if w in {"certain", "sure", "bound", "guaranteed"} and nxt == "to" and not negative:
            return Modality.CERTAIN, f"{w} to", True  # "is certain to face a retrial": as sure as "will"
        if w == "should":
            return Modality.LIKELY, w, False
        if w in {"will", "'ll", "wo"} or (w == "would" and reported):
            return Modality.CERTAIN, w, False  # "said it would appeal": a reported "will"
    for t in words:  # "the storm is expected to ...", said of a subject the verb group left out
        if t.i + 1 < e and doc[t.i + 1].lower_ == "to" and t.i > s and lemma(doc[t.i - 1]) == "be":
            if t.lower_ in {"set", "due", "poised", "scheduled", "slated"}:
                return Modality.CERTAIN, "set to", True
            if t.lower_ in {"expected", "forecast", "predicted", "projected", "likely"}:
                return Modality.LIKELY, "expected to", True
    return Modality.FACT, "", False


# predicates that are themselves an obligation or a choice: "Masks are required", "Posting calorie
# counts is voluntary"; denied, each is the other ("not compulsory": a choice)
_OBLIGATORY = frozenset({"mandatory", "compulsory", "obligatory"})
_OPTIONAL = frozenset({"optional", "voluntary", "discretionary"})
_PLANNED = _FORECASTING | {"plan", "schedule"}  # "A tax rise is being planned"
# predicates that say how sure an event is: "Layoffs are now unavoidable" / "remain only a possibility"
_SURE = {"certain": Modality.CERTAIN, "inevitable": Modality.CERTAIN, "unavoidable": Modality.CERTAIN, "certainty": Modality.CERTAIN,
         "likely": Modality.LIKELY, "probable": Modality.LIKELY, "possible": Modality.POSSIBLE, "possibility": Modality.POSSIBLE,
         "impossible": Modality.EXCLUDED, "unlikely": Modality.EXCLUDED}
_DENIED_SURE = {Modality.CERTAIN: Modality.POSSIBLE, Modality.LIKELY: Modality.POSSIBLE, Modality.POSSIBLE: Modality.EXCLUDED,
                Modality.EXCLUDED: Modality.POSSIBLE}  # "not certain": it may be; "not possible": it cannot


def _modal_predicate(lem: str, voice: str, negative: bool) -> tuple[Modality, str, bool] | None:
    """(modality, word, forecast) of a predicate that is itself an obligation, a choice, a plan or a
    degree of certainty for its subject, else None."""
    if lem in _OBLIGATORY or (lem == "require" and voice == "passive"):
        return (Modality.PERMITTED if negative else Modality.REQUIRED), lem, False
    if lem in _OPTIONAL:
        return (Modality.REQUIRED if negative else Modality.PERMITTED), lem, False
    if lem in _PLANNED and voice == "passive" and not negative:
        return Modality.LIKELY, lem, True
    if lem in _SURE:
        return (_DENIED_SURE[_SURE[lem]] if negative else _SURE[lem]), lem, False
    return None


def _tense(group: list[Token], modality: Modality) -> Tense:
    if any(t.lower_.replace("’", "'") in {"will", "'ll", "wo", "shall"} for t in group) or re.search(
        r"\bgoing to\b", " ".join(t.lower_ for t in group)
    ):
        return Tense.FUTURE
    if any(t.tag_ == "VBD" for t in group) or (not any(t.tag_ for t in group) and any(
        "Past" in t.morph.get("Tense") and "Part" not in t.morph.get("VerbForm") for t in group
    )):
        return Tense.PAST
    if any(t.tag_ == "VBN" for t in group) and not any(lemma(t) == "be" for t in group):
        return Tense.PAST  # present perfect reports a past event; a lone participle is a past verb the tagger missed
    return Tense.PRESENT


# -- source and places ------------------------------------------------------------------------------


def _name_key(tokens: list[Token]) -> str:
    words = [t.lower_.rstrip(".") for t in tokens if t.is_alpha or t.text.endswith(".")]
    words = [w for w in words if w not in _DETERMINERS and w not in {"'s", "’s"} and w]
    return " ".join(words)


def _source_key(tok: Token, s: int, e: int) -> str:
    """A source's key: its proper name when it has one (the head's or an apposition's: "Raymond
    Tull" for "Kelmont's chief executive, Raymond Tull"), without honorifics, else its head with
    its compounds and adjectives ("emergency management director")."""
    for cand in [tok, *_appositions(tok, s, e)]:
        name = _with_name_run([cand] + [c for c in cand.children if c.dep_ in {"compound", "flat", "flat:name"} and s <= c.i < e], s, e)
        if cand.pos_ == "PROPN" or cand.tag_.startswith("NNP"):
            return _name_key(sorted((t for t in name if t.lower_.rstrip(".") not in _HONORIFICS), key=lambda t: t.i))
    return _name_key(sorted([tok] + [c for c in tok.children if c.dep_ in {"compound", "amod", "flat"} and s <= c.i < e], key=lambda t: t.i))


def _reporting(verb: Token) -> bool:
    """A verb reporting speech or a finding: a reporting lemma, active ("the testimony was
    admitted" reports nothing), and with no object unless it also has a clausal complement
    ("added a third goal" is no report; "told reporters that ..." is)."""
    if lemma(verb) not in REPORTING_VERBS:
        return False
    children = list(verb.children)
    if any(c.dep_ in {"aux:pass", "auxpass", "nsubj:pass", "nsubjpass"} for c in children):
        return False
    has_object = any(c.dep_ in {"obj", "dobj"} for c in children)
    return not has_object or any(c.dep_ == "ccomp" for c in children)


_OPEN_QUOTES = frozenset({'"', "“", "‘", "``"})
_CLOSE_QUOTES = frozenset({'"', "”", "’", "''"})


def _quoting_verb(doc: Doc, sent_start: int, sent_end: int, s: int, e: int) -> Token | None:
    """The reporting verb of a quotation holding the clause: '"<clause>," said X' or
    'X said: "<clause>"' (the verb within three words of the quote marks)."""
    opening = next((j for j in range(s - 1, max(sent_start, s - 3) - 1, -1) if doc[j].text in _OPEN_QUOTES), None)
    quote_start = opening if opening is not None else next((j for j in range(sent_start, s) if doc[j].text in _OPEN_QUOTES), None)
    closing = next((j for j in range(e, sent_end) if doc[j].text in _CLOSE_QUOTES), None)
    if quote_start is None or closing is None:
        return None
    around = list(range(closing + 1, min(sent_end, closing + 4))) + list(range(max(sent_start, quote_start - 4), quote_start))
    return next((doc[j] for j in around if doc[j].pos_ in {"VERB", "AUX"} and _reporting(doc[j])), None)


def source_of(doc: Doc, sent_start: int, sent_end: int, root: Token, s: int, e: int) -> tuple[Source | None, Token]:
    """Who the clause is attributed to, and the clause's content predicate.

    "according to X" anywhere in the sentence; a reporting verb whose clausal complement holds
    the clause ("X said (that) <clause>", "<clause>, X said", "said X"); and a clause that is
    itself "X said <content>" (the content's predicate is returned instead of "said").
    """
    content = root
    reporter: Token | None = None
    if _reporting(root):
        inner = next((c for c in root.children if c.dep_ in CLAUSE_COMPLEMENTS and c.i > root.i), None)
        if inner is not None and s <= inner.i < e:
            reporter, content = root, inner
        elif not any(c.dep_ in CLAUSE_COMPLEMENTS and s <= c.i < e for c in root.children):
            reporter = root  # "police said", "said Mayor Dale Fenwick": the clause is the attribution itself
    if reporter is None:  # a reporting verb governing this clause from outside it
        node = root
        for _ in range(4):
            head = node.head
            if head == node:
                break
            if node.dep_ in CLAUSE_COMPLEMENTS and _reporting(head):
                reporter = head
                break
            node = head
        if reporter is None:  # "<clause>, police said": the reporting verb hangs off the clause
            reporter = next((c for c in root.children if c.dep_ in CLAUSE_COMPLEMENTS | {"conj"} and _reporting(c) and c.i > root.i), None)
            if reporter is not None and not any(c.pos_ in {"PROPN", "NOUN", "PRON"} for c in reporter.children):
                reporter = None
    if reporter is None:
        reporter = _quoting_verb(doc, sent_start, sent_end, s, e)
    for j in range(sent_start, sent_end - 2) if "ccording" in doc[sent_start:sent_end].text else ():  # "according to X"
        if doc[j].lower_ == "according" and doc[j + 1].lower_ == "to":
            if doc[j].dep_ == "case" and doc[j].head.i > j:  # UD: X is the head of "according"
                head = doc[j].head
            else:  # ClearNLP: according -> to -> pobj X
                head = next((c for c in doc[j + 1].children if c.dep_ == "pobj"), doc[j + 2])
            span = [t for t in head.subtree if sent_start <= t.i < sent_end and t.i > j + 1]
            text = doc[span[0].i : span[-1].i + 1].text if span else head.text
            return Source(text, _source_key(head, sent_start, sent_end), "according to", False), content
    if reporter is None:
        return None, content
    subj = next((c for c in reporter.children if c.dep_ in tk.SUBJECT_DEPS), None)
    if subj is None and reporter.dep_ == "conj":  # "Blair dismissed questions and said ...": the first verb's subject
        subj = next((c for c in reporter.head.children if c.dep_ in tk.SUBJECT_DEPS), None)
    if subj is None:  # "..., said Mayor Dale Fenwick": a small parser may give the name any label
        after = [
            c for c in reporter.children
            if c.i > reporter.i and (c.pos_ in {"PROPN", "NOUN"} or c.tag_.startswith("NN") or any(g.dep_ == "appos" and g.pos_ == "PROPN" for g in c.children))
        ]
        after = [c for c in after if not any(g.dep_ in {"case", "prep"} for g in c.children)]  # not "in a video"
        subj = next((c for c in after if c.pos_ == "PROPN" or lx.is_person_noun(lemma(c))), after[0] if after else None)
    if subj is not None:
        span = [t for t in subj.subtree if sent_start <= t.i < sent_end]
        text, key = doc[span[0].i : span[-1].i + 1].text if span else subj.text, _source_key(subj, sent_start, sent_end)
        if span and subj.i > reporter.i and not any(t.is_title for t in span):
            text, key = _role_and_name(doc, span, text, key, sent_end)
    elif (named := _named_after_quote(doc, reporter, sent_end)) is not None:
        text, key = named
    else:
        return None, content
    verb = lemma(reporter)
    return Source(text.strip(" ,"), key, verb, verb in ENDORSING_VERBS), content


def _role_and_name(doc: Doc, span: list[Token], text: str, key: str, sent_end: int) -> tuple[str, str]:
    """'..., said lead researcher Dr. Ken Ito': a speaker given by role, with the name that follows
    it (which a small parser may attach elsewhere) as the key; the role alone when no name follows."""
    run: list[Token] = []
    for t in doc[span[-1].i + 1 : sent_end]:
        if not (t.is_title or (t.text.endswith(".") and t.text[:1].isupper() and len(t) > 2)):
            break
        run.append(t)
    name = [t for t in run if t.lower_.rstrip(".") not in _HONORIFICS]
    if not name:
        return text, key
    return doc[span[0].i : run[-1].i + 1].text, _name_key(name)


def _named_after_quote(doc: Doc, reporter: Token, sent_end: int) -> tuple[str, str] | None:
    """'"...," said Aurelian's chief executive, Dr. Priya Halloran.': the words after a reporting
    verb that follows a quotation are its speaker, however the parser labelled them; the key is
    the last run of capitalised words (the name), without honorifics."""
    before = doc[reporter.i - 1] if reporter.i > 0 else None
    if before is None or not (before.is_quote or (before.text == "," and reporter.i > 1 and doc[reporter.i - 2].is_quote)):
        return None
    words = [t for t in doc[reporter.i + 1 : sent_end] if not (t.is_punct and t.i == sent_end - 1)]
    if not words or any(t.is_quote for t in words):
        return None
    run: list[Token] = []
    for t in reversed(words):
        if t.is_title or (t.text.endswith(".") and t.text[:1].isupper()):
            run.insert(0, t)
        elif run:
            break
    name = [t for t in run if t.lower_.rstrip(".") not in _HONORIFICS]
    if not name:
        return None
    return doc[words[0].i : words[-1].i + 1].text, _name_key(name)


def _of_the_event(noun: Token) -> bool:
    """A phrase that places the clause's event or its object ("moved to Denver", "moving its
    headquarters to Denver"), not another event named by a noun ("for Saturday's trip to France")."""
    head = noun.head
    return head.pos_ in {"VERB", "AUX"} or head.dep_ in {"obj", "dobj", "ROOT"}


def places(doc: Doc, s: int, e: int, ann: Annotation) -> tuple[Place, ...]:
    """Places of a clause: GPE/LOC/FAC entities, and prepositional phrases ("in/at/near X") whose
    noun is a name (not a month or weekday) or a place noun with a name ("Port Averly's airport")."""
    out: list[Place] = []
    seen: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in {"GPE", "LOC", "FAC"} and s <= ent.start and ent.end <= e:
            key = _name_key(list(ent))
            if key and key not in seen:
                seen.add(key)
                prep = doc[ent.start - 1].lower_ if ent.start > s and doc[ent.start - 1].dep_ in {"case", "prep"} else ""
                out.append(Place(ent.text, key, prep))
    for j in range(s, e):
        prep = doc[j]
        if prep.lower_ not in _PLACE_PREPOSITIONS or prep.dep_ not in {"case", "prep"}:
            continue
        if prep.text[:1].isupper() and not prep.is_sent_start:
            continue  # a word of a title: "The Beatles' Across The Universe"
        noun = prep.head if prep.dep_ == "case" else next((c for c in prep.children if c.dep_ == "pobj"), None)
        if noun is None or not (s <= noun.i < e) or noun.i < prep.i:
            continue
        core = [t for t in _with_name_run(_core(noun, s, e), s, e) if t.i > prep.i]
        named = [t for t in core if (t.pos_ == "PROPN" or t.tag_.startswith("NNP")) and t.is_title]
        known = noun.is_title and lx.is_known_place(" ".join(t.text for t in core if t.is_title))  # "in Reykjavik", tagged a noun
        if not (named or known) or TIME_WORD_RE.fullmatch(" ".join(t.text for t in named)):
            continue
        if noun.pos_ != "PROPN" and not noun.tag_.startswith("NNP") and not lx.is_place_noun(lemma(noun)) and not known:
            continue
        if prep.lower_ in {"to", "from", "on", "over"} and not (
            lx.is_place_noun(lemma(noun)) or noun.ent_type_ in {"GPE", "LOC", "FAC"} or (len(named) > 1 and prep.lower_ != "over")
            or (known and _of_the_event(noun))
        ):
            continue  # "to Rovers", "on Kelmont": a place only with a place noun, a known place or a name of two
            # words; "over" not even that ("victory over Lindsay Davenport")
        after = core[-1].i + 1
        if after < e and doc[after].pos_ == "NOUN" and lx.is_place_noun(lemma(doc[after])):
            core.append(doc[after])  # "the Marren Bay lighthouse", parsed as two phrases
        key = _name_key(core)
        if key and key not in seen and not any(key in k or k in key for k in seen):
            seen.add(key)
            out.append(Place(doc[core[0].i : core[-1].i + 1].text, key, prep.lower_))
    return tuple(out)


# -- the frame ---------------------------------------------------------------------------------------


def person_like(text: str, head: str) -> bool:
    """Whether a subject names a person: an honorific or a person noun ("Dr. Lowe", "the mayor")."""
    return lx.is_person_noun(head) or any(w.lower().rstrip(".") in _HONORIFICS for w in text.split())


def _content_polarity(doc: Doc, verb: Token, content: Token, s: int, e: int) -> tuple[Polarity, tuple[str, ...]]:
    """Polarity of a reported clause from its own negations ("said it would not appeal")."""
    chain = [content] + [a for a in verb.ancestors if content in a.subtree and a.i != content.i] + ([verb] if verb != content else [])
    cues = [c.text for t in chain for c in t.children if s <= c.i < e and tk.is_negation(c) and c.dep_ in {"neg", "advmod", "aux", "det"}]
    counted = {c.i for t in chain for c in t.children}
    cues += ["no longer" for t in chain for c in t.children  # "said the road was no longer safe": the "no" hangs on "longer"
             if s <= c.i < e and c.lower_ == "longer" and tk.in_no_longer(c) and c.i - 1 not in counted]
    group = sorted({t.i for t in chain} | {c.i for t in chain for c in t.children if c.dep_ in _GROUP_DEPS})
    implicit = [doc[i].text for i in group if lemma(doc[i]) in lx.IMPLICIT_NEGATIVE_VERBS and i + 1 < len(doc) and doc[i + 1].lower_ == "to"]
    cues += implicit
    return (Polarity.NEGATIVE if len(cues) % 2 else Polarity.POSITIVE), tuple(cues)


def _denied_content(verb: Token, s: int, e: int) -> Token | None:
    """The clause a denial or admission verb denies or grants ("denied receiving X", "denied that X
    was faulty", "admitted causing the crash"), else None."""
    if lemma(verb) not in lx.DENIAL_VERBS | lx.ADMISSION_VERBS:
        return None
    if any(t.lower_ in {"because", "since", "due", "over"} for t in verb.subtree if t.i > verb.i):  # the whole sentence
        return None  # "denied that he resigned because of a clash": the reason may be what is denied
    return next((c for c in verb.children if s <= c.i < e and c.pos_ in {"VERB", "AUX", "ADJ"} and (
        c.dep_ in CLAUSE_COMPLEMENTS | {"xcomp"} or c.dep_ == "advcl" and c.tag_ == "VBG" and c.i == verb.i + 1)), None)  # "denied receiving"


def _reporter_as_pronoun(subj: Token | None, source: Source | None) -> str:
    """The reporter, for a pronoun subject of what it reports ("Trevane said it would appeal")
    when the pronoun fits it: "he"/"she" a person, "it" not a person."""
    if subj is None or source is None or subj.lower_ not in {"it", "he", "she", "they", "we"}:
        return ""
    person = person_like(source.text, source.key.split()[-1] if source.key else "")
    if subj.lower_ in {"he", "she"} and not person or subj.lower_ == "it" and person:
        return ""
    return source.text


def build_frame(
    doc: Doc,
    sent_bounds: tuple[int, int],
    s: int,
    e: int,
    verb_group: tuple[int, int],
    subj: Token | None,
    *,
    ann: Annotation,
    polarity: Polarity,
    negations: tuple[str, ...],
    quantities: tuple[Quantity, ...],
    hedges: tuple[str, ...],
    quantifier: Quantifier | None,
    quantifier_text: str,
    comparatives: tuple[Comparative, ...],
    resolved: str = "",
    pred_lemma: str = "",
) -> Frame:
    """The frame of the clause doc[s:e] (verb group ``verb_group``, subject token ``subj``)."""
    vs, ve = verb_group
    root = _predicate_token(doc, s, e, vs, ve, subj, ann) if ann.dep else None
    top = next((t for t in doc[s:e] if not (s <= t.head.i < e) or t.head.i == t.i), None) if ann.dep else None
    if subj is not None and top is not None and root is not None and top.i < subj.i and root.dep_ in _SUBORDINATE_DEPS and root.head.i == top.i:
        subj, root = None, top  # "A beat B 2-0 when the sides met": the subject found is the subordinate clause's
    source: Source | None = None
    agent = patient = None
    voice = "active"
    lem = pred_lemma
    text = doc[vs:ve].text if ve > vs else ""
    group = [doc[j] for j in range(vs, ve)] or list(doc[s:e])
    if root is not None and subj is None and root.pos_ not in {"VERB", "AUX"}:
        agent, patient, lem, text = _surface_roles(doc, s, e, ann, lem, text, root)
    elif root is not None:
        source, content = source_of(doc, sent_bounds[0], sent_bounds[1], root, s, e)
        if content != root:  # "X said <content>": the frame is the content's
            subj = next((c for c in content.children if c.dep_ in tk.SUBJECT_DEPS and s <= c.i < e), None)
            resolved = _reporter_as_pronoun(subj, source)
            root = content
            polarity, negations = _content_polarity(doc, _descend(content, s, e), content, s, e)
        denied = _denied_content(root, s, e) if source is None or lemma(root) in lx.ADMISSION_VERBS else None
        if denied is not None:  # "Kelmont denied receiving any complaints": the frame is the receiving, denied
            subj = next((c for c in denied.children if c.dep_ in tk.SUBJECT_DEPS and s <= c.i < e), None) or subj
            own, cues = _content_polarity(doc, _descend(denied, s, e), denied, s, e)
            if lemma(root) in lx.DENIAL_VERBS:
                polarity = Polarity.POSITIVE if own is Polarity.NEGATIVE else Polarity.NEGATIVE
                negations = (root.text, *cues)
            else:  # "admitted causing the crash": the causing, granted
                polarity, negations = own, cues
            root = denied
        verb = _descend(root, s, e)
        above = {a.i for a in verb.ancestors} | {verb.i, root.i}
        chain = [t for t in root.subtree if s <= t.i < e and t.i in above]
        group = sorted(
            {t for t in chain} | {c for t in chain for c in t.children if s <= c.i < e and c.dep_ in _GROUP_DEPS},
            key=lambda t: t.i,
        )
        lem = _with_particle(verb, verb_lemma(verb))
        if verb == root and root.pos_ in {"ADJ", "NOUN", "PROPN"} and any(c.dep_ == "cop" for c in root.children):
            lem = lemma(root)  # "the bridge is unsafe": the predicate is "unsafe"
        text = f"{verb.text} {lem.split(' ', 1)[1]}" if " " in lem else verb.text  # "shut down"
        passive = any(c.dep_ in {"aux:pass", "auxpass"} for c in verb.children) or (verb == root and subj is not None and subj.dep_ in PASSIVE_SUBJECTS)
        voice = "passive" if passive else "active"
        subject_arg = argument(subj, s, e, ann, resolved) if subj is not None else None
        if subj is None and root.dep_ in tk.RELATIVE_DEPS and s <= root.head.i < e and any(
            c.dep_ in tk.SUBJECT_DEPS and c.lower_ in tk.RELATIVE_PRONOUNS for c in root.children
        ):
            subject_arg = argument(root.head, s, e, ann)  # "Varga Components, which made the compressors"
        if subj is None and resolved:
            subject_arg = argument_from_text(resolved)
        objects = _children(verb, OBJECT_DEPS, s, e)
        if passive:
            by = _agent_of_passive(verb, s, e)
            agent = argument(by, s, e, ann) if by is not None else None
            patient = subject_arg if verb == root or not objects else argument(objects[0], s, e, ann)
        else:
            agent = subject_arg
            patient = argument(objects[0], s, e, ann) if objects else None
    if root is not None and agent is None and voice == "active" and not resolved and root.i > s and subj is None:
        surface_agent, _, _, _ = _surface_roles(doc, s, e, ann, lem, text)
        agent = surface_agent  # the parse found no subject: the words before the verb
    subject_head = (agent.head if voice == "active" and agent else patient.head if patient else "") or ""
    negative = polarity is Polarity.NEGATIVE
    modality, modal, forecast = _modality(doc, s, e, group[0].i if group else vs, group[-1].i + 1 if group else ve, subject_head, negative, source is not None)
    if modality is Modality.FACT and (own := _modal_predicate(lem, voice, negative)) is not None:
        modality, modal, forecast = own
    tense = _tense(group, modality)
    clause_low = " " + doc[s:e].text.lower() + " "
    sentence = doc[sent_bounds[0] : sent_bounds[1]]
    frame_hedges = list(hedges) + [t.lower_ for t in doc[s:e] if t.lower_ in TIME_HEDGES and t.lower_ not in hedges]
    corrected = any(f" {cue} " in clause_low for cue in _CORRECTION_CUES) and any(
        (lemma(t) in _REVISION_LEMMAS or t.lower_ == "later") and t not in group for t in sentence
    )
    forecast = forecast or any(lemma(t) in _FORECASTING for t in group)
    negation = " ".join(negations)
    if negation in {"declined", "refused", "failed", "unable"}:
        negation += " to"
    elif negation == "yet":
        negation = "yet to"
    predicate = Predicate(
        lemma=lem, text=text, polarity=polarity, negation=negation, modality=modality, modal=modal, tense=tense, voice=voice
    )
    return Frame(
        predicate=predicate,
        agent=agent,
        patient=patient,
        quantities=quantities,
        times=find_times(doc[s:e].text),
        places=places(doc, s, e, ann) if ann.dep else (),
        source=source,
        quantifier=quantifier,
        quantifier_text=quantifier_text,
        hedges=tuple(dict.fromkeys(frame_hedges)),
        comparatives=comparatives,
        corrected=corrected,
        forecast=forecast,
    )
