"""The scorer itself, on hand-made gold and predictions."""

from communique.evaluate import actor_code, score


def _doc(events, distractors=(), **meta):
    return {"doc_id": "d1", "events": events, "distractors": list(distractors), **meta}


def test_agent_suffix_is_ignored_and_organisations_keep_codes():
    assert actor_code("CHNGOV") == "CHN"
    assert actor_code("RUSMILGOV") == "RUS"
    assert actor_code("NATO") == "NATO"
    assert actor_code("UN") == "UN"


def test_multiset_match_counts_duplicates_once_each():
    gold = [
        _doc(
            [
                {"source": "CHN", "target": "RUS", "cameo": "040"},
                {"source": "CHN", "target": "RUS", "cameo": "042"},
            ]
        )
    ]
    predicted = {
        "d1": [
            {"source": "CHN", "target": "RUS", "cameo": "043", "sentence": "x"},
            {"source": "CHN", "target": "RUS", "cameo": "040", "sentence": "x"},
            {"source": "CHN", "target": "RUS", "cameo": "040", "sentence": "x"},
        ]
    }
    result = score(gold, predicted)
    root = result["keys"]["dyad-root"]
    assert (root["tp"], root["fp"], root["fn"]) == (2, 1, 0)
    code = result["keys"]["dyad-code"]
    assert (code["tp"], code["fp"], code["fn"]) == (1, 2, 1)


def test_distractor_hits_count_sentences_inside_or_containing_a_distractor():
    gold = [_doc([], distractors=["Latest News", "Brazil and Argentina sign trade pact"])]
    predicted = {
        "d1": [
            {
                "source": "BRA",
                "target": "ARG",
                "cameo": "057",
                "sentence": "Brazil and Argentina sign trade pact",
            },
            {"source": "CHN", "target": "RUS", "cameo": "040", "sentence": "China met Russia."},
        ]
    }
    assert score(gold, predicted)["distractor_hits"] == 1


def test_certain_only_filters_gold():
    gold = [
        _doc(
            [
                {"source": "A", "target": "B", "cameo": "040", "confidence": "certain"},
                {"source": "A", "target": "B", "cameo": "111", "confidence": "likely"},
            ]
        )
    ]
    predicted = {"d1": [{"source": "A", "target": "B", "cameo": "040", "sentence": "s"}]}
    assert score(gold, predicted, min_confidence="certain")["keys"]["dyad-root"]["f1"] == 1.0
    assert score(gold, predicted)["keys"]["dyad-root"]["recall"] == 0.5


def test_metadata_accuracy():
    gold = [_doc([], published="2024-01-02", title="T")]
    assert (
        score(gold, {}, {"d1": {"published": "2024-01-02", "title": "T"}})["published_accuracy"]
        == 1.0
    )
    assert score(gold, {}, {"d1": {"published": None, "title": "T"}})["published_accuracy"] == 0.0
