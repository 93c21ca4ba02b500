"""Cleaning: what must go, what must stay, and which date is the story's."""

import json
from datetime import date

import pytest

from communique.clean import clean_text

PAGE = """\
Today: 2 February 2026
14 March 2025
3 mins read

Kenya and Ethiopia agree to reopen border crossing

Kenya and Ethiopia agreed on Thursday to reopen the Moyale crossing, officials said.

The two governments signed a protocol on customs cooperation in Nairobi.

Previous Story

Brazil and Argentina sign trade pact

Next Story

Ghana recalls ambassador over visa row

Latest News

Chile protests Peru fishing incursion

Chile lodged a protest with Peru after trawlers were seen in...

Leave a Reply
Please enter your comment!
Please enter your name here
Copyright © 2025 Horn Observer. All rights reserved.
"""


def test_teaser_blocks_and_forms_are_removed():
    result = clean_text(PAGE)
    for gone in (
        "Brazil and Argentina",
        "Ghana recalls",
        "Chile",
        "Leave a Reply",
        "Please enter",
        "Copyright",
        "Today:",
        "mins read",
        "Previous Story",
    ):
        assert gone not in result.text
    assert "The two governments signed a protocol" in result.text


def test_story_date_wins_over_page_scrape_date():
    result = clean_text(PAGE)
    assert result.published == date(2025, 3, 14)
    assert result.title == "Kenya and Ethiopia agree to reopen border crossing"


def test_labelled_header_gives_date_and_is_removed():
    page = "News ID : 5521\nPublish Date : 3/9/2021 10:02:11 AM\nIndia thanks Japan for vaccines\n\nIndia thanked Japan on Monday for a shipment of vaccines, the ministry said.\n"
    result = clean_text(page)
    assert result.published == date(2021, 3, 9)
    assert "News ID" not in result.text and "Publish Date" not in result.text
    assert result.text.startswith("India thanks Japan for vaccines")


def test_masthead_weekday_date_is_not_the_story_date():
    page = "Fri. Jun 21st, 2024\n\nTurkey offers to host talks\n\nTurkey is ready to host talks between the two sides, the minister said on Tuesday.\n"
    assert clean_text(page).published is None


def test_repeated_headline_is_kept_once():
    page = "Seoul and Tokyo hold talks\n\nSeoul and Tokyo hold talks\n\nSouth Korea and Japan held talks on Friday in Seoul about trade.\n"
    result = clean_text(page)
    assert result.text.count("Seoul and Tokyo hold talks") == 1


def test_headline_with_site_suffix_gives_plain_title():
    page = "Peru opens inquiry into minister-Agency\n\nPeru opens inquiry into minister\n\nSource: Agency\n\nPeru's prosecutors on Friday opened an inquiry into the interior minister.\n"
    result = clean_text(page)
    assert result.title == "Peru opens inquiry into minister"
    assert "-Agency" not in result.text and "Source:" not in result.text


def test_collector_stamp_contradicted_by_text_is_rejected():
    page = " date 2009-01-01 Gunmen kill 20 in village raid\n\nGunmen on Saturday, June 15 killed 20 people in a village, police said.\n"
    result = clean_text(page)
    assert result.published is None
    assert result.title == "Gunmen kill 20 in village raid"


def test_article_without_furniture_is_unchanged():
    text = "Russia and China signed a trade agreement on Monday in Moscow."
    assert clean_text(text).text == text


def _gold(shared, name):
    folder = shared / name
    gold = [
        json.loads(line)
        for line in (folder / "gold.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    return folder, gold


def test_seed_pages_lose_every_distractor_and_keep_every_evidence(shared):
    folder, gold = _gold(shared, "seeds")
    for doc in gold:
        raw = (folder / "articles" / f"{doc['doc_id']}.txt").read_text("utf-8")
        text = clean_text(raw).text
        for distractor in doc["distractors"]:
            assert distractor not in text, (doc["doc_id"], distractor)
        for event in doc["events"]:
            assert event["evidence"] in text, (doc["doc_id"], event["evidence"])


def test_seed_publication_dates_and_titles(shared):
    folder, gold = _gold(shared, "seeds")
    for doc in gold:
        result = clean_text((folder / "articles" / f"{doc['doc_id']}.txt").read_text("utf-8"))
        expected = date.fromisoformat(doc["published"]) if doc["published"] else None
        assert result.published == expected, doc["doc_id"]
        assert result.title == doc["title"], doc["doc_id"]


@pytest.mark.parametrize("name", ["gold_a.jsonl", "gold_b.jsonl"])
def test_dev_pages_keep_every_evidence(shared, name):
    folder = shared / "dev"
    for line in (folder / name).read_text("utf-8").splitlines():
        doc = json.loads(line)
        text = clean_text((folder / "articles" / f"{doc['doc_id']}.txt").read_text("utf-8")).text
        for event in doc["events"]:
            assert event["evidence"] in text, (doc["doc_id"], event["evidence"])


FURNISHED = """\
We use cookies to improve your experience. Accept all cookies
Home > World > Africa
Ghana and Togo agree joint border patrols
By Ama Mensah in Accra
Posted on May 6, 2025

ACCRA, May 6 - Ghana and Togo agreed on Monday to launch joint patrols along their shared border, the two defence ministries said in a joint statement.

Subscribe to our free Africa newsletter for daily updates

The ministers also pledged to share intelligence on armed groups in the Sahel.
Story continues below advertisement
Photo: Ghanaian soldiers on patrol near the border (Reuters)
Reporting by Ama Mensah; Editing by Kofi Boateng
Related:
Nigeria and Benin reopen border crossing
Click here to read more stories from West Africa
"""


def test_generic_furniture_is_removed_and_the_article_kept():
    result = clean_text(FURNISHED)
    assert result.title == "Ghana and Togo agree joint border patrols"
    assert result.published == date(2025, 5, 6)
    for gone in (
        "cookies",
        "Home >",
        "By Ama",
        "Subscribe",
        "Story continues",
        "Photo:",
        "Reporting by",
        "Nigeria and Benin",
        "Click here",
    ):
        assert gone not in result.text, gone
    assert "Ghana and Togo agreed on Monday" in result.text
    assert "pledged to share intelligence" in result.text


def test_article_after_a_leading_teaser_block_is_kept():
    page = (
        "Latest News\n\nChad closes border with Sudan\n\nN'Djamena said the crossing would...\n\n"
        "Kenya and Uganda held talks on Monday about the shared lake fisheries dispute.\n"
    )
    result = clean_text(page)
    assert (
        result.text
        == "Kenya and Uganda held talks on Monday about the shared lake fisheries dispute."
    )


def test_related_headlines_after_the_article_are_removed():
    page = (
        "Kenya and Uganda settle fisheries dispute\n\n"
        "Kenya and Uganda held talks on Monday about the shared lake fisheries dispute.\n\n"
        "The two governments agreed to a joint patrol of the lake, officials said.\n\n"
        "The agreement will be reviewed in a year, the ministers added.\n\n"
        "Rwanda Accuses Congo Of Shelling Border Town\n\n"
        "Kigali said shells landed near Gisenyi on Sunday.\n\n"
        "Ethiopia And Egypt Resume Talks On Nile Dam\n"
    )
    result = clean_text(page)
    assert "Rwanda" not in result.text and "Nile Dam" not in result.text
    assert result.text.endswith("the ministers added.")
