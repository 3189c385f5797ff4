"""Site chrome that is not article text: share widgets, widget headings, footers, glued titles.

The rules look at whole blocks (a line, a paragraph, a list item), never at words inside a long
paragraph, so article text is not cut by accident:

* a share/follow heading ("Share and Enjoy:", "Share this:", "Follow us") and the run of blocks
  after it that only name social networks or are bullets of at most three words;
* any run of two or more blocks that only name social networks (Digg, Facebook, Twitter, ...);
* widget headings ("About me", "About the author", "Related posts", "Tags", "Comments", ...);
  after "Related posts"-like headings the run of short list items that follows is dropped too;
* short chrome lines: "Tags: ...", "Posted in ...", "Copyright ©", "All rights reserved",
  "Leave a comment", "Click here ...", "Subscribe ...", "Read more", cookie notices;
* junk glued onto a title: see :func:`split_glued_title`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.ingest.mapped import Mapped
from claimcheck.ingest.shapes import is_title_case, words
from claimcheck.ingest.words import FUNCTION_WORDS, split_glued
from claimcheck.types import BlockKind

NETWORKS = frozenset(
    """digg sphinn del.icio.us delicious facebook mixx google google+ googleplus twitter x reddit
    linkedin pinterest stumbleupon email e-mail mail print whatsapp tumblr telegram buffer pocket
    flipboard instagram youtube rss technorati newsvine yahoo myspace friendfeed blogger evernote
    messenger vk vkontakte weibo wechat line mastodon threads bluesky skype sms slashdot diigo
    mix hackernews ycombinator share tweet pin like more copy link plus bookmark bookmarks
    favorites""".split()
)
_NETWORK_PHRASES = re.compile(r"\b(google plus|hacker news|copy link|e mail|y combinator)\b", re.I)
_BULLET = re.compile(r"^[\s\-*+\u2022\u00b7\u25aa\u25cf\u25e6|/]+")

_SHARE_HEADING = re.compile(
    r"^(?:share(?: and enjoy| this(?: (?:post|article|page|story))?| on| via| it| now)?"
    r"|follow(?: us| me)?(?: on)?|like this|spread the word|tell a friend|bookmark(?: this)?"
    r"|connect with us|find us on|social(?: media)?)\s*[:!.]?\s*",
    re.I,
)
_WIDGET_HEADING = re.compile(
    r"^(?:about (?:me|us|the (?:author|writer|blogger))|author bio|related(?: (?:posts?|articles?|stories|content|reading|links))?"
    r"|you (?:may|might) also (?:like|enjoy)|recommended(?: for you| reading)?|recent (?:posts?|comments|articles)"
    r"|popular (?:posts?|articles?)|most (?:read|popular)|more (?:from|stories|articles)(?: \w+){0,4}"
    r"|(?:leave|post|add|write) a (?:comment|reply|response)|comments?(?: \(\d+\))?|\d+ (?:comments?|responses?)"
    r"|categories|archives?|tags|tag cloud|navigation|main menu|menu|search|advertisements?|sponsored(?: content| links)?"
    r"|newsletter|subscribe(?: to(?: \w+){1,4})?|sign up(?: for(?: \w+){1,4})?|share|previous post|next post|trackbacks?|pingbacks?)\s*:?$",
    re.I,
)
# Headings after which a run of short list items (links) belongs to the widget.
_LINK_LIST_HEADING = re.compile(
    r"^(?:related|you (?:may|might)|recommended|recent|popular|most|more|categories|archives?|tags|navigation|menu)",
    re.I,
)
_CHROME = (
    (re.compile(r"^(?:tags?|tagged(?: with)?|categor(?:y|ies)|filed under|labels?|keywords?)\s*:", re.I), 40),
    (re.compile(r"^(?:posted|filed)(?: on \S+)? (?:in|under|by|on)\b", re.I), 25),
    (re.compile(r"^(?:published|written) by\b", re.I), 8),
    (re.compile(r"^(?:copyright\b|\u00a9|\(c\) \d{4})", re.I), 40),
    (re.compile(r"\ball rights reserved\b", re.I), 40),
    (re.compile(r"^(?:leave|post|add|write) a (?:comment|reply|response)\b", re.I), 15),
    (re.compile(r"^(?:click|tap) here\b", re.I), 15),
    (re.compile(r"^(?:subscribe|sign up|join our (?:newsletter|mailing list))\b", re.I), 15),
    (re.compile(r"^(?:read|see|view) (?:more|the (?:full|whole|rest)|all)\b|^continue reading\b|^read on\b", re.I), 12),
    (re.compile(r"^(?:previous|next|older|newer) (?:post|article|entry|page|story)\b", re.I), 15),
    (re.compile(r"^(?:skip to (?:main )?content|back to top|home|print this (?:page|article)|share this article)$", re.I), 6),
    (re.compile(r"^(?:this (?:web)?site|we) uses? cookies\b|\bcookie (?:policy|settings|preferences|consent)\b|\baccept (?:all )?cookies\b", re.I), 60),
    (re.compile(r"^(?:like|follow|share) (?:us|this) on\b", re.I), 12),
    (re.compile(r"^(?:\d+|no) (?:comments?|responses?|replies)\b", re.I), 6),
)


@dataclass(frozen=True)
class Candidate:
    """A block before clean-up: its kind, mapped text and the markup that made it a heading."""

    kind: BlockKind
    text: Mapped
    level: int = 0  # heading level from markup (1 = h1 / "#"); 0 when guessed or not a heading


def _network_only(text: str) -> bool:
    if len(text) > 400 or text.count(" ") > 40:  # far more than eight network names, whatever the separators
        return False
    cleaned = _NETWORK_PHRASES.sub("facebook", _BULLET.sub("", text.strip()))
    tokens = [t.strip(".,:;|/()[]\u00b7\u2022").lower() for t in words(cleaned)]
    tokens = [t for t in tokens if t]
    return 0 < len(tokens) <= 8 and all(t in NETWORKS for t in tokens)


def _is_share_heading(text: str) -> bool:
    match = _SHARE_HEADING.match(text.strip())
    if not match:
        return False
    rest = text.strip()[match.end() :]
    return not rest or _network_only(rest)


def is_chrome(text: str) -> bool:
    """A short block that is site furniture rather than article text."""
    stripped = text.strip()
    n = len(words(stripped))
    if _WIDGET_HEADING.match(stripped):
        return True
    return any(n <= limit and pattern.search(stripped) for pattern, limit in _CHROME)


def remove_boilerplate(blocks: Sequence[Candidate]) -> list[Candidate]:
    """Drop share widgets, network runs, widget headings and chrome lines (see module docstring)."""
    kept: list[Candidate] = []
    i, n = 0, len(blocks)
    while i < n:
        text = blocks[i].text.text
        if _is_share_heading(text):
            i += 1
            while i < n and (_network_only(blocks[i].text.text) or _short_item(blocks[i], 3)):
                i += 1
            continue
        if _network_only(text) and (
            (i + 1 < n and _network_only(blocks[i + 1].text.text)) or len(words(text)) >= 2
        ):
            while i < n and _network_only(blocks[i].text.text):
                i += 1
            continue
        if _WIDGET_HEADING.match(text.strip()):
            link_list = bool(_LINK_LIST_HEADING.match(text.strip()))
            i += 1
            while link_list and i < n and _short_item(blocks[i], 15):
                i += 1
            continue
        if is_chrome(text):
            i += 1
            continue
        kept.append(blocks[i])
        i += 1
    return kept


def _short_item(block: Candidate, max_words: int) -> bool:
    text = block.text.text.strip()
    return block.kind is BlockKind.LIST_ITEM and len(words(text)) <= max_words and not text.endswith(".")


_TOKEN = re.compile(r"\S+")


def split_glued_title(text: Mapped) -> tuple[Mapped, Mapped] | None:
    """Split "Chronic Pain And Botox Treatmentmedical aesthetic training For people ..." into
    the title "Chronic Pain And Botox Treatment" and the body "For people ...".

    The shape: a leading Title-Case run of at least two words whose last word is a capitalized
    word glued onto a lower-case one (both dictionary words, see
    :func:`~claimcheck.ingest.words.split_glued`), then one to eight lower-case words (site junk,
    dropped), then a capitalized word that starts the body, followed by at least three more words.
    The title must have at least three words, the glued-on half at least four letters, and the
    junk be keywords (no function word: "said the" is prose), so names such as "Dwayne Johnson
    said ...", "Customers of Westfield Water saw ..." and "Residents of Northbrook said the
    Council ..." are left alone.
    """
    tokens = list(_TOKEN.finditer(text.text))
    if len(tokens) < 6:
        return None
    for k, token in enumerate(tokens[:16]):
        word = token.group()
        if k >= 2:
            cut = split_glued(word, min_right=4) if word[:1].isupper() else None
            if cut is not None and is_title_case(" ".join(t.group() for t in tokens[:k]) + " " + word[:cut]):
                m = k + 1
                while m < len(tokens) and m - k <= 8 and tokens[m].group().isalpha() and tokens[m].group().islower():
                    m += 1
                junk = [t.group() for t in tokens[k + 1 : m]]
                if junk and not FUNCTION_WORDS.intersection(junk) and m < len(tokens) and m - k <= 9 and tokens[m].group()[:1].isupper() and len(tokens) - m >= 4:
                    title = text.slice(tokens[0].start(), token.start() + cut)
                    body = text.slice(tokens[m].start())
                    return title, body
        if not (word[:1].isupper() or word[:1].isdigit() or word.lower() in ("and", "of", "the", "a", "an", "for", "in", "on", "to", "with", "or", "&")):
            return None
    return None
