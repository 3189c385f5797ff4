"""Sentence -> atomic claims: clause splitting, causal links and the features each claim carries.

Clause boundaries are keyed on surface cues (commas, semicolons, coordinators, "because",
"since", "as", "so", "thus") and each candidate clause is then validated with the parse when the
pipeline has one (a subject-labelled token, UD or ClearNLP), else with tags, else with word lists.
A small parser links clauses imperfectly, so no single relation label decides a boundary.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimcheck import lexicon as lx
from claimcheck.lexicon import stem
from claimcheck.nlp import tokens as tk
from claimcheck.nlp.frames import build_frame, counted_by_parse, person_like
from claimcheck.nlp.tokens import Annotation, lemma
from claimcheck.quantities import find_quantities
from claimcheck.types import CausalRole, Claim, Comparative, Modality, Polarity, Quantifier, Term

_PRONOUNS = frozenset({"it", "this", "they", "these", "that", "those", "them", "he", "she"})
_VERB_GROUP_ADVERBS = frozenset(
    {"not", "n't", "n’t", "never", "yet", "also", "still", "even", "already", "only", "really", "actually", "generally",
     "usually", "normally", "always", "often", "just", "then", "now", "legally", "partially", "rarely", "seldom",
     "typically", "currently", "initially", "first", "commonly", "sometimes", "frequently", "naturally"}
)
_EVIDENCE_NOUNS = frozenset({"study", "research", "evidence", "trial", "data", "support", "proof", "experiment", "finding", "stud"})
_EVIDENCE_STEMS = frozenset(stem(w) for w in _EVIDENCE_NOUNS)
_REJECTING = frozenset({"avoid", "abandon", "quit", "reject", "refuse", "discontinue", "shun", "ban", "stop"})
_QUANTITY_WORDS = frozenset({"few", "very", "so", "too", "little", "a", "small", "amount", "number", "of", "only", "handful", "no", "hardly", "any"})
_NEGATIVE_NOUNS = frozenset({"pain", "risk", "side", "symptom", "disease", "illness", "complication", "damage", "harm", "wrinkle", "problem", "infection", "inflammation", "spasm", "ache", "stress", "cost", "death"})
_AGENCY_KEYS = {
    "food and drug administration": "fda", "food and drug authority": "fda", "u.s. food and drug administration": "fda",
    "european food safety authority": "efsa", "european medicines agency": "ema",
    "centers for disease control and prevention": "cdc", "national institutes of health": "nih",
    "world health organization": "who",
}
_CONNECTOR_WORDS = lx.COORDINATORS | lx.RESULT_MARKERS | lx.CAUSAL_MARKERS | {"then", "however", "which", "so"}
_RESULT_START = frozenset({"so", "thus", "therefore", "hence", "consequently", "accordingly"})


_WORDS_ONLY = Annotation(dep=False, tag=False, pos=False, lemma=False)


@dataclass
class _Segment:
    start: int  # token index in the Doc, inclusive
    end: int  # exclusive
    marker: str = ""  # "cause" (opened by because/since/as) or "result" (after so/thus/therefore)
    marker_word: str = ""
    conn: str = ""  # coordinator that joined it to the previous segment
    vp: bool = False  # a verb phrase sharing the previous clause's subject
    role: CausalRole = CausalRole.NONE
    group: int = -1  # causal group id
    forced: bool = False  # a prepositional cause ("due to its cost"): a claim part without its own verb




_LEXICON = frozenset(lx.SCALES) | frozenset(lx.ANTONYMS) | frozenset(lx.APPROVAL_WORDS) | frozenset(lx.CHANGE_VERBS) | lx.POSITIVE_WORDS | lx.NEGATIVE_WORDS | lx.DECREASERS


@functools.lru_cache(maxsize=100_000)
def _lexeme_of(lower: str, lem: str) -> str:
    candidates = [lem, lower, tk.irregular_lemma(lower) or lx.IRREGULAR_FORMS.get(lower, lem)]
    for suffix in ("ed", "es", "s", "ing", "d", "er", "r", "est", "st"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            base = lower[: -len(suffix)]
            candidates += [base, base + "e"]
            if len(base) > 2 and base[-1] == base[-2]:
                candidates.append(base[:-1])  # "banned" -> "ban"
            if base.endswith("i"):
                candidates.append(base[:-1] + "y")
    return next((c for c in candidates if c in _LEXICON), lem)


def lexeme(tok: Token) -> str:
    """The token's entry in claimcheck's word lists, robust to a lemmatizer's slips ("bann" for "banned")."""
    return _lexeme_of(tok.lower_, lemma(tok))


def token_key(tok: Token) -> str:
    """Comparison key of a token: the stem of its lemma, or of the word itself when that is a
    shorter form of the same stem (guards against a lemmatizer's odd output like "travell")."""
    by_lemma = stem(tk.repaired_lemma(tok, lemma(tok)))
    by_word = stem(tok.lower_)
    return by_word if by_lemma.startswith(by_word) and by_word != by_lemma and len(by_word) >= 3 else by_lemma


def _is_causal_marker(doc: Doc, i: int, end: int, ann: Annotation) -> bool:
    tok = doc[i]
    low = tok.lower_
    nxt = doc[i + 1] if i + 1 < end else None
    if nxt is None:
        return False
    if low == "because":
        return nxt.lower_ != "of"
    if low == "since":
        if nxt.like_num or nxt.lower_ in {"then", "when", "last", "birth", "childhood", "ever", "before", "after"}:
            return False
        return _clause_follows(doc, i + 1, end, ann, window=10) or _clause_follows(doc, i + 1, end, _WORDS_ONLY, window=10)
    if low == "as":
        prev = doc[i - 1].lower_ if i > 0 else ""
        if prev in {"such", "as", "so", "just", "same", "well", "twice"}:
            return False
        if ann.dep and tok.dep_ == "mark":
            return True
        return _clause_follows(doc, i + 1, end, ann, window=4, strict=True)
    return False


def _clause_follows(doc: Doc, i: int, end: int, ann: Annotation, window: int, strict: bool = False) -> bool:
    """Whether a subject and a finite verb start at token i (before any punctuation)."""
    seen_nominal = False
    for j in range(i, min(end, i + window)):
        t = doc[j]
        if t.is_punct or (strict and t.lower_ in {"as", "than", "of"}):
            return False
        if tk.is_finite_verb(t, ann) and seen_nominal:
            return True
        if tk.is_nominal(t, ann) or t.lower_ == "there":
            seen_nominal = True
        elif strict and not (t.lower_ in {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my"} or tk.is_adjective(t, ann)):
            return False
    return False


_PREPOSITIONAL_CAUSES = (("due", "to"), ("owing", "to"), ("because", "of"), ("thanks", "to"), ("as", "a", "result", "of"))
_CAUSE_STARTS = frozenset(marker[0] for marker in _PREPOSITIONAL_CAUSES)


def _prepositional_cause(doc: Doc, i: int, end: int) -> int:
    """Length of a prepositional cause marker ("due to", "because of") starting at token i, else 0."""
    if i >= end or doc[i].lower_ not in _CAUSE_STARTS:  # called for every token: the cheap test first
        return 0
    for marker in _PREPOSITIONAL_CAUSES:
        n = len(marker)
        if i + n < end and all(doc[i + k].lower_ == w for k, w in enumerate(marker)):
            return n
    return 0


def _in_example_list(doc: Doc, comma: int, start: int) -> bool:
    """Whether a comma follows "like X", "such as X" or "including X" (a list of examples)."""
    for k in range(max(start, comma - 4), comma):
        low = doc[k].lower_
        if low in {"like", "including"} or (low == "as" and k > start and doc[k - 1].lower_ == "such"):
            return True
    return False


def _is_result_marker(doc: Doc, i: int, end: int, ann: Annotation) -> bool:
    low = doc[i].lower_
    if low not in lx.RESULT_MARKERS:
        return False
    nxt = doc[i + 1] if i + 1 < end else None
    if nxt is None:
        return False
    if low == "so":
        if nxt.lower_ in {"that", "far", "much", "many", "few", "little", "long", "called"} or tk.is_adjective(nxt, ann):
            return False
    return True


def _has_clause(doc: Doc, s: int, e: int, ann: Annotation) -> bool:
    span = doc[s:e]
    if tk.subject_token(span, ann) is not None and any(tk.is_verbal(t, ann) for t in span):
        return True
    seen_nominal = False
    for t in span:
        if tk.is_finite_verb(t, ann):
            if seen_nominal:
                return True
        elif tk.is_nominal(t, ann) or t.lower_ == "there" or (ann.tag and t.tag_ == "VBG"):
            seen_nominal = True  # a gerund can be a subject: "fast charging is convenient"
    return False


def _starts_with_verb_group(doc: Doc, s: int, e: int, ann: Annotation) -> bool:
    for j in range(s, e):
        t = doc[j]
        if t.lower_ in _VERB_GROUP_ADVERBS:
            continue
        return tk.is_finite_verb(t, ann)
    return False


def _segments(sent: Span, ann: Annotation) -> list[_Segment]:
    doc = sent.doc
    s0, e0 = sent.start, sent.end
    while e0 > s0 and (tk.is_punct(doc[e0 - 1]) or doc[e0 - 1].is_space):
        e0 -= 1
    cuts: list[tuple[int, int, str, str, str, bool]] = []  # (cut_start, next_start, marker, word, conn, forced)
    first_marker, first_word, first_forced = "", "", False
    i = s0
    # sentence-initial markers
    while i < e0 and doc[i].is_space:
        i += 1
    prep = _prepositional_cause(doc, i, e0)
    if prep and any(doc[k].text == "," for k in range(i + prep, e0)):  # "Due to its high cost, ..."
        first_marker, first_word, first_forced = "cause", doc[i : i + prep].text.lower(), True
        s0 = i + prep
    elif i < e0 and doc[i].lower_ in lx.CAUSAL_MARKERS and _is_causal_marker(doc, i, e0, ann):
        first_marker, first_word = "cause", doc[i].lower_
        s0 = i + 1
    elif i < e0 and doc[i].lower_ in _RESULT_START and i + 1 < e0 and (doc[i + 1].is_punct or _is_result_marker(doc, i, e0, ann)):
        s0 = i + 1  # "So, ..." / "Therefore ..." links to the previous sentence: not a link inside this one
        while s0 < e0 and doc[s0].is_punct:
            s0 += 1
    j = s0 + 1
    while j < e0:
        t = doc[j]
        low = t.lower_
        if t.text == "," and _in_example_list(doc, j, s0):
            j += 1  # "like sedation, fatigue ...": the comma continues a list of examples
            continue
        if t.text in {",", ";", ":", "—", "–"} and j + 1 < e0:
            k = j + 1
            marker = word = conn = ""
            while k < e0 - 1 and doc[k].lower_ in _CONNECTOR_WORDS:
                w = doc[k].lower_
                if w in lx.RESULT_MARKERS and _is_result_marker(doc, k, e0, ann):
                    marker, word = "result", w
                elif w in lx.CAUSAL_MARKERS and _is_causal_marker(doc, k, e0, ann):
                    marker, word = "cause", w
                elif w in lx.COORDINATORS or w in {"then", "however"}:
                    conn = "," + w
                else:
                    break
                k += 1
            prep = _prepositional_cause(doc, k, e0)
            if prep:
                cuts.append((j, k + prep, "cause", doc[k : k + prep].text.lower(), conn or t.text, True))
                j = k + prep
                continue
            cuts.append((j, k, marker, word, conn or t.text, False))
            j = k
            continue
        prep = _prepositional_cause(doc, j, e0)
        if prep:
            cuts.append((j, j + prep, "cause", doc[j : j + prep].text.lower(), "", True))
            j += prep
            continue
        if low in {"and", "but", "yet"} and not doc[j - 1].is_punct:
            cuts.append((j, j + 1, "", "", low, False))
        elif low in lx.CAUSAL_MARKERS and _is_causal_marker(doc, j, e0, ann):
            cuts.append((j, j + 1, "cause", low, "", False))
        elif low in {"thus", "therefore", "hence"} and _is_result_marker(doc, j, e0, ann):
            cuts.append((j, j + 1, "result", low, "", False))
        j += 1

    raw: list[_Segment] = []
    start, marker, word, conn, forced = s0, first_marker, first_word, "", first_forced
    for cut_start, next_start, m, w, c, f in cuts:
        raw.append(_Segment(start, cut_start, marker, word, conn, forced=forced))
        start, marker, word, conn, forced = next_start, m, w, c, f
    raw.append(_Segment(start, e0, marker, word, conn, forced=forced))
    raw = [sg for sg in raw if sg.end > sg.start]

    out: list[_Segment] = []
    pending: _Segment | None = None
    for index, sg in enumerate(raw):
        before_marker = index + 1 < len(raw) and raw[index + 1].marker == "cause"
        if pending is not None:  # a non-clause opener ("In fact,") joins the next segment
            sg = _Segment(pending.start, sg.end, sg.marker or pending.marker, sg.marker_word or pending.marker_word, pending.conn)
            pending = None
        is_clause = (sg.forced and sg.end - sg.start >= 2) or _has_clause(doc, sg.start, sg.end, ann) or (
            # a tagger slip next to "because"/"since": the word lists get a second say
            (bool(sg.marker) or before_marker or (bool(out) and out[-1].marker == "cause" and sg.conn == "and"))
            and _has_clause(doc, sg.start, sg.end, _WORDS_ONLY)
        )
        is_vp = bool(out) and sg.conn.lstrip(",") in {"and", "but", "yet", "or", ""} and _starts_with_verb_group(doc, sg.start, sg.end, ann)
        if is_clause or is_vp:
            sg.vp = is_vp and not is_clause
            out.append(sg)
        elif out:
            prev = out[-1]
            prev.end = sg.end
        else:
            pending = sg
    if pending is not None:
        out.append(pending)
    return out


def _assign_roles(segs: list[_Segment]) -> None:
    group = 0
    for n, sg in enumerate(segs):
        if sg.marker == "cause":
            if n == 0:  # "Because X (and W), Y": X (and W) the cause, what follows the comma the effect
                causes = [sg]
                k = 1
                while k < len(segs) and not segs[k].marker and (segs[k].conn in {"and", "or"} or (segs[k].vp and not segs[k].conn.startswith(","))):
                    causes.append(segs[k])
                    k += 1
                effects = [x for x in segs[k:] if not x.marker]
            else:  # "Y because X (and Z)": X (and Z) the cause, what precedes the effect
                causes = [sg]
                k = n + 1
                while k < len(segs) and segs[k].conn == "and" and not segs[k].marker:
                    causes.append(segs[k])
                    k += 1
                effects = [x for x in segs[:n] if x.role is CausalRole.NONE]
        elif sg.marker == "result" and n > 0:
            effects = [sg]
            k = n + 1
            while k < len(segs) and segs[k].conn == "and" and not segs[k].marker:
                effects.append(segs[k])
                k += 1
            causes = [x for x in segs[:n] if x.role is CausalRole.NONE]
        else:
            continue
        if not causes or not effects or any(x.role is not CausalRole.NONE for x in causes + effects):
            continue
        for x in causes:
            x.role, x.group = CausalRole.CAUSE, group
        for x in effects:
            x.role, x.group = CausalRole.EFFECT, group
        group += 1


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    while s < e and (doc[s].is_punct or doc[s].is_space or doc[s].lower_ in _CONNECTOR_WORDS):
        s += 1
    while e > s and (tk.is_punct(doc[e - 1]) or doc[e - 1].is_space):
        e -= 1
    return s, e


def _verb_group(doc: Doc, s: int, e: int, ann: Annotation) -> tuple[int, int]:
    """Token range of the clause's main verb group ("has not yet approved")."""
    v = -1
    subj = tk.subject_token(doc[s:e], ann)
    if subj is not None and tk.is_verbal(subj.head, ann) and s <= subj.head.i < e:
        # start at the first auxiliary/verb of the subject's head
        head = subj.head
        aux = [c.i for c in head.children if c.dep_ in {"aux", "auxpass", "aux:pass", "cop"} and s <= c.i < e]
        v = min(aux + [head.i])
    elif subj is not None:
        cop = [c.i for c in subj.head.children if c.dep_ in {"cop", "aux", "aux:pass"} and s <= c.i < e and c.i > subj.i]
        if cop:
            v = min(cop)
    if v < 0:
        for j in range(s, e):
            if tk.is_finite_verb(doc[j], ann):
                v = j
                break
    if v < 0:
        return s, s
    while v > s and doc[v - 1].lower_ in _VERB_GROUP_ADVERBS:
        v -= 1
    end = v + 1
    while end < e:
        t = doc[end]
        between_verbs = t.tag_ == "RB" and end + 1 < e and (  # "has consistently refused", "was certainly not"
            tk.is_verbal(doc[end + 1], ann) or doc[end + 1].lower_ in _VERB_GROUP_ADVERBS)
        # "was unable to identify", "is no longer made": words that deny the verb after them
        denying = t.lower_ == "unable" and end + 1 < e and doc[end + 1].lower_ == "to" or (
            tk.in_no_longer(t) and (t.lower_ == "longer" or end + 1 < e))
        if t.lower_ in _VERB_GROUP_ADVERBS or between_verbs or denying or tk.is_verbal(t, ann) or (
                t.lower_ == "to" and end + 1 < e and tk.is_verbal(doc[end + 1], ann)):
            end += 1
        else:
            break
    return v, end


def cue_text(cue: Token) -> str:
    """A negation cue as a reader names it: "no longer" for the "no" of "no longer"."""
    return "no longer" if cue.lower_ == "no" and tk.in_no_longer(cue) else cue.text


def _implicit_negations(doc: Doc, vs: int, ve: int, e: int) -> list[Token]:
    """Verbs of the verb group that deny its content: "declined to / refused to / failed to
    comment", "has yet to approve", "denied (that) ..."; each is a negation cue."""
    cues: list[Token] = []
    for j in range(vs, min(ve, e)):
        t = doc[j]
        nxt = doc[j + 1].lower_ if j + 1 < e else ""
        if nxt == "to" and (lemma(t) in lx.IMPLICIT_NEGATIVE_VERBS or (t.lower_ == "yet" and j > vs and lemma(doc[j - 1]) in {"have", "be"})):
            cues.append(t)
        elif lemma(t) in lx.DENIAL_VERBS:
            cues.append(t)
    return cues


def _negations(doc: Doc, s: int, e: int, vs: int, ve: int, ann: Annotation) -> tuple[list[Token], set[int]]:
    """Negation cues that deny the clause's predicate, and token indices negated as modifiers."""
    cues: list[Token] = _implicit_negations(doc, vs, ve, e)
    modified: set[int] = set()
    span = doc[s:e]
    for j in range(s, e):
        t = doc[j]
        low = t.lower_
        if low == "non" and j + 2 < e and doc[j + 1].text == "-":
            modified.add(j + 2)
            continue
        if not tk.is_negation(t) or low == "nor" and not cues:
            continue
        nxt = doc[j + 1].lower_ if j + 1 < e else ""
        prev = doc[j - 1].lower_ if j > s else ""
        if low == "not" and nxt in {"only", "just", "merely", "simply", "all", "every", "always"}:
            continue
        if low == "not" and nxt == "the" and j + 3 < e and doc[j + 2].lower_ in {"first", "last"} and doc[j + 3].lower_ == "time":
            continue  # "it is not the first time Apple has sued": it has happened before
        if low == "not" and prev in {"or", "whether"}:
            continue
        if low in {"not", "n't"} and nxt in {"be", "get"} and j + 2 < e and doc[j + 2].lower_ in {"more", "better", "happier", "easier"}:
            continue  # "could not be more marked": an emphatic positive
        if low == "no" and (nxt in {"matter", "doubt"} or nxt in {",", "!", "."}):
            continue  # "no matter", "no doubt", and "No, ..." as an answer
        in_relative = (ann.dep and tk.in_relative_clause(t, span)) or any(
            doc[x].lower_ in tk.RELATIVE_PRONOUNS for x in range(max(ve, s), j)
        ) and j >= ve
        if vs <= j < ve and not in_relative:
            cues.append(t)
        elif low == "no" and t.dep_ == "det" and any(c.dep_ in {"case", "prep"} for c in t.head.children) and t.head.i > ve:
            modified.add(t.head.i)  # "at no cost", "with no warning": the phrase, not the predicate, is negated
        elif low in {"no", "none", "nothing", "nobody", "never", "neither", "nor"} and not in_relative:
            if not tk.in_other_clause(t, range(vs, ve), ann):
                cues.append(t)
        else:
            k = j + 1
            while k < e and (doc[k].lower_ in {"for", "a", "an", "the", "to", "of", "very", "so", "as"} or doc[k].is_punct):
                k += 1
            if k < e:
                modified.add(k)
    return cues, modified


# spaCy stop words that carry content in claims ("side effects", "back pain", "first-line", "used")
_CONTENT_STOP_WORDS = frozenset({"side", "back", "front", "bottom", "full", "empty", "first", "last", "serious", "show", "used", "using", "whole", "third"})
_QUANTIFIERS = tuple((phrase, q, phrase.split()) for phrase, q in lx.QUANTIFIER_PHRASES)


def _quantifier(doc: Doc, s: int, e: int, ann: Annotation, negative: bool) -> tuple[Quantifier | None, str]:
    words = [doc[j].lower_ for j in range(s, e)]
    best: tuple[int, int, Quantifier, str] | None = None
    present = set(words)
    for phrase, q, parts in _QUANTIFIERS:
        if parts[0] not in present:
            continue
        n = len(parts)
        for j in range(len(words) - n + 1):
            if words[j : j + n] != parts:
                continue
            nxt = doc[s + j + n] if s + j + n < e else None
            prev = words[j - 1] if j > 0 else ""
            if phrase == "most" and (prev == "the" or nxt is None or tk.is_adjective(nxt, ann) or tk.is_superlative(nxt, ann) or not tk.is_nominal(nxt, ann)) and not (nxt is not None and nxt.lower_ == "of"):
                continue
            if phrase in {"all", "each"} and (prev == "at" or (nxt is not None and nxt.lower_ in {"that", "other", "of"} and phrase == "each")):
                continue
            if phrase == "any" and negative:
                continue
            if phrase.startswith("every") and nxt is not None and nxt.lower_ in {"'s", "’s"}:
                continue  # "beyond everyone's expectations": whose, not how many
            if phrase == "only" and j > 0 and prev not in {"the"}:
                continue
            if phrase in {"little", "few"} and prev == "a":
                continue
            if phrase == "little" and (nxt is None or not tk.is_noun(nxt, ann)):
                continue
            if phrase in {"no", "none", "nothing", "nobody"}:
                continue  # a negation: handled as polarity
            if phrase == "some" and prev == "in":
                continue
            priority = 1 if phrase in {"there are", "there is"} else 0
            cand = (priority, j, q, phrase)
            if best is None or cand[:2] < best[:2]:
                best = cand
            break
    if best is None:
        return None, ""
    _, j, q, phrase = best
    n = len(phrase.split())
    end = s + j + n  # the phrase, extended to the noun it quantifies: "Dozens of large trials"
    for k in range(s + j + n, min(e, s + j + n + 4)):
        t = doc[k]
        if tk.is_noun(t, ann) and not t.is_punct:
            end = k + 1
            break
    return q, doc[s + j : end].text


def _comparatives(doc: Doc, s: int, e: int, ann: Annotation, subject_head: str) -> list[Comparative]:
    out: list[Comparative] = []
    j = s
    while j < e:
        t = doc[j]
        low = t.lower_
        if low in {"more", "less", "fewer"} and (j + 1 < e or j > s):
            direction = 1 if low == "more" else -1
            nxt = doc[j + 1] if j + 1 < e else None
            prev = doc[j - 1] if j > s else None
            if nxt is not None and nxt.lower_ in {"than", "and", "or"} and prev is not None and tk.is_verbal(prev, ann):
                word = lemma(prev)
                scale, sign = lx.SCALES.get(word, lx.CHANGE_VERBS.get(word, (word, 1)))
                text_end = j + 1
                target = subject_head
            elif nxt is not None and (tk.is_adjective(nxt, ann) or nxt.lower_ in lx.SCALES) and not tk.is_noun(nxt, ann):
                word = nxt.lower_ if nxt.lower_ in lx.SCALES else lemma(nxt)
                scale, sign = lx.SCALES.get(word, (word, 1))
                text_end = j + 2
                target = lemma(doc[j + 2]) if j + 2 < e and tk.is_noun(doc[j + 2], ann) else subject_head
            elif nxt is not None and tk.is_noun(nxt, ann):
                k = j + 1
                while k + 1 < e and tk.is_noun(doc[k + 1], ann):
                    k += 1
                word = lemma(nxt)
                scale, sign = "amount:" + stem(word), 1
                text_end = k + 1
                target = word
            else:
                j += 1
                continue
            than = _than(doc, text_end, e)
            out.append(Comparative(doc[j : text_end].text + (" than " + than if than else ""), word, scale, direction * sign, target, than))
            j = text_end
            continue
        if tk.is_comparative(t, ann) and low not in {"more", "less", "fewer", "rather", "further", "other", "earlier", "later", "latter", "former"}:
            word = lemma(t)
            if word == low and low.endswith("er"):
                word = low[:-2]
            scale, sign = lx.SCALES.get(word, lx.SCALES.get(low, (word, 1)))
            target = lemma(doc[j + 1]) if j + 1 < e and tk.is_noun(doc[j + 1], ann) else subject_head
            than = _than(doc, j + 1, e)
            out.append(Comparative(t.text + (" than " + than if than else ""), word, scale, sign, target, than))
        j += 1
    return out


def _than(doc: Doc, j: int, e: int) -> str:
    if j < e and doc[j].lower_ == "than":
        k = j + 1
        while k < e and k < j + 5 and not doc[k].is_punct and doc[k].lower_ not in {"so", "and", "but", "because"}:
            k += 1
        return doc[j + 1 : k].text
    return ""


def _adverb_of(word: str, adjectives: frozenset[str]) -> bool:
    """An adverb made from one of ``adjectives`` ("successfully" from "successful", "reliably" from
    "reliable", "easily" from "easy")."""
    if not word.endswith("ly") or len(word) < 5 or word == "hardly":  # "hardly" is "barely", not "in a hard way"
        return False
    return word[:-2] in adjectives or word[:-1] + "e" in adjectives or (word.endswith("ily") and word[:-3] + "y" in adjectives)


def _not_a_judgement(doc: Doc, j: int) -> bool:
    """A judging word in a sense that judges nothing: a position ("right on top of the tragedy")
    or the money a court awards ("a claim for damages")."""
    word = doc[j].lower_
    following = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    return (word == "top" and following == "of") or word == "damages"


def _valence(doc: Doc, vs: int, e: int, negative: bool, quantifier: Quantifier | None, s: int, ann: Annotation) -> tuple[int, list[str]]:
    """How the clause's predicate and object judge the subject: -1, 0 or +1, with the words that say so."""
    lemmas_all = [lemma(doc[j]) for j in range(s, e)]
    stems_all = {stem(x) for x in lemmas_all}
    if quantifier in (Quantifier.FEW, Quantifier.NONE) and stems_all & _EVIDENCE_STEMS:
        noun = next(j for j in range(s, e) if stem(lemma(doc[j])) in _EVIDENCE_STEMS)
        first = noun
        while first > s and doc[first - 1].lower_ in _QUANTITY_WORDS:
            first -= 1
        return -1, [doc[first : noun + 1].text]  # "so few studies"
    score = 0
    words: list[str] = []
    skip: set[int] = set()
    for j in range(vs, e):
        if j in skip:
            continue
        t = doc[j]
        lem = lexeme(t)
        prev = doc[j - 1].lower_ if j > s else ""
        if lem in lx.DECREASERS:
            for k in range(j + 1, min(e, j + 6)):
                if lemma(doc[k]) in _NEGATIVE_NOUNS:
                    score += 1
                    words.append(doc[j : k + 1].text)  # "relieve chronic back pain"
                    skip.add(k)
                    break
            else:
                if lem in _REJECTING:
                    score -= 1
                    words.append(t.text)
            continue
        if prev == "of" and j - 2 >= s and lexeme(doc[j - 2]) in {"risk", "danger", "chance", "threat", "fear"}:
            continue  # "a low risk of side effects": the risk phrase already counted
        if _not_a_judgement(doc, j):
            continue
        first = j - 1 if prev in {"more", "less", "least", "fewer", "very", "most", "so", "too", "far", "high", "higher", "low", "lower", "huge", "steep"} else j
        if lem in {"more", "less"} and prev in {"cost", "costs", "costed", "costing"}:
            sign = -1 if lem == "more" else 1
            first = j - 1  # "costs more"
        elif lem in {"cost", "price", "expense", "fee"} and prev in {"high", "higher", "huge", "steep", "low", "lower", "small"}:
            sign = 1 if prev in {"low", "lower", "small"} else -1  # "its high cost", "a low price"
        elif lem in _REJECTING:
            sign = -1  # "people should avoid it"
        elif lem in lx.POSITIVE_WORDS or t.lower_ in lx.POSITIVE_WORDS or _adverb_of(t.lower_, lx.POSITIVE_WORDS):
            sign = 1  # "successful", "successfully"
        elif lem in lx.NEGATIVE_WORDS or t.lower_ in lx.NEGATIVE_WORDS or _adverb_of(t.lower_, lx.NEGATIVE_WORDS):
            sign = -1
        else:
            continue
        if prev in {"less", "least", "fewer", "rarely", "seldom", "hardly", "low", "lower", "reduced", "minimal"} and lem not in {"cost", "price", "expense", "fee"}:
            sign = -sign  # "less effective", "the least proven", "low risk"
        score += sign
        words.append(doc[max(first, s) : j + 1].text)
    if negative:
        score = -score
    if quantifier in (Quantifier.FEW, Quantifier.NONE):
        score = -score  # "recovers very little", "few people benefit": little of a good thing is bad
    if quantifier in (Quantifier.MANY, Quantifier.MOST) and stems_all & {stem(x) for x in _EVIDENCE_NOUNS}:
        score += 1
    return (score > 0) - (score < 0), words


def _terms(doc: Doc, s: int, e: int, ann: Annotation, subject_key: str) -> list[Term]:
    """Scalar, antonym-bearing and status words of a clause, each with what it applies to."""
    out: list[Term] = []
    for j in range(s, e):
        t = doc[j]
        lem = t.lower_ if t.lower_ in lx.SCALES else lexeme(t)
        if not (t.lower_ in lx.SCALES or lem in lx.SCALES or lem in lx.ANTONYMS or lem in lx.APPROVAL_WORDS or lem in lx.CHANGE_VERBS):
            continue
        if ann.dep and any(x.dep_ == "appos" and s <= x.i < e for x in (t, *t.ancestors)):
            continue  # a description of a participant, not what the clause says: "Mirza, a junior title winner, ..."
        arg = ""
        if tk.is_verbal(t, ann) or lem in lx.CHANGE_VERBS:
            # what the verb acts on: its object ("raises blood pressure"), else its subject ("prices have fallen")
            objects = [c for c in t.children if c.dep_ in {"dobj", "obj"} and s <= c.i < e] if ann.dep else []
            if objects:
                arg = stem(lemma(objects[0]))
            else:
                arg = subject_key
                for k in range(j + 1, min(e, j + 5)):
                    w = doc[k]
                    if w.lower_ in {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"} or w.lower_.endswith("ly"):
                        continue
                    if tk.is_noun(w, ann) and not w.is_stop and not w.like_num:
                        arg = stem(lemma(w))
                    break
        elif j + 1 < e and tk.is_noun(doc[j + 1], ann):
            arg = stem(lemma(doc[j + 1]))
        else:
            arg = subject_key
        out.append(Term(lem, t.text, arg))
    return out


def _claim_type(lemmas: list[str]) -> str:
    best, best_n = lx.OTHER_TYPE, 0
    have = set(lemmas)
    for ctype, cues in lx.CLAIM_TYPE_CUES:
        n = len(have & cues)
        if n > best_n:
            best, best_n = ctype, n
    return best


def _entities(doc: Doc, s: int, e: int, ann: Annotation) -> list[str]:
    keys: list[str] = []
    for ent in doc.ents:
        if ent.start >= s and ent.end <= e and ent.label_ in {"ORG", "PRODUCT", "PERSON", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART"}:
            text = ent.text.lower()
            keys.append(_AGENCY_KEYS.get(text, text))
    for j in range(s, e):
        t = doc[j]
        if (ann.pos and t.pos_ == "PROPN") or (t.is_upper and len(t.text) >= 2 and t.is_alpha):
            key = t.lower_
            if key not in keys and key not in lx.UNIT_WORDS:
                keys.append(key)
    return keys


@dataclass(frozen=True)
class _Mention:
    """A subject a later pronoun may refer to."""

    text: str
    number: str  # "Sing", "Plur" or "" (unknown)
    proper: bool
    head: str = ""  # lemma of the head noun


_PRONOUN_NUMBER = {"it": "Sing", "this": "Sing", "that": "Sing", "he": "Sing", "she": "Sing", "they": "Plur", "these": "Plur", "those": "Plur", "them": "Plur"}


def _mention(tok: Token, text: str) -> _Mention:
    number = next(iter(tok.morph.get("Number")), "") or ("Plur" if tok.tag_ in {"NNS", "NNPS"} else "Sing" if tok.tag_ in {"NN", "NNP"} else "")
    return _Mention(text, number, tok.pos_ == "PROPN" or tok.tag_.startswith("NNP"), lemma(tok))


def _antecedent(pronoun: Token, previous: _Mention | None) -> _Mention | None:
    """What a subject pronoun refers to, when that is safe: the nearest subject before it, if it
    agrees in number (and is a name, for "he"/"she"); None for an expletive "it" ("it is likely
    that ...") or when the nearest subject does not fit: then the pronoun stays unresolved."""
    low = pronoun.lower_
    if previous is None or low not in _PRONOUN_NUMBER:
        return None
    if low == "it" and any(c.dep_ in {"ccomp", "csubj", "xcomp"} and c.i > pronoun.i for c in pronoun.head.children):
        return None  # "it is likely that ...", "it was decided to ..."
    if previous.number and previous.number != _PRONOUN_NUMBER[low]:
        return None
    if low in {"he", "she"} and not person_like(previous.text, previous.head):
        return None  # a name may be a company's: "Kelmont said ... he"
    return previous


_DASHES = frozenset({"-", "–", "—", "--"})


def after_dateline(sent: Span, limit: int = 16) -> int:
    """Where a sentence starts after a wire-copy dateline ("KERRIN ISLAND - ", "PORT AVERLY, Sept.
    13 (SPW) - "): a place in capitals, then a date or an agency in brackets, then a dash. The
    sentence's own start when it has none."""
    doc = sent.doc
    j = sent.start
    if j >= sent.end or not (doc[j].is_upper and doc[j].is_alpha and len(doc[j].text) > 1):
        return sent.start
    while j < min(sent.end, sent.start + limit):
        t = doc[j]
        if t.text in _DASHES:
            nxt = doc[j + 1] if j + 1 < sent.end else None
            return j + 1 if nxt is not None and (nxt.is_title or nxt.is_upper) else sent.start
        if not (t.is_upper or t.is_punct or t.like_num or t.is_title or t.text.endswith(".")):
            return sent.start  # a lower-case word: ordinary prose
        j += 1
    return sent.start


def sentence_claims(sent: Span, sent_index: int, context: dict) -> list[Claim]:
    """The atomic claims of one sentence (offsets relative to the Doc)."""
    doc = sent.doc
    ann = context["ann"]
    text = sent.text.strip()
    words = [t for t in sent if t.is_alpha]
    if len(words) < 4 or text.rstrip(tk.CLOSING_MARKS).endswith(("?", "!")):
        context["last_mention"] = None  # a question or an exclamation states no claim; a pronoun after it may refer to it
        return []
    body = doc[after_dateline(sent) : sent.end]  # "PORT AVERLY, Sept. 13 (SPW) - Hurricane Tamsin came ashore ..."
    if _has_clause(doc, body.start, body.end, ann):
        segs = _segments(body, ann)
        _assign_roles(segs)
    else:  # no clause found (a fragment, or a tagging slip): the sentence is one claim
        segs = [_Segment(body.start, body.end)]
    drafts: list[dict] = []
    last_subject = context.get("last_subject", "")
    last_mention = context.get("last_mention")
    sentence_words = [t.lower_ for t in sent if t.is_alpha]
    conditional = bool(sentence_words) and sentence_words[0] in {"if", "unless", "suppose", "supposing", "whether"}
    for n, sg in enumerate(segs):
        s, e = _trim(doc, sg.start, sg.end)
        if e - s < 2:
            continue
        vs, ve = _verb_group(doc, s, e, ann)
        subj_tok = tk.subject_token(doc[s:e], ann)
        if subj_tok is None and vs == s and doc[vs].tag_ == "VBG" and s > sent.start and doc[s - 1].tag_ == "IN":
            continue  # "as a result of being leaned on": a gerund after a preposition asserts nothing
        if subj_tok is not None and subj_tok.i < vs:
            sub_toks = [t for t in subj_tok.subtree if s <= t.i < vs]
            subject = doc[sub_toks[0].i : sub_toks[-1].i + 1].text if sub_toks else doc[s:vs].text
        else:
            subject = doc[s:vs].text
        subject = subject.strip(" ,;")
        resolved = subject
        previous = drafts[-1]["mention"] if drafts else last_mention
        if sg.vp or not subject:
            resolved = subject = drafts[-1]["resolved"] if drafts else last_subject
            mention = previous
        elif subject.lower() in _PRONOUNS and subj_tok is not None:
            mention = _antecedent(subj_tok, previous)
            resolved = mention.text if mention is not None else subject
        else:
            mention = _mention(subj_tok, subject) if subj_tok is not None and subject.lower() not in _PRONOUNS else None
        predicate_toks = [doc[j] for j in range(vs, ve)]
        predicate = doc[vs:ve].text if ve > vs else ""
        content_verbs = [t for t in predicate_toks if tk.is_verbal(t, ann) and lemma(t) not in lx.AUXILIARIES | {"be", "have", "do"}]
        pred_lemma = lemma(content_verbs[-1]) if content_verbs else (lemma(predicate_toks[-1]) if predicate_toks else "")
        obj = doc[ve:e].text if ve < e else ""
        focus = ""
        if content_verbs:
            focus = stem(lemma(content_verbs[-1]))
        else:
            for j in range(ve, e):
                t = doc[j]
                if t.is_alpha and not t.is_stop and not tk.is_negation(t) and (tk.is_adjective(t, ann) or tk.is_noun(t, ann) or tk.is_verbal(t, ann)):
                    focus = stem(lemma(t))
                    break
        for c in doc[s:e]:
            if c.lower_ in {"no", "none"} and c.i + 1 < e:
                for j in range(c.i + 1, min(e, c.i + 4)):
                    if tk.is_noun(doc[j], ann):
                        focus = stem(lemma(doc[j]))
                        break
        cues, modified = _negations(doc, s, e, vs, ve, ann)
        polarity = Polarity.NEGATIVE if len(cues) % 2 == 1 else Polarity.POSITIVE
        clause_text = doc[s:e].text
        low_text = " " + clause_text.lower() + " "
        meta = any(p in low_text for p in lx.META_PATTERNS)
        hedges = [t.text.lower() for t in doc[s:e] if t.lower_ in lx.HEDGE_WORDS or lemma(t) in {"suggest", "appear", "seem"}]
        if conditional:
            hedges.insert(0, "if")
        hedges += [p for p in lx.HEDGE_PHRASES if f" {p} " in low_text]
        quantifier, qtext = _quantifier(doc, s, e, ann, polarity is Polarity.NEGATIVE)
        subject_head = ""
        if subj_tok is not None:
            subject_head = lemma(subj_tok)
        elif subject:
            subject_head = subject.split()[-1].lower()
        comparatives = _comparatives(doc, s, e, ann, subject_head)
        offset = doc[s].idx
        quantities = counted_by_parse(doc, offset, find_quantities(clause_text), ann)
        lemmas: list[str] = []
        qwords = {w.lower() for w, _ in lx.QUANTIFIER_PHRASES for w in w.split()} & set(qtext.lower().split()[:-1])
        for j in range(s, e):
            t = doc[j]
            if t.lower_ in qwords:
                continue
            if t.is_punct or t.is_space or t.like_num or tk.is_negation(t) or t.lower_ in lx.UNIT_WORDS or t.lower_ == "non":
                continue
            lem = lemma(t)
            if (t.is_stop and t.lower_ not in _CONTENT_STOP_WORDS) or lem in lx.AUXILIARIES or len(lem) < 2 or not re.search(r"[a-z]", lem):
                continue
            key = token_key(t)
            lemmas.append(("non_" + key) if j in modified else key)
        if resolved and resolved is not subject or (sg.vp and resolved):
            for w in re.findall(r"[A-Za-z][A-Za-z\-]+", resolved):
                key = stem(w.lower())
                if key not in lemmas and w.lower() not in _PRONOUNS and len(w) > 2:
                    lemmas.append(key)
        raw_lemmas = [lemma(doc[j]) for j in range(s, e)]
        valence, vwords = _valence(doc, vs if vs < e else s, e, polarity is Polarity.NEGATIVE, quantifier, s, ann)
        terms = _terms(doc, s, e, ann, stem(subject_head) if subject_head else "")
        frame = build_frame(
            doc, (sent.start, sent.end), s, e, (vs, ve), subj_tok, ann=ann, polarity=polarity,
            negations=tuple(cue_text(t) for t in cues), quantities=quantities, hedges=tuple(dict.fromkeys(hedges)),
            quantifier=quantifier, quantifier_text=qtext, comparatives=tuple(comparatives),
            resolved=resolved if resolved != subject or sg.vp else "", pred_lemma=pred_lemma,
        )
        worth = 0.35
        worth += 0.15 if quantities or frame.times else 0.0
        worth += 0.1 if comparatives else 0.0
        worth += 0.1 if sg.role is not CausalRole.NONE else 0.0
        worth += 0.1 if (cues or quantifier is not None or frame.predicate.modality is not Modality.FACT) else 0.0  # "might perform"
        ctype = _claim_type(raw_lemmas)
        worth += 0.1 if ctype != lx.OTHER_TYPE else 0.0
        entities = tuple(dict.fromkeys(_entities(doc, s, e, ann)))
        worth += 0.1 if entities else 0.0
        worth += 0.05 if len(lemmas) >= 4 else -0.05 if len(lemmas) == 3 else -0.15  # "the company will appeal the ruling" is a claim
        worth -= 0.35 if meta else 0.0
        worth -= 0.1 if hedges else 0.0
        drafts.append(
            dict(
                seg=sg, s=s, e=e, offset=offset, text=clause_text, subject=subject, resolved=resolved, mention=mention,
                predicate=predicate, pred_lemma=pred_lemma, obj=obj, polarity=polarity, focus=focus,
                negations=tuple(cue_text(t) for t in cues), hedges=tuple(dict.fromkeys(hedges)),
                quantities=quantities, comparatives=tuple(comparatives), quantifier=quantifier, qtext=qtext,
                role=sg.role, lemmas=tuple(dict.fromkeys(lemmas)), entities=entities,
                terms=tuple(dict.fromkeys(terms)), valence=valence, valence_terms=tuple(dict.fromkeys(vwords)),
                ctype=ctype, worth=max(0.0, min(1.0, worth)), frame=frame,
            )
        )
    if drafts:
        context["last_subject"] = drafts[0]["resolved"] or last_subject
        context["last_mention"] = drafts[0]["mention"]
    claims: list[Claim] = []
    ids = [f"{sent_index}.{k}" for k in range(len(drafts))]
    for k, d in enumerate(drafts):
        sg = d["seg"]
        cause = effect = partner = ""
        if d["role"] is not CausalRole.NONE:
            same = [(i, x) for i, x in enumerate(drafts) if x["seg"].group == sg.group]
            cause = " ".join(x["text"] for _, x in same if x["role"] is CausalRole.CAUSE)
            effect = " ".join(x["text"] for _, x in same if x["role"] is CausalRole.EFFECT)
            partner = next((ids[i] for i, x in same if x["role"] is not d["role"]), "")
        claims.append(
            Claim(
                id=ids[k], doc_id="", sentence_index=sent_index, clause_index=k,
                start=sent.start_char, end=sent.end_char, claim_start=d["offset"], claim_end=d["offset"] + len(d["text"]),
                sentence=sent.text.strip(), text=d["text"], subject=d["resolved"] if d["subject"].lower() in _PRONOUNS else d["subject"],
                predicate=d["pred_lemma"] if not d["predicate"] else d["predicate"], object=d["obj"],
                polarity=d["polarity"], predicate_lemma=d["pred_lemma"], focus=d["focus"], negations=d["negations"], hedges=d["hedges"], quantities=d["quantities"],
                comparatives=d["comparatives"], quantifier=d["quantifier"], quantifier_text=d["qtext"],
                causal_role=d["role"], cause=cause, effect=effect, partner=partner, claim_type=d["ctype"],
                worthiness=round(d["worth"], 3), lemmas=d["lemmas"], entities=d["entities"], terms=d["terms"],
                valence=d["valence"], valence_terms=d["valence_terms"], frame=d["frame"],
            )
        )
    return claims
