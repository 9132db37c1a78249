"""Data on the agenda: every indicator and case an item refers to exists, and no case's consent has expired.
The codes for the data files themselves (reading them, a text for a number, an unknown municipality, a period
twice or missing) are given by `driftsforum_cli.datafiles` and declared here in `DATA_CODES`."""

from __future__ import annotations

from driftsforum_cli.domain.rules.registry import ERROR, Code, Findings, ForumContext, RuleList, suggestion
from driftsforum_cli.loader import Loaded, Loc
from driftsforum_cli.models import Meeting
from driftsforum_cli.models.meeting import AgendaItem

RULES = RuleList()

#: driftsforum_cli.datafiles: the exported data files behind indicators.yaml.
DATA_CODES: tuple[Code, ...] = (
    Code(
        "data-file",
        (ERROR,),
        "hver indikators datafil (CSV eller XLSX under `data/`) findes, kan læses og har de kolonner, "
        "`columns` i `indicators.yaml` nævner",
    ),
    Code("data-number", (ERROR,), "værdikolonnen i en datafil har tal (decimalkomma, eller `..` for intet tal)"),
    Code("data-area", (ERROR,), "hvert område i en datafil er en dansk kommune eller region (med forslag)"),
    Code("data-duplicate", (ERROR,), "en datafil har højst én værdi pr. område og periode"),
    Code("data-missing-period", (ERROR,), "ingen periode mangler mellem et områdes første og sidste periode"),
)


def _item_refs(forum: ForumContext, key: str) -> list[tuple[Loaded[Meeting], Loc, str]]:
    """(meeting file, where, id) of every `key` ('indicators' or 'cases') reference of the agenda items."""
    found: list[tuple[Loaded[Meeting], Loc, str]] = []
    for loaded, meeting in forum.meetings:
        parts: list[tuple[Loc, list[AgendaItem]]] = [(("agenda",), meeting.agenda)]
        if meeting.joint_meeting is not None:
            parts.append((("joint_meeting", "agenda"), meeting.joint_meeting.agenda))
        for base, items in parts:
            for index, item in enumerate(items):
                for number, ref in enumerate(getattr(item, key)):
                    found.append((loaded, (*base, index, key, number), ref))
    return found


@RULES.rule("unknown-indicator", ERROR, "hver indikator, et dagsordenspunkt nævner, findes i `indicators.yaml`")
def unknown_indicator(forum: ForumContext, out: Findings) -> None:
    settings = forum.files.indicators
    if settings is not None and settings.model is None:
        return  # indicators.yaml's own errors are reported already
    known = [indicator.id for indicator in settings.model.indicators] if settings and settings.model else []
    for loaded, loc, ref in _item_refs(forum, "indicators"):
        if ref not in known:
            where = "indicators.yaml" if settings is not None else "indicators.yaml (forummet har ingen)"
            out.error(loaded, loc, f"indikatoren '{ref}' findes ikke i {where}{suggestion(ref, known)}")


@RULES.rule("unknown-case", ERROR, "hver case og audit, et dagsordenspunkt nævner, findes i `cases.yaml`")
def unknown_case(forum: ForumContext, out: Findings) -> None:
    register = forum.files.cases
    if register is not None and register.model is None:
        return
    known = [case.id for case in register.model.cases] if register and register.model else []
    for loaded, loc, ref in _item_refs(forum, "cases"):
        if ref not in known:
            out.error(loaded, loc, f"casen '{ref}' findes ikke i cases.yaml{suggestion(ref, known)}")


@RULES.rule("consent-expired", ERROR, "samtykket til en case i `cases.yaml` er ikke udløbet")
def consent_expired(forum: ForumContext, out: Findings) -> None:
    register = forum.files.cases
    if register is None or register.model is None:
        return
    for index, case in enumerate(register.model.cases):
        consent = case.consent
        if consent is not None and consent.expires is not None and consent.expires < forum.today:
            out.error(
                register,
                ("cases", index, "consent", "expires"),
                f"samtykket til casen '{case.id}' udløb den {consent.expires.isoformat()}; indhent et nyt samtykke, "
                "eller fjern casen og henvisningerne til den",
            )
