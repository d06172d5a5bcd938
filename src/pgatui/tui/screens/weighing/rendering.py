"""How the weighing session reads on screen: the signals, earlier weighings, each party, the joint
view per criterion with the dissents, the conclusion and the confirmations (user text literal,
names as initials on a shared screen)."""

from __future__ import annotations

from textual.content import Content

from pgatui.domain.enums import CriterionKind
from pgatui.domain.models import CriterionView
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.domain.text import moment
from pgatui.services.summary import suspected_ideologies
from pgatui.tui.i18n import t
from pgatui.tui.kit.formats import label, labels
from pgatui.tui.records import track_line
from pgatui.tui.safe import labelled, user_line, user_text
from pgatui.tui.screens.weighing.dialogs import party_name

PARTY_KEYS = {Role.GEMEENTE: "1", Role.POLITIE: "2", Role.OM: "3"}
MARKS = {CriterionView.VAN_TOEPASSING: "■", CriterionView.NIET_VAN_TOEPASSING: "□", CriterionView.ONBEKEND: "?"}


def phenomenon_text(view) -> Content:
    """What the signals suspected beside what the room records (issue 14: they may differ)."""
    return Content(t("weighing.phenomenon_text", suspected=labels(suspected_ideologies(view.signals)),
                     room=labels(view.weighing.phenomenon) if view.weighing.phenomenon else t("weighing.not_recorded")))


def signals_text(view) -> Content:
    if not view.signals:
        return Content(t("weighing.no_signals"))
    blocks = []
    for signal in view.signals:
        head = user_line(t("weighing.signal_head", date=signal.received_on, by=signal.received_by,
                           source=label(signal.source_kind), ideology=labels(signal.ideologies),
                           urgency=label(signal.urgency)))
        block = head.stylize("bold") + Content("\n" + t("weighing.facts") + ":\n").stylize("bold")
        block += user_text(signal.observed_facts)
        block += Content("\n" + t("weighing.interpretation") + ":\n").stylize("bold")
        block += user_text(signal.interpretation) if signal.interpretation else \
            Content(t("weighing.no_interpretation"))
        if signal.special_categories:
            block += Content("\n") + Content(t("weighing.special") + ": " + ", ".join(
                sorted(label(c) for c in signal.special_categories)))
        blocks.append(block)
    return Content("\n\n").join(blocks)

def earlier_text(view) -> Content:
    if not view.earlier:
        return Content(t("weighing.no_earlier"))
    return Content("\n").join(
        Content(t("weighing.earlier_row", date=w.held_on,
                  outcome=label(w.outcome) if w.concluded else t("weighing.not_concluded")))
        for w in sorted(view.earlier, key=lambda w: w.held_on))

def party_text(view, role: Role) -> Content:
    """Who is there for the party, what it brought and on which basis, its preference and overall
    view (and, in a weighing from before the joint views, its view per criterion)."""
    weighing = view.weighing
    head = Content(party_name(role) + f"  [{PARTY_KEYS[role]}]").stylize("bold")
    present = next((p for p in weighing.participants if p.role is role), None)
    if present is None:
        return head + Content("\n" + t("weighing.absent", key=PARTY_KEYS[role]))
    lines = [head, labelled(t("weighing.present"), f"{present.name} ({present.organisation})"),
             labelled(t("weighing.brought"), present.brought or t("weighing.not_recorded")),
             labelled(t("weighing.basis"), present.legal_basis or t("weighing.not_recorded"))]
    party = weighing.view_of(role)
    if weighing.per_party:
        lines.append(Content(t("weighing.per_party")).stylize("italic"))
        lines += _per_party_lines(view.catalogue, party)
    preferred = label(party.preferred_outcome) if party and party.preferred_outcome else t("weighing.no_preference")
    lines.append(Content(f"{t('weighing.preferred')}: {preferred}"))
    overall = party.overall if party and party.overall else t("weighing.none")
    lines.append(Content(t("weighing.overall") + ": ") + user_text(overall))
    return Content("\n").join(lines)


def _per_party_lines(catalogue, party) -> list[Content]:
    notes = {n.criterion_id: n for n in party.criteria} if party else {}
    lines = []
    for criterion in catalogue.criteria:
        note = notes.get(criterion.id)
        if note is None:
            lines.append((Content("· ") + user_line(criterion.title) + Content(f": {t('weighing.not_discussed')}"))
                         .stylize("dim"))
            continue
        line = Content(f"{MARKS[note.view]} ") + user_line(criterion.title) + Content(f": {label(note.view)}")
        if note.note:
            line += Content(" — ") + user_line(note.note)
        lines.append(line)
    return lines


def joint_text(view) -> Content:
    """The joint view per criterion, risk and protective factors and necessity apart (never
    counted), each with the dissents beside it."""
    weighing, catalogue = view.weighing, view.catalogue
    blocks = []
    for kind in CriterionKind:
        criteria = catalogue.of_kind(kind)
        if not criteria:
            continue
        lines = [Content(label(kind)).stylize("bold underline")]
        for criterion in criteria:
            lines += _joint_lines(weighing, criterion)
        blocks.append(Content("\n").join(lines))
    return Content("\n\n").join(blocks)


def _joint_lines(weighing, criterion) -> list[Content]:
    joint = weighing.joint_on(criterion.id)
    if joint is None:
        return [(Content("· ") + user_line(criterion.title) + Content(f": {t('weighing.joint_missing')}"))
                .stylize("dim")]
    line = Content(f"{MARKS[joint.view]} ") + user_line(criterion.title) + Content(f": {label(joint.view)}")
    if joint.note:
        line += Content(" — ") + user_line(joint.note)
    lines = [line]
    for dissent in sorted(weighing.dissents_on(criterion.id), key=lambda d: CORE_PARTNERS.index(d.role)):
        lines.append(Content("    ↳ " + t("weighing.dissent_line", party=party_name(dissent.role),
                                            view=label(dissent.view)) + " — ") + user_line(dissent.note))
    return lines


def conclusion_text(weighing) -> Content:
    if not weighing.concluded:
        return Content(t("weighing.no_conclusion"))
    lines = [Content(f"{t('weighing.outcome')}: {label(weighing.outcome)}").stylize("bold")]
    if weighing.follow_up_deadline:
        lines.append(Content(f"{t('weighing.deadline')}: {weighing.follow_up_deadline}"))
    lines.append(Content(track_line(weighing)))
    lines.append(Content(t("weighing.reasons") + ": ") + user_text(weighing.reasons))
    lines.append(Content(t("weighing.disagreement") + ": ") + (
        user_text(weighing.disagreement) if weighing.disagreement else Content(t("weighing.no_disagreement"))))
    return Content("\n").join(lines)

def confirmations_text(weighing) -> Content:
    lines = []
    for role in CORE_PARTNERS:
        done = next((c for c in weighing.confirmations if c.role is role), None)
        if role not in weighing.present:
            state = Content(t("weighing.not_present_party"))
        elif done is not None:
            state = user_line(t("weighing.confirmed", name=done.name, at=moment(done.confirmed_at)))
        else:
            state = Content(t("weighing.unconfirmed"))
        mark = "✓ " if done else "… " if role in weighing.present else "  "
        lines.append(Content(f"{mark}{party_name(role)}: ") + state)
    return Content("\n").join(lines)

# what may be done now
