"""Writing the user's own catalogue (`answers.d/`): scaffold a topic, copy a shipped one.

User files only ever add or override: the shipped catalogue is never touched, so an
upgrade cannot overwrite the user's work. Every file written here is validated with
the rest of the catalogue before it lands, exactly as `tiertriage ask` will load it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tiertriage.catalog.load import Catalog, build_catalog
from tiertriage.catalog.models import ACTIONS
from tiertriage.catalog.sources import read_sources, user_files, user_source
from tiertriage.errors import CatalogError, InputError, NotFoundError
from tiertriage.matching.normalise import STOPWORDS, normalise
from tiertriage.paths import Paths

# Marks what a scaffold still needs; `catalog check` warns while any is left.
TODO_MARKER = "TODO"
TODO_TEXT = {
    "directions": f"{TODO_MARKER}: the steps, in Dashboard > Settings > Page notation.",
    "search": f"{TODO_MARKER}: the term to search for",
    "next_step": f"{TODO_MARKER}: what to do if that does not work, e.g. ask {{vendor}} "
    "{{vendor_contact}}.",
    "consult": f"{TODO_MARKER}: why this deserves a paid consult.",
}
ID_PREFIX = "my."  # scaffolded ids: clearly the user's own, never a shipped id
FIELD_ORDER = (
    "id",
    "role",
    "title",
    "action",
    "keywords",
    "examples",
    "near_misses",
    "directions",
    "vendor_directions",
    "search",
    "next_step",
    "consult",
)
NEW_HEADER = """\
# Your own tiertriage topic. Same format as the shipped catalogue (README: "The
# catalogue format"); `tiertriage catalog check` validates it and lints the examples.
"""
COPY_HEADER = """\
# Your copy of the shipped topic '{id}'. Each field here replaces the shipped one;
# delete a field you do not change and it keeps following the shipped catalogue
# (and its updates). `tiertriage topics show {id}` shows where each field comes from.
"""


def topic_path(answers_dir: Path, topic_id: str) -> Path:
    return answers_dir / f"{topic_id}.yaml"


def find_user_topic(answers_dir: Path, topic_id: str) -> Path | None:
    """The user file that defines or overrides `topic_id` (unreadable files are skipped)."""
    from tiertriage.yamlfile import YamlSyntaxError, parse

    for path in user_files(answers_dir):
        try:
            document = parse(path.read_bytes())
        except (OSError, YamlSyntaxError):
            continue
        topics = document.get("topics") if isinstance(document, dict) else None
        for item in topics if isinstance(topics, list) else ():
            if isinstance(item, dict) and str(item.get("id", "")).strip() == topic_id:
                return path
    return None


def shipped_topic(topic_id: str) -> dict[str, Any]:
    """The shipped entry for `topic_id`, as written (not merged, not validated)."""
    from tiertriage.yamlfile import parse

    _, answer_sources = read_sources(None)
    document = parse(answer_sources[0].content)
    topics = document.get("topics", []) if isinstance(document, dict) else []
    for item in topics:
        if isinstance(item, dict) and item.get("id") == topic_id:
            return dict(item)
    ids = [str(item.get("id")) for item in topics if isinstance(item, dict)]
    from tiertriage.wording import closest

    raise NotFoundError(f"unknown topic '{topic_id}'{closest(topic_id, ids)}")


def copy_shipped_topic(answers_dir: Path, topic_id: str) -> Path:
    """Copy the shipped topic into `answers_dir/<id>.yaml` (refuses to overwrite)."""
    entry = shipped_topic(topic_id)
    path = topic_path(answers_dir, topic_id)
    write_new(path, topic_file_text(entry, COPY_HEADER.format(id=topic_id)))
    return path


def suggest_fields(catalog: Catalog, question: str) -> dict[str, Any]:
    """What a client's question suggests for a new topic: it becomes the first example,
    its informative words the keywords and the id (`my.<first three>`), its first line
    the title, and the role is that of the closest in-scope topic (None if none is)."""
    words = _content_words(question)
    return {
        "id": suggest_id(catalog, words),
        "title": _one_line(question, 70),
        "role": guess_role(catalog, question),
        "keywords": words[:6],
        "examples": [_one_line(question)],
    }


def draft_topic(
    catalog: Catalog,
    *,
    question: str | None = None,
    fields: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A complete topic entry: `fields` as given, the rest suggested by `question`
    (`suggest_fields`) or marked TODO for the user to write."""
    given = {name: value for name, value in (fields or {}).items() if value not in (None, [], "")}
    suggested = suggest_fields(catalog, question) if question else {}
    entry: dict[str, Any] = {
        "id": given.get("id") or suggested.get("id") or suggest_id(catalog, [])
    }
    action = given.get("action", "answer")
    if action not in ACTIONS:
        raise InputError(f"unknown action '{action}' (known: {', '.join(ACTIONS)})")
    if action != "escalate":
        role = given.get("role") or suggested.get("role")
        if role is None:
            raise InputError(
                "which role does this topic's vendor have?",
                hint=f"pass --role (known: {', '.join(catalog.roles)})",
            )
        if role not in catalog.roles:
            from tiertriage.wording import closest

            roles = list(catalog.roles)
            raise NotFoundError(f"unknown role '{role}'{closest(role, roles, known=roles)}")
        entry["role"] = role
    entry["title"] = given.get("title") or suggested.get("title")
    if not entry["title"]:
        raise InputError("a new topic needs a title", hint="pass --title or --from QUESTION")
    entry["action"] = action
    entry["keywords"] = list(given.get("keywords") or suggested.get("keywords", []))
    examples = list(given.get("examples", []))
    entry["examples"] = [e for e in suggested.get("examples", []) if e not in examples] + examples
    if given.get("near_misses"):
        entry["near_misses"] = list(given["near_misses"])
    needed = ["consult"] if action == "escalate" else ["directions", "search", "next_step"]
    if action == "answer+consult":
        needed.append("consult")
    for name in needed:
        entry[name] = given.get(name) or TODO_TEXT[name]
    return entry


def suggest_id(catalog: Catalog, words: Sequence[str]) -> str:
    """`my.<first three content words>`, made unique in the catalogue."""
    stem = ID_PREFIX + ("-".join(words[:3]) or "topic")
    candidate, number = stem, 2
    while candidate in catalog.topics:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def guess_role(catalog: Catalog, question: str) -> str | None:
    """The role of the best-ranked in-scope topic for `question`."""
    index = catalog.index
    found = index.posterior(question)
    if found is None:
        return None
    # the ranking's order, without the matched words of every topic (`topics suggest`
    # asks this of a thousand questions)
    for number in sorted(found.touched, key=lambda n: (-found.probabilities[n], n)):
        role = catalog.topics[index.topic_ids[number]].role
        if role is not None:
            return role
    return None


def check_new_file(config_dir: Path, path: Path, text: str) -> Catalog:
    """The catalogue as it will load with `text` at `path`: raises CatalogError naming
    the file and line when the new file would break it."""
    vendor_sources, answer_sources = read_sources(config_dir)
    candidate = user_source(path, text.encode("utf-8"))
    others = [s for s in answer_sources if s.label != candidate.label]
    # learned.yaml stays last (a stable sort keeps the rest in their order)
    ordered = sorted([*others, candidate], key=lambda source: source.learned)
    return build_catalog(vendor_sources, ordered)


def add_topic(catalog: Catalog, paths: Paths, entry: dict[str, Any]) -> Path:
    """Write `entry` as a new file in the user's answers.d, after checking it against
    the whole catalogue (`catalog`, as loaded now, tells a new id from an existing one)."""
    topic_id = entry["id"]
    if topic_id in catalog.topics:
        raise CatalogError(
            f"topic '{topic_id}' already exists",
            hint=f"change it with `tiertriage topics edit {topic_id}`",
        )
    path = topic_path(paths.user_answers_dir, topic_id)
    text = topic_file_text(entry, NEW_HEADER)
    check_new_file(paths.config_dir, path, text)
    write_new(path, text)
    return path


def topic_file_text(entry: dict[str, Any], header: str) -> str:
    ordered = {name: entry[name] for name in FIELD_ORDER if name in entry}
    ordered.update({k: v for k, v in entry.items() if k not in ordered})
    from tiertriage.yamlfile import dump

    return header + dump({"topics": [ordered]})


def write_new(path: Path, text: str) -> None:
    """Create `path` with `text`, complete or not at all (a full disk leaves nothing, so
    trying again works); never replaces an existing file (the user's work)."""
    from tiertriage.paths import cannot_write, write_atomically

    try:
        written = write_atomically(path, text, new=True)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    if not written:
        raise InputError(f"{path} already exists; not overwriting it")


def _content_words(text: str) -> list[str]:
    words = [w for w in normalise(text) if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]
    return list(dict.fromkeys(words))


def _one_line(text: str, limit: int = 0) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    if limit and len(flat) > limit:
        return flat[: limit - 1].rstrip() + "…"
    return flat
