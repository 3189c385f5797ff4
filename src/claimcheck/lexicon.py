"""Word lists the rules share. General English, not fitted to any one article.

Every list is a frozenset or dict of lower-case lemmas so rule functions can test membership
without touching spaCy.
"""

from __future__ import annotations

import functools

import snowballstemmer

from claimcheck.types import Quantifier

NEGATION_CUES = frozenset({"not", "n't", "n’t", "never", "no", "none", "nobody", "nothing", "neither", "nor", "cannot", "nowhere"})

# negation cues that are themselves quantifiers: "never" (at no time), "no one", "neither" (of two)
NONE_CUES = frozenset({"never", "no", "none", "nobody", "nothing", "neither", "nowhere"})

# Words that deny their "to" complement ("declined to comment", "was unable to identify" = did not
# comment, did not identify), and verbs that deny what follows them ("denied that ...", "denied the charge").
IMPLICIT_NEGATIVE_VERBS = frozenset({"decline", "refuse", "fail", "neglect", "omit", "unable"})
DENIAL_VERBS = frozenset({"deny"})
# who speaks for a body rather than being someone else: "a company spokeswoman" is the company's voice
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "statement"})

# verbs that grant what follows them, the opposites of a denial ("admitted causing the crash")
ADMISSION_VERBS = frozenset({"admit", "acknowledge", "concede", "confess"})

# Verbs whose negation does not deny their complement: "people don't talk about X" still presupposes X.
REPORTING_VERBS = frozenset(
    {
        "talk", "discuss", "mention", "know", "realize", "realise", "hear", "notice", "speak", "say",
        "tell", "report", "think", "believe", "claim", "admit", "recognize", "recognise", "acknowledge",
        "wonder", "ask", "care", "understand", "remember", "forget",
    }
)

HEDGE_WORDS = frozenset(
    {
        "may", "might", "could", "would", "generally", "usually", "often", "sometimes", "possibly", "probably",
        "likely", "unlikely", "perhaps", "partially", "partly", "potentially", "reportedly", "allegedly",
        "apparently", "arguably", "suggest", "appear", "seem", "typically", "mostly", "somewhat",
    }
)
HEDGE_PHRASES = ("thought to", "believed to", "said to", "is considered", "are considered", "some researchers", "some studies", "in some cases")

CAUSAL_MARKERS = frozenset({"because", "since", "as"})  # subordinators: the clause they open is the cause
RESULT_MARKERS = frozenset({"so", "thus", "therefore", "hence", "consequently", "accordingly"})  # the clause after is the effect
COORDINATORS = frozenset({"and", "but", "yet", "while", "whereas", "although", "though"})
CONTRAST_MARKERS = frozenset({"but", "yet", "however", "although", "though", "whereas", "while", "nevertheless", "still"})

AUXILIARIES = frozenset(
    {
        "be", "is", "are", "was", "were", "am", "been", "being", "'s", "'re", "'m", "’s", "’re", "’m",
        "have", "has", "had", "'ve", "’ve", "do", "does", "did", "can", "could", "may", "might", "must", "will",
        "would", "shall", "should", "ca", "wo", "'ll", "'d", "’ll", "’d",
    }
)
FINITE_AUXILIARIES = AUXILIARIES - {"be", "been", "being", "have"}

# Quantifier words, multi-word first. Values are matched against lower-cased text.
QUANTIFIER_PHRASES: tuple[tuple[str, Quantifier], ...] = (
    ("not all", Quantifier.NOT_ALL),
    ("not every", Quantifier.NOT_ALL),
    ("the only ones", Quantifier.ONLY),
    ("the only one", Quantifier.ONLY),
    ("only a small amount of", Quantifier.FEW),
    ("only a small number of", Quantifier.FEW),
    ("only a handful of", Quantifier.FEW),
    ("only a few", Quantifier.FEW),
    ("only a small minority of", Quantifier.FEW),
    ("a small minority of", Quantifier.FEW),
    ("a tiny minority of", Quantifier.FEW),
    ("a small amount of", Quantifier.FEW),
    ("a small number of", Quantifier.FEW),
    ("a handful of", Quantifier.FEW),
    ("very little", Quantifier.FEW),
    ("very few", Quantifier.FEW),
    ("so few", Quantifier.FEW),
    ("too few", Quantifier.FEW),
    ("hardly any", Quantifier.FEW),
    ("almost no", Quantifier.FEW),
    ("a large number of", Quantifier.MANY),
    ("a great number of", Quantifier.MANY),
    ("a lot of", Quantifier.MANY),
    ("lots of", Quantifier.MANY),
    ("plenty of", Quantifier.MANY),
    ("the majority of", Quantifier.MOST),
    ("a majority of", Quantifier.MOST),
    ("majority of", Quantifier.MOST),
    ("nearly all", Quantifier.MOST),
    ("almost all", Quantifier.MOST),
    ("virtually all", Quantifier.MOST),
    ("there are", Quantifier.SOME),
    ("there is", Quantifier.SOME),
    ("a few", Quantifier.SOME),
    ("few", Quantifier.FEW),
    ("little", Quantifier.FEW),
    ("scarcely", Quantifier.FEW),
    ("rarely", Quantifier.FEW),
    ("some", Quantifier.SOME),
    ("several", Quantifier.SOME),
    ("many", Quantifier.MANY),
    ("numerous", Quantifier.MANY),
    ("dozens", Quantifier.MANY),
    ("hundreds", Quantifier.MANY),
    ("thousands", Quantifier.MANY),
    ("millions", Quantifier.MANY),
    ("plenty", Quantifier.MANY),
    ("countless", Quantifier.MANY),
    ("most", Quantifier.MOST),
    ("all", Quantifier.ALL),
    ("every", Quantifier.ALL),
    ("each", Quantifier.ALL),
    ("any", Quantifier.ALL),
    ("always", Quantifier.ALL),
    ("everyone", Quantifier.ALL),
    ("everybody", Quantifier.ALL),
    ("everything", Quantifier.ALL),
    ("both", Quantifier.ALL),
    ("only", Quantifier.ONLY),
    ("no", Quantifier.NONE),
    ("none", Quantifier.NONE),
    ("neither", Quantifier.NONE),
    ("nobody", Quantifier.NONE),
    ("nothing", Quantifier.NONE),
)

# Scalar and evaluative words: lemma -> (scale, direction on that scale).
SCALES: dict[str, tuple[str, int]] = {
    # strength / intensity
    "strong": ("strength", 1), "pronounced": ("strength", 1), "powerful": ("strength", 1), "intense": ("strength", 1),
    "marked": ("strength", 1), "potent": ("strength", 1), "noticeable": ("strength", 1), "significant": ("strength", 1),
    "weak": ("strength", -1), "mild": ("strength", -1), "faint": ("strength", -1), "slight": ("strength", -1),
    "subtle": ("strength", -1), "modest": ("strength", -1),
    # amount / size
    "high": ("level", 1), "low": ("level", -1), "large": ("size", 1), "big": ("size", 1), "great": ("size", 1),
    "small": ("size", -1), "little": ("size", -1), "tiny": ("size", -1), "huge": ("size", 1),
    "many": ("amount", 1), "much": ("amount", 1), "few": ("amount", -1),
    # cost
    "costly": ("cost", 1), "expensive": ("cost", 1), "pricey": ("cost", 1), "cost": ("cost", 1), "price": ("cost", 1),
    "cheap": ("cost", -1), "inexpensive": ("cost", -1), "affordable": ("cost", -1),
    # safety / risk
    "safe": ("safety", 1), "harmless": ("safety", 1), "dangerous": ("safety", -1), "risky": ("safety", -1),
    "toxic": ("safety", -1), "harmful": ("safety", -1), "unsafe": ("safety", -1), "hazardous": ("safety", -1),
    "poisonous": ("safety", -1), "lethal": ("safety", -1), "deadly": ("safety", -1),
    # efficacy
    "effective": ("efficacy", 1), "efficient": ("efficacy", 1), "useful": ("efficacy", 1), "helpful": ("efficacy", 1),
    "successful": ("efficacy", 1), "beneficial": ("efficacy", 1), "ineffective": ("efficacy", -1),
    "useless": ("efficacy", -1), "unhelpful": ("efficacy", -1), "futile": ("efficacy", -1),
    # speed / time
    "fast": ("speed", 1), "quick": ("speed", 1), "rapid": ("speed", 1), "slow": ("speed", -1),
    "early": ("time", -1), "late": ("time", 1), "long": ("length", 1), "short": ("length", -1),
    "tall": ("length", 1),  # "taller" / "shorter": one scale, as "longer" / "shorter"
    # other common scales
    "common": ("frequency", 1), "frequent": ("frequency", 1), "rare": ("frequency", -1), "uncommon": ("frequency", -1),
    "easy": ("difficulty", -1), "simple": ("difficulty", -1), "difficult": ("difficulty", 1), "hard": ("difficulty", 1),
    "good": ("quality", 1), "better": ("quality", 1), "best": ("quality", 1), "bad": ("quality", -1),
    "worse": ("quality", -1), "poor": ("quality", -1),
    "likely": ("likelihood", 1), "unlikely": ("likelihood", -1), "probable": ("likelihood", 1),
    "hot": ("temperature", 1), "warm": ("temperature", 1), "cold": ("temperature", -1), "cool": ("temperature", -1),
    "heavy": ("weight", 1), "light": ("weight", -1), "old": ("age", 1), "young": ("age", -1),
    "dark": ("darkness", 1), "pale": ("darkness", -1), "fair": ("darkness", -1),
    "rich": ("wealth", 1), "poorer": ("wealth", -1),
    "flexible": ("flexibility", 1), "stiff": ("flexibility", -1), "rigid": ("flexibility", -1),
    "popular": ("popularity", 1), "unpopular": ("popularity", -1),
    "accurate": ("accuracy", 1), "inaccurate": ("accuracy", -1), "reliable": ("reliability", 1),
    "unreliable": ("reliability", -1), "healthy": ("health", 1), "unhealthy": ("health", -1),
}

# Verb pairs with opposite direction (direction of change): lemma -> (scale, direction)
CHANGE_VERBS: dict[str, tuple[str, int]] = {
    "increase": ("change", 1), "raise": ("change", 1), "boost": ("change", 1), "rise": ("change", 1),
    "grow": ("change", 1), "improve": ("quality", 1), "enhance": ("quality", 1), "strengthen": ("strength", 1),
    "decrease": ("change", -1), "lower": ("change", -1), "reduce": ("change", -1), "cut": ("change", -1),
    "fall": ("change", -1), "drop": ("change", -1), "decline": ("change", -1), "shrink": ("change", -1),
    # how news tells a figure moving: "shares soared" / "shares plunged"
    "soar": ("change", 1), "surge": ("change", 1), "jump": ("change", 1), "climb": ("change", 1), "rally": ("change", 1),
    "rebound": ("change", 1), "expand": ("change", 1), "plunge": ("change", -1), "plummet": ("change", -1),
    "slump": ("change", -1), "tumble": ("change", -1), "sink": ("change", -1), "slide": ("change", -1), "dip": ("change", -1),
    "worsen": ("quality", -1), "weaken": ("strength", -1), "impair": ("quality", -1), "damage": ("quality", -1),
    "help": ("support", 1), "aid": ("support", 1), "hinder": ("support", -1), "hurt": ("support", -1),
    "hamper": ("support", -1), "impede": ("support", -1), "allow": ("permission", 1), "permit": ("permission", 1),
    "prevent": ("permission", -1), "forbid": ("permission", -1), "prohibit": ("permission", -1), "ban": ("permission", -1),
    "gain": ("gain", 1), "lose": ("gain", -1), "win": ("gain", 1), "accept": ("acceptance", 1), "reject": ("acceptance", -1),
    "succeed": ("success", 1), "fail": ("success", -1), "confirm": ("support", 1), "refute": ("support", -1),
    "prove": ("support", 1), "disprove": ("support", -1), "support": ("support", 1), "contradict": ("support", -1),
}

# closed classes whose opposites say where or how high, not how good: a one-word rewrite between two
# of them is a conflict of place ("in the east of the city" / "west") or a comparison ("above" / "below")
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                           "northeast", "northwest", "southeast", "southwest", "upstream", "downstream"})
POSITION_WORDS = frozenset({"above", "below", "over", "under", "beneath", "higher", "lower", "more", "less", "fewer",
                            "before", "after", "earlier", "later", "ahead", "behind"})

# Regulatory status words: lemma -> +1 (permitted) / -1 (refused).
APPROVAL_WORDS: dict[str, int] = {
    "approve": 1, "approved": 1, "authorize": 1, "authorise": 1, "license": 1, "licence": 1, "clear": 1,
    "legal": 1, "permit": 1, "endorse": 1, "certify": 1, "register": 1, "recommend": 1,
    "unapproved": -1, "reject": -1, "ban": -1, "prohibit": -1, "illegal": -1, "unlicensed": -1, "withdraw": -1,
    "forbid": -1, "outlaw": -1, "restrict": -1, "deny": -1, "refuse": -1,
}
REGULATORS = frozenset(
    {"fda", "ema", "efsa", "mhra", "nice", "who", "cdc", "nih", "epa", "usda", "ftc", "health canada", "tga"}
)

# Evaluative valence used for causal coherence: does a clause speak well or ill of its subject?
POSITIVE_WORDS = frozenset(
    {
        "help", "benefit", "beneficial", "effective", "efficacy", "safe", "safer", "safest", "cheap", "cheaper",
        "affordable", "inexpensive", "proven", "prove", "recommend", "recommended", "prefer", "preferred",
        "preference", "popular", "favourite", "favorite", "best", "good", "better", "ideal", "first-line", "viable",
        "improve", "relieve", "ease", "alleviate", "cure", "heal", "strong", "stronger", "healthy", "work",
        "success", "successful", "useful", "helpful", "advantage", "reliable", "approve", "approved", "choose",
        "essential", "vital", "top", "leading", "superior", "valuable", "worthwhile", "protect", "boost", "enhance",
        "strengthen", "support", "absorb", "allow", "enable", "benefited", "thrive", "optimal", "excellent",
        "recover", "save", "secure", "succeed",
    }
)
NEGATIVE_WORDS = frozenset(
    {
        "costly", "expensive", "pricey", "risk", "risky", "dangerous", "toxic", "harmful", "harm", "unsafe",
        "side", "adverse", "weak", "weaker", "ineffective", "useless", "premature", "unproven", "unclear",
        "uncertain", "inadequate", "insufficient", "lack", "deficiency", "shortage", "worse", "worst", "bad",
        "poor", "fail", "failure", "disadvantage", "drawback", "damage", "hurt",
        "complication", "ban", "reject", "limited", "scarce", "doubt", "controversial",
        "painful", "burden", "waste", "unhealthy", "brittle", "fragile", "weaken", "impair", "worsen", "hinder",
        "difficult", "hard", "discourage", "expense", "unreliable", "disrupt", "disturb", "interfere", "irritate",
        "ruin", "spoil", "addictive", "carcinogenic", "inflame",
    }
)
# Words that turn a bad thing good when they act on it: "reduce pain", "prevent disease".
DECREASERS = frozenset(
    {"reduce", "relieve", "ease", "alleviate", "lower", "decrease", "prevent", "cut", "block", "stop", "fight", "treat", "cure", "eliminate", "remove", "lessen", "avoid", "minimize", "minimise", "combat"}
)
# Nouns that denote the absence of their complement: "a lack of vitamin D".
ABSENCE_NOUNS = frozenset({"lack", "deficiency", "shortage", "absence", "loss", "insufficiency", "deprivation", "want"})

# Words that signal a preference, choice or benefit (effect side of a causal incoherence).
PREFERENCE_WORDS = frozenset(
    {
        "prefer", "preferred", "preference", "choose", "choice", "favourite", "favorite", "popular", "best",
        "first-line", "recommend", "recommended", "safest", "ideal", "top", "go-to", "proven", "opt", "favour", "favor",
        "leading", "standard", "mainstay", "superior", "optimal",
    }
)

# Antonym pairs beyond the scale lexicon (both directions are added below).
ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("increase", "decrease"), ("increase", "reduce"), ("increase", "lower"), ("raise", "lower"), ("raise", "reduce"),
    ("rise", "fall"), ("rise", "drop"), ("gain", "lose"), ("improve", "worsen"), ("strengthen", "weaken"),
    ("help", "hinder"), ("help", "hurt"), ("benefit", "harm"), ("cheap", "expensive"), ("cheap", "costly"),
    ("safe", "toxic"), ("safe", "dangerous"), ("safe", "harmful"), ("safe", "unsafe"), ("effective", "ineffective"),
    ("strong", "weak"), ("pronounced", "weak"), ("high", "low"), ("common", "rare"), ("accept", "reject"),
    ("allow", "prevent"), ("allow", "forbid"), ("legal", "illegal"), ("success", "failure"), ("succeed", "fail"),
    ("easy", "difficult"), ("easy", "hard"), ("fast", "slow"), ("early", "late"), ("true", "false"),
    ("confirm", "refute"), ("prove", "disprove"), ("support", "contradict"), ("healthy", "unhealthy"),
    ("stronger", "weaker"), ("better", "worse"), ("more", "less"), ("more", "fewer"), ("win", "lose"),
    ("present", "absent"), ("include", "exclude"), ("add", "remove"), ("open", "close"), ("start", "stop"),
    ("relax", "tense"), ("relax", "tighten"), ("relax", "contract"), ("expand", "shrink"), ("heat", "cool"),
    ("natural", "synthetic"), ("natural", "artificial"), ("permanent", "temporary"), ("mandatory", "optional"),
    # stances WordNet files apart (it opposes "praise" to "criticize" only)
    ("support", "oppose"), ("praise", "condemn"), ("praise", "denounce"), ("applaud", "condemn"),
    ("welcome", "condemn"), ("welcome", "criticise"), ("welcome", "criticize"),
)
ANTONYMS: dict[str, frozenset[str]] = {}
for _a, _b in ANTONYM_PAIRS:
    ANTONYMS[_a] = ANTONYMS.get(_a, frozenset()) | {_b}
    ANTONYMS[_b] = ANTONYMS.get(_b, frozenset()) | {_a}

# Synonyms folded together for alignment (lemma -> canonical lemma). Keep meaning-preserving only.
SYNONYMS: dict[str, str] = {
    "study": "study", "trial": "study", "research": "study", "investigation": "study", "experiment": "study",
    "physician": "doctor", "clinician": "doctor", "practitioner": "doctor",
    "medication": "drug", "medicine": "drug", "pharmaceutical": "drug",
    "painkiller": "analgesic", "analgesic": "analgesic",
    "lack": "deficiency", "shortage": "deficiency", "insufficiency": "deficiency",
    "costly": "expensive", "pricey": "expensive", "dear": "expensive",
    "inexpensive": "cheap", "affordable": "cheap",
    "lead": "cause", "trigger": "cause", "induce": "cause", "result": "cause", "produce": "make",
    "production": "make", "generate": "make", "create": "make",
    "allow": "help", "enable": "help", "let": "help", "assist": "help", "aid": "help",
    "take": "take", "absorb": "absorb", "uptake": "absorb",
    "diet": "food", "foods": "food", "nutrition": "food",
    "explore": "study", "examine": "study", "investigate": "study", "test": "study", "assess": "study",
    "management": "manage", "managing": "manage",
    "decade": "decade", "ten": "ten",
    "remedy": "treatment", "therapy": "treatment", "cure": "treatment", "option": "option",
    "administer": "administer", "give": "administer", "inject": "administer",
    "sunlight": "sun", "sunshine": "sun", "sun": "sun",
    "adult": "adult", "grownup": "adult",
    "block": "block", "blocking": "block", "impede": "block", "inhibit": "block", "interrupt": "block",
    "travel": "travel", "venture": "venture",
    "specialist": "expert", "expert": "expert",
    "fibre": "fiber", "colour": "color", "favour": "favor", "behaviour": "behavior",
    "among": "one", "approval": "approve", "authorize": "approve", "authorise": "approve", "clear": "approve",
    "disrupt": "disturb", "interfere": "disturb",
    "toxicity": "toxic", "danger": "dangerous", "effectiveness": "effective", "efficacy": "effective",
    "benefit": "help", "benefical": "help",
}

# Claim topic labels, by cue lemma: data (lexicons/claim_types.json), checked in order.
def _claim_types() -> tuple[tuple[str, frozenset[str]], ...]:
    import json  # noqa: PLC0415
    from importlib.resources import files  # noqa: PLC0415

    data = json.loads((files("claimcheck") / "lexicons" / "claim_types.json").read_text(encoding="utf-8"))
    return tuple((name, frozenset(cues)) for name, cues in data["types"].items())


CLAIM_TYPE_CUES: tuple[tuple[str, frozenset[str]], ...] = _claim_types()
CLAIM_TYPES: tuple[str, ...] = (*(name for name, _ in CLAIM_TYPE_CUES), "other")
OTHER_TYPE = "other"  # a claim no topic's cues fit

# Sentences that talk about the text itself rather than the topic.
META_PATTERNS = (
    "in this article", "in this post", "we shall", "we will", "let us", "let's", "this can be explained",
    "read on", "as we have seen", "click here", "subscribe", "table of contents",
)

UNIT_WORDS = frozenset(
    {"mg", "milligram", "milligrams", "g", "gram", "grams", "kg", "iu", "unit", "units", "international",
     "percent", "per", "cent", "%", "dollar", "dollars", "usd", "$", "year", "years", "month", "months",
     "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes", "mcg", "microgram", "micrograms",
     "ml", "cup", "cups", "pound", "pounds", "euro", "euros"}
)

# Irregular forms spaCy's lookup tables lack (nlp.tokens.irregular_lemma has the rest): form -> lemma.
IRREGULAR_FORMS: dict[str, str] = {"less": "little", "least": "little"}


# snowballstemmer hands out PyStemmer's C build of the same Snowball algorithm when it is installed
# (a dependency): the same stems, 15x faster; its pure-Python stemmer otherwise.
_STEMMER = snowballstemmer.stemmer("english")
_STEM_SYNONYMS = {_STEMMER.stemWord(k): _STEMMER.stemWord(v) for k, v in SYNONYMS.items()}


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Canonical comparison key of a lemma: synonym-folded, Snowball-stemmed, synonym-folded again."""
    key = _STEMMER.stemWord(SYNONYMS.get(word, word))
    return _STEM_SYNONYMS.get(key, key)


# -- WordNet 3.0 (lexicons/wordnet.json, built by training/lexicon/build_wordnet.py) -------------


@functools.lru_cache(maxsize=1)
def _wordnet() -> dict:
    """The shipped WordNet lexicon, read on first use (about 70 ms)."""
    import json  # noqa: PLC0415
    from importlib.resources import files  # noqa: PLC0415

    return json.loads((files("claimcheck") / "lexicons" / "wordnet.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _wordnet_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = _wordnet()
    return frozenset(data["person_nouns"]), frozenset(data["place_nouns"]), frozenset(data["event_nouns"])


def antonyms(word: str) -> frozenset[str]:
    """Opposites of a lemma: WordNet's (main senses) and claimcheck's own pairs (ANTONYM_PAIRS)."""
    return frozenset(_wordnet()["antonyms"].get(word, ())) | ANTONYMS.get(word, frozenset())


def converses(word: str) -> frozenset[str]:
    """Lemmas that say the same with the roles swapped ("buy" / "sell", "win" / "lose", "before" / "after")."""
    return frozenset(_wordnet()["converses"].get(word, ()))


def hypernyms(word: str) -> frozenset[str]:
    """More general verbs for the same event: the direct hypernyms of a verb's most frequent WordNet
    sense ("gut" -> "destroy", "murder" -> "kill"), light verbs left out."""
    return frozenset(_wordnet().get("hypernyms", {}).get(word, ()))


def is_phrasal_verb(phrase: str) -> bool:
    """Whether WordNet relates the verb-and-particle ``phrase`` ("shut down", "step down") to others."""
    data = _wordnet()
    return any(phrase in data.get(table, {}) for table in ("synonyms", "antonyms", "converses", "hypernyms"))


def synonyms(word: str) -> frozenset[str]:
    """The other lemmas of a verb's or adjective's most frequent WordNet sense."""
    return frozenset(_wordnet()["synonyms"].get(word, ()))


def is_person_noun(word: str) -> bool:
    """Whether a noun's most frequent sense is a person ("spokeswoman", "referee", "mayor")."""
    return word in _wordnet_sets()[0]


def is_place_noun(word: str) -> bool:
    """Whether a noun's most frequent sense is a place or a structure ("harbor", "airport", "stadium")."""
    return word in _wordnet_sets()[1]


def is_event_noun(word: str) -> bool:
    """Whether a noun names an occasion ("championship", "tournament", "conference", "ceremony")."""
    return word in _wordnet_sets()[2]


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """The shipped gazetteer (lexicons/places.json, from GeoNames by training/lexicon/build_places.py)."""
    import json  # noqa: PLC0415
    from importlib.resources import files  # noqa: PLC0415

    return frozenset(json.loads((files("claimcheck") / "lexicons" / "places.json").read_text(encoding="utf-8"))["names"])


def is_known_place(name: str) -> bool:
    """Whether a name is a country, a US state or a city of 15,000 people or more ("Denver",
    "Reykjavik"); names that are also common words ("Reading", "Nice") are not in the list."""
    return name in _places()
