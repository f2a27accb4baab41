"""The shipped catalogue honours the spec: every topic id, role and default vendor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tiertriage.reply.compose import Recipient, Section, fill, placeholder_values, section_text

SPEC = Path(__file__).parent / "fixtures" / "spec_topics.yaml"
SHARED_SPEC = Path(__file__).parents[2] / "shared" / "spec" / "topics.yaml"
DEFAULTS = {
    "registrar": "hover",
    "email": "google-workspace",
    "newsletter": "mailchimp",
    "cms": "wordpress",
    "theme": "genesis",
    "shop": "woocommerce",
    "host": "flywheel",
    "ssl": "namecheap",
}


@pytest.fixture(scope="module")
def catalog(shipped):
    return shipped


@pytest.fixture(scope="module")
def spec():
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def test_spec_copy_is_current():
    if not SHARED_SPEC.exists():
        pytest.skip("the shared spec is not beside this checkout")
    assert SPEC.read_text(encoding="utf-8") == SHARED_SPEC.read_text(encoding="utf-8")


def test_every_spec_topic_is_present_with_its_role(catalog, spec):
    for topic_id, info in spec["topics"].items():
        assert topic_id in catalog.topics, topic_id
        assert catalog.topics[topic_id].role == info["role"], topic_id
        assert catalog.topics[topic_id].action in ("answer", "answer+consult")


def test_roles_and_default_stack(catalog, spec):
    assert set(catalog.roles) == set(spec["roles"])
    for role, vendor_id in DEFAULTS.items():
        assert catalog.roles[role].default == vendor_id
        assert role in catalog.vendors[vendor_id].roles


def test_each_role_has_three_alternatives(catalog):
    for role in catalog.roles:
        assert len(catalog.vendors_for(role)) >= 4, role


def test_vendor_ids_are_slugs_of_names(catalog):
    for vendor in catalog.vendors.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", vendor.id)
        assert vendor.support.help.startswith("https://")


def test_topics_have_enough_fresh_examples(catalog):
    for topic in catalog.topics.values():
        assert len(topic.examples) >= 8, topic.id
        assert len(set(topic.examples)) == len(topic.examples), topic.id


def test_out_of_scope_topics_escalate(catalog):
    escalating = [t for t in catalog.topics.values() if t.action == "escalate"]
    assert {
        "oos.redesign",
        "oos.seo",
        "oos.new-feature",
        "oos.content",
        "oos.migration",
        "oos.legal",
        "oos.business-advice",
        "oos.marketing",
    } <= {t.id for t in escalating}
    assert all(t.consult and t.role is None for t in escalating)


def test_variations_carry_a_consult(catalog):
    assert catalog.topics["shop.variations"].action == "answer+consult"


def test_no_placeholder_survives_for_any_topic_and_vendor(catalog):
    """Every topic, rendered for every vendor of its role, reads as plain text."""
    stack = {role: catalog.default_vendor(role) for role in catalog.roles}
    for topic in catalog.topics.values():
        if topic.role is None:
            continue
        for vendor in catalog.vendors_for(topic.role):
            clients = {**stack, topic.role: vendor}
            guide = topic.vendor_links.get(vendor.id)
            values = placeholder_values(clients, vendor, None, roles=catalog.roles, guide=guide)
            section = Section("q", topic.action, topic, vendor)
            text = "\n".join(section_text(section, clients, Recipient(), roles=catalog.roles))
            assert not re.search(r"\{[^}]*\}", text), (topic.id, vendor.id, text)
            assert "None" not in text, (topic.id, vendor.id)
            directions = topic.vendor_directions.get(vendor.id, topic.directions or "")
            assert fill(directions, values).strip() in text, (topic.id, vendor.id)
