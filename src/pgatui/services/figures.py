"""The region's figures for a period and a municipality (issue 16): counts only, suppressed.

`figures(session, period, municipality)` counts in SQL (`vault/figures.py`), applies the policy
where a deadline depends on it, and returns a frozen `Figures` whose every count is a suppressed
`Cell` (`domain/figures.py`: 1-4 shows "<5", and a lone "<5" in a group hides its smallest
neighbour too). Reading and exporting are audited with the period and municipality id only.

Who sees what. The gemeente sees every figure of its own municipalities. Toezicht (the FG)
sees the *process figures* only: how the process runs, not whom or what it is about. Process
figures are the path (opened, weighed, taken in, discussed, closed, with shares), the share of
first weighings with all three core partners, the lead times, and the state of the files today
(open cases per phase, overdue deadlines per kind, dormant files, destructions done and due).
The figures that describe the signals and decisions themselves (source, suspected ideology,
age, gender, month of receipt, weighing outcomes, the room's view of the phenomenon) are left
out (None) for toezicht.

"By ideology" counts the ideologies suspected at intake, from the signals (a signal with more
than one counts in each); the room's view recorded at the weighing (issue 14) is a second group
of its own, counted per concluded weighing of the period.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path

from pgatui.domain.access import Permission, sees_case_content
from pgatui.domain.enums import OPEN_PHASES, Gender, Ideology, Phase, SourceKind, WeighingOutcome
from pgatui.domain.figures import (AGE_BANDS, Cell, Group, LeadTime, Period, all_core_partners, coded,
                                   last_passed, lead_time, primary, share)
from pgatui.domain.models import Weighing
from pgatui.domain.retention import dormancy_months
from pgatui.errors import AccessDenied
from pgatui.services.exporting import CONFIDENTIAL, Document, Section, write_export, write_export_bytes
from pgatui.services.retention import policy_of, rule_of_closed
from pgatui.services.session import Session
from pgatui.vault import figures as repo
from pgatui.vault import organisations as organisations_repo
from pgatui.vault.process import weighing_json

PATH_STEPS = ("opened", "weighed", "included", "discussed", "closed")
OVERDUE_KINDS = ("follow_up", "review", "evaluation", "informing", "action")
OPEN_ORDER = tuple(p.value for p in Phase if p in OPEN_PHASES)
BACKFILL_BATCH = 500


@dataclass(frozen=True)
class PathStep:
    step: str  # one of PATH_STEPS
    count: Cell
    of_first: str  # share of the first step, "-" when not shown
    of_previous: str


@dataclass(frozen=True)
class Figures:
    period: Period
    municipality: int | None  # None: every municipality the user may see
    municipalities: tuple[tuple[int, str], ...]  # (id, name) the user may choose from
    process_only: bool  # toezicht: the groups about signals and decisions are None
    signals: Cell | None
    sources: Group | None
    ideologies: Group | None
    ages: Group | None
    genders: Group | None
    months: Group | None
    outcomes: Group | None
    room_ideologies: Group | None  # the room's view of the phenomenon at concluded weighings
    path: tuple[PathStep, ...]
    first_weighings: Cell
    complete_weighings: Cell
    complete_share: str
    to_weighing: LeadTime
    to_meeting: LeadTime
    open_phases: Group
    overdue: Group
    dormant: Cell
    destroyed: Cell
    destruction_due: Cell


def figures(session: Session, period: Period, municipality: int | None = None) -> Figures:
    """The figures of `period` for `municipality` (None: every one the user may see)."""
    scope = _counted(session, municipality, "figures.read")
    with session.change("figures.read", _object_id(period, municipality)) as conn:
        _fill_core_flags(conn)
        return _figures(session, conn, period, municipality, scope)


def _object_id(period: Period, municipality: int | None) -> str:
    """Ids and dates only: the period and the municipality's register id."""
    return f"figures:{period.start.isoformat()}/{period.end.isoformat()}/{municipality or 'alle'}"


def _counted(session: Session, municipality: int | None, action: str) -> tuple[int, ...] | None:
    """The municipalities to count: the chosen one, if the user may see it, else all the user may."""
    session.authorize(Permission.FIGURES_READ)
    scope = session.scope
    if municipality is None:
        return scope
    if scope is not None and municipality not in scope:
        session.vault.audit_refusal(action, object_id=f"organisation:{municipality}")
        raise AccessDenied("figures.municipality_not_visible")
    return (municipality,)


def _fill_core_flags(conn) -> None:
    """Weighings stored before migration 0022 get their core-partner flag (read once, then kept)."""
    while batch := repo.weighings_without_core_flag(conn, BACKFILL_BATCH):
        for weighing_id, data in batch:
            repo.set_core_flag(conn, weighing_id, all_core_partners(Weighing.model_validate_json(weighing_json(data))))


def _visible_municipalities(conn, scope) -> tuple[tuple[int, str], ...]:
    return tuple((m.id, m.name) for m in organisations_repo.municipalities(conn) if scope is None or m.id in scope)


def _figures(session: Session, conn, period: Period, municipality: int | None, scope) -> Figures:
    today, start, end = session.today(), period.start, period.end
    content = sees_case_content(session.user.role)
    first, complete = repo.first_weighings_complete(conn, start, end, scope)
    # The weighings without all three are not shown, but first - complete would give them: one group.
    weighings = Group.of({"complete": complete, "other": first - complete})
    signals = repo.signal_counts(conn, start, end, scope) if content else None
    return Figures(
        period=period, municipality=municipality, municipalities=_visible_municipalities(conn, session.scope),
        process_only=not content,
        signals=primary(signals.total) if content else None,
        sources=_group(signals.sources, SourceKind) if content else None,
        ideologies=_ideologies(conn, start, end, scope, signals.total) if content else None,
        ages=Group.of(signals.ages, [label for _, label in AGE_BANDS]) if content else None,
        genders=_group(signals.genders, Gender) if content else None,
        months=Group.of(signals.months, period.months()) if content else None,
        outcomes=_group(repo.outcome_counts(conn, start, end, scope), WeighingOutcome) if content else None,
        room_ideologies=_room_ideologies(conn, start, end, scope) if content else None,
        path=_path(repo.path_counts(conn, start, end, scope, today)),
        first_weighings=weighings.total, complete_weighings=weighings.cell("complete"),
        complete_share=share(weighings.cell("complete"), weighings.total),
        to_weighing=lead_time(repo.days_to_first_weighing(conn, start, end, scope)),
        to_meeting=lead_time(repo.days_to_first_meeting(conn, start, end, scope, today)),
        open_phases=Group.of(repo.open_phase_counts(conn, scope), OPEN_ORDER),
        overdue=Group.of(repo.overdue_counts(conn, today, scope), OVERDUE_KINDS),
        dormant=primary(_dormant(conn, today, scope)),
        destroyed=primary(repo.destroyed_count(conn, start, end, scope)),
        destruction_due=primary(_destruction_due(conn, today, scope)),
    )


def _group(counts: dict[str, int], codes) -> Group:
    return Group.of(counts, [c.value for c in codes])


def _ideologies(conn, start, end, scope, signals: int) -> Group:
    """A signal with more than one ideology counts in each: the total is the number of signals."""
    return Group.of(repo.ideology_counts(conn, start, end, scope), [i.value for i in Ideology], total=signals)


def _room_ideologies(conn, start, end, scope) -> Group:
    """The room's view at the weighings: the total is the number of weighings that recorded one."""
    return Group.of(repo.room_ideology_counts(conn, start, end, scope), [i.value for i in Ideology],
                    total=repo.room_view_count(conn, start, end, scope))


def _path(counts: tuple[int, ...]) -> tuple[PathStep, ...]:
    cells = [primary(c) for c in counts]
    return tuple(PathStep(step, cell, share(cell, cells[0]), share(cell, cells[max(i - 1, 0)]))
                 for i, (step, cell) in enumerate(zip(PATH_STEPS, cells)))


def _dormant(conn, today: dt.date, scope) -> int:
    """Open files past the dormancy term of the policy in force (as the retention overview says)."""
    months, _rule = dormancy_months(policy_of(conn))
    return repo.dormant_count(conn, last_passed(today, months), scope)


def _destruction_due(conn, today: dt.date, scope) -> int:
    """Closed cases past their retention deadline without an active hold (the destruction review's
    count): the rule follows from the last outcome, so one count per outcome, in SQL."""
    policy = policy_of(conn)
    due = 0
    for outcome in repo.closed_outcomes(conn, scope):
        rule = rule_of_closed(policy, outcome, today)
        due += repo.closed_past_term(conn, outcome, rule.after.value, last_passed(today, rule.keep_months), today,
                                     scope)
    return due


# --- export ----------------------------------------------------------------------------------------

def export_figures(session: Session, period: Period, municipality: int | None, path: str | os.PathLike) -> Path:
    """Write the figures (suppressed as on screen) to `path`: .csv, or .txt/.md/.pdf as a report.
    Each carries the confidentiality line; audited as `figures.export` (period and id only)."""
    scope = _counted(session, municipality, "figures.export")
    with session.vault.transaction() as conn:
        _fill_core_flags(conn)
        shown = _figures(session, conn, period, municipality, scope)
    document = figures_document(shown)
    object_id = _object_id(period, municipality)
    if Path(path).suffix.lower() == ".csv":
        return write_export_bytes(session, figures_csv(document).encode("utf-8"), path, action="figures.export",
                                  object_id=object_id)
    return write_export(session, document, path, action="figures.export", object_id=object_id)


def figures_csv(document: Document) -> str:
    """One row per figure (part, row, count, share), under the confidentiality line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([CONFIDENTIAL])
    writer.writerow([document.title])
    writer.writerow(["onderdeel", "regel", "aantal", "aandeel"])
    for section in document.sections:
        for row in section.table[1:]:
            writer.writerow([section.heading, *row])
    writer.writerow([CONFIDENTIAL])
    return out.getvalue()


OVERDUE_NL = {"follow_up": "Termijn meer informatie", "review": "Herbeoordeling", "evaluation": "Evaluatie interventie",
              "informing": "Heroverweging informeren", "action": "Actiepunt"}
PATH_NL = {"opened": "Signalen (nieuwe casussen)", "weighed": "Gewogen", "included": "Opgenomen in de PGA",
           "discussed": "Besproken in casusoverleg", "closed": "Afgesloten"}
HEADER = ("", "aantal", "aandeel")


def figures_document(shown: Figures) -> Document:
    """The figures as a report (the same cells and texts as the screen, in Dutch)."""
    period = f"{shown.period.start:%d-%m-%Y} t/m {shown.period.end:%d-%m-%Y}"
    where = dict(shown.municipalities).get(shown.municipality, "alle gemeenten") if shown.municipality else \
        "alle gemeenten die u mag zien"
    sections = [Section("Verantwoording", [
        f"Periode: {period}. Gemeente: {where}.",
        "Alleen aantallen. Een aantal van 1 tot en met 4 staat als <5; staat in een tabel precies één <5, "
        "dan is ook het kleinste andere aantal verborgen (x), zodat het niet uit het totaal terug te rekenen is."])]
    if not shown.process_only:
        sections += [_group_section("Signalen naar bron", shown.sources, SourceKind),
                     _group_section("Signalen naar vermoedelijke ideologie (een signaal kan bij meer dan één "
                                    "ideologie tellen)", shown.ideologies, Ideology),
                     _group_section("Signalen naar leeftijd", shown.ages),
                     _group_section("Signalen naar gender", shown.genders, Gender),
                     _group_section("Signalen per maand", shown.months),
                     _group_section("Uitkomsten van wegingen", shown.outcomes, WeighingOutcome),
                     _group_section("Fenomeen volgens de weegploeg (afgeronde wegingen; een weging kan bij meer "
                                    "dan één ideologie tellen)", shown.room_ideologies, Ideology)]
    sections += [
        Section("Het pad (casussen geopend in de periode)", table=[HEADER, *(
            (PATH_NL[s.step], s.count.text, s.of_first) for s in shown.path)]),
        Section("Eerste wegingen met alle drie de kernpartners aanwezig en vastgelegd", table=[
            HEADER, ("Eerste wegingen", shown.first_weighings.text, ""),
            ("Met gemeente, politie en OM", shown.complete_weighings.text, shown.complete_share)]),
        Section("Doorlooptijden in dagen", table=[HEADER, *_lead_rows("Signaal tot eerste weging", shown.to_weighing),
                                                  *_lead_rows("Weging tot eerste casusoverleg", shown.to_meeting)]),
        _group_section("Open casussen per fase (vandaag)", shown.open_phases, Phase),
        _group_section("Verlopen termijnen per soort (vandaag)", shown.overdue, labels=OVERDUE_NL),
        Section("Bewaren en vernietigen", table=[
            HEADER, ("Slapende open dossiers (vandaag)", shown.dormant.text, ""),
            ("Vernietigd in de periode", shown.destroyed.text, ""),
            ("Te vernietigen (vandaag)", shown.destruction_due.text, "")]),
    ]
    return Document(f"Cijfers persoonsgerichte aanpak, {period}", sections)


def _group_section(heading: str, group: Group, codes=None, labels: dict[str, str] | None = None) -> Section:
    def label(code: str) -> str:
        if labels:
            return labels.get(code, code)
        return getattr(coded(codes, code), "label_nl", code)

    rows = [(label(code), cell.text, share(cell, group.total)) for code, cell in group.rows]
    return Section(heading, table=[HEADER, *rows, ("Totaal", group.total.text, "")])


def _lead_rows(label: str, lead: LeadTime) -> list[tuple[str, str, str]]:
    return [(f"{label}: casussen", lead.cases.text, ""), (f"{label}: mediaan", lead.text(lead.median), ""),
            (f"{label}: 90e percentiel", lead.text(lead.p90), "")]
