"""Actor resolution: from words in a sentence to a code and an agent, on a date."""

from datetime import date

import pytest


@pytest.fixture(scope="session")
def resolve(pipeline):
    def run(sentence: str, words: str, day: date | None = None):
        doc = pipeline.nlp(sentence)
        start = sentence.index(words)
        span = doc.char_span(start, start + len(words), alignment_mode="expand")
        mention = pipeline.coder.resolver(doc, day).resolve(span.root)
        return (mention.code, mention.agent) if mention else None

    return run


CASES = [
    # states by name, adjective, capital and seat of government
    ("Beijing said it would respond.", "Beijing", ("CHN", None)),
    ("The Kremlin rejected the offer.", "Kremlin", ("RUS", "GOV")),
    ("The Pentagon confirmed the deployment.", "Pentagon", ("USA", "MIL")),
    ("Downing Street declined to comment.", "Street", ("GBR", "GOV")),
    ("Guinea-Bissau recalled its envoy.", "Guinea-Bissau", ("GNB", None)),
    ("The People's Republic of China protested.", "China", ("CHN", None)),
    ("Kyiv denied the report.", "Kyiv", ("UKR", None)),
    ("Canberra welcomed the decision.", "Canberra", ("AUS", None)),
    ("Abuja condemned the attack.", "Abuja", ("NGA", None)),
    ("Brasília sent aid.", "Brasília", ("BRA", None)),
    # role phrases
    ("Russia's foreign minister arrived on Monday.", "minister", ("RUS", "GOV")),
    ("The Indian army opened fire.", "army", ("IND", "MIL")),
    ("Ukrainian forces advanced.", "forces", ("UKR", "MIL")),
    ("China's defence ministry issued a statement.", "ministry", ("CHN", "MIL")),
    ("Kenyan police dispersed the crowd.", "police", ("KEN", "POL")),
    ("The Israeli parliament passed the law.", "parliament", ("ISR", "LEG")),
    ("The foreign ministers of Angola and Malta met.", "ministers", ("AGO", "GOV")),
    # a part of a body takes the body's role
    ("The Peruvian prosecutor's office opened a probe.", "office", ("PER", "JUD")),
    ("The head of Brazil's army resigned.", "head", ("BRA", "MIL")),
    ("A spokesman for the Sudanese rebels denied it.", "spokesman", ("SDN", "REB")),
    ("The leader of the Colombian rebels spoke.", "leader", ("COL", "REB")),
    ("The Ghanaian president's spokesman spoke.", "spokesman", ("GHA", "GOV")),
    # people named by the body they serve; "two" does not make them a pair reference
    ("Ugandan police arrested two opposition leaders.", "leaders", ("UGA", "OPP")),
    ("Ugandan police arrested opposition supporters.", "supporters", ("UGA", "OPP")),
    # organisations and armed groups
    ("NATO said it would respond.", "NATO", ("NATO", "IGO")),
    ("The African Union suspended Niger.", "Union", ("AU", "IGO")),
    ("Hamas fired rockets.", "Hamas", ("PSE", "REB")),
    ("The Houthis attacked a ship.", "Houthis", ("YEM", "REB")),
    ("Al Shabaab claimed the attack.", "Shabaab", ("SOM", "REB")),
    # office-holders on the date
    ("Wang Yi met the delegation.", "Yi", ("CHN", "GOV"), date(2019, 5, 1)),
    ("Sergey Lavrov met the delegation.", "Lavrov", ("RUS", "GOV"), date(2020, 5, 1)),
    ("Sergey Lavrov met the delegation.", "Lavrov", None, date(2003, 5, 1)),
    ("Jens Stoltenberg warned Russia.", "Stoltenberg", ("NATO", "IGO"), date(2016, 5, 1)),
    # between NATO (to 2024-10-01) and Norway's finance ministry (from 2025-02-04)
    ("Jens Stoltenberg warned Russia.", "Stoltenberg", None, date(2024, 12, 1)),
    ("Vladimir Putin spoke.", "Putin", ("RUS", "GOV"), date(2010, 1, 1)),
    # cities: a country for people named where they are; never an actor alone
    ("Police in Lagos fired tear gas.", "Police", ("NGA", "POL")),
    ("Protesters in Karachi blocked the main road.", "Protesters", ("PAK", "CVL")),
    ("Lagos police arrested the suspects.", "police", ("NGA", "POL")),
    ("Students in Mandalay marched to the university.", "Students", ("MMR", "CVL")),
    ("Mumbai was hit by floods.", "Mumbai", None),
    ("Russian troops in Kharkiv came under fire.", "troops", ("RUS", "MIL")),
    # words that contain a state's name but are not actors
    ("Ships sailed in the South China Sea.", "Sea", None),
    ("Storms hit the Gulf of Mexico.", "Gulf", None),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0][:30]}|{c[1]}" for c in CASES])
def test_mention_resolves(resolve, case):
    sentence, words, expected, *day = case
    assert resolve(sentence, words, day[0] if day else None) == expected


def test_surname_alone_resolves_through_office(resolve):
    assert resolve("Lavrov said the talks went well.", "Lavrov", date(2024, 1, 1)) == ("RUS", "GOV")


def test_pronoun_prefers_the_subject(pipeline):
    text = "Russia's foreign minister Sergey Lavrov held talks with Wang Yi during his visit to Beijing."
    events = pipeline.code_text(text, published="2024-04-09")
    assert ("RUS", "CHN", "042") in {(e.source, e.target, e.cameo) for e in events}


def test_two_sides_are_the_story_dyad(pipeline):
    text = (
        "China and Russia held talks in Moscow. Officials from the United States watched.\n"
        "The two sides agreed to meet again in Beijing."
    )
    events = pipeline.code_text(text, published="2024-04-09")
    assert ("CHN", "RUS", "036") in {(e.source, e.target, e.cameo) for e in events}


def test_domestic_roles_take_the_article_state(pipeline):
    text = "Belarusian police detained dozens in Minsk. Police used tear gas against protesters."
    events = {
        (e.source, e.source_agent, e.target, e.target_agent, e.cameo)
        for e in pipeline.code_text(text, published="2024-04-09")
    }
    assert ("BLR", "POL", "BLR", "CVL", "175") in events


def test_actors_command_shows_code_agent_and_reason():
    import json

    from typer.testing import CliRunner

    from communique.cli import app

    text = "Sergey Lavrov met Wang Yi in Beijing. The two ministers said they would meet again."
    result = CliRunner().invoke(app, ["actors", text, "--date", "2024-05-16", "--json"])
    assert result.exit_code == 0, result.output
    found = {(m["text"], m["code"], m["agent"]) for m in json.loads(result.stdout)}
    assert ("Sergey Lavrov", "RUS", "GOV") in found
    assert ("Wang Yi", "CHN", "GOV") in found
    pair = [m for m in json.loads(result.stdout) if m["text"] == "The two ministers"]
    assert {m["code"] for m in pair} == {"RUS", "CHN"} and all(m["reason"] for m in pair)
    # out of office on the date: not coded as the government
    before = CliRunner().invoke(app, ["actors", "Sergey Lavrov spoke.", "--date", "2001-01-01"])
    assert "RUS" not in before.stdout


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Australia’s High Commissioner to Pakistan Neil Hawkins met officials. Later, "
            "Hawkins visited Sindh.",
            ("AUS", "GOV"),
        ),
        (
            "Thomas Cirillo, the leader of the Sudanese rebels, spoke on Monday. Cirillo said "
            "the talks had failed.",
            ("SDN", "REB"),
        ),
        (
            "Ghana's trade minister Kofi Mensah met traders. Mensah promised lower tariffs.",
            ("GHA", "GOV"),
        ),
        # another person of the same surname, and a role that is the possessor's, not the name's
        (
            "Ghana's trade minister Kofi Mensah met traders. Ama Mensah, a farmer, objected.",
            ("GHA", "CVL"),
        ),
        (
            "Police questioned the Peruvian president's brother Nicanor Quispe. Quispe denied it.",
            ("PER", "CVL"),
        ),
    ],
)
def test_surname_of_someone_named_with_a_role(pipeline, text, expected):
    """A person no dictionary holds, named once with a role: the surname alone later."""
    doc = pipeline.nlp(text)
    surname = next(t for t in ("Hawkins", "Cirillo", "Mensah", "Quispe") if t in text)
    last = [t for t in doc if t.text == surname][-1]
    found = pipeline.coder.resolver(doc, None).resolve_all(last)
    assert {(m.code, m.agent) for m in found} == ({expected} if expected else set())
