"""From words in a parsed document to actors: codes and agents, with the reason for each.

A noun phrase resolves through the dictionary phrase it holds ("Beijing", "the Kremlin"),
an office-holder on the date ("Wang Yi" → CHN GOV), or a role phrase whose modifiers name a
state ("Russia's foreign minister", "the Indian army"). Pronouns and collective phrases ("he",
"the two sides") resolve to actors named earlier in the article.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .dictionary import ActorDictionary, Entry, ascii_fold

# Dependencies inside one noun phrase that can carry the actor's state or organisation.
MODIFIER_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "appos", "flat", "npadvmod", "nsubj", "dep"}
)
# Prepositions that stay inside the actor's phrase: "the foreign minister of Russia".
INNER_PREPS = frozenset({"of", "from"})
# "thousands of migrants", "dozens of soldiers": the counted are the actors.
COUNT_NOUNS = frozenset({"ten", "dozen", "score", "hundred", "thousand", "million", "tens"})
# Nouns for a part of a body, which take the body's role when it has one.
BELONGING = frozenset({
    "office", "head", "chief", "leader", "leadership", "commander", "member", "spokesman",
    "spokeswoman", "spokesperson", "representative", "delegation", "official", "envoy",
})  # fmt: skip
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
PAIR_NOUNS = frozenset(
    {
        "side",
        "country",
        "nation",
        "party",
        "state",
        "government",
        "leader",
        "minister",
        "president",
        "neighbour",
        "neighbor",
        "capital",
        "delegation",
    }
)
# Plurals that, definite and bare, mean the story's two actors: "the sides", "the countries".
BARE_PAIR_NOUNS = frozenset({"side", "party", "country", "nation", "neighbour", "neighbor"})
PERSON_ROLES = frozenset(
    {
        "minister",
        "president",
        "premier",
        "chancellor",
        "leader",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "ambassador",
        "envoy",
        "official",
        "diplomat",
        "commander",
        "general",
        "chief",
        "king",
        "queen",
        "emir",
        "prince",
        "governor",
        "mayor",
        "senator",
        "lawmaker",
        "negotiator",
        "counterpart",
        "head",
        "chairman",
        "chairperson",
        "director",
    }
)
# Government words that, with no state named, mean the article's own government.
HOME_GOVERNMENT = frozenset(
    {
        "government",
        "authority",
        "administration",
        "regime",
        "cabinet",
        "presidency",
        "junta",
        "mayor",
        "governor",
        "president",
        "premier",
    }
)
# Words written before a name that are not given names.
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "sheikh", "gen", "col", "lt",
        "maj", "capt", "sgt", "adm", "sen", "rep", "gov", "prof", "rev", "president", "prime",
        "foreign", "defence", "defense", "vice", "deputy", "former", "acting", "premier",
        "chancellor", "king", "queen", "prince", "emir", "pope", "general", "secretary",
    }
)  # fmt: skip
NAMING_VERBS = frozenset({"call", "name", "know", "dub", "label", "identify"})
PAIR_WORDS = frozenset({"both", "two"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
GROUP_SENTENCES = 2  # how many sentences back "they" looks for what it stands for
DEMONYM_ENDINGS = ("an", "ese", "ish", "ic", "i", "ern", "Arab", "Gulf")
NAME_WINDOW = 6  # how far before a name its role may stand
NEIGHBOUR_WORDS = frozenset({"neighbor", "neighbour"})
STATE_KINDS = frozenset({"name", "capital", "seat", "adjective", "demonym"})  # hits naming a state
# A state's armed services are often abroad ("troops in Syria"); rebels are coded by where
# they fight ("rebels in Darfur").
ABROAD = frozenset({"MIL", "SPY"})
# Role words that are also a kind of place: after a name, the place ("Zamfara state",
# "Rakhine State"), not the government ("the Nigerian state").
SUBDIVISIONS = frozenset({"state"})
PLACE_KINDS = frozenset({"name", "capital", "seat", "city"})  # hits that name a place


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a document: its code, agent, the words, and why."""

    code: str
    agent: str | None
    text: str
    start: int
    end: int
    kind: str
    reason: str
    is_person: bool = False


@dataclass(frozen=True, slots=True)
class _Hit:
    span: Span
    code: str
    agent: str | None
    kind: str
    reason: str
    is_person: bool


class Resolver:
    """Actor lookups for one parsed document, on one date."""

    def __init__(
        self,
        doc: Doc,
        dictionary: ActorDictionary,
        day: date | None,
        phrase_matcher: PhraseMatcher,
        name_matcher: PhraseMatcher,
    ) -> None:
        self.doc = doc
        self.dictionary = dictionary
        self.day = day
        self.by_token: dict[int, _Hit] = {}
        self._match(phrase_matcher, name_matcher)
        self.timeline: list[ActorMention] = []
        # surname → (offset, actor, given names) of people named once with their role
        self.aliases: dict[str, tuple[int, ActorMention, str]] = {}
        self.subjects: set[int] = set()  # start offsets of mentions that head a subject
        # (text, start, end, speaker) of each direct quotation, once the coder has found them
        self.quotations: list[tuple[str, int, int, ActorMention | None]] = []
        self._build_timeline()

    def hear(self, quotations: list[tuple[str, int, int, ActorMention | None]]) -> None:
        """Quotations with their speakers: "we" and "our" inside one are the speaker's."""
        self.quotations = quotations

    # --- dictionary matching -------------------------------------------------------------

    def _match(self, phrase_matcher: PhraseMatcher, name_matcher: PhraseMatcher) -> None:
        doc = self.doc
        spans: list[Span] = []
        for match_id, start, end in phrase_matcher(doc):
            spans.append(Span(doc, start, end, label=match_id))
        for match_id, start, end in name_matcher(doc):
            spans.append(Span(doc, start, end, label=match_id))
        named: set[str] = set()
        for span in filter_spans(spans):
            text = span.label_
            if text in self.dictionary.officials:
                term = self.dictionary.terms_on(text, self.day)
                named.add(text)
                if term is None:
                    continue
                hit = _Hit(
                    span,
                    term.code,
                    term.agent,
                    "official",
                    f"office-holder: {text}, {term.role} ({_term_dates(term)})",
                    True,
                )
            else:
                entry = self.dictionary.phrases.get(text)
                if entry is None or entry.kind == "none":
                    continue
                hit = _Hit(
                    span,
                    entry.code,
                    entry.agent,
                    entry.kind,
                    f"dictionary: {text} ({entry.kind})",
                    False,
                )
            for token in span:
                self.by_token[token.i] = hit
        # A surname alone ("Lavrov said", "Wang told reporters"): the person this article
        # named in full, or else the only office-holder with that name.
        in_article = {}
        for name in named:
            parts = name.split()
            in_article[parts[-1]] = name
            in_article.setdefault(parts[0], name)
        for token in doc:
            # The tagger reads some names at the start of a sentence as common nouns;
            # the entity recogniser still knows them as people.
            if token.i in self.by_token or not (
                token.pos_ == "PROPN" or token.ent_type_ == "PERSON"
            ):
                continue
            full = in_article.get(token.text) or self.dictionary.short_names.get(token.text)
            if not full:
                continue
            if _other_name_beside(token, full) or _name_continues(
                token, full, self.dictionary.agents
            ):
                continue  # another person with the same surname: "Hunter Biden"
            term = self.dictionary.terms_on(full, self.day)
            if term is None:
                continue
            span = doc[token.i : token.i + 1]
            self.by_token[token.i] = _Hit(
                span,
                term.code,
                term.agent,
                "official",
                f"office-holder: {full}, {term.role} ({_term_dates(term)})",
                True,
            )

    def _build_timeline(self) -> None:
        seen: set[int] = set()
        for i in sorted(self.by_token):
            hit = self.by_token[i]
            if hit.span.start in seen or hit.kind == "city":
                continue
            seen.add(hit.span.start)
            mention = self._mention(hit, hit.span)
            self.timeline.append(mention)
            head = hit.span.root
            while (
                head.dep_ in ("compound", "poss", "amod", "appos", "flat", "nmod")
                and head.head != head
            ):
                head = head.head
            if head.dep_ in SUBJECT_DEPS:
                self.subjects.add(mention.start)
        # Actors named by their role ("Accra's foreign minister", "Mali's army") are
        # antecedents too: people for "he" and "she", bodies for "it".
        for token in self.doc:
            if token.i in self.by_token or self._role_agent(token) is None:
                continue
            if token.pos_ != "NOUN" or token.dep_ in ("compound", "amod"):
                continue
            searched = self._search_modifiers(token)
            if searched is None or searched[0].kind == "official":
                continue
            hit = searched[0]
            words = _phrase(token)
            mention = ActorMention(
                hit.code,
                self._role_agent(token) or hit.agent,
                words.text,
                words.start_char,
                words.end_char,
                "role",
                f"{hit.reason}; role '{token.text}'",
                token.lemma_.lower() in PERSON_ROLES,
            )
            self.timeline.append(mention)
            if token.dep_ in SUBJECT_DEPS:
                self.subjects.add(mention.start)
        self.timeline.sort(key=lambda m: m.start)
        self._learn_names()

    def _learn_names(self) -> None:
        """People no dictionary holds, named once with their role ("Australia's High
        Commissioner Neil Hawkins", "Thomas Cirillo, the leader of the rebels"): their
        surname alone later in the article is the same person."""
        doc = self.doc
        for token in doc:
            if not _ends_a_name(token, self.by_token) or token.text in self.aliases:
                continue
            first = token
            while first.i > 0 and _in_a_name(doc[first.i - 1], self.by_token):
                first = doc[first.i - 1]
            if first == token or len(token) < 3:
                continue  # a given name and a surname at least: "Hawkins" alone may be anything
            role = self._role_of_name(first, token)
            if role is not None and len(role.code) == 3 and role.agent is not None:
                given = doc[first.i : token.i].text
                self.aliases[token.text] = (token.idx, role, given)

    def _role_of_name(self, first: Token, last: Token) -> ActorMention | None:
        """The role a name is given beside it: in apposition, or just before it ("the
        High Commissioner to Pakistan Neil Hawkins")."""
        for other in (last.head, *last.children):
            apposed = other.dep_ == "appos" or last.dep_ == "appos"
            if not apposed or other.pos_ not in ("NOUN", "PROPN") or first.i <= other.i <= last.i:
                continue
            found = self.resolve(other)
            if found is not None and (found.is_person or other.lemma_.lower() in PERSON_ROLES):
                return found
        for before in reversed(self.doc[max(first.sent.start, first.i - NAME_WINDOW) : first.i]):
            if before.is_punct and before.text not in ("’", "'"):
                break
            # The role must be the name's own, not its possessor's ("the president's
            # brother Nicanor Boluarte" is no president).
            own = before in last.ancestors or (
                first.i <= before.head.i <= last.i and before.dep_ != "poss"
            )
            if own and before.i not in self.by_token and self._own_role_agent(before):
                found = self.resolve(before)
                return found if found is not None and found.kind != "home" else None
        return None

    def _mention(
        self, hit: _Hit, words: Span, agent: str | None = None, reason: str = ""
    ) -> ActorMention:
        return ActorMention(
            code=hit.code,
            agent=agent if agent is not None else hit.agent,
            text=words.text,
            start=words.start_char,
            end=words.end_char,
            kind=hit.kind,
            reason=reason or hit.reason,
            is_person=hit.is_person,
        )

    # --- resolution ----------------------------------------------------------------------

    def mentions(self) -> list[ActorMention]:
        """Every dictionary and office-holder mention, in document order."""
        return list(self.timeline)

    def resolve_all(self, token: Token) -> list[ActorMention]:
        """The actors a noun phrase names, one per coordinated member.

        Coordination inside the phrase counts too: "the presidents of Kazakhstan and
        Uzbekistan" names two actors.
        """
        if self._is_pair_phrase(token):
            return self._recent_pair(token)
        if pair := self._pair_of(token):
            return pair
        if token.lower_ in GROUP_PRONOUNS:
            return self._group(token)
        token = counted(token)
        found: list[ActorMention] = []

        def add(mention: ActorMention | None) -> None:
            if mention is not None and all(
                (m.code, m.agent) != (mention.code, mention.agent) for m in found
            ):
                found.append(mention)

        for member in [token, *_noun_conjuncts(token)]:
            mention = self.resolve(member)
            add(mention)
            if mention is None or member.i in self.by_token:
                continue
            searched = self._search_modifiers(member)
            if searched is None:
                continue
            _, where = searched
            for other in _noun_conjuncts(where):
                hit = self.by_token.get(other.i)
                if hit is None and (deeper := self._search_modifiers(other)) is not None:
                    hit = deeper[0]
                if hit is not None and hit.kind != "official":
                    add(
                        self._mention(
                            hit,
                            _phrase(other),
                            agent=mention.agent,
                            reason=f"{hit.reason}; coordinated in '{_phrase(member).text}'",
                        )
                    )
        return found

    def resolve(self, head: Token) -> ActorMention | None:
        """The actor of the noun phrase headed by ``head``, or None."""
        phrase = _phrase(head)
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(head)
        if head.lemma_.lower() in NEIGHBOUR_WORDS and head.i not in self.by_token:
            return self._neighbour(head)
        role_agent = self._role_agent(head)
        hit = self.by_token.get(head.i)
        named = self.aliases.get(head.text) if hit is None and head.pos_ == "PROPN" else None
        given = " ".join(c.text for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN")
        if named is not None and named[0] < head.idx and given in ("", named[2]):
            # "Hawkins" or "Neil Hawkins" again; "Nicanor Boluarte" is not "Dina Boluarte".
            words = _phrase(head)
            return dataclasses.replace(
                named[1],
                text=words.text,
                start=words.start_char,
                end=words.end_char,
                kind="alias",
                reason=f"'{head.text}' was named earlier as {named[1].text} ({named[1].code})",
                is_person=True,
            )
        if hit is None:
            local = role_agent is not None and role_agent not in ABROAD
            searched = self._search_modifiers(head, local=local)
            hit = searched[0] if searched else None
        if hit is not None and hit.kind == "city" and (not role_agent or head.i in self.by_token):
            hit = None  # "Lagos" alone is a place, not an actor
        if hit is not None and hit.kind == "organisation" and head.i in self.by_token:
            role_agent = None  # a word of the body's own name: "Doctors Without Borders"
        if hit is None:
            if not role_agent or head.pos_ not in ("NOUN", "PROPN"):
                return None
            if _has_definite(head):
                recent = self._recent_with_agent(head, role_agent)
                if recent is not None:
                    return recent
            return self._at_home(head, role_agent)
        agent = hit.agent
        if role_agent and (hit.kind not in ("official", "organisation", "group") or agent is None):
            agent = role_agent
        elif agent is None and hit.kind in ("name", "capital", "seat", "adjective", "demonym"):
            agent = None
        reason = hit.reason
        if role_agent and agent == role_agent and hit.kind not in ("official",):
            reason = f"{hit.reason}; role '{_role_words(head)}' → {role_agent}"
        return self._mention(hit, phrase, agent=agent, reason=reason)

    def _search_modifiers(self, head: Token, local: bool = False) -> tuple[_Hit, Token] | None:
        """Breadth-first through the phrase's modifiers for a dictionary hit.

        ``local``: the phrase names people where they are ("police in Lagos", "protesters
        in Nairobi"), so an in-phrase names their state too. Not for armed forces, which
        are often abroad ("troops in Syria"); rebels are where they fight.
        """
        queue = [head]
        seen = {head.i}
        while queue:
            token = queue.pop(0)
            hit = self.by_token.get(token.i)
            if hit is not None:
                return hit, token
            for child in token.children:
                if child.i in seen:
                    continue
                if (
                    child.dep_ in MODIFIER_DEPS
                    or (child.dep_ == "prep" and child.lower_ in INNER_PREPS)
                    or (local and token is head and child.dep_ == "prep" and child.lower_ == "in")
                    or (
                        token is head
                        and child.dep_ == "prep"
                        and child.lower_ == "for"
                        and head.lemma_.lower() in BELONGING
                    )
                    or (
                        child.dep_ == "prep"
                        and child.lower_ == "as"
                        and any(c.lower_ == "such" for c in child.children)
                    )
                    or (child.dep_ == "pobj" and token.dep_ == "prep")
                ):
                    seen.add(child.i)
                    queue.append(child)
                elif child.dep_ == "acl" and child.lemma_.lower() in NAMING_VERBS:
                    # "a militant group called the Rapid Support Forces"
                    seen.add(child.i)
                    queue.extend(c for c in child.children if c.dep_ in ("oprd", "attr", "dobj"))
        return None

    def is_owned_thing(self, head: Token) -> bool:
        """A thing that only belongs to an actor: "Ethiopia's decision", not "Ethiopia's
        president"."""
        return (
            head.pos_ == "NOUN"
            and head.i not in self.by_token
            and any(c.dep_ == "poss" for c in head.children)
            and self._role_agent(head) is None
        )

    def place(self, token: Token) -> str | None:
        """The state of a place name: a state, capital, seat of government or city."""
        hit = self.by_token.get(token.i)
        if hit is None or hit.kind not in PLACE_KINDS:
            return None
        return hit.code

    def destination(self, head: Token) -> ActorMention | None:
        """A city or province as where something was done: "visited Karachi" is a visit
        to Pakistan, "shelled Kharkiv" an attack on Ukraine."""
        hit = self.by_token.get(head.i)
        if hit is None or hit.kind != "city":
            return None
        return self._mention(hit, hit.span, reason=f"{hit.reason}; a place in its state")

    def _role_agent(self, head: Token) -> str | None:
        if head.lemma_.lower() in BELONGING:
            # "the prosecutor's office", "the head of the army", "a spokesman for the
            # rebels": the part takes the role of the body it belongs to.
            for owner in _owners(head):
                agent = self._own_role_agent(owner)
                if agent is not None:
                    return agent
        return self._own_role_agent(head)

    def _own_role_agent(self, head: Token) -> str | None:
        if head.lemma_.lower() in SUBDIVISIONS and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.lefts
        ):
            return None
        agents = self.dictionary.agents
        words = _role_words(head)
        if words in agents:
            return agents[words]
        lemma = head.lemma_.lower()
        if head.pos_ in ("NOUN", "PROPN"):
            # A capitalised plural at the start of a line is often left unlemmatised.
            for form in (lemma, _singular(head.lower_)):
                if form in agents:
                    return agents[form]
        # A name with its title: "President Dina Boluarte", "Interior Minister Walter Ortiz";
        # people named by the body they serve: "opposition supporters", "army officers".
        if head.pos_ in ("PROPN", "NOUN"):
            for child in sorted(head.children, key=lambda c: -c.i):
                if child.dep_ in ("compound", "amod", "nmod") and child.i < head.i:
                    key = _role_words(child)
                    for form in (key, child.lemma_.lower()):
                        if form in agents:
                            return agents[form]
        # "Minister of Defense": the role continues in an of-phrase.
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    key = f"{lemma} of {obj.lemma_.lower()}"
                    if key in agents:
                        return agents[key]
        return None

    def _pronoun(self, token: Token) -> ActorMention | None:
        lower = token.lower_
        earlier = [m for m in self.timeline if m.end <= token.idx]
        if lower in PERSON_PRONOUNS:
            pool = [m for m in earlier if m.is_person]
        elif lower in THING_PRONOUNS:
            pool = [
                m for m in earlier if not m.is_person and m.kind not in ("adjective", "demonym")
            ]
        elif lower in GROUP_PRONOUNS:
            group = self._group(token)
            return group[0] if group else None
        elif lower in FIRST_PERSON:
            speakers = [
                who for _, start, end, who in self.quotations if who and start <= token.idx < end
            ]
            if not speakers:
                return None
            pool = speakers
        else:
            return None
        # "China has backed it": an object pronoun is not its own clause's subject.
        subject = _clause_subject(token)
        if subject is not None and (doer := self.resolve(subject)) is not None:
            pool = [m for m in pool if m.code != doer.code]
        if not pool:
            return None
        # Subjects are the likeliest antecedents: in "Lavrov met Wang during his visit",
        # "his" is Lavrov's. Look in this sentence first, then earlier.
        sentence_start = token.sent.start_char
        subjects = [m for m in pool if m.start in self.subjects]
        here = [m for m in subjects if m.start >= sentence_start]
        last = (here or subjects or pool)[-1]
        return ActorMention(
            last.code,
            last.agent,
            token.text,
            token.idx,
            token.idx + len(token),
            "pronoun",
            f"'{token.text}' refers to {last.text} ({last.code})",
            last.is_person,
        )

    def _group(self, token: Token) -> list[ActorMention]:
        """'They', 'their': the actors of the plural subject they stand for."""
        antecedent, actors = self._group_antecedent(token)
        named = _phrase(antecedent).text if antecedent is not None else ""
        return [
            ActorMention(
                m.code,
                m.agent,
                token.text,
                token.idx,
                token.idx + len(token),
                "pronoun",
                f"'{token.text}' refers to {named} ({m.code})",
                m.is_person,
            )
            for m in actors
        ]

    def _group_antecedent(self, token: Token) -> tuple[Token | None, list[ActorMention]]:
        """The sayer in "rebels said they had attacked", else the last plural subject of
        this sentence or the two before it, with its actors."""
        candidates = [
            child
            for ancestor in token.ancestors
            for child in ancestor.children
            if child.dep_ in SUBJECT_DEPS and child.i < token.i
        ]
        start = token.sent.start
        for _ in range(GROUP_SENTENCES):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        candidates += [t for t in reversed(self.doc[start : token.i]) if t.dep_ in SUBJECT_DEPS]
        for candidate in candidates:
            if self._could_be_group(candidate) and (actors := self.resolve_all(candidate)):
                return candidate, actors
        return None, []

    def _could_be_group(self, token: Token) -> bool:
        """A subject 'they' can stand for: plural, coordinated, or a body's name."""
        if token.pos_ == "PRON":
            return False
        hit = self.by_token.get(token.i)
        return (
            token.tag_ in ("NNS", "NNPS")
            or any(c.dep_ == "conj" for c in token.children)
            or (hit is not None and hit.kind in ("organisation", "group"))
            or self._is_pair_phrase(token)
        )

    def _is_pair_phrase(self, token: Token) -> bool:
        if token.lemma_.lower() not in PAIR_NOUNS:
            return False
        agents = self.dictionary.agents
        if any(
            c.i in self.by_token
            or (
                c.dep_ in ("compound", "amod") and agents.get(c.lemma_.lower()) not in (None, "GOV")
            )
            for c in token.lefts
        ):
            return False  # "two Kenyan leaders", "two opposition leaders" name their own
        return any(c.lower_ in PAIR_WORDS for c in token.children) or (
            token.lemma_.lower() in BARE_PAIR_NOUNS
            and token.tag_ in ("NNS",)
            and _has_definite(token)
            # "the countries", not "the countries of the region" nor "the Gulf countries"
            and all(c.dep_ in ("det", "punct") for c in token.children)
        )

    def _pair_of(self, token: Token) -> list[ActorMention]:
        """'The governments of the two countries': the pair, with the role's agent."""
        agent = self._own_role_agent(token)
        for inner in (o for p in token.children if p.lower_ == "of" for o in p.children):
            if inner.dep_ == "pobj" and self._is_pair_phrase(inner):
                pair = self._recent_pair(inner)
                words = _phrase(token)
                return [
                    dataclasses.replace(
                        m,
                        agent=agent or m.agent,
                        text=words.text,
                        start=words.start_char,
                        end=words.end_char,
                    )
                    for m in pair
                ]
        return []

    def _neighbour(self, head: Token) -> ActorMention | None:
        """'Its neighbour': of the states named so far, the latest other than the owner."""
        owners = [c for c in head.children if c.dep_ == "poss"]
        if not owners or any(c.i in self.by_token for c in head.subtree if c != head):
            return None
        owner = self.resolve(owners[0])
        if owner is None:
            return None
        for m in reversed([m for m in self.timeline if m.end <= head.idx]):
            if m.code != owner.code and m.kind in STATE_KINDS:
                words = _phrase(head)
                return ActorMention(
                    m.code,
                    None,
                    words.text,
                    words.start_char,
                    words.end_char,
                    "reference",
                    f"'{words.text}' of {owner.code}: the last other state named, {m.text}",
                )
        return None

    def parties(self, token: Token, besides: Container[str]) -> list[ActorMention]:
        """The two sides of the story other than ``besides``: whom "mediate in such
        negotiations" is between, as last named."""
        return [
            dataclasses.replace(m, reason=f"{m.reason}; one of the story's two sides")
            for m in self._story_pair(token, besides)
        ]

    def _recent_pair(self, token: Token) -> list[ActorMention]:
        """The two actors 'the two sides' means: of those named so far, the two the article
        names most often (the story's dyad); on a tie, the one named first, as leads do."""
        codes = self._story_pair(token)
        if len(codes) < 2:
            return []
        words = _phrase(token)
        return [
            ActorMention(
                m.code,
                m.agent,
                words.text,
                words.start_char,
                words.end_char,
                "pair",
                f"'{words.text}' refers to {codes[0].code} and {codes[1].code}",
                m.is_person,
            )
            for m in codes
        ]

    def _story_pair(self, token: Token, besides: Container[str] = ()) -> list[ActorMention]:
        """The latest mentions of the two actors named most often before ``token``."""
        earlier = [
            m
            for m in self.timeline
            if m.end <= token.idx and m.kind != "adjective" and m.code not in besides
        ]
        counts = Counter(m.code for m in self.timeline)
        first: dict[str, int] = {}
        latest: dict[str, ActorMention] = {}
        for m in earlier:
            first.setdefault(m.code, m.start)
            latest[m.code] = m
        ranked = sorted(latest.values(), key=lambda m: (-counts[m.code], first[m.code]))
        pair = ranked[:2]
        return list(reversed(pair)) if len(pair) == 2 else []

    @functools.cached_property
    def home(self) -> str | None:
        """The state the article is about: the one its actor mentions name most often."""
        counts = Counter(m.code for m in self.timeline if len(m.code) == 3 and m.kind != "none")
        if not counts:
            # An article that names only places ("police in Lagos") is about their state.
            places = {h.span.start: h for h in self.by_token.values() if h.kind == "city"}
            cities = Counter(h.code for h in places.values())  # a span once, not per word
            return cities.most_common(1)[0][0] if cities else None
        best = max(counts.values())
        return next(m.code for m in self.timeline if counts.get(m.code) == best)

    def someone_here(self, head: Token) -> ActorMention | None:
        """A named person or place no dictionary knows, taken as the article's state's:
        "police detained Nicanor Boluarte" in an article about Peru."""
        if self.home is None or head.pos_ != "PROPN" or self.resolve(head) is not None:
            return None
        words = _phrase(head)
        return ActorMention(
            self.home,
            None,
            words.text,
            words.start_char,
            words.end_char,
            "home",
            f"'{words.text}' is in no dictionary; taken as in the article's state, {self.home}",
            True,
        )

    def _at_home(self, head: Token, agent: str) -> ActorMention | None:
        """'Police', 'protesters', 'the army' with no state named: the article's own state.

        Not for phrases that name somewhere else ("European governments") nor for
        government roles in general ("foreign ministers" could be anyone's).
        """
        if self.home is None:
            return None
        if any(_names_a_place_or_body(t, head, self.by_token) for t in head.lefts):
            return None
        if agent == "GOV" and head.lemma_.lower() not in HOME_GOVERNMENT and head.pos_ != "PROPN":
            return None
        words = _phrase(head)
        return ActorMention(
            self.home,
            agent,
            words.text,
            words.start_char,
            words.end_char,
            "home",
            f"'{words.text}' names no state; the article's state is {self.home}; role → {agent}",
            head.pos_ == "PROPN",
        )

    def _recent_with_agent(self, head: Token, agent: str) -> ActorMention | None:
        """'The ministry', 'the army': the last actor named with that role."""
        for m in reversed([m for m in self.timeline if m.end <= head.idx]):
            if m.agent == agent and m.kind not in ("adjective", "demonym"):
                words = _phrase(head)
                return ActorMention(
                    m.code,
                    agent,
                    words.text,
                    words.start_char,
                    words.end_char,
                    "reference",
                    f"'{words.text}' refers to {m.text}",
                    m.is_person,
                )
        return None


def counted(token: Token) -> Token:
    """What a count names: "tens of thousands of protesters" → "protesters"."""
    while token.lemma_.lower() in COUNT_NOUNS or token.lower_ in COUNT_NOUNS:
        inner = [
            obj
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
        if not inner:
            break
        token = inner[0]
    return token


def _other_name_beside(token: Token, full: str) -> bool:
    """A given name next to a known surname that is not the office-holder's own.

    Read from the tagger, not an entity recogniser: the name written where a given name
    goes (before the surname, or after a family name written first) is a capitalised
    proper noun that is not part of the full name, nor a title ("President", "Mr").
    """
    parts = full.split()
    family_first = token.text == parts[0] and token.text != parts[-1]
    if family_first:
        return _a_name_part(token.doc, token.i + 1, parts)
    return _a_name_part(token.doc, token.i - 1, parts)


def _name_continues(token: Token, full: str, roles: Container[str]) -> bool:
    """A surname followed by more of a name is someone's given or middle name: "Teodoro
    Obiang Nguema" is not Gilberto Teodoro. A body or role after it ("the Biden
    Administration") or a day ("Putin Thursday") does not continue a name."""
    parts = full.split()
    if token.text == parts[0] or not _a_name_part(token.doc, token.i + 1, parts):
        return False
    near = token.doc[token.i + 1]
    return near.ent_type_ not in ("DATE", "TIME", "ORG", "GPE", "NORP") and not (
        near.lemma_.lower() in roles or near.lower_ in roles
    )


def _a_name_part(doc, at: int, parts: list[str]) -> bool:
    if not 0 <= at < len(doc):
        return False
    near = doc[at]
    return (
        near.pos_ == "PROPN"
        and near.text[:1].isupper()
        and near.text not in parts
        and near.lower_.rstrip(".") not in TITLES
        and near.lemma_.lower() not in PERSON_ROLES
    )


def _names_a_place_or_body(token: Token, head: Token, known: dict) -> bool:
    """'European governments', 'Lagos police', 'Hamas fighters': a modifier that names
    somewhere or someone else, so the phrase is not the article's own state's. Before a
    person's name ("President Dina Boluarte") proper nouns are the name and its title."""
    if token.i in known:
        return True
    if token.pos_ == "ADJ" and token.text[:1].isupper():
        # Opening a sentence, "Armed bandits" are no place's; "European governments" are.
        return not _opens_sentence(token) or token.text.endswith(DEMONYM_ENDINGS)
    return token.pos_ == "PROPN" and head.pos_ != "PROPN"


def _opens_sentence(token: Token) -> bool:
    """The first word of its sentence, spaces and opening quotes aside."""
    for before in reversed(token.doc[token.sent.start : token.i]):
        if not (before.is_space or before.is_quote or before.is_punct):
            return False
    return True


def _clause_subject(pronoun: Token) -> Token | None:
    """The subject of the clause whose object ``pronoun`` is, if it comes before it."""
    if pronoun.dep_ in ("dobj", "dative"):
        verb = pronoun.head
    elif pronoun.dep_ == "pobj" and pronoun.head.dep_ == "prep":
        verb = pronoun.head.head
    else:
        return None
    return next(
        (c for c in verb.children if c.dep_ == "nsubj" and c.i < pronoun.i and c != pronoun),
        None,
    )


def _in_a_name(token: Token, known: dict) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.i not in known
        and token.lower_.rstrip(".") not in TITLES
    )


def _ends_a_name(token: Token, known: dict) -> bool:
    """The last word of a run of capitalised proper nouns no dictionary holds."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return _in_a_name(token, known) and (following is None or not _in_a_name(following, known))


def _singular(word: str) -> str:
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _term_dates(term) -> str:
    start = term.start.isoformat() if term.start else "?"
    end = term.end.isoformat() if term.end else "present"
    return f"{start} to {end}"


def _owners(head: Token) -> Iterable[Token]:
    """The body a part belongs to: its possessor, or the object of its of/for phrase."""
    for child in head.children:
        if child.dep_ == "poss":
            yield child
        elif child.dep_ == "prep" and child.lower_ in ("of", "for"):
            yield from (c for c in child.children if c.dep_ == "pobj")


def _role_words(head: Token) -> str:
    before = [c for c in head.children if c.dep_ in ("compound", "amod") and c.i == head.i - 1]
    if before:
        return f"{before[0].lower_} {head.lemma_.lower()}"
    return head.lemma_.lower()


def _has_definite(token: Token) -> bool:
    return any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these") for c in token.children
    )


def _noun_conjuncts(token: Token) -> Iterable[Token]:
    """Coordinated and apposed members of a list: "A, B's minister, and the ministers of C";
    of an adjective, its coordinated adjectives: "Indian and Pakistani troops"."""
    modifier = token.pos_ == "ADJ" or token.dep_ in ("amod", "nmod", "compound")
    kinds = ("ADJ", "PROPN") if modifier else ("PROPN", "NOUN", "PRON")
    found: list[Token] = []
    queue = [token]
    seen = {token.i}
    while queue:
        current = queue.pop(0)
        members = [*current.conjuncts, *(c for c in current.children if c.dep_ == "appos")]
        if not modifier:
            members += accompanying(current)
        for other in members:
            if other.i in seen or other.pos_ not in kinds:
                continue
            seen.add(other.i)
            found.append(other)
            queue.append(other)
    return found


def accompanying(token: Token) -> list[Token]:
    """Those added to a noun by "along with" or "together with": "troops, along with
    African Union bases"."""
    found = []
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        if prep.lower_ == "along":
            found += [
                o
                for w in prep.children
                if w.lower_ == "with"
                for o in w.children
                if o.dep_ == "pobj"
            ]
        elif prep.lower_ == "with" and any(
            c.lower_ in ("together", "along") for c in prep.children
        ):
            found += [o for o in prep.children if o.dep_ == "pobj"]
    return found


def _phrase(head: Token) -> Span:
    """The head's noun phrase without relative clauses, coordination or long prepositions."""
    doc = head.doc
    left = head.i
    for token in head.lefts:
        if token.dep_ not in ("cc", "punct", "preconj"):
            left = min(left, token.left_edge.i)
    right = head.i
    for token in head.rights:
        if token.dep_ in ("appos", "compound", "flat", "nmod") or (
            token.dep_ == "prep" and token.lower_ in INNER_PREPS
        ):
            right = max(right, token.right_edge.i)
        else:
            break
    span = doc[left : right + 1]
    # Blanked lines (a dateline, a skimmed sentence) leave whitespace tokens at the edges.
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span


def build_matchers(
    nlp: Language, dictionary: ActorDictionary
) -> tuple[PhraseMatcher, PhraseMatcher]:
    """PhraseMatchers over token text for dictionary phrases and office-holders' names.

    Phrases are tokenized by the pipeline's own tokenizer, so "Guinea-Bissau" and
    "People's Republic of China" match as the text is split.
    """
    phrase_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    name_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    lists = ((phrase_matcher, dictionary.phrases), (name_matcher, dictionary.officials))
    for matcher, names in lists:
        for name in names:
            spellings = dict.fromkeys([name, ascii_fold(name)])  # "António Guterres" too
            matcher.add(name, [nlp.make_doc(spelling) for spelling in spellings])
    return phrase_matcher, name_matcher


__all__ = ["ActorMention", "Entry", "Resolver", "build_matchers"]
