"""The CAMEO event ontology: codes, labels, Goldstein scores, QuadClass, PLOVER types."""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

from .errors import DataError


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None


@dataclass(frozen=True, slots=True)
class Ontology:
    codes: dict[str, Code]

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> Code:
        try:
            return self.codes[code]
        except KeyError:
            raise DataError(f"unknown CAMEO code {code!r}") from None

    def roots(self) -> list[Code]:
        return [c for c in self.codes.values() if len(c.code) == 2]


@functools.cache
def load_ontology() -> Ontology:
    """The bundled ``data/cameo.csv``: every 2-, 3- and 4-digit CAMEO code."""
    text = resources.files("communique").joinpath("data/cameo.csv").read_text("utf-8")
    codes = {}
    for row in csv.DictReader(io.StringIO(text)):
        codes[row["code"]] = Code(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=row["plover"] or None,
        )
    return Ontology(codes)
