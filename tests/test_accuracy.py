"""Accuracy floors on the shared gold sets, measured as `communique eval` measures them.

Floors live in tests/floors.json and only rise: lower one only with a reason in the commit.
"""

import json
from pathlib import Path

import pytest

from communique.evaluate import evaluate

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())


@pytest.fixture(scope="module")
def scores(pipeline, shared, tmp_path_factory):
    dev_gold = tmp_path_factory.mktemp("gold") / "dev.jsonl"
    dev_gold.write_text(
        "".join((shared / "dev" / n).read_text("utf-8") for n in ("gold_a.jsonl", "gold_b.jsonl"))
    )
    return {
        "seeds": evaluate(shared / "seeds" / "gold.jsonl", shared / "seeds" / "articles", pipeline),
        "dev": evaluate(dev_gold, shared / "dev" / "articles", pipeline),
    }


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_accuracy_holds_its_floor(scores, name):
    result = scores[name]
    for key, floor in FLOORS[name].items():
        if key in result["keys"]:
            assert result["keys"][key]["f1"] >= floor, (name, key, result["keys"][key])
        elif key == "distractor_hits":
            assert result[key] <= floor, (name, key)
        else:
            assert result[key] >= floor, (name, key, result[key])
