"""The coded choices of the PGA records.

Values are stable storage codes (Dutch, lower case): never rename one, add a new member instead.
Screens take their labels from the TUI catalogue; `member.label_nl` gives the Dutch label for
the CLI and exports. No enum has a default anywhere in the models where the choice matters: the
suspected ideology in particular must be chosen every time (the 2024 letter: non-jihadist
signals are under-recognised).
"""

from __future__ import annotations

from enum import StrEnum


class CodeEnum(StrEnum):
    """A StrEnum whose members know their Dutch label (see LABELS_NL below)."""

    @property
    def label_nl(self) -> str:
        return LABELS_NL[(type(self), self.value)]


class Phase(CodeEnum):
    SIGNAAL = "signaal"
    WEGING = "weging"
    CASUSOVERLEG = "casusoverleg"
    MONITORING = "monitoring"
    AFGESLOTEN = "afgesloten"
    VERNIETIGD = "vernietigd"


OPEN_PHASES: frozenset[Phase] = frozenset({Phase.SIGNAAL, Phase.WEGING, Phase.CASUSOVERLEG, Phase.MONITORING})


class SourceKind(CodeEnum):
    ONDERWIJS = "professional_onderwijs"
    JEUGDWERK = "professional_jeugdwerk"
    ZORG = "professional_zorg"
    WIJKAGENT = "wijkagent"
    SOCIAAL_DOMEIN = "sociaal_domein"
    LEERPLICHT = "leerplicht"
    WONEN = "woninginspectie"  # stored code; shown as "Bouw- en woningtoezicht"
    FAMILIE = "familie"
    BURGER = "burger"
    GEMEENTE = "gemeentelijke_afdeling"
    POLITIE = "politie"
    AIVD = "aivd_ambtsbericht"
    TIPLIJN = "anonieme_tiplijn"  # stored code; shown as "Meld Misdaad Anoniem"
    OVERIG = "overig"


class Ideology(CodeEnum):
    JIHADISTISCH = "jihadistisch"
    RECHTS = "rechts_extremistisch"
    LINKS = "links_extremistisch"
    ANTI_INSTITUTIONEEL = "anti_institutioneel"
    DIERENRECHTEN = "dierenrechtenextremistisch"
    OVERIG = "overig"
    ONDUIDELIJK = "onduidelijk"  # shown as "gemengd of onduidelijk": may stand beside named ones


class Gender(CodeEnum):
    """The person's gender as far as known (issue 16's figures); personal data, sealed like the
    date of birth. "onbekend" is the default: intake does not ask anyone to guess."""

    MAN = "man"
    VROUW = "vrouw"
    ANDERS = "anders"
    ONBEKEND = "onbekend"


class Urgency(CodeEnum):
    LAAG = "laag"
    NORMAAL = "normaal"
    HOOG = "hoog"
    ACUUT = "acuut"


class SpecialCategory(CodeEnum):
    """Special categories of personal data (AVG art. 9 and 10) that a record contains."""

    RELIGIE = "religie"
    GEZONDHEID = "gezondheid"
    STRAFRECHTELIJK = "strafrechtelijk"
    POLITIEK = "politieke_opvatting"
    ETNICITEIT = "etniciteit"


class WeighingOutcome(CodeEnum):
    OPNEMEN = "opnemen_pga"
    GEEN_ACTIE = "geen_actie"
    MEER_INFORMATIE = "meer_informatie"
    ZORG_VEILIGHEIDSHUIS = "zorg_veiligheidshuis"
    STRAFRECHTELIJK = "strafrechtelijk_onderzoek"  # older weighings only: see PGA_OUTCOMES


# Outcomes after which the person is not taken into the PGA and the case closes.
CLOSING_OUTCOMES: frozenset[WeighingOutcome] = frozenset(
    {WeighingOutcome.GEEN_ACTIE, WeighingOutcome.ZORG_VEILIGHEIDSHUIS, WeighingOutcome.STRAFRECHTELIJK})
# What a new weighing may decide about the PGA. Criminal proceedings are not a PGA outcome: the
# PGA runs alongside them (CriminalTrack). The old code stays readable as closed history.
PGA_OUTCOMES: tuple[WeighingOutcome, ...] = tuple(o for o in WeighingOutcome if o is not WeighingOutcome.STRAFRECHTELIJK)


class CriminalTrack(CodeEnum):
    """The criminal proceedings that run alongside the PGA, recorded with the weighing."""

    GEEN = "geen"
    ONDERZOEK = "onderzoek"
    VERVOLGING = "vervolging"
    DETENTIE = "detentie"


class DisposalKind(CodeEnum):
    """The only ways a signal leaves `signaal` without a joint weighing (both need a second core partner)."""

    DUPLICAAT = "duplicaat"  # the signals move to the case it duplicates
    VERGISSING = "vergissing"  # entered in error


class CriterionView(CodeEnum):
    VAN_TOEPASSING = "van_toepassing"
    NIET_VAN_TOEPASSING = "niet_van_toepassing"
    ONBEKEND = "onbekend"


class CriterionKind(CodeEnum):
    """What a criterion weighs: a risk, what protects the person, or whether the PGA is needed at
    all (necessity and subsidiarity: would the regular ZVH or care route do?). Shown apart, never counted."""

    RISICO = "risicofactor"
    BESCHERMEND = "beschermende_factor"
    NOODZAAK = "noodzaak_subsidiariteit"


class InterventionKind(CodeEnum):
    GESPREK = "gesprek"
    MENTORING = "mentoring"
    ZORG = "zorg"
    HUISVESTING = "huisvesting"
    WERK = "werk"
    SCHOOL = "school"
    EXIT = "exitprogramma"
    FAMILIE_LSE = "familieondersteuning_lse"
    BESTUURLIJK = "bestuurlijke_maatregel"  # e.g. passport measure, area ban
    STRAFRECHTELIJK = "strafrechtelijk"
    OVERIG = "overig"


class InterventionStatus(CodeEnum):
    GEPLAND = "gepland"
    LOPEND = "lopend"
    GEEVALUEERD = "geevalueerd"
    GESTOPT = "gestopt"


class MinutesStatus(CodeEnum):
    CONCEPT = "concept"
    DEFINITIEF = "definitief"


class AgendaReason(CodeEnum):
    """Why a case is on a meeting's agenda (issue 6: newly taken in, review due, evaluation)."""

    NIEUW = "nieuw"
    HERBEOORDELING = "herbeoordeling"
    EVALUATIE = "evaluatie"
    NIEUW_SIGNAAL = "nieuw_signaal"  # a new signal about a person whose case is past intake
    OVERIG = "overig"


# Pairs, not a dict of members: members of different enums with the same value ('overig',
# 'strafrechtelijk') are equal StrEnums and would share one dict entry.
_LABEL_PAIRS: tuple[tuple[CodeEnum, str], ...] = (
    (Phase.SIGNAAL, "Signaal"),
    (Phase.WEGING, "Weging"),
    (Phase.CASUSOVERLEG, "Casusoverleg"),
    (Phase.MONITORING, "Monitoring"),
    (Phase.AFGESLOTEN, "Afgesloten"),
    (Phase.VERNIETIGD, "Vernietigd"),
    (SourceKind.ONDERWIJS, "Professional: onderwijs"),
    (SourceKind.JEUGDWERK, "Professional: jongerenwerk"),
    (SourceKind.ZORG, "Professional: zorg of hulpverlening"),
    (SourceKind.WIJKAGENT, "Wijkagent"),
    (SourceKind.SOCIAAL_DOMEIN, "Sociaal domein"),
    (SourceKind.LEERPLICHT, "Leerplichtambtenaar"),
    (SourceKind.WONEN, "Bouw- en woningtoezicht"),
    (SourceKind.FAMILIE, "Familie of vrienden"),
    (SourceKind.BURGER, "Burger"),
    (SourceKind.GEMEENTE, "Gemeentelijke afdeling"),
    (SourceKind.POLITIE, "Politie"),
    (SourceKind.AIVD, "AIVD (ambtsbericht)"),
    (SourceKind.TIPLIJN, "Meld Misdaad Anoniem"),
    (SourceKind.OVERIG, "Overig"),
    (Ideology.JIHADISTISCH, "Jihadistisch"),
    (Ideology.RECHTS, "Rechts-extremistisch"),
    (Ideology.LINKS, "Links-extremistisch"),
    (Ideology.ANTI_INSTITUTIONEEL, "Anti-institutioneel extremistisch"),
    (Ideology.DIERENRECHTEN, "Dierenrechtenextremistisch"),
    (Ideology.OVERIG, "Overig"),
    (Ideology.ONDUIDELIJK, "Gemengd of onduidelijk"),
    (Gender.MAN, "Man"),
    (Gender.VROUW, "Vrouw"),
    (Gender.ANDERS, "Anders"),
    (Gender.ONBEKEND, "Onbekend"),
    (Urgency.LAAG, "Laag"),
    (Urgency.NORMAAL, "Normaal"),
    (Urgency.HOOG, "Hoog"),
    (Urgency.ACUUT, "Acuut"),
    (SpecialCategory.RELIGIE, "Religie of levensovertuiging"),
    (SpecialCategory.GEZONDHEID, "Gezondheid"),
    (SpecialCategory.STRAFRECHTELIJK, "Strafrechtelijke gegevens"),
    (SpecialCategory.POLITIEK, "Politieke opvatting"),
    (SpecialCategory.ETNICITEIT, "Etniciteit"),
    (WeighingOutcome.OPNEMEN, "Opnemen in de PGA"),
    (WeighingOutcome.GEEN_ACTIE, "Geen actie"),
    (WeighingOutcome.MEER_INFORMATIE, "Meer informatie nodig"),
    (WeighingOutcome.ZORG_VEILIGHEIDSHUIS, "Doorgeleiden naar de reguliere aanpak (ZVH)"),
    (WeighingOutcome.STRAFRECHTELIJK, "Strafrechtelijk onderzoek (OM)"),
    (CriminalTrack.GEEN, "Geen strafrechtelijk traject"),
    (CriminalTrack.ONDERZOEK, "Strafrechtelijk onderzoek"),
    (CriminalTrack.VERVOLGING, "Vervolging"),
    (CriminalTrack.DETENTIE, "Detentie"),
    (DisposalKind.DUPLICAAT, "Dubbel van een andere casus"),
    (DisposalKind.VERGISSING, "Ten onrechte ingevoerd"),
    (CriterionView.VAN_TOEPASSING, "Van toepassing"),
    (CriterionView.NIET_VAN_TOEPASSING, "Niet van toepassing"),
    (CriterionView.ONBEKEND, "Onbekend"),
    (CriterionKind.RISICO, "Risicofactoren"),
    (CriterionKind.BESCHERMEND, "Beschermende factoren"),
    (CriterionKind.NOODZAAK, "Noodzaak en subsidiariteit"),
    (InterventionKind.GESPREK, "Gesprek"),
    (InterventionKind.MENTORING, "Mentoring"),
    (InterventionKind.ZORG, "Zorg"),
    (InterventionKind.HUISVESTING, "Huisvesting"),
    (InterventionKind.WERK, "Werk"),
    (InterventionKind.SCHOOL, "School"),
    (InterventionKind.EXIT, "Exitprogramma"),
    (InterventionKind.FAMILIE_LSE, "Familieondersteuning (LSE)"),
    (InterventionKind.BESTUURLIJK, "Bestuurlijke maatregel"),
    (InterventionKind.STRAFRECHTELIJK, "Strafrechtelijke interventie"),
    (InterventionKind.OVERIG, "Overig"),
    (InterventionStatus.GEPLAND, "Gepland"),
    (InterventionStatus.LOPEND, "Lopend"),
    (InterventionStatus.GEEVALUEERD, "Geëvalueerd"),
    (InterventionStatus.GESTOPT, "Gestopt"),
    (MinutesStatus.CONCEPT, "Concept"),
    (MinutesStatus.DEFINITIEF, "Definitief"),
    (AgendaReason.NIEUW, "Nieuw opgenomen"),
    (AgendaReason.HERBEOORDELING, "Herbeoordeling"),
    (AgendaReason.EVALUATIE, "Evaluatie interventies"),
    (AgendaReason.NIEUW_SIGNAAL, "Nieuw signaal"),
    (AgendaReason.OVERIG, "Overig"),
)
LABELS_NL: dict[tuple[type, str], str] = {(type(member), member.value): text for member, text in _LABEL_PAIRS}
