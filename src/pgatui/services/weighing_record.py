"""The printable record of a weighing (issue 5, item 5): what the room saw and decided: who was
there, what each party brought and on which legal basis, the joint view per criterion (risk and
protective factors and necessity apart) with each party's dissent, each party's preference, the
conclusion and the confirmations. A weighing from before the joint views shows each party's view
per criterion instead.

Shared-screen-safe by default: the case number and the person's initials, never a BSN, address or
date of birth. `identifying=True` (needs the right to read identifying data) adds the full name and
date of birth for a record that stays inside the municipality; a BSN or address is never written.
The document leaves the vault only through `pgatui.services.exporting.write_export` (confidentiality
line, the file the user chose, owner-only, audited as `weighing.export` with ids only).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pgatui.domain import workflow
from pgatui.domain.access import Permission
from pgatui.domain.enums import CriterionKind
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.services.exporting import Document, Section, write_export
from pgatui.services.session import Session
from pgatui.services.summary import suspected_ideologies
from pgatui.domain.text import day, initials, moment
from pgatui.services.weighing import WeighingSession, read_weighing

PARTY_NAMES = {Role.GEMEENTE: "Gemeente", Role.POLITIE: "Politie", Role.OM: "OM"}
NOT_DISCUSSED = "Niet besproken"
NOT_RECORDED = "niet vastgelegd"


def weighing_record(session: Session, weighing_id: int, *, identifying: bool = False) -> Document:
    """The record of one weighing as a Document (reading it is audited as `weighing.read`)."""
    if identifying:
        session.authorize(Permission.CASE_READ_IDENTIFYING, object_id=f"weighing:{weighing_id}")
    view = read_weighing(session, weighing_id)
    return build_record(view, identifying=identifying, made_by=session.user.login, made_at=session.now())


def export_weighing_record(session: Session, weighing_id: int, path: Path | str, *,
                           identifying: bool = False) -> Path:
    """Write the record to `path` (.txt, .md or .pdf); audited as `weighing.export`."""
    document = weighing_record(session, weighing_id, identifying=identifying)
    return write_export(session, document, path, action="weighing.export", object_id=f"weighing:{weighing_id}")


def build_record(view: WeighingSession, *, identifying: bool = False, made_by: str = "",
                 made_at: dt.datetime | None = None) -> Document:
    """The Document for a weighing session view (pure: no vault, no clock)."""
    case, person, weighing, catalogue = view.case, view.person, view.weighing, view.catalogue
    who = person.name if identifying else initials(person.name)
    head = [f"Casusnummer: {case.number}", f"Persoon: {who}"]
    if identifying and person.date_of_birth is not None:  # None: sealed for this account
        head.append(f"Geboortedatum: {day(person.date_of_birth)}")
    head += [f"Datum van de weging: {day(weighing.held_on)}",
             f"Criteriacatalogus: versie {weighing.catalogue_version}, vastgesteld "
             f"{day(catalogue.adopted)}",
             f"Fase van de casus nu: {case.phase.label_nl}"]
    if not identifying:
        head.append("Vorm: gedeeld-schermveilig (geen BSN, adres of geboortedatum; initialen in plaats van de naam).")
    sections = [Section("Casus", head), Section("Signalen waarop de weging rust", _signals(view))]
    if view.earlier:
        sections.append(Section("Eerdere wegingen van deze persoon", [
            f"{day(w.held_on)}: {w.outcome.label_nl if w.concluded and w.outcome else 'niet afgerond'}"
            for w in view.earlier]))
    sections.append(Section("Aanwezig", [
        f"{PARTY_NAMES[role]}: " + (f"{p.name} ({p.organisation})" if (p := _participant(weighing, role))
                                    else "niet aanwezig")
        for role in CORE_PARTNERS]))
    sections.append(_information_basis(weighing))
    sections.append(Section("Fenomeen", [
        "Vermoed bij de signalen: " + (", ".join(i.label_nl for i in suspected_ideologies(view.signals)) or "-"),
        "Volgens de weegploeg: " + (", ".join(i.label_nl for i in weighing.phenomenon) or NOT_RECORDED)]))
    if weighing.joint or not weighing.per_party:
        sections += _joint_sections(weighing, catalogue)
    for role in CORE_PARTNERS:
        if role in weighing.present:
            sections.append(_party_section(weighing, catalogue, role))
    sections.append(Section("Gezamenlijke conclusie", _conclusion(weighing)))
    sections.append(Section("Verschil van inzicht", [
        weighing.disagreement if weighing.disagreement else "Geen verschil van inzicht vastgelegd."]))
    sections.append(Section("Bevestigingen", _confirmations(weighing)))
    footer = []
    if made_at is not None:
        footer.append(f"Opgesteld op {moment(made_at)}" + (f" door {made_by}" if made_by else "") + ".")
    footer.append("Een afgeronde weging wordt niet meer gewijzigd; elke inzage en export staat in het auditlog.")
    sections.append(Section("Over dit verslag", footer))
    return Document(f"Verslag van de weging (weegploeg) — casus {case.number}", sections)


def _information_basis(weighing) -> Section:
    """Per party present: what it brought and the legal basis on which it shared it."""
    table = [("Partij", "Inbreng", "Grondslag")]
    for role in CORE_PARTNERS:
        if (participant := _participant(weighing, role)) is not None:
            table.append((PARTY_NAMES[role], participant.brought or NOT_RECORDED,
                          participant.legal_basis or NOT_RECORDED))
    return Section("Informatiebasis", ["Wat elke partij inbracht en op welke grondslag zij dat deelde."], table)


def _joint_sections(weighing, catalogue) -> list[Section]:
    """The room's joint view per criterion, one section per kind (never counted), dissents beside it."""
    sections = []
    for kind in CriterionKind:
        criteria = catalogue.of_kind(kind)
        if not criteria:
            continue
        table = [("Criterium", "Gezamenlijk oordeel", "Toelichting")]
        dissents = []
        for criterion in criteria:
            joint = weighing.joint_on(criterion.id)
            table.append((criterion.title, joint.view.label_nl if joint else "Geen gezamenlijk oordeel",
                          joint.note if joint else ""))
            dissents += [f"Afwijkende mening van {PARTY_NAMES[d.role]} over {criterion.title}: {d.view.label_nl}. "
                         f"{d.note}" for d in sorted(weighing.dissents_on(criterion.id),
                                                     key=lambda d: CORE_PARTNERS.index(d.role))]
        sections.append(Section(f"Gezamenlijk oordeel — {kind.label_nl}", dissents, table))
    return sections


def _party_section(weighing, catalogue, role) -> Section:
    """A party's preference and overall view; in a weighing from before the joint view, its view per criterion."""
    party = weighing.view_of(role)
    table = []
    if weighing.per_party:
        notes = {n.criterion_id: n for n in party.criteria} if party else {}
        table = [("Criterium", "Standpunt", "Toelichting")]
        for criterion in catalogue.criteria:
            note = notes.get(criterion.id)
            table.append((criterion.title, note.view.label_nl if note else NOT_DISCUSSED,
                          note.note if note and note.note else ""))
    lines = ["Voorkeur voor de uitkomst: "
             + (party.preferred_outcome.label_nl if party and party.preferred_outcome else "geen"),
             "Algemeen standpunt: " + (party.overall if party and party.overall else "niet vastgelegd")]
    return Section(f"Standpunt {PARTY_NAMES[role]}", lines, table)


def _participant(weighing, role):
    return next((p for p in weighing.participants if p.role is role), None)


def _signals(view: WeighingSession) -> list[str]:
    lines = []
    for signal in view.signals:
        lines.append(f"Signaal van {day(signal.received_on)}, ontvangen door {signal.received_by}; "
                     f"bron: {signal.source_kind.label_nl}; vermoede ideologie: {', '.join(i.label_nl for i in signal.ideologies)}; "
                     f"urgentie: {signal.urgency.label_nl}.")
        lines.append(f"Waargenomen feiten: {signal.observed_facts}")
        lines.append(f"Duiding: {signal.interpretation or 'geen duiding vastgelegd'}")
        if signal.special_categories:
            lines.append("Bijzondere persoonsgegevens: "
                         + ", ".join(sorted(c.label_nl for c in signal.special_categories)))
        lines.append("")
    return lines[:-1] or ["Geen signalen."]


def _conclusion(weighing) -> list[str]:
    if not weighing.concluded:
        return ["Nog geen conclusie vastgelegd."]
    lines = [f"Uitkomst: {weighing.outcome.label_nl}"]
    if weighing.follow_up_deadline:
        lines.append(f"Termijn voor meer informatie: {day(weighing.follow_up_deadline)}")
    lines.append(criminal_track_line(weighing))
    lines.append(f"Redenen: {weighing.reasons}")
    return lines


def _confirmations(weighing) -> list[str]:
    lines = []
    for role in CORE_PARTNERS:
        if role not in weighing.present:
            continue
        done = next((c for c in weighing.confirmations if c.role is role), None)
        lines.append(f"{PARTY_NAMES[role]}: " + (f"bevestigd door {done.name} op {moment(done.confirmed_at)}"
                                                 if done else "nog niet bevestigd"))
    complete = workflow.weighing_complete(weighing) is None
    lines.append("Status: " + ("afgerond; de conclusie is bindend en wordt niet meer gewijzigd." if complete
                               else "nog niet afgerond."))
    return lines


def criminal_track_line(weighing) -> str:
    """The criminal track beside the PGA decision (the PGA runs alongside it)."""
    line = f"Strafrechtelijk traject (naast de PGA): {weighing.criminal_track.label_nl}"
    if weighing.expected_release_on:
        line += f", verwachte vrijlating {day(weighing.expected_release_on)}"
    return line
