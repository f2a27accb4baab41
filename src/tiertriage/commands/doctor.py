"""`tiertriage doctor`: check every file and say how to fix what is wrong."""

from __future__ import annotations

from tiertriage.commands.options import JsonOption

MARKS = {"ok": "ok", "note": "note", "problem": "PROBLEM"}


def doctor(*, json_output: JsonOption = False) -> None:
    """Check settings, catalogues, default stack, database and cache; exit 1 when
    something is wrong, with how to fix it.

    Example: tiertriage doctor
    """
    from tiertriage.errors import TiertriageError
    from tiertriage.health import diagnose
    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    findings = diagnose(Workspace(use_cache=False))
    problems = [f for f in findings if f.status == "problem"]
    if json_output:
        render.print_json({"ok": not problems, "checks": [f.to_dict() for f in findings]})
    else:
        width = max(len(f.check) for f in findings)
        for finding in findings:
            mark, check = MARKS[finding.status], finding.check
            render.print_text(f"{mark:8} {check:{width}}  {finding.detail}")
            if finding.fix and finding.status != "ok":
                render.print_text(f"{'':8} {'':{width}}  fix: {finding.fix}")
    if problems:
        raise TiertriageError(f"doctor found {len(problems)} problem(s)")
    if not json_output:
        render.print_text("Everything looks fine.")
