"""Reading YAML safely, and pointing at the line an error is about.

Loading uses ``yaml.safe_load`` semantics with the C loader when libyaml is present.
Line numbers are only needed when something is wrong, so they are recovered on that
slow path by composing the file into nodes and walking the error's location.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

try:
    _Loader: Any = yaml.CSafeLoader
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - pure-Python PyYAML build
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper


class YamlSyntaxError(ValueError):
    """Malformed YAML; `line` is 1-based (0 when unknown)."""

    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line

    def describe(self, label: str) -> str:
        """The one wording of a YAML syntax error: `file:line: invalid YAML: problem`."""
        return f"{label}:{self.line}: invalid YAML: {self.problem}"


def parse(text: str | bytes) -> Any:
    """Parse one YAML document (safe: plain data only, never objects)."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context:
            # "while scanning a quoted scalar (from line 12): found unexpected end of stream"
            where = exc.context_mark
            since = f" (from line {where.line + 1})" if where and where is not mark else ""
            problem = f"{exc.context}{since}: {problem}"
        raise YamlSyntaxError(problem, mark.line + 1 if mark else 0) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0], 0) from None


def dump(data: Any) -> str:
    """Serialise plain data as block-style YAML a person can edit: keys in the order
    given, multi-line text as literal `|` blocks."""
    return yaml.dump(
        data,
        Dumper=_ReadableDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


class _ReadableDumper(_Dumper):  # type: ignore[misc]
    """The safe dumper, writing multi-line text as literal blocks."""


def _represent_text(dumper: Any, value: str) -> Any:
    # PyYAML falls back to quoting when a literal block cannot hold the text exactly.
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    )


_ReadableDumper.add_representer(str, _represent_text)


def line_of(text: str | bytes, location: Sequence[str | int]) -> int:
    """1-based line of the node at `location` (mapping keys / sequence indexes).

    When the location does not exist (a missing field), the line of the deepest
    existing parent is returned; 0 when the text cannot be composed at all.
    """
    return node_line(compose(text), location)


def compose(text: str | bytes) -> yaml.Node | None:
    """The document's node tree (for many `node_line` look-ups); None when malformed."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def node_line(node: yaml.Node | None, location: Sequence[str | int]) -> int:
    """`line_of` on a tree already composed: 1-based, the deepest existing parent's line."""
    if node is None:
        return 0
    line = node.start_mark.line + 1
    for step in location:
        child = _child(node, step)
        if child is None:
            break
        key_node, node = child
        line = (key_node or node).start_mark.line + 1
    return line


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                return key, value
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        return None, node.value[step]
    return None
