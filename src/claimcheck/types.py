"""Values passed between claimcheck's stages: frozen dataclasses and enums only.

Data flows one way: corpus -> extract -> align -> contradict -> report. Each stage takes
and returns these values; spaCy objects never leave the extraction stage.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum, IntEnum


class BlockKind(str, Enum):
    """What a block of an article is; only paragraphs and list items carry claims."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"


class Polarity(str, Enum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class CausalRole(str, Enum):
    """The part a clause plays in a causal sentence ("because X, Y": X is the cause)."""

    NONE = ""
    CAUSE = "cause"
    EFFECT = "effect"


class Quantifier(IntEnum):
    """How much of a set a claim speaks of, ordered none < few < some < many < most < all."""

    NONE = 0
    FEW = 1
    SOME = 2
    MANY = 3
    MOST = 4
    ALL = 5
    ONLY = 6  # "the only ones who ...": exclusive, clashes with "any"/"all"
    NOT_ALL = 7  # "not all clinics ...": clashes with "all"/"any"


class FlagKind(str, Enum):
    """What kind of conflict a flag reports: the frame slot that differs."""

    NEGATION = "negation"  # one affirms what the other denies
    NUMERIC = "numeric"  # another value for the same quantity
    DATE = "date"  # another date, time or weekday for the same event
    LOCATION = "location"  # another place for the same event
    ROLE_SWAP = "role_swap"  # agent and patient reversed
    ATTRIBUTION = "attribution"  # the same statement credited to another source
    ANTONYM = "antonym"  # opposite predicates for the same subject
    QUANTIFIER = "quantifier"  # all / most / some / few / none disagree
    MODALITY = "modality"  # will vs might, must vs may, will vs ruled out
    COMPARATIVE = "comparative"  # more vs less, higher vs lower, before vs after
    CONTRADICTION = "contradiction"  # the verifier's judgement, no single slot to blame
    CAUSAL_INCOHERENCE = "causal_incoherence"  # inside one article: a cause that cannot support its effect
    SELF_CONTRADICTION = "self_contradiction"  # inside one article: two statements that cannot both hold


class Severity(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]


class Relation(str, Enum):
    AGREE = "agree"
    CONTRADICT = "contradict"
    RELATED = "related"


@dataclass(frozen=True)
class OffsetMap:
    """Maps character positions in cleaned text back to the original (decoded) file.

    ``runs`` holds ``(clean_start, original_start, length)`` triples sorted by clean_start;
    inside a run characters map one to one. A position between runs maps to the end of the
    run before it.
    """

    runs: tuple[tuple[int, int, int], ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(r[0] for r in self.runs))

    @classmethod
    def identity(cls, length: int, original_start: int = 0) -> OffsetMap:
        return cls(((0, original_start, length),))

    def to_original(self, pos: int) -> int:
        if not self.runs:
            return pos
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return self.runs[0][1]
        clean_start, orig_start, length = self.runs[i]
        return orig_start + min(pos - clean_start, length)


@dataclass(frozen=True)
class Block:
    """One block of article text (a paragraph, heading, list item or the title)."""

    kind: BlockKind
    text: str
    offsets: OffsetMap  # positions in ``text`` -> positions in Article.text

    @property
    def start(self) -> int:
        return self.offsets.to_original(0)

    @property
    def end(self) -> int:
        return self.offsets.to_original(len(self.text))


@dataclass(frozen=True)
class Article:
    """An article as loaded from the corpus: its decoded text and the blocks worth reading."""

    id: str
    path: str
    title: str
    text: str  # the whole decoded file, unchanged: offsets point into it
    blocks: tuple[Block, ...]
    encoding: str = "utf-8"
    sha256: str = ""  # of the normalized content, used for duplicates and caching

    @property
    def body_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM))


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, normalized: "400 milligrams" -> 400, 400, "mg", "mass"."""

    text: str
    low: float
    high: float
    unit: str  # canonical unit: "usd", "mg", "iu", "percent", "year", "count", ...
    dimension: str  # what is measured: "money", "mass", "ratio", "duration", "date", "count", ...
    approximate: bool = False
    bound: str = ""  # "max" for "up to X", "min" for "at least X"; the value is then the bound
    stated_unit: str = ""  # a physical unit as written, pint's name ("mile"), when it was converted
    step: float = 0.0  # half a unit in the stated number's last digit, in ``unit``: its rounding


@dataclass(frozen=True)
class Comparative:
    """A comparison: "more costly than painkillers" -> scale "cost", direction +1."""

    text: str
    word: str  # the compared word's lemma ("costly", "weak", "vitamin")
    scale: str  # the scale it sits on ("cost", "strength", "amount", ...)
    direction: int  # +1 more/higher, -1 less/lower
    target: str = ""  # lemma of what is compared (head noun or subject)
    than: str = ""  # text of the standard of comparison


@dataclass(frozen=True)
class Term:
    """An evaluative or scalar word of a claim and what it is said of ("reduces" -> "pain")."""

    lemma: str
    text: str
    arg: str = ""  # stem of the noun it applies to: a verb's object, an adjective's noun or subject


class Modality(str, Enum):
    """How a claim commits to its predicate."""

    FACT = "fact"  # a plain assertion: "the bridge closed"
    CERTAIN = "certain"  # will, is certain to, is set to
    LIKELY = "likely"  # expected to, likely to, should (epistemic)
    POSSIBLE = "possible"  # may, might, could
    EXCLUDED = "excluded"  # ruled out, cannot, will not be possible
    REQUIRED = "required"  # must, has to, is required to, shall
    PERMITTED = "permitted"  # may (deontic), is allowed to, can
    FORBIDDEN = "forbidden"  # must not, is banned from, may not


class Tense(str, Enum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


@dataclass(frozen=True)
class Predicate:
    """The claim's main predicate: a content verb, or a copula's complement ("is unsafe" -> unsafe)."""

    lemma: str
    text: str = ""
    polarity: Polarity = Polarity.POSITIVE
    negation: str = ""  # the cue that made it negative: "not", "never", "failed to", "denied", ...
    modality: Modality = Modality.FACT
    modal: str = ""  # the word that set the modality: "might", "ruled out", ...
    tense: Tense = Tense.PRESENT
    voice: str = "active"  # "active" or "passive" (agent/patient are already normalised for it)


@dataclass(frozen=True)
class Argument:
    """A participant of the predicate (agent or patient/theme), as a head plus matching keys."""

    text: str
    head: str  # lemma of the head word, lower case ("court", "kelmont")
    keys: tuple[str, ...] = ()  # normalised content keys for matching (stems, entity keys)
    entity: str = ""  # entity label when the argument is a named entity (PERSON, ORG, GPE, ...)


@dataclass(frozen=True)
class TimeRef:
    """A point or period in time mentioned by the claim, normalised."""

    text: str
    kind: str  # "date" | "time" | "weekday" | "month" | "year" | "quarter" | "relative" | "period"
    value: str  # ISO-style where known: "2024-09-23", "--09-23" (no year), "06:42", "saturday", "2024", "last year"


@dataclass(frozen=True)
class Place:
    """A place the claim locates its event in."""

    text: str
    key: str  # normalised key for comparing places ("tilbury cross")
    relation: str = ""  # the preposition: "in", "near", "at", "off", ...


@dataclass(frozen=True)
class Source:
    """Who the claim is attributed to ("according to X", "X said", reported speech)."""

    text: str  # "the emergency director"
    key: str  # normalised key ("emergency director")
    verb: str = ""  # the reporting verb's lemma: "say", "tell", "claim", "according to"
    endorsed: bool = False  # True when the article itself stands behind it ("X confirmed")


@dataclass(frozen=True)
class Frame:
    """Who did what to whom, when, where and how much: the structure a claim asserts.

    Built from the parse in the extraction stage; checks compare frames slot by slot.
    """

    predicate: Predicate
    agent: Argument | None = None
    patient: Argument | None = None
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    source: Source | None = None
    quantifier: Quantifier | None = None
    quantifier_text: str = ""
    hedges: tuple[str, ...] = ()  # "reportedly", "allegedly", "about", "initially", ...
    comparatives: tuple[Comparative, ...] = ()
    corrected: bool = False  # the article marks this figure/statement as superseded ("initially said")
    forecast: bool = False  # a prediction or expectation rather than a reported outcome


@dataclass(frozen=True)
class Claim:
    """One atomic, check-worthy statement taken from a sentence of an article."""

    id: str
    doc_id: str
    sentence_index: int
    clause_index: int
    start: int  # sentence span in Article.text
    end: int
    claim_start: int  # clause span in Article.text
    claim_end: int
    sentence: str
    text: str
    subject: str
    predicate: str
    object: str
    polarity: Polarity
    predicate_lemma: str = ""
    focus: str = ""  # stem of the word the predicate bears on (content verb, or complement head)
    negations: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    comparatives: tuple[Comparative, ...] = ()
    quantifier: Quantifier | None = None
    quantifier_text: str = ""
    causal_role: CausalRole = CausalRole.NONE
    cause: str = ""
    effect: str = ""
    partner: str = ""  # id of the claim at the other end of the causal link
    claim_type: str = "other"  # topic label (lexicons/claim_types.json), "other" when none fits
    worthiness: float = 0.0
    lemmas: tuple[str, ...] = ()  # normalized content lemmas, in text order
    entities: tuple[str, ...] = ()  # normalized entity keys (agencies, products, years)
    terms: tuple[Term, ...] = ()  # evaluative and scalar words, for the antonym and status rules
    valence: int = 0  # -1 / 0 / +1: how the clause judges its subject
    valence_terms: tuple[str, ...] = ()  # the words that decided the valence ("more costly", "preferred")
    frame: Frame | None = None  # the claim's structure (predicate, roles, time, place, source, ...)

    def __hash__(self) -> int:
        # claims key the checks' memo tables: hashing every field, the frame's too, on each lookup
        # was a third of the checks' time. Equal claims have equal ids, spans and texts.
        return hash((self.id, self.doc_id, self.claim_start, self.claim_end, self.text))


@dataclass(frozen=True)
class Alignment:
    """Two claims from different articles (or one article) that speak of the same thing."""

    claim_a: str
    claim_b: str
    doc_a: str
    doc_b: str
    sentence_a: str
    sentence_b: str
    text_a: str
    text_b: str
    score: float  # 0..1 combined similarity
    fuzz: float  # 0..100 rapidfuzz score on normalized lemma strings
    overlap: float  # 0..1 content-lemma overlap
    relation: Relation = Relation.RELATED


@dataclass(frozen=True)
class Finding:
    """What one check found about two claims (or one causal link)."""

    kind: FlagKind
    explanation: str
    terms_a: tuple[str, ...] = ()
    terms_b: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class ValueClash:
    """One slot (figures, times, places) whose values differ between two claims, and the values
    to swap to make the second claim say the first's: (text in a, text in b) for each."""

    kind: FlagKind
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Flag:
    """A contradiction: between two aligned claims, or inside one article."""

    kind: FlagKind
    severity: Severity
    score: float
    doc_a: str
    sentence_a: str
    doc_b: str
    sentence_b: str  # empty when the flag concerns one sentence
    explanation: str
    claim_a: str = ""
    claim_b: str = ""
    terms_a: tuple[str, ...] = ()  # conflicting words in sentence_a, for highlighting
    terms_b: tuple[str, ...] = ()
    confidence: float = 1.0  # how sure the check is (the verifier's P(contradiction) where it judged)


@dataclass(frozen=True)
class Result:
    """Everything one comparison run produced."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    alignments: tuple[Alignment, ...]
    flags: tuple[Flag, ...]
    pipeline: str = ""  # name and version of the spaCy pipeline used


@dataclass(frozen=True)
class Skipped:
    """A file the corpus loader passed over, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Corpus:
    """The articles of a corpus folder, plus the files that could not be used."""

    root: str
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()


@dataclass(frozen=True)
class Added:
    """What ``claimcheck add`` did with one source file."""

    source: str
    id: str
    path: str  # where the copy now lives in the corpus
