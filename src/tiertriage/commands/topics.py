"""`tiertriage topics`: the answer catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiertriage.commands import completion
from tiertriage.commands.options import InteractiveOption, JsonOption

if TYPE_CHECKING:
    from tiertriage.catalog.load import Catalog
    from tiertriage.catalog.models import Topic
    from tiertriage.workspace import Workspace

app = typer.Typer(
    help="List, show, add and edit the topics the catalogue answers.", no_args_is_help=True
)


@app.command("list")
def list_topics(*, json_output: JsonOption = False) -> None:
    """List every topic: id, role, action and title.

    Example: tiertriage topics list --json
    """
    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    topics = Workspace().catalog.topics.values()
    if json_output:
        render.print_json(
            [
                {
                    "id": t.id,
                    "role": t.role,
                    "action": t.action,
                    "title": t.title,
                    "examples": len(t.examples),
                }
                for t in topics
            ]
        )
        return
    render.print_table(
        "Topics",
        ["id", "role", "action", "title"],
        ([t.id, t.role or "-", t.action, t.title] for t in topics),
    )


TopicId = Annotated[
    str,
    typer.Argument(
        metavar="ID", help="The topic id, e.g. dns.records.", autocompletion=completion.topic_ids
    ),
]
EditOption = Annotated[
    bool | None,
    typer.Option(
        "--edit/--no-edit",
        help="Open the file in $EDITOR (default: when on a terminal).",
        show_default=False,
    ),
]


@app.command("show")
def show_topic(topic_id: TopicId, *, json_output: JsonOption = False) -> None:
    """Show a topic, and the file (shipped or yours) each field comes from.

    Example: tiertriage topics show dns.records
    """
    from tiertriage.health import user_labels
    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    catalog = workspace.catalog
    topic = _known_topic(catalog, topic_id)
    origins = catalog.origins.get(("topic", topic.id), {})
    mine = user_labels(workspace.paths)
    dumped = topic.as_written()
    values = {name: value for name, value in dumped.items() if value not in (None, [], {}, False)}
    sources = {name: origins.get(name, "(default)") for name in values}
    # The examples `fix` learned are among the examples, and listed with their own file.
    learned = [example for example in catalog.learned if example.topic == topic.id]
    if learned:
        values["learned"] = [example.text for example in learned]
        sources["learned"] = learned[0].label
    if json_output:
        yours = [name for name, label in sources.items() if label in mine]
        render.print_json({"topic": values, "sources": sources, "yours": yours})
        return
    for name, value in values.items():
        whose = "yours" if sources[name] in mine else "shipped"
        if sources[name] == "(default)":
            whose = "default"
        render.print_text(f"{name}  [{whose}: {sources[name]}]")
        render.print_text(_indented(value))


@app.command("add")
def add_topic(
    *,
    topic_id: Annotated[
        str | None,
        typer.Option("--id", help="A new topic id (default: my.<words>).", show_default=False),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="What the topic is about.", show_default=False)
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="The role of the vendor whose support the reply points to (e.g. host).",
            autocompletion=completion.roles,
            show_default=False,
        ),
    ] = None,
    action: Annotated[
        str | None,
        typer.Option(
            "--action", help="answer (default), answer+consult or escalate.", show_default=False
        ),
    ] = None,
    keywords: Annotated[
        list[str] | None,
        typer.Option("--keyword", "-k", help="A keyword (repeatable).", show_default=False),
    ] = None,
    examples: Annotated[
        list[str] | None,
        typer.Option(
            "--example", "-e", help="A client question it answers (repeatable).", show_default=False
        ),
    ] = None,
    directions: Annotated[
        str | None,
        typer.Option("--directions", help="The steps: Dashboard > Settings.", show_default=False),
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="The term to search for.", show_default=False)
    ] = None,
    next_step: Annotated[
        str | None,
        typer.Option("--next-step", help="What to do if that does not work.", show_default=False),
    ] = None,
    consult: Annotated[
        str | None,
        typer.Option("--consult", help="Why it deserves a paid consult.", show_default=False),
    ] = None,
    from_text: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="QUESTION",
            help="Start from a client's question: example, keywords, role and id.",
            show_default=False,
        ),
    ] = None,
    from_log: Annotated[
        int | None,
        typer.Option(
            "--from-log",
            metavar="N",
            min=1,
            help="Start from the question numbered N by `tiertriage log` (1 = the most recent).",
            show_default=False,
        ),
    ] = None,
    from_cluster: Annotated[
        int | None,
        typer.Option(
            "--from-cluster",
            metavar="K",
            min=1,
            help="Start from group K of `topics suggest`: its questions, keywords and role.",
            show_default=False,
        ),
    ] = None,
    interactive: InteractiveOption = False,
    edit: EditOption = None,
) -> None:
    """Add your own topic to the catalogue (a new file in answers.d/), then open it.

    Fields left out are guessed from --from/--from-log/--from-cluster, or marked TODO
    for you to fill in; `catalog check` warns while a TODO is left. Prints the new
    file's path.
    Example: tiertriage topics add --from "how do I add a zoom link to my booking page?"
    """
    from tiertriage.catalog.authoring import TODO_MARKER, add_topic, draft_topic
    from tiertriage.commands import prompts
    from tiertriage.errors import InputError
    from tiertriage.workspace import Workspace

    if sum(given is not None for given in (from_text, from_log, from_cluster)) > 1:
        raise InputError("--from, --from-log and --from-cluster: give one of them")
    workspace = Workspace()
    question = from_text if from_log is None else _logged_question(workspace, from_log)
    fields = {
        "id": topic_id,
        "title": title,
        "role": role,
        "action": action,
        "keywords": keywords,
        "examples": examples,
        "directions": directions,
        "search": search,
        "next_step": next_step,
        "consult": consult,
    }
    nothing_given = question is None and all(v in (None, []) for v in fields.values())
    if from_cluster is not None:
        from tiertriage.learning.clusters import cluster, topic_fields

        suggested = topic_fields(workspace.catalog, cluster(workspace, from_cluster))
        fields = {name: value or suggested.get(name) for name, value in fields.items()}
        nothing_given = False
    if interactive or (nothing_given and prompts.on_terminal()):
        fields = _topic_dialogue(workspace, question, fields)
    entry = draft_topic(workspace.catalog, question=question, fields=fields)
    path = add_topic(workspace.catalog, workspace.paths, entry)
    todo = [name for name, text in entry.items() if isinstance(text, str) and TODO_MARKER in text]
    _report(f"added topic '{entry['id']}'", path, todo)
    _open_and_check(workspace, path, edit)


@app.command("suggest")
def suggest_topics(*, json_output: JsonOption = False) -> None:
    """Group the escalated and reviewed questions of the history by similarity: each
    group, with its size and sample questions, may deserve a topic of its own.

    Draft one with `topics add --from-cluster K`.
    Example: tiertriage topics suggest
    """
    from tiertriage.learning.clusters import history_clusters
    from tiertriage.render import learning as render
    from tiertriage.workspace import Workspace

    clusters, considered = history_clusters(Workspace())
    if json_output:
        from tiertriage.render.output import print_json

        groups = [render.cluster_json(found) for found in clusters]
        print_json({"questions": considered, "clusters": groups})
        return
    render.print_clusters(clusters, considered)


@app.command("edit")
def edit_topic(topic_id: TopicId, *, edit: EditOption = None) -> None:
    """Open your file for a topic; a shipped topic is first copied into answers.d/.

    Your copy overrides the shipped topic field by field: delete what you do not
    change and it keeps following the shipped catalogue. Prints the file's path.
    Example: tiertriage topics edit dns.records
    """
    from tiertriage.catalog.authoring import copy_shipped_topic, find_user_topic
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    answers_dir = workspace.paths.user_answers_dir
    path = find_user_topic(answers_dir, topic_id)
    if path is None:
        path = copy_shipped_topic(answers_dir, topic_id)
        _report(f"copied the shipped topic '{topic_id}'", path, [])
    else:
        _report(f"topic '{topic_id}' is yours already", path, [])
    _open_and_check(workspace, path, edit)


def _known_topic(catalog: Catalog, topic_id: str) -> Topic:
    from tiertriage.errors import NotFoundError
    from tiertriage.wording import closest

    topic = catalog.topics.get(topic_id.strip())
    if topic is None:
        raise NotFoundError(f"unknown topic '{topic_id}'{closest(topic_id, list(catalog.topics))}")
    return topic


def _logged_question(workspace: Workspace, number: int) -> str:
    """The question of history entry `number`, as `tiertriage log` numbers it."""
    from tiertriage.errors import NotFoundError

    if not workspace.paths.database.is_file():
        raise NotFoundError(
            "the history is empty: every `tiertriage ask` and `triage` is recorded there"
        )
    return workspace.store.entry(number).question


def _topic_dialogue(
    workspace: Workspace, question: str | None, given: dict[str, Any]
) -> dict[str, Any]:
    """Ask for each field, offering what the options and the question suggest."""
    from tiertriage.catalog.authoring import suggest_fields
    from tiertriage.catalog.models import ACTIONS
    from tiertriage.commands import prompts

    catalog = workspace.catalog
    typer.echo(prompts.HOW_TO_ANSWER)
    fields = dict(given)
    suggestions = suggest_fields(catalog, question) if question else {}

    def suggested(name: str) -> Any:
        return given[name] or suggestions.get(name)

    fields["id"] = prompts.ask("Topic id", suggested("id"), required=True)
    fields["title"] = prompts.ask("Title", suggested("title"), required=True)
    fields["action"] = prompts.choose("Action", ACTIONS, given["action"] or "answer")
    if fields["action"] != "escalate":
        fields["role"] = prompts.choose("Role", list(catalog.roles), suggested("role"))
    fields["keywords"] = prompts.ask_list("Keywords", suggested("keywords") or [])
    fields["examples"] = prompts.ask_lines("Client questions it answers", given["examples"] or [])
    if fields["action"] != "escalate":
        fields["directions"] = prompts.ask("Directions (Dashboard > Page)", given["directions"])
        fields["search"] = prompts.ask("Term to search for", given["search"])
        fields["next_step"] = prompts.ask("Next step if that fails", given["next_step"])
    if fields["action"] != "answer":
        fields["consult"] = prompts.ask("Why a paid consult", given["consult"])
    return fields


def _report(what: str, path: Path, todo: list[str]) -> None:
    """The path on stdout (for scripts: `$EDITOR $(tiertriage topics edit ID)`), the
    explanation on stderr."""
    from tiertriage.render import output as render

    render.warn(f"{what}: {path}")
    if todo:
        render.warn(f"fill in {', '.join(todo)}: replies show TODO until you do")
    render.print_text(str(path))


def _open_and_check(workspace: Workspace, path: Path, edit: bool | None) -> None:
    """Open `path` in the user's editor when asked (or on a terminal), then check that
    the catalogue still loads: an error names the file and line to correct."""
    from tiertriage.catalog.load import build_catalog
    from tiertriage.catalog.sources import read_sources
    from tiertriage.commands import prompts

    if not (edit if edit is not None else prompts.on_terminal()):
        return
    prompts.open_in_editor(path)
    build_catalog(*read_sources(workspace.paths.config_dir))


def _indented(value: Any, depth: int = 1) -> str:
    pad = "    " * depth
    if isinstance(value, list):
        return "\n".join(f"{pad}- {item}" for item in value)
    if isinstance(value, dict):
        return "\n".join(
            f"{pad}{key}:\n{_indented(text, depth + 1)}" for key, text in value.items()
        )
    return "\n".join(f"{pad}{line}" for line in str(value).rstrip().splitlines())
