"""Event patterns: predicate words and the grammatical slots of their source and target.

Patterns live in ``data/verbs/*.yaml``, one file per CAMEO root. Each pattern names its
predicate lemmas (``verbs`` or ``nouns``), optionally the object that must go with them
(``objects``: "impose" + "sanctions"), where the target is found (``target``: ``dobj`` or a
preposition such as ``with`` or ``on``), and how modality changes the code (``intent``: the
03x code when the action is only promised).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

import yaml

from ..errors import DataError
from ..ontology import load_ontology

SLOTS = frozenset(
    {
        "dobj",
        "clause",
        "iobj",
        "poss",
        "agent",
        "between",
        "with",
        "on",
        "to",
        "against",
        "for",
        "from",
        "into",
        "at",
        "of",
        "over",
        "toward",
        "towards",
        "in",
        "upon",
        "about",
        "by",
        "across",
        "amod",
        "compound",
        "attr",
        "alongside",
        "near",
        "along",
        "outside",
        "behind",
        "among",
        "beyond",
        "inside",
        "within",
        "onto",
        "through",
        "under",
    }
)
KEYS = frozenset(
    {
        "id",
        "cameo",
        "verbs",
        "nouns",
        "objects",
        "light",
        "target",
        "source",
        "mutual",
        "intent",
        "threat",
        "confidence",
        "particle",
        "requires_xcomp",
        "note",
        "examples",
        "appeal",
        "circumstantial",
        "requires_as",
        "min_count",
        "converse",
        "venue",
        "actor_object",
        "intended",
        "unarmed",
        "policed",
        "at_home",
        "parties",
    }
)
# Verbs that carry a nominal event without adding meaning of their own: "held talks".
DEFAULT_LIGHT_VERBS = (
    "hold",
    "have",
    "conduct",
    "engage",
    "begin",
    "start",
    "open",
    "launch",
    "carry",
    "make",
    "give",
    "take",
    "stage",
    "resume",
    "continue",
    "pay",
    "announce",
    "express",
    "voice",
    "extend",
    "offer",
    "issue",
    "deliver",
    "send",
    "lodge",
    "file",
    "level",
    "mount",
    "wage",
    "unleash",
    "conclude",
    "complete",
    "reach",
    "join",
    "attend",
)


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    cameo: str
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    light: tuple[str, ...] = DEFAULT_LIGHT_VERBS
    target: tuple[str, ...] = ("dobj",)
    source: tuple[str, ...] = ("subj",)
    mutual: bool = False
    intent: str | None = None
    threat: str | None = None
    confidence: float = 0.7
    particle: str | None = None
    requires_xcomp: bool = False
    appeal: str = "020"
    circumstantial: tuple[str, ...] = ()
    requires_as: tuple[str, ...] = ()
    min_count: int = 0
    converse: str | None = None
    venue: tuple[str, ...] = ()  # (guest's code, host's code, third-place code)
    actor_object: bool = False  # the object is the actor itself, not a thing of theirs
    intended: bool = False  # coded only when vowed, planned or called for, not as a state
    unarmed: tuple[str, ...] = ()  # (on the unarmed, on a named person or official)
    policed: str | None = None  # the code when the police do it to the unarmed
    at_home: str | None = None  # with no target named, the source's own people, this agent
    parties: bool = False  # with no target named, the story's two other sides

    @property
    def specificity(self) -> int:
        """Patterns that ask more of the sentence are tried first."""
        return (
            2 * bool(self.objects)
            + bool(self.particle)
            + bool(self.requires_xcomp)
            + 2 * bool(self.requires_as)
            + bool(self.min_count)
        )


@dataclass(frozen=True, slots=True)
class PatternSet:
    patterns: tuple[Pattern, ...]
    by_verb: dict[str, tuple[Pattern, ...]]
    by_noun: dict[str, tuple[Pattern, ...]]
    digest: str


def _as_tuple(value, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{where}: '{key}' must be a word or a list of words")
    return tuple(value)


# "During talks with X, A said ...": A took part in the talks.
CIRCUMSTANCE_PREPS = ("in", "during", "at", "after", "following", "before")


def _circumstances(value, where: str) -> tuple[str, ...]:
    """``circumstantial: true`` for the usual prepositions, or a list of them."""
    if value is True:
        return CIRCUMSTANCE_PREPS
    return _as_tuple(value or None, where, "circumstantial")


def parse_pattern(raw: dict, where: str) -> Pattern:
    """One pattern from its YAML mapping, checked against the ontology."""
    unknown = set(raw) - KEYS
    if unknown:
        raise DataError(f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(KEYS)}")
    if "id" not in raw or "cameo" not in raw:
        raise DataError(f"{where}: every pattern needs an 'id' and a 'cameo' code")
    ontology = load_ontology()
    for key in ("cameo", "intent", "threat", "appeal"):
        code = raw.get(key)
        if code is not None and str(code) not in ontology:
            raise DataError(f"{where}: {raw['id']}: '{key}' {code!r} is not a CAMEO code")
    target = _as_tuple(raw.get("target", ["dobj"]), where, "target")
    source = _as_tuple(raw.get("source", ["subj"]), where, "source")
    for slot in target + tuple(s for s in source if s != "subj"):
        if slot not in SLOTS:
            raise DataError(f"{where}: {raw['id']}: unknown slot {slot!r}")
    verbs = _as_tuple(raw.get("verbs"), where, "verbs")
    nouns = _as_tuple(raw.get("nouns"), where, "nouns")
    if not verbs and not nouns:
        raise DataError(f"{where}: {raw['id']}: give 'verbs' or 'nouns'")
    light = raw.get("light")
    return Pattern(
        id=raw["id"],
        cameo=str(raw["cameo"]),
        verbs=verbs,
        nouns=nouns,
        objects=_as_tuple(raw.get("objects"), where, "objects"),
        light=_as_tuple(light, where, "light") if light is not None else DEFAULT_LIGHT_VERBS,
        target=target,
        source=source,
        mutual=bool(raw.get("mutual", False)),
        intent=_optional(raw, "intent"),
        threat=_optional(raw, "threat"),
        confidence=float(raw.get("confidence", 0.7)),
        particle=raw.get("particle"),
        requires_xcomp=bool(raw.get("requires_xcomp", False)),
        appeal=str(raw.get("appeal", "020")),
        circumstantial=_circumstances(raw.get("circumstantial"), where),
        requires_as=_as_tuple(raw.get("requires_as"), where, "requires_as"),
        min_count=int(raw.get("min_count", 0)),
        converse=_optional(raw, "converse"),
        venue=_venue(raw.get("venue"), where),
        actor_object=bool(raw.get("actor_object", False)),
        intended=bool(raw.get("intended", False)),
        unarmed=_unarmed(raw.get("unarmed"), where),
        policed=_optional(raw, "policed"),
        at_home=_optional(raw, "at_home"),
        parties=bool(raw.get("parties", False)),
    )


def _optional(raw: dict, key: str) -> str | None:
    return str(raw[key]) if raw.get(key) else None


def _unarmed(value, where: str) -> tuple[str, ...]:
    codes = _as_tuple(value, where, "unarmed")
    if codes and len(codes) != 2:
        raise DataError(f"{where}: 'unarmed' needs two codes (on people, on a person)")
    return codes


def _venue(value, where: str) -> tuple[str, ...]:
    codes = _as_tuple(value, where, "venue")
    if codes and len(codes) != 3:
        raise DataError(f"{where}: 'venue' needs three codes (guest, host, third place)")
    return tuple(str(c) for c in codes)


class _Loader(yaml.SafeLoader):
    """YAML without YAML 1.1's yes/no/on/off booleans: "on" is a preposition here."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def read_yaml(text: str):
    return yaml.load(text, Loader=_Loader)


@functools.cache
def load_patterns() -> PatternSet:
    """Every bundled pattern file, in file order, indexed by predicate lemma."""
    import hashlib

    folder = resources.files("communique").joinpath("data/verbs")
    patterns: list[Pattern] = []
    seen: set[str] = set()
    digest = hashlib.sha256()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        text = entry.read_text("utf-8")
        digest.update(text.encode("utf-8"))
        raw = read_yaml(text) or []
        if not isinstance(raw, list):
            raise DataError(f"verbs/{entry.name}: expected a list of patterns")
        for n, item in enumerate(raw, start=1):
            where = f"verbs/{entry.name} pattern {n}"
            if not isinstance(item, dict):
                raise DataError(f"{where}: expected a mapping")
            pattern = parse_pattern(item, where)
            if pattern.id in seen:
                raise DataError(f"{where}: duplicate pattern id {pattern.id!r}")
            seen.add(pattern.id)
            patterns.append(pattern)
    by_verb: dict[str, list[Pattern]] = defaultdict(list)
    by_noun: dict[str, list[Pattern]] = defaultdict(list)
    for pattern in patterns:
        for verb in pattern.verbs:
            by_verb[verb].append(pattern)
        for noun in pattern.nouns:
            by_noun[noun].append(pattern)

    def ordered(index: dict[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
        return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in index.items()}

    return PatternSet(tuple(patterns), ordered(by_verb), ordered(by_noun), digest.hexdigest())
