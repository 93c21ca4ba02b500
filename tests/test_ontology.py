from collections import Counter

from communique.ontology import load_ontology


def test_every_cameo_code_is_present():
    codes = load_ontology().codes
    lengths = Counter(len(c) for c in codes)
    assert lengths == {2: 20, 3: 147, 4: 144}


def test_quad_class_follows_the_root():
    expected = {
        **dict.fromkeys(range(1, 6), 1),
        **dict.fromkeys(range(6, 10), 2),
        **dict.fromkeys(range(10, 15), 3),
        **dict.fromkeys(range(15, 21), 4),
    }
    for code in load_ontology().codes.values():
        assert code.quad_class == expected[int(code.code[:2])], code.code


def test_known_values():
    ontology = load_ontology()
    assert ontology["036"].goldstein == 4.0 and ontology["036"].plover == "AGREE"
    assert ontology["190"].goldstein == -10.0 and ontology["190"].plover == "ASSAULT"
    assert ontology["163"].plover == "COERCE"
    assert ontology["010"].plover is None
    assert min(c.goldstein for c in ontology.codes.values()) >= -10
    assert max(c.goldstein for c in ontology.codes.values()) <= 10
