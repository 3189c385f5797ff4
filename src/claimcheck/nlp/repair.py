"""The ``claimcheck_verb_repair`` spaCy component: a main verb the bundled parser read as a participle.

The bundled pipeline is trained on UD English EWT, web text full of fragments, and it reads plain
news sentences as noun phrases: "The rocket lifted off from Kerrin Island at 9:40 p.m." becomes
"the rocket [that was] lifted off ...", a noun root with a reduced relative clause, and the claim
loses its predicate, its subject and every slot hung on them; or it keeps the verb as a bare
participle and hangs the name before it on it as an adverbial ("Vesta-2 lifted off ..."). The
repair is for exactly those shapes:
a sentence that ends as a statement ends, with no finite verb anywhere, whose root is the noun
phrase it opens with and whose next word is a past form ("-ed", or an irregular one that can be a
past tense) the parser attached to it as a participle. The participle becomes the root, tagged
as a past tense, and the noun its subject. A parser that reads such sentences right (spaCy's
OntoNotes pipelines do) never gives the shape, so the repair leaves its parses alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimcheck.nlp.clauses import after_dateline
from claimcheck.nlp.tokens import CLOSING_MARKS, FINITE_TAGS

# participle-only forms: "taken", "shown", "done", "begun" are never a past tense
_PARTICIPLES = frozenset({"done", "gone", "begun", "sung", "rung", "swum", "drunk", "sunk", "shrunk", "born", "borne",
                          "sworn", "torn", "worn", "lain", "been"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_CLOSERS = frozenset(CLOSING_MARKS)


def _can_be_past(word: str) -> bool:
    return not (word.endswith(("en", "wn")) or word in _PARTICIPLES)


def _statement(sent: Span) -> bool:
    """The sentence ends as a statement does and has no finite verb (its parse found none) and one
    past form at most: of two ("mail sent between households represented 7 percent"), which is the
    main verb the shape cannot tell."""
    last = next((t for t in reversed(sent) if t.text not in _CLOSERS), None)
    return (last is not None and last.text.endswith((".", "!")) and not any(t.tag_ in FINITE_TAGS for t in sent)
            and sum(t.tag_ == "VBN" for t in sent) == 1)


def _body(sent: Span) -> tuple[Span, Token]:
    """The sentence after any wire-copy dateline ("KERRIN ISLAND - The rocket ..."), and its root:
    the sentence's, or the first word of the rest that hangs on the dateline."""
    start = after_dateline(sent)
    if start == sent.start:
        return sent, sent.root
    body = sent.doc[start : sent.end]
    root = next((t for t in body if not t.is_punct and not (start <= t.head.i < sent.end and t.head.i != t.i)), sent.root)
    return body, root


def _subjectless_root(sent: Span, verb: Token) -> Token | None:
    """The noun opening a sentence whose root is a bare participle right after it, attached as
    anything but its subject ("Vesta-2 lifted off from ...": "Vesta-2" an adverbial), or None."""
    if verb.tag_ != "VBN" or not _can_be_past(verb.lower_):
        return None
    if any(c.dep_.startswith(("nsubj", "aux", "expl", "csubj")) for c in verb.children):
        return None  # "has lifted", "was lifted", or a subject already
    noun = next((c for c in verb.lefts if c.pos_ in _NOMINAL and c.i == verb.i - 1), None)
    if noun is None or noun.left_edge.i != sent.start:
        return None
    return noun


def _reduced_root(sent: Span, root: Token) -> tuple[Token, Token] | None:
    """The noun opening the sentence and the participle after it to make the sentence's root, or
    None when the sentence is not of the shape. The noun is the root, or the subject of a root
    "-ing" form the parser took for the main verb ("The rocket lifted off ..., lighting up the sky")."""
    noun = root if root.pos_ in _NOMINAL else None
    if root.tag_ == "VBG":
        noun = next((c for c in root.lefts if c.dep_ == "nsubj" and c.pos_ in _NOMINAL), None)
    if noun is None:
        return None
    verb = next((c for c in noun.rights if c.dep_ == "acl" and c.tag_ == "VBN"), None)
    if verb is None or not _can_be_past(verb.lower_):
        return None
    if any(t.pos_ != "ADV" for t in sent.doc[noun.i + 1 : verb.i]):
        return None  # the participle follows the noun: "the rocket (quickly) lifted off"
    if any(noun not in t.ancestors and verb not in t.ancestors for t in sent if t.i < noun.i):
        return None  # the noun phrase opens the sentence (or what comes first hangs on the verb)
    return noun, verb


class VerbRepair:
    """Makes the participle of a noun-rooted statement its root (see the module docstring)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP") or not doc.has_annotation("TAG"):
            return doc
        for sent in list(doc.sents):
            body, root = _body(sent)
            if not _statement(body):
                continue
            found = _reduced_root(body, root)
            if found is not None:
                noun, verb = found
                head, dep = (verb, "ROOT") if root.head.i == root.i else (root.head, root.dep_)  # a dateline keeps its place
                later = [c for c in noun.rights if c.i > verb.i]
                verb.head, verb.dep_ = head, dep
                noun.head, noun.dep_ = verb, "nsubj"
                for child in later:  # the final full stop, a phrase the parser hung on the noun
                    child.head = verb
                if root.i != noun.i:
                    root.head, root.dep_ = verb, "advcl"  # ", lighting up the sky": what went with it
            elif (noun := _subjectless_root(body, root)) is not None:
                verb = root
                noun.dep_ = "nsubj"
            else:
                continue
            for child in verb.children:
                if child.dep_ == "obl:agent":
                    child.dep_ = "obl"  # "increased by 5 percent": a measure, no passive's doer
            verb.tag_, verb.pos_ = "VBD", "VERB"
            verb.set_morph("Mood=Ind|Tense=Past|VerbForm=Fin")
        return doc


@Language.factory("claimcheck_verb_repair")
def make_verb_repair(nlp: Language, name: str) -> VerbRepair:
    return VerbRepair(nlp, name)
