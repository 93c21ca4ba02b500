"""Events from single sentences, one root family after another, with the traps news sets."""

import json

import pytest

from communique.ontology import load_ontology

CASES = [
    # 01 statements, 02 appeals
    ("Japan offered condolences to Turkey after the earthquake.", [("JPN", "TUR", "018")]),
    (
        "The Kenyan president called on Ethiopia to resume talks with Egypt.",
        [("KEN", "ETH", "026")],
    ),
    (
        "Germany urged Serbia and Kosovo to show restraint.",
        [("DEU", "SRB", "0256"), ("DEU", "XKX", "0256")],
    ),
    ("France did not urge Mali to hold elections.", []),
    # 03 intent
    ("Brazil is ready to cooperate with Argentina on energy.", [("BRA", "ARG", "030")]),
    ("Vietnam pledged to deepen cooperation with the Philippines.", [("VNM", "PHL", "030")]),
    ("Norway will provide humanitarian aid to Sudan.", [("NOR", "SDN", "033")]),
    (
        "Turkey offered to mediate between Armenia and Azerbaijan.",
        [("TUR", "ARM", "039"), ("TUR", "AZE", "039")],
    ),
    # 04 consult
    (
        "The Indian prime minister met the Japanese prime minister in Tokyo on Monday.",
        # held in the host's capital: also the guest's visit and the host's hosting
        [
            ("IND", "JPN", "040"),
            ("JPN", "IND", "040"),
            ("IND", "JPN", "042"),
            ("JPN", "IND", "043"),
        ],
    ),
    (
        "Egypt and Jordan held talks on the Gaza crisis.",
        [("EGY", "JOR", "040"), ("JOR", "EGY", "040")],
    ),
    ("The French president will visit Morocco next week.", [("FRA", "MAR", "036")]),
    (
        "The Chilean foreign minister visited Lima on Tuesday.",
        [("CHL", "PER", "042"), ("PER", "CHL", "043")],
    ),
    ("Seoul and Tokyo did not hold talks.", []),
    (
        "Putin spoke with Erdogan by telephone on Friday.",
        [("RUS", "TUR", "041"), ("TUR", "RUS", "041")],
    ),
    # 05 diplomatic cooperation
    (
        "Kazakhstan and Uzbekistan signed a border agreement.",
        [("KAZ", "UZB", "057"), ("UZB", "KAZ", "057")],
    ),
    ("The Ghanaian president praised Nigeria for its leadership.", [("GHA", "NGA", "051")]),
    ("Ukraine thanked Poland for its support.", [("UKR", "POL", "051")]),
    # 06-08 material cooperation, aid, yielding
    (
        "India and France held joint naval exercises in the Indian Ocean.",
        [("IND", "FRA", "062"), ("FRA", "IND", "062")],
    ),
    ("Iran released two French citizens on Friday.", [("IRN", "FRA", "084")]),
    ("The United States eased sanctions on Venezuela.", [("USA", "VEN", "085")]),
    # 09 investigate
    (
        "Peru's prosecutors opened an investigation into the former president.",
        [("PER", "PER", "091")],
    ),
    # 11-12 disapprove, reject
    ("China condemned the United States over the arms sale to Taiwan.", [("CHN", "USA", "111")]),
    ("Pakistan accused India of violating the ceasefire.", [("PAK", "IND", "112")]),
    ("Russia did not condemn North Korea.", []),
    ("India summoned the Bangladeshi envoy.", [("IND", "BGD", "114")]),
    ("Israel rejected the Egyptian proposal.", [("ISR", "EGY", "120")]),
    # 13 threaten
    ("North Korea threatened South Korea with retaliation.", [("PRK", "KOR", "130")]),
    ("Iran threatened to attack Israel.", [("IRN", "ISR", "138")]),
    # 16 reduce relations
    ("The European Union imposed sanctions on Belarus.", [("EU", "BLR", "163")]),
    ("Sanctions were imposed on Belarus by the European Union.", [("EU", "BLR", "163")]),
    ("The EU threatened to impose sanctions on Belarus.", [("EU", "BLR", "1312")]),
    ("Algeria expelled the French ambassador.", [("DZA", "FRA", "161")]),
    # 17-20 coerce, assault, fight
    ("Turkish police arrested two Syrian journalists.", [("TUR", "SYR", "173")]),
    ("Russian forces shelled Ukrainian positions.", [("RUS", "UKR", "194")]),
    ("Israeli warplanes bombed Gaza.", [("ISR", "PSE", "195")]),
    ("Azerbaijani troops attacked Armenian positions.", [("AZE", "ARM", "190")]),
    (
        "Armenia and Azerbaijan clashed on the border.",
        [("ARM", "AZE", "190"), ("AZE", "ARM", "190")],
    ),
    # a visit is the visitor's 042 and the host's 043; hosting the other way round
    (
        "Brazil's president arrived in Angola for a two-day visit.",
        [("BRA", "AGO", "042"), ("AGO", "BRA", "043")],
    ),
    ("Vietnam hosted the Laotian prime minister.", [("VNM", "LAO", "043"), ("LAO", "VNM", "042")]),
    ("The Philippine president will visit Japan next month.", [("PHL", "JPN", "036")]),
    # within one country the agents tell the two sides apart
    (
        "Sudan's army and the rebels agreed a ceasefire in Jeddah.",
        [("SDN", "SDN", "087"), ("SDN", "SDN", "087")],
    ),
    # coordinated predicates are two acts; a restatement in another sentence is one
    (
        "Saudi Arabia expelled the Canadian ambassador and recalled its envoy from Ottawa.",
        [("SAU", "CAN", "161"), ("SAU", "CAN", "161")],
    ),
    (
        "Ghana expelled the Togolese ambassador. The expulsion of the envoy was announced "
        "on Monday.",
        [("GHA", "TGO", "161")],
    ),
    # two named people saying the same thing are two sayings; one person twice is one
    (
        "Foreign Minister Wang Yi urged Washington to show restraint on Monday. On Friday, "
        "spokeswoman Mao Ning urged Washington to show restraint.",
        [("CHN", "USA", "0256"), ("CHN", "USA", "0256")],
    ),
    (
        "Foreign Minister Wang Yi urged Washington to show restraint on Monday. Wang urged "
        "Washington to show restraint, the ministry said.",
        [("CHN", "USA", "0256")],
    ),
    # acts the text dates to different days are two events; an undated retelling is one
    (
        "Gunmen killed 35 villagers in Zamfara state on Saturday. On Monday, gunmen killed "
        "40 villagers in Katsina state.",
        [("NGA", "NGA", "202"), ("NGA", "NGA", "202")],
    ),
    (
        "Gunmen killed 35 villagers in Zamfara state on Saturday. The gunmen killed 35 "
        "villagers, police said.",
        [("NGA", "NGA", "202")],
    ),
    # a restatement merged away leaves no stale entry for a later plain appeal to trip on
    (
        "Foreign Minister Wang Yi urged Washington to show restraint. Wang urged Washington "
        "to show restraint, the ministry said. Spokeswoman Mao Ning urged Washington to "
        "reflect.",
        [("CHN", "USA", "0256"), ("CHN", "USA", "020")],
    ),
    # a plain appeal after a specific one between the same two restates it
    (
        "Kenya's foreign ministry said it had asked Somalia to withdraw its troops from the "
        'border. "We have asked the Somali side to respect the status quo," a Kenyan '
        "spokesman said.",
        [("KEN", "SOM", "0256")],
    ),
    # a verb left out of the second half of an appeal; a time before the verb is not whom
    # it calls on
    ("On Friday, Egypt called on Ethiopia to show restraint.", [("EGY", "ETH", "0256")]),
    (
        "Norway urged Colombia to free the hostages, and Venezuela and Cuba to lay down "
        "their weapons.",
        [("NOR", "COL", "0253"), ("NOR", "VEN", "020"), ("NOR", "CUB", "020")],
    ),
    # an opening participle clause is not a second subject; the press is told, not consulted
    (
        "Kenya and Uganda condemn ‘illegal tariffs’ imposed by Tanzania\n"
        "Addressing reporters after meeting with his Kenyan counterpart, Uganda's foreign "
        "minister stressed the need for deeper trade ties.",
        [
            ("KEN", "TZA", "111"),
            ("UGA", "TZA", "111"),
            ("UGA", "KEN", "040"),
            ("KEN", "UGA", "040"),
        ],
    ),
    (
        "Speaking to reporters after talks with his Indian counterpart, the Chinese foreign "
        "minister praised the deal.",
        [("CHN", "IND", "040"), ("IND", "CHN", "040")],
    ),
    # not events: conditions, questions, sport
    ("If Russia attacks Moldova, NATO will respond.", []),
    ("Did China attack Taiwan?", []),
    ("The two teams clashed in the final.", []),
]


@pytest.mark.parametrize("sentence, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_codes(code, sentence, expected):
    assert sorted(code(sentence)) == sorted(expected)


def test_record_follows_the_design_contract(pipeline):
    text = "Moscow and Beijing signed a security pact on Tuesday."
    events = pipeline.code_text(text, published="2025-03-13")
    assert {(e.source, e.target) for e in events} == {("RUS", "CHN"), ("CHN", "RUS")}
    record = events[0].to_dict()
    assert list(record) == [
        "event_id",
        "doc_id",
        "source",
        "source_agent",
        "source_text",
        "target",
        "target_agent",
        "target_text",
        "cameo",
        "cameo_root",
        "cameo_label",
        "plover",
        "quad_class",
        "goldstein",
        "event_date",
        "date_source",
        "location",
        "quoted",
        "negated",
        "confidence",
        "sentence",
        "span",
        "rule",
    ]
    info = load_ontology()[record["cameo"]]
    assert record["cameo"] == "057" and record["cameo_root"] == "05"
    assert record["goldstein"] == info.goldstein and record["quad_class"] == info.quad_class
    assert record["plover"] == info.plover and record["cameo_label"] == info.name
    assert record["event_date"] == "2025-03-11" and record["date_source"] == "text"
    start, end = record["span"]
    assert text[start:end] in record["sentence"] and "signed" in text[start:end]
    assert record["rule"] == "diplomacy.sign_agreement"
    json.dumps(record)


def test_quoted_event_is_marked(pipeline):
    text = '"Turkey is ready to mediate between Armenia and Azerbaijan," the minister said.'
    events = pipeline.code_text(text, published="2025-01-10")
    assert events and all(e.quoted for e in events)


def test_date_without_day_in_text_is_publication_date(pipeline):
    (event,) = pipeline.code_text("Algeria expelled the French ambassador.", published="2025-01-10")
    assert event.event_date.isoformat() == "2025-01-10" and event.date_source == "published"


def test_actor_text_has_no_blank_edges(pipeline):
    # A blanked dateline leaves spaces before the first word of the first sentence.
    events = pipeline.code_text("                Belarusian police detained protesters.")
    assert [(e.source_text, e.target_text) for e in events] == [("Belarusian police", "protesters")]


def test_a_line_splits_only_after_a_full_stop(pipeline):
    # Without the guard the parser cut "Chile | and Peru began ..." after the blanked
    # dateline and lost the subject.
    text = (
        "Chile, Peru Officials Move to Mend Ties\n\n"
        "March 3 (Wire) -- Chile and Peru began taking steps to restore diplomatic relations "
        "a year after the dispute. Talks resume in May."
    )
    events = pipeline.code_text(text, published="2024-03-04")
    assert {(e.source, e.target, e.cameo) for e in events} == {
        ("CHL", "PER", "032"),
        ("PER", "CHL", "032"),
    }
    sentences = [s.text.strip() for s in pipeline.nlp(text).sents]
    assert "Talks resume in May." in sentences
