"""Coding a parsed article: predicates matched to patterns, arguments resolved to actors.

For every predicate word the patterns know, the coder finds the source (the subject, or the
agent of a passive) and the target (the slot the pattern names), resolves both to actors,
reads the modality (negation, intent, threat, condition) and emits CAMEO events with the
sentence, the evidence span and the rule that fired. ``trace`` records every attempt,
including those that failed and why, for ``communique explain``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..actors.dictionary import ActorDictionary, load_dictionary
from ..actors.resolve import (
    PLACE_KINDS,
    TITLES,
    ActorMention,
    Resolver,
    accompanying,
    build_matchers,
    counted,
)
from ..dates import WEEKDAYS, find_dates, resolve_weekday
from ..ontology import Ontology, load_ontology
from ..quotes import Quote, quotations, quote_records
from ..records import Article, Event, Location
from . import grammar
from .patterns import Pattern, PatternSet, load_patterns

QUOTE_PAIRS = (("“", "”"), ("«", "»"))
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0}
NOT_PLACES = frozenset(
    [*WEEKDAYS, "january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december", "parliament", "congress", "english"]
)  # fmt: skip
NOT_PLACE_KINDS = frozenset({"organisation", "group", "official", "role", "home", "pronoun"})
VERBAL_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
STATE_FORCES = frozenset({"GOV", "MIL", "POL", "SPY"})
ARMED_TARGETS = frozenset({"MIL", "REB", "INS", "SPY", "POL"})
OFFICIALS = frozenset({"GOV", "LEG", "JUD", "OPP"})
GENERIC_FORCE = frozenset({"180", "190"})
TOLL_ROOTS = frozenset({"18", "20"})  # attacks whose killings are their toll, not a fight
CLAIMED_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})  # acts one claims as one's own
RECIPROCAL = frozenset({"with", "between", "among"})  # slots of acts done with each other
SHARED_TARGET_ROOTS = frozenset({"16"})  # acts whose coordinated siblings name their target
PUNISHING = frozenset({"13", "16"})  # threats and sanctions, imposed "for" a deed
ACCUSE = "112"
READY = frozenset({"ready", "prepared", "open", "willing", "eager", "keen"})
SEIZING = frozenset({"regain", "retake", "recapture", "capture", "seize", "reclaim", "take"})
ENVOYS = frozenset({"ambassador", "envoy", "diplomat", "consul", "chargé", "charge", "attache"})
CARRY_SENTENCES = 2  # how far back an act with no target of its own takes the last one
CLAUSE_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative"})


@dataclass(slots=True)
class Report:
    """An event as read: the word it was read from and who, by name, was its source."""

    event: Event
    token: Token
    speaker: str


@dataclass(slots=True)
class Attempt:
    """One pattern tried on one predicate, and what came of it."""

    token: Token
    pattern: Pattern
    outcome: str  # "event", or why not
    events: list[Event] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)  # each event's named source, or ""


class Coder:
    """Turns parsed documents into events; build once per process and reuse."""

    def __init__(
        self,
        nlp: Language,
        dictionary: ActorDictionary | None = None,
        patterns: PatternSet | None = None,
        ontology: Ontology | None = None,
    ) -> None:
        self.dictionary = dictionary or load_dictionary()
        self.patterns = patterns or load_patterns()
        self.ontology = ontology or load_ontology()
        self.phrase_matcher, self.name_matcher = build_matchers(nlp, self.dictionary)
        entries = self.dictionary.phrases.values()
        self.states = frozenset(e.code for e in entries if e.kind == "name")

    def resolver(self, doc: Doc, day: date | None) -> Resolver:
        resolver = Resolver(doc, self.dictionary, day, self.phrase_matcher, self.name_matcher)
        resolver.hear(quotations(doc, resolver))
        return resolver

    def code(self, doc: Doc, article: Article) -> list[Event]:
        """The events of one article, restatements merged."""
        events, _ = self.trace(doc, article)
        return events

    def read(self, doc: Doc, article: Article) -> tuple[list[Event], list[Quote]]:
        """The events and the direct quotations of one article."""
        resolver = self.resolver(doc, article.published)
        events, _ = self.trace(doc, article, resolver)
        return events, quote_records(article.doc_id, resolver.quotations)

    def trace(
        self, doc: Doc, article: Article, resolver: Resolver | None = None
    ) -> tuple[list[Event], list[Attempt]]:
        """The events, and every pattern tried on the way with what came of it."""
        resolver = resolver or self.resolver(doc, article.published)
        quotes = _quote_spans(doc.text)
        attempts: list[Attempt] = []
        events: list[Event] = []
        seen: dict[tuple[str, str, str], list[int]] = {}
        reports: list[Report] = []  # how each event in ``events`` was read
        recent: dict[str, tuple[int, list[ActorMention]]] = {}  # pattern → (sentence, targets)
        title = article.title or ""
        title_end = len(title) if title and doc.text.startswith(title) else 0
        for sent in doc.sents:
            found: list[Report] = []
            for token in sent:
                for attempt in self._attempts(token, resolver, article, quotes, recent):
                    attempts.append(attempt)
                    if attempt.outcome == "event":
                        for event, speaker in zip(attempt.events, attempt.speakers, strict=True):
                            found.append(Report(event, token, speaker))
                        break
            # A sentence's generic codes go before its events meet the article's.
            for report in _drop_generic(found):
                _merge(events, reports, seen, report, title_end)
        return events, attempts

    # --- matching ------------------------------------------------------------------------

    def _attempts(self, token: Token, resolver: Resolver, article: Article, quotes, recent):
        lemma = token.lemma_.lower()
        candidates: tuple[Pattern, ...] = ()
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ != "amod"):
            candidates = self.patterns.by_verb.get(lemma, ())
        elif token.pos_ in ("NOUN", "PROPN"):
            candidates = self.patterns.by_noun.get(lemma, ())
        for pattern in candidates:
            yield self._try(token, pattern, resolver, article, quotes, recent)

    def _try(
        self, token, pattern: Pattern, resolver: Resolver, article: Article, quotes, recent
    ) -> Attempt:
        if token.dep_ == "pcomp" and token.head.lower_ in ("for", "of"):
            # "accused X of attacking Y", "punished X for supporting Y": a reason or an
            # allegation, not an event the article reports.
            return Attempt(token, pattern, "inside a reason or allegation clause")
        nominal = token.pos_ in ("NOUN", "PROPN")
        verb = grammar.verb_of(token) if nominal else token
        circumstance = (
            nominal
            and token.dep_ == "pobj"
            and token.head.lower_ in pattern.circumstantial
            and token.head.head.pos_ in ("VERB", "AUX")
        )
        if circumstance:
            # "During talks with X, A said ...": A took part in the talks.
            verb = token.head.head
        # "ready for talks with the West", "open to dialogue": talks intended, not held.
        readied = (
            nominal
            and token.dep_ == "pobj"
            and token.head.lower_ in ("for", "to")
            and verb == token.head.head
            and verb.lemma_.lower() in READY
        )
        light = (
            circumstance
            or readied
            or (nominal and verb != token and verb.lemma_.lower() in pattern.light)
        )
        if nominal and not light:
            # A noun standing alone must name its source inside its own phrase: "talks
            # between X and Y", "X's condemnation", "sanctions imposed by X".
            verb = token
        obj = None
        if pattern.particle and not any(
            c.dep_ == "prt" and c.lower_ == pattern.particle for c in token.children
        ):
            return Attempt(token, pattern, f"no particle '{pattern.particle}'")
        if pattern.objects:
            obj = _object(token, pattern.objects)
            if obj is None:
                return Attempt(token, pattern, f"no object among {list(pattern.objects)}")
        if pattern.requires_xcomp and not any(c.dep_ == "xcomp" for c in token.children):
            return Attempt(token, pattern, "no infinitive complement")
        if pattern.min_count and (obj is None or _count(obj) < pattern.min_count):
            return Attempt(token, pattern, f"fewer than {pattern.min_count} counted")
        if pattern.actor_object and not nominal:
            found = obj if obj is not None else grammar.direct_object(token)
            if found is not None and resolver.is_owned_thing(found):
                return Attempt(token, pattern, f"'{found.text}' is a thing, not an actor")
        if pattern.requires_as and not _described_as(token, pattern.requires_as):
            return Attempt(token, pattern, f"not described as one of {list(pattern.requires_as)}")

        subj, passive = grammar.subject(verb) if not nominal or light else (None, False)
        sources: list[ActorMention] = []
        targets: list[ActorMention] = []
        used_slot = ""
        if passive:
            agent = grammar.passive_agent(verb)
            sources = resolver.resolve_all(agent) if agent is not None else []
            if obj is None and not nominal and "dobj" in pattern.target and subj is not None:
                targets = resolver.resolve_all(subj)
                used_slot = "dobj"
            if agent is None and subj is not None and targets:
                # "the Chinese ambassador to New Delhi was summoned": by the host.
                sources = _host(subj, verb, targets, resolver)
        elif subj is not None and "subj" in pattern.source:
            sources = resolver.resolve_all(subj)
            # A list the parser split into several subjects: "A, B, C kick off patrols".
            # "A, along with B, attacked": the parser hangs B from the verb.
            companions = (
                [o for o in accompanying(verb) if subj.i < o.i < verb.i]
                if subj.head == verb
                else []
            )
            for other in [*(subj.head.children if subj.head == verb else ()), *companions]:
                if other in companions or (
                    other.dep_ == "nsubj" and other != subj and not grammar.misread_opening(other)
                ):
                    sources += [
                        m
                        for m in resolver.resolve_all(other)
                        if all(m.code != s.code for s in sources)
                    ]
        if (
            nominal
            and not sources
            and pattern.cameo[:2] in CLAIMED_ROOTS
            and (claimed := grammar.claimant(token)) is not None
        ):
            # "Hamas claimed responsibility for the attack on X": Hamas attacked X.
            subj = claimed
            sources = resolver.resolve_all(claimed)
        if nominal and not sources:
            sources, used = self._nominal_sources(token, pattern, resolver)
            if used == "between":
                used_slot = "between"
            if not sources and not light:
                return Attempt(
                    token,
                    pattern,
                    f"'{grammar.verb_of(token).text}' is not a light verb for '{token.text}' "
                    "and the phrase names no source",
                )
        # "killing six shoppers in Jerusalem": people no state names are where it happened.
        location = _location(token, verb, resolver)
        sources, targets = _placed(sources, location), _placed(targets, location)
        if not targets:
            targets, slot = self._targets(
                token, obj, verb, pattern, resolver, nominal, sources, location
            )
            used_slot = used_slot or slot
        if targets and not nominal and pattern.cameo[:2] in VERBAL_ROOTS:
            # "urged Pyongyang to halt tests, and Washington and Seoul to halt drills":
            # the verb left out of the second half has the same speaker.
            targets = targets + [
                a
                for a in _gapped_addressees(token, resolver)
                if all((a.code, a.agent) != (t.code, t.agent) for t in targets)
            ]
        if pattern.cameo[:2] == "04":
            # "speaking to reporters", "told journalists": the press is told, not consulted.
            targets = [t for t in targets if not (t.agent == "MED" and t.kind == "home")]
        if used_slot == "between" and len(sources) >= 2 and not targets:
            targets = sources
        if targets:
            recent[pattern.id] = (token.sent.start, targets)
        elif (
            sources
            and pattern.cameo[:2] in VERBAL_ROOTS
            and not _names_a_target(token, obj, verb, pattern)
        ):
            # "More leaders offered condolences to China. Those offering sympathies
            # included A, B and C": the same say, told again, keeps its addressee.
            told = recent.get(pattern.id)
            if told is not None and _sentences_between(token, told[0]) <= CARRY_SENTENCES:
                targets = told[1]
        if not sources:
            return Attempt(token, pattern, "no source actor")
        mood = grammar.modality(token, verb)
        if grammar.nobody(subj):
            return Attempt(token, pattern, f"negated (subject '{subj.text}')")
        if mood.negated:
            return Attempt(token, pattern, f"negated ({mood.reason})")
        if mood.question:
            return Attempt(token, pattern, "in a question")
        if mood.wisher is not None and mood.hypothetical:
            return Attempt(token, pattern, f"a hypothetical wish ({mood.reason})")
        if (
            mood.wisher is not None
            and mood.obligation
            and _same_side(resolver.resolve_all(mood.wisher), sources)
        ):
            # "Putin said Russia must deepen ties with China": what one's own side must do
            # is what it means to do.
            mood = dataclasses.replace(mood, wisher=None, intent=True)
        if mood.wisher is not None:
            # Others are urged to act: the event is the appeal, whoever the action targets.
            return self._appeal(token, pattern, mood.wisher, sources, resolver, article, quotes)
        if mood.alleged:
            return Attempt(token, pattern, f"not asserted ({mood.reason})")
        if pattern.intended and not mood.intent:
            return Attempt(token, pattern, "a state of affairs, not vowed or planned")
        if not targets and not nominal and pattern.cameo[:2] in SHARED_TARGET_ROOTS:
            # "expelled the Canadian ambassador and recalled its envoy while freezing
            # trade": acts against one state, listed together, share their target.
            targets = _sibling_targets(verb, sources, resolver)
        if not targets and pattern.parties and sources:
            # "willing to mediate in such negotiations": between the story's two sides.
            targets = resolver.parties(token, {s.code for s in sources})
        if not targets and pattern.at_home:
            # "Thailand declared a state of emergency": on its own people, or on those
            # of the place named ("martial law in occupied Kherson").
            targets = [_own_people(s, pattern.at_home, location, obj or token) for s in sources]
            targets = [t for t in targets if t is not None]
        if not targets:
            partners = [o for slot in RECIPROCAL for o in grammar.prep_objects(token, slot)]
            if (
                len(sources) >= 2
                and (pattern.mutual or RECIPROCAL & set(pattern.target))
                and (nominal or not partners)  # "work with the Carter Center": someone else
            ):
                # "China and Russia agreed to deepen cooperation": what is done with or
                # between someone, done by several with no one else named, is among them.
                targets = sources
            else:
                return Attempt(token, pattern, "no target actor")
        code = pattern.cameo
        confidence = pattern.confidence
        if mood.threat:
            code = pattern.threat or "130"
        elif mood.hypothetical:
            return Attempt(token, pattern, f"hypothetical ({mood.reason})")
        elif (mood.intent or readied) and pattern.intent:
            code = pattern.intent
        elif mood.intent or readied:
            confidence *= 0.8

        # Talks held or planned are both sides' act; talks one side is ready for, its own.
        mutual = pattern.mutual and not readied
        pairs = [
            (s, t, _on_the_unarmed(pattern, s, t) if code == pattern.cameo else code)
            for s, t in _pairs(sources, targets, mutual=mutual)
        ]
        if not pairs:
            return Attempt(token, pattern, "source and target are the same actor")
        if pattern.converse:
            # Going to a place in one's own state is travel, not a visit.
            pairs = [
                (s, t, c)
                for s, t, c in pairs
                if s.code != t.code or t.agent is not None or t.kind not in PLACE_KINDS
            ]
            if not pairs:
                return Attempt(token, pattern, "travel to a place in the source's own state")
        if pattern.converse and code == pattern.cameo:
            # A done visit is two events: the visitor's 042 and the host's 043.
            pairs += [(t, s, pattern.converse) for s, t, _ in pairs]
        sent = token.sent
        when, date_source = _event_date(token, verb, article.published)
        if pattern.venue and code == pattern.cameo and location and location.country:
            pairs = self._at_venue(pairs, pattern.venue, location.country)
        if code[:2] in PUNISHING and _reason(token, obj, verb) is not None:
            # "impose a cost on China for supporting Russia": punishing X for doing Y
            # accuses X of Y.
            pairs += [(s, t, ACCUSE) for s, t, _ in pairs if s.code != t.code]
        quoted = _inside(token.idx, quotes)
        events = []
        for source, target, pair_code in pairs:
            events.append(
                self._event(
                    article,
                    sent,
                    token,
                    pattern.id if pair_code != ACCUSE else f"{pattern.id}.reason",
                    pair_code,
                    source,
                    target,
                    when,
                    date_source,
                    quoted,
                    confidence,
                    location,
                )
            )
        speakers = [_named_person(source, self.dictionary.agents) for source, _, _ in pairs]
        return Attempt(token, pattern, "event", events, speakers)

    def _at_venue(self, pairs, venue: tuple[str, ...], place: str) -> list:
        """A meeting held in one side's state is also a visit; in a third state, a meeting
        away from both (CAMEO 042/043/044)."""
        guest, host, elsewhere = venue
        if place not in self.states:
            return pairs
        placed = []
        for source, target, code in pairs:
            if source.code == target.code:
                placed.append((source, target, code))
            elif place == target.code:
                placed += [(source, target, code), (source, target, guest)]
            elif place == source.code:
                placed += [(source, target, code), (source, target, host)]
            elif {source.code, target.code} <= self.states:
                placed.append((source, target, elsewhere))
            else:
                placed.append((source, target, code))  # a body's home is not a state
        return placed

    def _appeal(self, token, pattern, wisher, addressees, resolver, article, quotes) -> Attempt:
        """An action others are urged or wished to take: an appeal by the one who wishes it."""
        askers = resolver.resolve_all(wisher)
        # Within one state too, between known different actors: protesters demanding that
        # their president resign. Not those who want something of themselves.
        addressees = [
            a
            for a in addressees
            if all(s.start != a.start for s in askers) and any(_known_apart(s, a) for s in askers)
        ]
        if not askers or not addressees:
            return Attempt(token, pattern, f"wished for by '{wisher.text}', not done")
        when, date_source = _event_date(token, grammar.verb_of(token), article.published)
        events = [
            self._event(
                article,
                token.sent,
                token,
                f"{pattern.id}.appeal",
                pattern.appeal,
                asker,
                addressee,
                when,
                date_source,
                _inside(token.idx, quotes),
                pattern.confidence * 0.8,
                None,
            )
            for asker in askers
            for addressee in addressees
        ]
        speakers = [
            _named_person(asker, self.dictionary.agents) for asker in askers for _ in addressees
        ]
        return Attempt(token, pattern, "event", events, speakers)

    def _nominal_sources(self, noun: Token, pattern: Pattern, resolver: Resolver):
        for slot in pattern.source:
            if slot == "poss":
                owners = [c for c in noun.children if c.dep_ == "poss"]
                if owners:
                    return resolver.resolve_all(owners[0]), "poss"
            elif slot in ("amod", "compound"):
                found: list[ActorMention] = []
                for child in noun.lefts:
                    if child.dep_ in ("amod", "compound", "nmod"):
                        for t in child.subtree:
                            m = resolver.resolve(t) if t.pos_ in ("PROPN", "ADJ", "NOUN") else None
                            if m is not None and all(f.code != m.code for f in found):
                                found.append(m)
                if found:
                    return found, "compound"
            elif slot == "between":
                objs = grammar.prep_objects(noun, "between")
                if objs:
                    return resolver.resolve_all(objs[0]), "between"
            elif slot == "by":
                objs = grammar.prep_objects(noun, "by") + [
                    agent
                    for child in noun.children
                    if child.dep_ == "acl" and (agent := grammar.passive_agent(child)) is not None
                ]
                if objs:
                    return resolver.resolve_all(objs[0]), "by"
        return [], ""

    def _targets(
        self,
        token,
        obj,
        verb,
        pattern: Pattern,
        resolver: Resolver,
        nominal: bool,
        sources=(),
        location: Location | None = None,
    ):
        """The first target slot that names someone other than the source: "recalled its
        envoy from Canada" passes over "its envoy" to "Canada"."""
        # Whom a state coerces, or an armed group attacks, is often someone no dictionary
        # holds ("detained Nicanor Boluarte", "targeting the Masalit"): a name there is
        # taken as the article's state's. Not for armies, which mostly fight abroad and
        # whose unknown targets are places ("shelled Kupiansk").
        guess = pattern.cameo[:2] == "17" or (
            pattern.cameo[:2] in CLAIMED_ROOTS and all(s.agent != "MIL" for s in sources)
        )
        slots = self._target_slots(token, obj, verb, pattern, resolver, nominal, guess)
        for actors, slot in slots:
            actors = _placed(actors, location)
            if slot == "clause":  # the clause's own doer may be the source again
                actors = [a for a in actors if all(_known_apart(s, a) for s in sources)]
            if not sources or any(_pairs([s], [t], mutual=False) for s in sources for t in actors):
                return actors, slot
        return [], ""

    def _target_slots(
        self, token, obj, verb, pattern: Pattern, resolver: Resolver, nominal, guess: bool
    ):
        hosts = [h for h in (token, obj, verb if verb != token else None) if h is not None]
        if nominal:
            # Coordinated nouns share their preposition: "air and artillery strikes on X".
            hosts += [c for c in _noun_group(token) if c != token]

        physical = pattern.cameo[:2] in CLAIMED_ROOTS
        # Where one goes, strikes or pulls out of stands for its state: "visited Kharkiv",
        # "shelled the Kursk region", "withdrew from the Kyiv region".
        placeable = bool(pattern.converse) or physical or pattern.cameo[:2] == "08"

        def resolve_all(found: Token) -> list[ActorMention]:
            actors = resolver.resolve_all(found)
            if not actors and physical and found.pos_ == "NOUN":
                # Force used on a thing of someone's or somewhere: "opened fire on a
                # meeting with the mayor", "stormed the home of the governor".
                # "raided his home", "ransacked government and army buildings"
                owners = [c for c in found.children if c.dep_ in ("poss", "compound", "nmod")]
                for owner in owners:
                    actors = actors or resolver.resolve_all(owner)
                for prep in ("of", "with", "in"):  # ... "border posts in Chad"
                    for inner in grammar.prep_objects(found, prep):
                        actors = actors or resolver.resolve_all(inner)
                        if not actors and (place := resolver.destination(inner)):
                            actors = [place]
            if not actors and placeable and (city := resolver.destination(found)):
                actors = [city]
            if not actors and guess and (someone := resolver.someone_here(found)):
                actors = [someone]
            return actors

        for slot in pattern.target:
            if slot == "dobj":
                if nominal:
                    continue
                found = obj if obj is not None else grammar.direct_object(token)
                if found is None:
                    found = grammar.named_thing(token)
                if found is not None:
                    actors = resolve_all(found)
                    if not actors and not pattern.actor_object:
                        # "condemned the sanctions imposed by the West", "the attack by
                        # Israeli forces": what was done stands for whoever did it.
                        doer = grammar.doer(found)
                        actors = resolver.resolve_all(doer) if doer is not None else []
                    if actors:
                        yield actors, slot
            elif slot == "iobj":
                for child in token.children:
                    if child.dep_ in ("dative", "iobj") and child.pos_ != "ADP":
                        yield resolver.resolve_all(child), slot
            elif slot == "poss":
                anchor = obj or token
                owners = [c for c in anchor.children if c.dep_ == "poss"]
                if owners:
                    yield resolver.resolve_all(owners[0]), slot
            elif slot == "attr":
                for child in token.children:
                    if child.dep_ in ("attr", "oprd"):
                        yield resolver.resolve_all(child), slot
            elif slot == "clause":
                # "denied that its troops had crossed into Indian territory": whom the
                # denied act was about.
                for clause in (
                    c
                    for c in token.children
                    if c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.pos_ == "VERB")
                ):
                    for found in clause.subtree:
                        # a subject the parser took for a compound: "that Lukashenko resign"
                        misread = found.dep_ == "compound" and found.head == clause
                        if misread or (
                            found.dep_ in CLAUSE_ARGUMENTS and found.head.pos_ != "NOUN"
                        ):
                            actors = resolver.resolve_all(found)
                            if actors:
                                yield actors, slot
            else:
                for host in hosts:
                    for found in grammar.prep_objects(host, slot):
                        actors = resolve_all(found)
                        if not actors and not physical and found.pos_ == "NOUN":
                            # "mediate in the conflict in Sudan": the place's state (force's
                            # slots looked inside the thing already, in resolve_all).
                            actors = [
                                a
                                for inner in grammar.prep_objects(found, "in")
                                for a in resolver.resolve_all(inner)
                            ]
                        if actors:
                            yield actors, slot
        if physical:
            # "launched an attack to regain control of South Ossetia": what force is used
            # to take is what it is used on.
            for aim in [
                *_aims(token),
                *(_aims(verb) if verb is not None and verb != token else []),
            ]:
                actors = resolve_all(aim)
                if actors:
                    yield actors, "purpose"

    def _event(
        self,
        article,
        sent: Span,
        token: Token,
        rule: str,
        code: str,
        source: ActorMention,
        target: ActorMention,
        when,
        date_source,
        quoted,
        confidence,
        location,
    ) -> Event:
        info = self.ontology[code]
        inside = [m for m in (source, target) if sent.start_char <= m.start < sent.end_char]
        start = min([token.idx, *(m.start for m in inside)])
        end = max([token.idx + len(token), *(m.end for m in inside)])
        if source.kind in ("pronoun", "pair", "reference"):
            confidence *= 0.9
        # Trailing space in the parsed text may stand for a sentence blanked by the skim.
        words = article.text[sent.start_char : sent.start_char + len(sent.text.rstrip())]
        return Event(
            doc_id=article.doc_id,
            source=source.code,
            source_agent=source.agent,
            source_text=source.text,
            target=target.code,
            target_agent=target.agent,
            target_text=target.text,
            cameo=code,
            cameo_label=info.name,
            plover=info.plover,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            event_date=when,
            date_source=date_source,
            sentence=words.strip(),
            start=start,
            end=end,
            rule=rule,
            quoted=quoted,
            negated=False,
            confidence=round(min(confidence * (0.9 if quoted else 1.0), 1.0), 2),
            location=location,
            sentence_start=sent.start_char + len(words) - len(words.lstrip()),
        )


NUMBER_WORDS = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "dozen": 12,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}


# Words that count or group the real object: "signed a number of documents".
QUANTIFIERS = frozenset(
    {
        "number",
        "series",
        "set",
        "range",
        "package",
        "raft",
        "host",
        "slew",
        "pair",
        "couple",
        "batch",
        "round",
        "string",
        "wave",
        "flurry",
    }
)


def _sentences_between(token: Token, start: int) -> int:
    """How many sentences back the sentence starting at token ``start`` is."""
    return sum(1 for _ in token.doc[start : token.sent.start].sents)


def _names_a_target(token: Token, obj: Token | None, verb: Token, pattern: Pattern) -> bool:
    """Whether the predicate fills one of its target slots, with an actor or not."""
    if obj is not None and "dobj" in pattern.target:
        return True
    for host in {token, verb}:
        for child in host.children:
            if child.dep_ in ("dobj", "dative", "iobj") and "dobj" in pattern.target:
                return True
            if child.dep_ == "prep" and child.lower_ in pattern.target:
                return True
    return False


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _object(token: Token, lemmas: tuple[str, ...]) -> Token | None:
    """The object among ``lemmas`` that goes with the predicate, looking past quantifiers."""
    for child in token.children:
        if child.dep_ not in ("dobj", "nsubjpass", "attr"):
            continue
        if child.lemma_.lower() in QUANTIFIERS:
            inner = grammar.prep_objects(child, "of")
            child = inner[0] if inner else child
        child = counted(child)
        lemma = child.lemma_.lower()
        if lemma in lemmas or _stem(child.lower_) in lemmas:
            return child
    return None


def _count(noun: Token) -> int:
    """How many the phrase counts: 'at least 35 people', 'dozens of villagers'."""
    best = 0
    candidates = [c for c in noun.children if c.dep_ in ("nummod", "amod", "quantmod")]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        candidates.append(noun.head.head)
    for token in candidates:
        text = token.text.replace(",", "").lower()
        best = max(best, int(text)) if text.isdigit() else max(best, NUMBER_WORDS.get(text, 0))
    return best


def _drop_generic(reports: list[Report]) -> list[Report]:
    """Within one sentence and dyad, a specific verbal code ("026", appeal to negotiate)
    outranks its root's generic code ("020") read from the same words. Material codes
    stay apart: a held meeting (040) and the visit it was part of (042) are two events,
    except the toll of an attack: "bombed a market, killing six" is one bombing (18x, 20x),
    not also a fight (190)."""
    events = [r.event for r in reports]
    specific = {
        (e.source, e.target, e.cameo_root)
        for e in events
        if not e.cameo.endswith("0") and e.cameo_root in VERBAL_ROOTS
    }
    attacks: dict[tuple, set[str]] = {}
    for e in events:
        if e.cameo_root in TOLL_ROOTS:
            attacks.setdefault((e.source, e.target), set()).add(e.cameo)
    return [
        r
        for r, e in zip(reports, events, strict=True)
        if not (
            e.cameo.endswith("0")
            and len(e.cameo) == 3
            and (e.source, e.target, e.cameo_root) in specific
        )
        and not (
            e.cameo in GENERIC_FORCE and attacks.get((e.source, e.target), {e.cameo}) - {e.cameo}
        )
    ]


def _merge(
    events: list[Event],
    reports: list[Report],
    seen: dict[tuple[str, str, str], list[int]],
    report: Report,
    title_end: int,
) -> None:
    """One event per (source, target, code) in an article: a restatement is merged into the
    first report, but the body's report replaces the headline's, and a report that dates
    the event replaces one that did not. Within one country the agents tell the actors
    apart (the government and the rebels); an actor whose agent is unknown may be either.
    Coordinated predicates are acts of their own: "expelling the ambassador and recalling
    its envoy" is two expulsions of diplomats, not one told twice. So are the sayings of
    two named people (the foreign minister's appeal and, days later, his spokesman's) and
    acts the text dates to different days."""
    event = report.event
    if _generic_saying(event.cameo):
        # "asked China to withdraw troops" then, quoted, "we have asked the Chinese side":
        # a plain appeal after a specific one between the same two restates it.
        for i in seen.get((event.source, event.target, event.cameo_root), []):
            if _same_actors(events[i], event) and not _other_speakers(reports[i], report):
                return
    same_triple = seen.setdefault((event.source, event.target, event.cameo), [])
    same = next(
        (
            i
            for i in same_triple
            if _same_actors(events[i], event)
            and reports[i].token not in report.token.conjuncts
            and not _other_speakers(reports[i], report)
            and not _other_days(events[i], event)
        ),
        None,
    )
    if same is None:
        same_triple.append(len(events))
        if not _generic_saying(event.cameo) and event.cameo_root in VERBAL_ROOTS:
            # also by root, for a plain saying that may restate it later
            seen.setdefault((event.source, event.target, event.cameo_root), []).append(len(events))
        events.append(event)
        reports.append(report)
        return
    first = events[same]
    from_headline = first.sentence_start < title_end <= event.sentence_start
    if from_headline or (event.date_source == "text" and first.date_source != "text"):
        events[same] = event
        reports[same] = report


def _other_days(a: Event, b: Event) -> bool:
    """Two reports the text dates to different days: the killings on 9 June and those on
    15 June are two massacres."""
    return a.date_source == b.date_source == "text" and a.event_date != b.event_date


def _generic_saying(code: str) -> bool:
    """A verbal root's generic code: "020" (appeal), "110" (disapprove)."""
    return len(code) == 3 and code.endswith("0") and code[:2] in VERBAL_ROOTS


def _other_speakers(a: Report, b: Report) -> bool:
    """Two sayings by people named apart: no name word in common."""
    if a.event.cameo[:2] not in VERBAL_ROOTS or not a.speaker or not b.speaker:
        return False
    return not set(a.speaker.split()) & set(b.speaker.split())


def _named_person(mention: ActorMention, roles: Container[str]) -> str:
    """The name words of a person named in the text ("Wang Yi"), or "" for anyone else."""
    if not mention.is_person or mention.kind in ("pronoun", "reference", "pair"):
        return ""
    words = [w for w in mention.text.split() if w[:1].isupper() and w.lower() not in TITLES]
    return " ".join(w for w in words if w.lower() not in roles)


def _same_actors(a: Event, b: Event) -> bool:
    if a.source != a.target:
        return True
    return all(
        not x or not y or x == y
        for x, y in ((a.source_agent, b.source_agent), (a.target_agent, b.target_agent))
    )


def _same_side(speakers: list[ActorMention], doers: list[ActorMention]) -> bool:
    """The speakers are of the doers' own side (Putin saying what Russia must do)."""
    return bool(speakers) and not any(_known_apart(s, d) for s in speakers for d in doers)


def _known_apart(a: ActorMention, b: ActorMention) -> bool:
    """Two actors surely different: other states, or one state's with known, other agents
    (the government and the protesters). An unknown agent may be either."""
    return a.code != b.code or bool(a.agent and b.agent and a.agent != b.agent)


def _described_as(token: Token, nouns: tuple[str, ...]) -> bool:
    """'described Russia as a partner', 'called China a friend'."""
    complements = [c for c in token.children if c.dep_ in ("oprd", "attr", "xcomp", "ccomp")]
    complements += grammar.prep_objects(token, "as")
    for obj in grammar.direct_object(token), *complements:
        if obj is None:
            continue
        complements += grammar.prep_objects(obj, "as")
    return any(c.lemma_.lower() in nouns for c in complements)


def _pairs(sources: list[ActorMention], targets: list[ActorMention], mutual: bool):
    pairs = []
    seen = set()
    for s in sources:
        for t in targets:
            if s.code == t.code and s.agent == t.agent:
                continue
            if s.code == t.code and s.start == t.start:
                continue
            for a, b in ((s, t), (t, s)) if mutual else ((s, t),):
                key = (a.code, a.agent, b.code, b.agent)
                if key not in seen:
                    seen.add(key)
                    pairs.append((a, b))
    return pairs


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for opening, closing in QUOTE_PAIRS:
        for m in re.finditer(
            re.escape(opening) + r"[^" + re.escape(closing) + r"]*" + re.escape(closing), text
        ):
            spans.append((m.start(), m.end()))
    for line in re.finditer(r"[^\n]+", text):
        for m in re.finditer(r'"[^"\n]*"', line.group(0)):
            spans.append((line.start() + m.start(), line.start() + m.end()))
    return spans


def _inside(offset: int, spans) -> bool:
    return any(s < offset < e for s, e in spans)


def _event_date(token: Token, verb: Token, published: date | None) -> tuple[date | None, str]:
    """A day named near the predicate ("on Monday", "yesterday", "on 12 May"), else published."""
    chain = [token, verb]
    head = verb
    for _ in range(3):
        if head.dep_ in ("ccomp", "xcomp", "conj", "advcl") and head.head != head:
            head = head.head
            chain.append(head)
    if published is not None:
        for anchor in chain:
            for child in anchor.children:
                words = (
                    " ".join(t.text for t in child.subtree)
                    if child.dep_ in ("npadvmod", "prep", "advmod", "tmod", "obl")
                    else ""
                )
                if not words:
                    continue
                lowered = words.lower()
                for word, shift in RELATIVE_DAYS.items():
                    if re.search(rf"\b{word}\b", lowered):
                        return published + timedelta(days=shift), "text"
                for day in WEEKDAYS:
                    if re.search(rf"\b{day}\b", lowered):
                        return resolve_weekday(day, published), "text"
                full = find_dates(words)
                if full and full[0].value <= published:
                    return full[0].value, "text"
        return published, "published"
    return None, "none"


def _on_the_unarmed(pattern: Pattern, source: ActorMention, target: ActorMention) -> str:
    """CAMEO's 19 is armed force between armed sides; gunmen or a crowd turning force on
    civilians or officials is unconventional violence (18), and killing a named person or
    an official, assassination. Police raiding a home or storming an office coerce (17)."""
    if pattern.policed and source.agent == "POL" and target.agent not in ARMED_TARGETS:
        return pattern.policed
    if not pattern.unarmed or source.agent in STATE_FORCES or source.agent is None:
        return pattern.cameo
    if target.agent in ARMED_TARGETS or (target.agent is None and not target.is_person):
        return pattern.cameo
    on_people, on_person = pattern.unarmed
    if target.is_person or target.agent in OFFICIALS:
        return on_person
    return on_people


def _placed(mentions: list[ActorMention], location: Location | None) -> list[ActorMention]:
    """Mentions that took the article's state for want of one of their own, moved to the
    state of the event's place."""
    if location is None or not location.country:
        return mentions
    return [
        dataclasses.replace(
            m,
            code=location.country,
            reason=f"'{m.text}' names no state; the event is in {location.name}",
        )
        if m.kind == "home" and m.code != location.country
        else m
        for m in mentions
    ]


def _location(token: Token, verb: Token, resolver: Resolver) -> Location | None:
    """Where the action took place: a proper name after "in" or "at" ("in Gori", "at the
    Kremlin"), with its state where the dictionary knows the place. Organisations,
    people, months and weekdays are not places."""
    hosts = [token, verb]
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        hosts.append(verb.head)  # "blew herself up in Jerusalem, killing six shoppers"
    for host in hosts:
        for prep in ("in", "at"):
            for obj in grammar.prep_objects(host, prep):
                if obj.pos_ == "NOUN":  # "in a crowded market in Jerusalem"
                    obj = next(iter(grammar.prep_objects(obj, "in")), obj)
                if obj.pos_ != "PROPN" or obj.lower_ in NOT_PLACES:
                    continue
                country = resolver.place(obj)
                mention = None if country else resolver.resolve(obj)
                if mention is not None and (mention.is_person or mention.kind in NOT_PLACE_KINDS):
                    continue
                name = " ".join(t.text for t in obj.subtree if t.pos_ == "PROPN")
                return Location(name or obj.text, country or (mention.code if mention else None))
    return None


def _noun_group(token: Token) -> list[Token]:
    """The nouns coordinated with ``token``, itself included, in order."""
    first = token
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head
    return [first, *(c for c in first.conjuncts if c.pos_ in ("NOUN", "PROPN"))]


def _sibling_targets(verb: Token, sources, resolver: Resolver) -> list[ActorMention]:
    """The first actor apart from the sources that a verb coordinated with ``verb`` (by
    "and", or "while" and the like) takes as its object."""
    top = verb
    while top.dep_ in ("conj", "advcl") and top.head.pos_ == "VERB":
        top = top.head
    siblings = [t for t in top.subtree if t.pos_ == "VERB" and t != verb and _linked(t, top)]
    for sibling in [top, *siblings] if top != verb else siblings:
        for child in sibling.children:
            found = [child] if child.dep_ == "dobj" else []
            if child.dep_ == "prep":
                found = [c for c in child.children if c.dep_ == "pobj"]
            for thing in found:
                actors = [
                    a
                    for a in resolver.resolve_all(thing)
                    if any(_pairs([s], [a], mutual=False) for s in sources)
                ]
                if actors:
                    return actors
    return []


def _linked(verb: Token, top: Token) -> bool:
    """Whether ``verb`` hangs from ``top`` by coordination or an adverbial clause alone."""
    while verb != top:
        if verb.dep_ not in ("conj", "advcl"):
            return False
        verb = verb.head
    return True


def _gapped_addressees(verb: Token, resolver: Resolver) -> list[ActorMention]:
    """Those addressed in a clause whose verb was left out: in "urged X to go, and Y to
    stay", the parser hangs "stay" from "urged" with Y as its subject."""
    found = []
    for clause in verb.children:
        if clause.dep_ != "conj" or clause.pos_ not in ("VERB", "AUX"):
            continue
        if not grammar.infinitive(clause):
            continue
        for subject in clause.children:
            if subject.dep_ in ("nsubj", "nsubjpass"):
                found += resolver.resolve_all(subject)
    return found


def _host(envoy: Token, verb: Token, targets, resolver: Resolver) -> list[ActorMention]:
    """Who summoned or expelled an envoy the passive leaves unnamed: the state the envoy is
    posted to ("the ambassador to New Delhi"), or else the one who reports it ("India
    said the ambassador had been summoned")."""
    if envoy.lemma_.lower() not in ENVOYS:
        return []
    found = [
        m
        for p in ("to", "in")
        for o in grammar.prep_objects(envoy, p)
        for m in resolver.resolve_all(o)
    ]
    if not found and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in grammar.SPEECH_VERBS:
        speaker, _ = grammar.subject(verb.head)
        found = resolver.resolve_all(speaker) if speaker is not None else []
    return [m for m in found if all(_known_apart(m, t) for t in targets)]


def _own_people(
    source: ActorMention, agent: str, location: Location | None, thing: Token
) -> ActorMention | None:
    """The people an act with no target named falls on: those of the place named, else
    the source's own. Only a state has people of its own."""
    code = location.country if location is not None and location.country else source.code
    if len(code) != 3:
        return None
    return ActorMention(
        code,
        agent,
        location.name if location is not None else thing.text,
        thing.idx,
        thing.idx + len(thing),
        "home",
        f"no target named: the people of {code}",
    )


def _aims(verb: Token) -> list[Token]:
    """What a use of force is for taking: "to retake Kherson", "to regain control of X"."""
    found = []
    for clause in verb.children:
        if (
            clause.dep_ not in ("advcl", "xcomp", "acl", "relcl")
            or clause.lemma_.lower() not in SEIZING
        ):
            continue
        if not grammar.infinitive(clause):
            continue
        for obj in (c for c in clause.children if c.dep_ == "dobj"):
            found += grammar.prep_objects(obj, "of") if obj.lemma_.lower() == "control" else [obj]
    return found


def _reason(token: Token, obj: Token | None, verb: Token | None) -> Token | None:
    """The deed a punishment is for: "sanctions on Iran for supplying drones"."""
    hosts = [h for h in (token, obj, verb) if h is not None]
    # ... or hangs from what is imposed: "threatened Beijing with tariffs for dumping steel"
    hosts += [o for h in hosts for p in h.children if p.dep_ == "prep" for o in p.children]
    for host in hosts:
        for prep in host.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                for deed in prep.children:
                    if deed.dep_ == "pcomp" and deed.tag_ == "VBG":
                        return deed
    return None
