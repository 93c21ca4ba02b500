"""Reading a predicate's arguments and modality off the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# "claimed responsibility for the attack": the claimant did it.
CLAIM_VERBS = frozenset({"claim", "accept", "take", "admit", "acknowledge", "assume", "bear"})
# Verbs whose object is the doer of the infinitive: "urged Pyongyang to suspend".
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "call",
        "tell",
        "persuade",
        "force",
        "order",
        "invite",
        "encourage",
        "press",
        "push",
        "request",
        "allow",
        "help",
        "pressure",
        "compel",
        "enable",
    }
)
# Heads under which an action is only promised, planned or offered: CAMEO's 03x.
INTENT_HEADS = frozenset(
    {
        "ready",
        "willing",
        "prepared",
        "determined",
        "committed",
        "plan",
        "pledge",
        "vow",
        "promise",
        "agree",
        "decide",
        "intend",
        "want",
        "wish",
        "hope",
        "seek",
        "offer",
        "aim",
        "expect",
        "set",
        "commit",
        "eager",
        "keen",
        "resolve",
        "propose",
        "prepare",
        "stand",
        "look",
        "continue",
        "able",
        "mean",
        "try",
        "undertake",
        "move",
        "consider",
        "would",
        "remain",
        "desire",
        "need",
        "should",
        "must",
        "accept",
        "invite",
        "work",
        "strive",
    }
)
# "took steps to restore ties": what the steps are for is not done yet.
EFFORT_NOUNS = frozenset({"step", "measure", "effort", "action", "move"})
# "after severing ties": a clause of time reports a fact, whatever the main verb's mood
# (unless that verb is future: "will visit Beijing after attending the summit").
FACT_PREPS = frozenset({"after", "before", "since", "following", "despite"})
DOCUMENTS = frozenset(
    {"decree", "law", "bill", "resolution", "order", "directive", "ordinance", "motion"}
)
INTENT_NOUNS = frozenset(
    {
        "invitation",
        "readiness",
        "willingness",
        "commitment",
        "pledge",
        "plan",
        "intention",
        "desire",
        "offer",
        "promise",
        "proposal",
        "decision",
    }
)
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll"})
NEGATING_HEADS = frozenset(
    {
        "refuse",
        "decline",
        "fail",
        "deny",
        "reject",
        "avoid",
        "stop",
        "cease",
        "halt",
        "abandon",
        "oppose",
        "resist",
        "refrain",
    }
)
THREAT_HEADS = frozenset({"threaten", "warn"})
# Heads whose object is something blamed, not an event the article asserts.
ALLEGATION_HEADS = frozenset(
    {
        "blame",
        "accuse",
        "criticize",
        "criticise",
        "condemn",
        "denounce",
        "allege",
        "slam",
        "decry",
        "deplore",
        "fault",
    }
)
# Heads under which others are asked or wished to act: CAMEO codes the appeal (02x).
WISH_HEADS = frozenset(
    {
        "want",
        "wish",
        "hope",
        "desire",
        "urge",
        "call",
        "ask",
        "encourage",
        "press",
        "push",
        "appeal",
        "demand",
        "expect",
        "request",
        "invite",
        "like",
    }
)
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "add",
        "note",
        "announce",
        "report",
        "claim",
        "declare",
        "write",
        "insist",
        "stress",
        "emphasize",
        "emphasise",
        "explain",
        "confirm",
        "reiterate",
        "argue",
        "assert",
        "quote",
        "comment",
        "remark",
        "reply",
        "respond",
        "tweet",
        "post",
    }
)
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may"})
# What someone says ought to be done is not done: an appeal by the one who says it.
OBLIGATION_AUX = frozenset({"should", "must", "ought"})


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    intent: bool = False
    threat: bool = False
    hypothetical: bool = False
    question: bool = False
    reason: str = ""
    wisher: Token | None = None  # who wants the action done by others: "China's desire"
    alleged: bool = False  # inside what someone is blamed or criticised for
    obligation: bool = False  # the wisher says it should or must be done


def verb_of(token: Token) -> Token:
    """The verb a nominal predicate hangs from: 'talks' in 'held talks with' → 'held'."""
    if token.dep_ in ("dobj", "attr", "nsubjpass", "oprd"):
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        # "engaged in talks", "entered into negotiations"; not "opened fire on a meeting"
        if token.head.lower_ in ("in", "into") or token.head.head.pos_ != "VERB":
            return token.head.head
        return token
    if token.dep_ == "conj":
        return verb_of(token.head)
    return token


def subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of ``verb`` and whether the clause is passive; climbs through control."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and misread_opening(child):
            continue
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head, False
            return child, False
        if child.dep_ in PASSIVE_SUBJECT_DEPS:
            return child, True
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
        head = verb.head
        if head.lemma_.lower() in OBJECT_CONTROL:
            obj = _control_object(head)
            if obj is not None:
                return obj, False
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "oprd"):
            return subject(head.head)
        return subject(head)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject(verb.head)
    if verb.dep_ == "acomp":
        return subject(verb.head)
    if verb.dep_ == "advcl" and (
        verb.tag_ in ("VBG", "VBN") or infinitive(verb) or verb.tag_ == "VB"
    ):
        # "… to resolve disputes", "Addressing reporters, Lavrov said": the main clause's
        # subject does it.
        return subject(verb.head)
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG":
        head = verb.head
        if head.lemma_.lower() in DOCUMENTS and verb_of(head) != head:
            # "approved a decree declaring a state of war": whoever issues the decree.
            return subject(verb_of(head))
        if head.dep_ == "nsubj" and head.head.lemma_ == "include":
            # "Those offering condolences included A, B and C."
            listed = direct_object(head.head)
            if listed is not None:
                return listed, False
        return head, False
    if verb.dep_ == "acl" and verb.tag_ == "VB":
        owners = [c for c in verb.head.children if c.dep_ == "poss"]
        if owners:
            return owners[0], False  # "NATO's effort to expand"
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("to", "of") and verb.head.head.pos_ == "NOUN":
        owners = [c for c in verb.head.head.children if c.dep_ == "poss"]
        if owners:
            return owners[0], False  # "its commitment to maintaining ties"
    if verb.dep_ == "acl" and verb.tag_ == "VB" and verb.head.dep_ in ("dobj", "pobj", "attr"):
        # "took steps to restore ties": whoever takes the steps restores the ties.
        governor = verb_of(verb.head)
        if governor != verb.head:
            return subject(governor)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        governor = verb.head.head
        # "blamed the West for provoking", "a cost on China for supporting": the object
        # of the governing verb does the gerund's action.
        if verb.head.lower_ in ("for", "of") and governor.pos_ in ("VERB", "AUX"):
            obj = direct_object(governor)
            on = prep_objects(governor, "on")
            if on:
                return on[0], False
            if (
                obj is not None
                and obj.pos_ in ("PROPN", "PRON", "NOUN")
                and obj.lemma_.lower() not in ("cost", "price", "role", "effort", "step", "measure")
            ):
                return obj, False
        return subject(governor)
    return None, False


def nobody(token: Token | None) -> bool:
    """A subject that denies anyone did it: "no group", "nobody", "neither side"."""
    if token is None:
        return False
    if token.lower_ in ("nobody", "none", "neither", "noone"):
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children)


def claimant(noun: Token) -> Token | None:
    """Who claims an act as their own: "Hamas claimed responsibility for the attack"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() != "responsibility":
        return None
    verb = verb_of(prep.head)
    if verb.lemma_.lower() not in CLAIM_VERBS:
        return None
    return subject(verb)[0]


def infinitive(verb: Token) -> bool:
    """A verb with its "to": "urged X to go", "to retake Kherson"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def misread_opening(subject: Token) -> bool:
    """A participle clause the parser took for a subject beside the real one: in
    "Addressing reporters after meeting X, Lavrov said", "reporters" is no subject."""
    return any(c.dep_ == "compound" and c.tag_ == "VBG" for c in subject.children) and any(
        c.dep_ in SUBJECT_DEPS and c != subject for c in subject.head.children
    )


def _future(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def _control_object(head: Token) -> Token | None:
    for child in head.children:
        if child.i < head.i:
            continue  # "On Friday, Wang urged X to ...": a time, not whom he called on
        if child.dep_ in ("dobj", "nsubj"):
            return child
        if child.dep_ == "prep" and child.lower_ == "on":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def named_thing(token: Token) -> Token | None:
    """The noun a free relative object stands for: "condemned what it called sanctions"
    (the parser hangs "what" on the inner verb)."""
    for clause in token.children:
        if clause.dep_ != "ccomp" or not any(
            c.lower_ == "what" and c.dep_ == "dobj" for c in clause.children
        ):
            continue
        for child in clause.children:
            if child.dep_ in ("dobj", "oprd", "attr") and child.lower_ != "what":
                return child
    return None


def doer(thing: Token) -> Token | None:
    """Who did what a noun names: "sanctions imposed by the West", "the attack by Israel"."""
    for child in thing.children:
        if child.dep_ in ("acl", "oprd") and (agent := passive_agent(child)) is not None:
            return agent
    if thing.pos_ in ("NOUN", "PROPN"):
        for found in prep_objects(thing, "by"):
            return found
    return None


def direct_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    return None


def prep_objects(token: Token, prep: str) -> list[Token]:
    """Objects of the preposition ``prep`` under ``token`` ("with Russia")."""
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == prep:
            # "with the Carter Center and with the OAS": a coordinated preposition too
            for each in (child, *(c for c in child.conjuncts if c.lower_ == prep)):
                found.extend(c for c in each.children if c.dep_ in ("pobj", "pcomp"))
    return found


def modality(predicate: Token, verb: Token) -> Modality:
    """Negation, intent, threat and hypothesis in the chain of heads above the predicate."""
    negated = intent = threat = hypothetical = alleged = False
    obliged: Token | None = None
    reasons = []
    chain = [predicate] if predicate == verb else [predicate, verb]
    # The predicate and its light verb ("held talks") are the action itself; only the
    # words above them can make it promised, refused or wished for.
    first_head = len(chain)
    head = verb
    for _ in range(4):
        if head.dep_ not in (
            "xcomp",
            "ccomp",
            "conj",
            "acomp",
            "advcl",
            "pcomp",
            "prep",
            "pobj",
            "acl",
        ):
            break
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in SPEECH_VERBS:
            break  # reported speech: the speaker's own verb does not change the event
        if head.dep_ == "pcomp" and head.head.lower_ in FACT_PREPS and not _future(head.head.head):
            break
        head = head.head
        chain.append(head)
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "pobj", "nsubjpass"):
            # "blamed NATO's effort to expand ties": the noun's verb governs the action too
            head = verb_of(head)
            chain.append(head)
    for i, token in enumerate(chain):
        lemma = token.lemma_.lower()
        children = list(token.children)
        if any(c.dep_ == "neg" for c in children) or any(
            c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det", "neg") for c in children
        ):
            negated = not negated
            reasons.append(f"negation on '{token.text}'")
        above = i >= first_head
        if above and lemma in ALLEGATION_HEADS:
            alleged = True
            reasons.append(f"alleged under '{token.text}'")
        if above and lemma in NEGATING_HEADS:
            negated = not negated
            reasons.append(f"under '{token.text}'")
        if above and lemma in THREAT_HEADS:
            threat = True
            reasons.append(f"threat: '{token.text}'")
        if (above and lemma in INTENT_HEADS) or any(
            c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in children
        ):
            intent = True
            reasons.append(f"intent or future: '{token.text}'")
        if token.pos_ == "NOUN" and lemma in INTENT_NOUNS:
            intent = True
        if above and any(c.dep_ == "dobj" and c.lemma_.lower() in EFFORT_NOUNS for c in children):
            intent = True
            reasons.append(f"an aim of '{token.text}'")
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children):
            hypothetical = True
            reasons.append(f"condition on '{token.text}'")
        if lemma not in THREAT_HEADS and any(
            c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
            for c in children
        ):
            # "If talks fail, Uganda will mediate": the main clause of a condition. A threat
            # is made whatever its condition ("threatened Japan if it interfered").
            hypothetical = True
            reasons.append(f"under a condition: '{token.text}'")
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in children):
            hypothetical = True
            reasons.append(f"possibility: '{token.text}'")
        if obliged is None and any(
            c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in children
        ):
            obliged = token
    wisher = None
    for token in chain[1:]:
        if token.lemma_.lower() in WISH_HEADS:
            wisher = _wisher(token)
            if wisher is not None:
                reasons.append(f"wished for by '{wisher.text}'")
                break
    if obliged is not None and wisher is None:
        # "Poland said the EU should impose sanctions": Poland's appeal to the EU. With no
        # one saying it, an opinion of the writer's: nothing was done.
        if obliged.dep_ == "ccomp" and obliged.head.lemma_.lower() in SPEECH_VERBS:
            wisher = _wisher(obliged.head)
        if wisher is not None:
            reasons.append(f"'{obliged.text}' called for by '{wisher.text}'")
        else:
            hypothetical = True
            reasons.append(f"an obligation, not an act: '{obliged.text}'")
    sent = predicate.sent
    question = sent.text.rstrip().rstrip("\"'”’").endswith("?") and verb == sent.root
    return Modality(
        negated,
        intent,
        threat,
        hypothetical,
        question,
        "; ".join(reasons),
        wisher,
        alleged,
        obligation=obliged is not None and wisher is not None,
    )


def _wisher(head: Token) -> Token | None:
    """The one who wants, urges or hopes: the verb's subject or the noun's owner."""
    if head.pos_ in ("NOUN", "PROPN"):
        for child in head.children:
            if child.dep_ == "poss":
                return child
        verb = verb_of(head)
        return subject(verb)[0] if verb != head else None
    found, passive = subject(head)
    return None if passive else found
