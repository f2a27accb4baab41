"""The matcher: normalisation, typos, informative words, out of scope, ambiguity."""

from __future__ import annotations

import pytest

from tiertriage.matching.decide import decide
from tiertriage.matching.lexical import MatchIndex, TopicText
from tiertriage.matching.normalise import normalise, stem

SMALL = [
    TopicText(
        "dns.propagation",
        ["dns", "propagation", "nameservers"],
        [
            "how long does dns take to update",
            "changed the nameservers but the old site shows",
            "when will everyone see the new website after the dns change",
        ],
    ),
    TopicText(
        "domain.renewal",
        ["renew domain", "expired domain", "auto renew"],
        [
            "my domain expired how do i renew it",
            "turn on auto renew for the domain",
            "got an email saying the domain expires soon",
        ],
    ),
    TopicText(
        "oos.redesign",
        ["redesign", "new look", "modern"],
        ["could you redesign the whole website", "the site looks dated can we get a new look"],
        out_of_scope=True,
    ),
]


@pytest.fixture(scope="module")
def small() -> MatchIndex:
    return MatchIndex(SMALL)


def test_normalise_strips_accents_apostrophes_and_punctuation():
    assert normalise("Caf\u00e9\u2019s WordPress \u2014 don't 404!") == [
        "cafes",
        "wordpress",
        "dont",
        "404",
    ]


def test_ranks_by_informative_words(small):
    ranking = small.rank("How long until the DNS change shows up?")
    assert ranking[0].topic == "dns.propagation"
    assert "dns" in ranking[0].matched
    assert 0 < ranking[0].score <= 1


def test_typos_map_to_catalogue_words(small):
    ranking = small.rank("my domian has expried, how do i reneww")
    assert ranking[0].topic == "domain.renewal"
    assert any("~" in word for word in ranking[0].matched)  # e.g. "domian~domain"


def test_out_of_scope_topic_escalates(small):
    decision = decide(small.rank("can you redesign our site with a modern new look?"))
    assert decision.verdict == "escalate"
    assert decision.best is not None and decision.best.out_of_scope


def test_nothing_known_goes_to_review(small):
    assert small.rank("zxqv plorb") == []
    decision = decide([])
    assert decision.verdict == "review" and decision.best is None


def test_ties_break_on_catalogue_order():
    """Two topics that know exactly the same words score the same; the first one listed wins,
    whichever order the index was built in."""
    twins = [
        TopicText("first", ["padlock"], ["the padlock is missing"]),
        TopicText("second", ["padlock"], ["the padlock is missing"]),
    ]
    forward = MatchIndex(twins).rank("padlock missing")
    backward = MatchIndex(twins[::-1]).rank("padlock missing")
    assert [s.topic for s in forward] == ["first", "second"]
    assert [s.topic for s in backward] == ["second", "first"]
    assert forward[0].score == forward[1].score == 0.5


def test_scores_are_probabilities(shipped):
    ranking = shipped.index.rank("how do i add a coupon code for 10% off")
    assert ranking[0].topic == "shop.coupons"
    assert all(0 <= s.score <= 1 for s in ranking)
    assert sum(s.score for s in ranking) <= 1.0001
    assert [s.score for s in ranking] == sorted((s.score for s in ranking), reverse=True)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("how long till the nameserver change kicks in", "dns.propagation"),
        ("our domian expird last week, can we get it back", "domain.renewal"),
        ("need a new mailbox for our new receptionist", "email.add-user"),
        ("how do i make the page adresses use words not numbers", "wp.permalinks"),
        ("the site is showing an error 500 and nobody can get on it", "host.site-down"),
        ("chrome says not secure next to our web address", "ssl.not-secure"),
        ("i want to sell the mug in three colours on one page", "shop.variations"),
    ],
)
def test_shipped_catalogue_answers_unseen_phrasings(matcher, question, topic):
    decision = decide(matcher.rank(question, limit=4))
    assert decision.verdict in ("answer", "ambiguous"), decision
    assert decision.best is not None and decision.best.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "could you quote us for a brand new website for our second shop?",
        "what should we post on instagram to get more customers?",
        "can you write the copy for our new services page?",
        "is it worth paying for google ads or should we focus on seo?",
    ],
)
def test_shipped_catalogue_escalates_consult_work(matcher, question):
    decision = decide(matcher.rank(question, limit=4))
    assert decision.verdict == "escalate", decision


def test_ambiguous_shows_alternatives(small):
    ambiguous = decide(small.rank("the dns and the renewal"))  # half one, half the other
    assert ambiguous.verdict == "ambiguous"
    assert [s.topic for s in ambiguous.alternatives] == ["domain.renewal"]
    clear = decide(small.rank("my domain expired, how do I renew it?"))
    assert clear.verdict == "answer"


def test_huge_input_is_bounded(shipped):
    noise = " ".join(f"zq{n}xv" for n in range(20000))
    ranking = shipped.index.rank("how long does dns take to update " + noise)
    assert ranking and ranking[0].topic == "dns.propagation"


def test_index_survives_pickling(shipped):
    import pickle

    clone = pickle.loads(pickle.dumps(shipped.index))
    question = "how do I reset my email password"
    assert clone.rank(question) == shipped.index.rank(question)


def test_stem_exceptions_keep_different_words_apart():
    customer, customize, customise = stem(["customer", "customize", "customise"], "en")
    assert customer != customize
    assert customize == customise  # British and American spellings meet
