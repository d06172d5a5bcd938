"""The joint weighing session (weegploeg) on a shared screen, and its dialogs."""

NL = {
    "key.wg_gemeente": "Gemeente",
    "key.wg_politie": "Politie",
    "key.wg_om": "OM",
    "key.wg_conclude": "Conclusie",
    "key.wg_confirm": "Bevestigen",
    "key.wg_confirm_me": "Mijn bevestiging",
    "key.wg_export": "Verslag",
    "key.wg_next": "Volgende casus",
    "weighing.agenda_done": "Er wachten geen andere signalen op een weging.",
    "cmd.weighing.party_gemeente": "Aanwezigheid en standpunt van de gemeente vastleggen",
    "cmd.weighing.party_politie": "Aanwezigheid en standpunt van de politie vastleggen",
    "cmd.weighing.party_om": "Aanwezigheid en standpunt van het OM vastleggen",
    "cmd.weighing.conclude": "De gezamenlijke conclusie vastleggen",
    "cmd.weighing.confirm": "Elke aanwezige partij bevestigt met eigen gebruikersnaam en wachtwoord",
    "cmd.weighing.confirm_me": "Een gemiste bevestiging later geven, voor mijn eigen partij",
    "cmd.weighing.export": "Het verslag van de weging exporteren (gedeeld-schermveilig)",
    "weighing.role.gemeente": "Gemeente",
    "weighing.role.politie": "Politie",
    "weighing.role.om": "OM",
    "weighing.loading": "Weging wordt geopend…",
    "weighing.title": "Weging (weegploeg) — casus {case} — {person}",
    "weighing.meta": "Datum {date} · criteriacatalogus {version} · fase nu: {phase}",
    "weighing.state_open": "IN BESPREKING: vul per partij aanwezigheid en standpunt in (toetsen 1, 2, 3).",
    "weighing.state_confirming": "CONCLUSIE VASTGELEGD: elke aanwezige partij bevestigt met eigen wachtwoord (B).",
    "weighing.state_done": "AFGEROND EN VASTGELEGD: niet meer te wijzigen. De casus staat nu in fase: {phase}. "
                           "E exporteert het verslag.",
    "weighing.signals": "Signalen: feiten apart van de duiding",
    "weighing.signal_head": "Signaal van {date} · ontvangen door {by} · bron: {source} · ideologie: {ideology} "
                            "· urgentie: {urgency}",
    "weighing.facts": "Waargenomen feiten",
    "weighing.interpretation": "Duiding",
    "weighing.no_interpretation": "(geen duiding vastgelegd)",
    "weighing.special": "Bijzondere persoonsgegevens",
    "weighing.no_signals": "Geen signalen.",
    "weighing.earlier": "Eerdere wegingen van deze persoon",
    "weighing.no_earlier": "Geen eerdere wegingen.",
    "weighing.earlier_row": "{date}: {outcome}",
    "weighing.not_concluded": "niet afgerond",
    "weighing.parties": "Aanwezig en standpunten (1 gemeente · 2 politie · 3 OM)",
    "weighing.present": "Aanwezig",
    "weighing.absent": "NIET AANWEZIG: druk {key} om vast te leggen wie er is.",
    "weighing.not_discussed": "nog niet besproken",
    "weighing.preferred": "Voorkeur uitkomst",
    "weighing.no_preference": "geen",
    "weighing.overall": "Algemeen standpunt",
    "weighing.none": "-",
    "weighing.problems": "Wat de conclusie nog tegenhoudt",
    "weighing.no_problems": "Niets meer: de gezamenlijke conclusie kan worden vastgelegd (C).",
    "weighing.conclusion": "Gezamenlijke conclusie",
    "weighing.no_conclusion": "Nog geen conclusie. Druk C wanneer alle partijen hun standpunt hebben gegeven.",
    "weighing.outcome": "Uitkomst",
    "weighing.deadline": "Termijn voor meer informatie",
    "weighing.reasons": "Redenen",
    "weighing.disagreement": "Verschil van inzicht",
    "weighing.no_disagreement": "geen verschil van inzicht vastgelegd",
    "weighing.confirmations": "Bevestigingen (elke partij met eigen wachtwoord)",
    "weighing.confirmed": "bevestigd door {name} op {at}",
    "weighing.unconfirmed": "nog niet bevestigd",
    "weighing.not_present_party": "niet aanwezig (bevestigt niet)",
    "weighing.blocked": "Nog geen conclusie mogelijk: {problems}",
    "weighing.is_concluded": "Deze weging heeft al een conclusie en wordt niet meer gewijzigd.",
    "weighing.not_yet": "Er is nog geen conclusie om te bevestigen of te exporteren.",
    "weighing.all_confirmed": "Alle aanwezige partijen hebben bevestigd.",
    "weighing.confirm_question": "Bevestig de conclusie '{outcome}'.\nNog te bevestigen: {parties}.\nDe persoon "
                                 "van die partij typt zelf gebruikersnaam en wachtwoord.",
    "weighing.confirmed_one": "Bevestigd door {login}.",
    "weighing.saved_party": "Vastgelegd: {party}.",
    "weighing.concluded_notice": "Conclusie vastgelegd. Nu bevestigt elke partij met eigen wachtwoord (B).",
    "weighing.done_notice": "Weging afgerond. De casus staat nu in fase: {phase}.",
    "weighing.help": "De weegploeg (gemeente, politie en OM) beoordeelt samen of iemand in de persoonsgerichte "
                     "aanpak wordt opgenomen. Dit scherm staat in de modus gedeeld scherm: u ziet het "
                     "casusnummer en initialen, nooit BSN, adres of geboortedatum.\n\n"
                     "1, 2 en 3: leg vast wie er namens gemeente, politie en OM aanwezig is, en het standpunt "
                     "van die partij per criterium (van toepassing, niet van toepassing, onbekend, met "
                     "toelichting), de voorkeur voor de uitkomst en het algemene standpunt. De criteria zijn "
                     "geen optelsom: samenhang en kracht van de signalen tellen.\n\n"
                     "Onder 'Wat de conclusie nog tegenhoudt' staat wat nog ontbreekt. Zolang een partij "
                     "ontbreekt kan er geen conclusie komen.\n\n"
                     "C: de gezamenlijke conclusie (uitkomst, redenen, een termijn alleen bij 'meer informatie "
                     "nodig', en een eventueel verschil van inzicht: dat wordt vastgelegd, niet verborgen).\n"
                     "B: elke aanwezige partij bevestigt met eigen gebruikersnaam en wachtwoord. M: een gemiste "
                     "bevestiging later geven vanuit uw eigen account.\n\n"
                     "Na de laatste bevestiging is de weging definitief en gaat de casus verder: naar het "
                     "casusoverleg (opnemen), terug naar signaal met een termijn (meer informatie) of "
                     "afgesloten (de bewaartermijn gaat lopen). E exporteert het verslag (txt, md of pdf). "
                     "N gaat verder met het volgende signaal dat op een weging wacht. Escape gaat terug.",
    "weighing.party_title": "{party}: aanwezigheid en standpunt",
    "weighing.party_name": "Naam van wie er namens {party} is",
    "weighing.party_org": "Organisatie",
    "weighing.party_criteria": "Standpunt per criterium. Pijltjes kiezen, Enter of spatie zet het vast; laat "
                               "leeg wat (nog) niet besproken is.",
    "weighing.note": "Toelichting",
    "weighing.party_preferred": "Voorkeur voor de uitkomst (mag leeg blijven)",
    "weighing.party_overall": "Algemeen standpunt van {party}",
    "weighing.party_hint": "Ctrl+S: opslaan · Escape: annuleren",
    "weighing.party_required": "Vul naam en organisatie in.",
    "weighing.party_help": "Leg vast wie er namens deze partij aanwezig is en welk standpunt de partij "
                           "inneemt. Per criterium: van toepassing, niet van toepassing of onbekend, met een "
                           "toelichting; de uitleg van het criterium staat erbij. Tab gaat naar het volgende "
                           "veld, Ctrl+S slaat op, Escape annuleert.",
    "weighing.conclusion_title": "Gezamenlijke conclusie",
    "weighing.conclusion_outcome": "Uitkomst",
    "weighing.conclusion_deadline": "Termijn (dd-mm-jjjj), alleen bij 'meer informatie nodig'",
    "weighing.conclusion_reasons": "Redenen (verplicht)",
    "weighing.conclusion_disagreement": "Verschil van inzicht (wordt vastgelegd, niet verborgen)",
    "weighing.conclusion_hint": "Ctrl+S: vastleggen · Escape: annuleren. Daarna bevestigt elke partij.",
    "weighing.conclusion_choose": "Kies een uitkomst.",
    "weighing.conclusion_help": "Kies de uitkomst, geef de redenen, een termijn alleen bij 'meer informatie "
                                "nodig', en leg een verschil van inzicht vast als een partij het niet eens is. "
                                "Na vastleggen bevestigt elke aanwezige partij met eigen wachtwoord; daarna "
                                "is de weging niet meer te wijzigen.",
}

EN = {
    "key.wg_gemeente": "Gemeente",
    "key.wg_politie": "Politie",
    "key.wg_om": "OM",
    "key.wg_conclude": "Conclusion",
    "key.wg_confirm": "Confirm",
    "key.wg_confirm_me": "My confirmation",
    "key.wg_export": "Record",
    "key.wg_next": "Next case",
    "weighing.agenda_done": "No other signals are waiting for a weighing.",
    "cmd.weighing.party_gemeente": "Record the presence and view of the gemeente",
    "cmd.weighing.party_politie": "Record the presence and view of the politie",
    "cmd.weighing.party_om": "Record the presence and view of the OM",
    "cmd.weighing.conclude": "Record the joint conclusion",
    "cmd.weighing.confirm": "Each party present confirms with its own user name and password",
    "cmd.weighing.confirm_me": "Give a missed confirmation later, for my own party",
    "cmd.weighing.export": "Export the record of the weighing (shared-screen safe)",
    "weighing.role.gemeente": "Gemeente",
    "weighing.role.politie": "Politie",
    "weighing.role.om": "OM",
    "weighing.loading": "Opening the weighing…",
    "weighing.title": "Weighing (weegploeg) — case {case} — {person}",
    "weighing.meta": "Date {date} · criteria catalogue {version} · phase now: {phase}",
    "weighing.state_open": "IN DISCUSSION: record each party's presence and view (keys 1, 2, 3).",
    "weighing.state_confirming": "CONCLUSION RECORDED: each party present confirms with its own password (B).",
    "weighing.state_done": "CONCLUDED AND RECORDED: can no longer be changed. The case is now in phase: {phase}. "
                           "E exports the record.",
    "weighing.signals": "Signals: facts apart from interpretation",
    "weighing.signal_head": "Signal of {date} · received by {by} · source: {source} · ideology: {ideology} "
                            "· urgency: {urgency}",
    "weighing.facts": "Observed facts",
    "weighing.interpretation": "Interpretation",
    "weighing.no_interpretation": "(no interpretation recorded)",
    "weighing.special": "Special categories of data",
    "weighing.no_signals": "No signals.",
    "weighing.earlier": "Earlier weighings of this person",
    "weighing.no_earlier": "No earlier weighings.",
    "weighing.earlier_row": "{date}: {outcome}",
    "weighing.not_concluded": "not concluded",
    "weighing.parties": "Presence and views (1 gemeente · 2 politie · 3 OM)",
    "weighing.present": "Present",
    "weighing.absent": "NOT PRESENT: press {key} to record who is here.",
    "weighing.not_discussed": "not discussed yet",
    "weighing.preferred": "Preferred outcome",
    "weighing.no_preference": "none",
    "weighing.overall": "Overall view",
    "weighing.none": "-",
    "weighing.problems": "What still blocks the conclusion",
    "weighing.no_problems": "Nothing: the joint conclusion can be recorded (C).",
    "weighing.conclusion": "Joint conclusion",
    "weighing.no_conclusion": "No conclusion yet. Press C once every party has given its view.",
    "weighing.outcome": "Outcome",
    "weighing.deadline": "Deadline for more information",
    "weighing.reasons": "Reasons",
    "weighing.disagreement": "Disagreement",
    "weighing.no_disagreement": "no disagreement recorded",
    "weighing.confirmations": "Confirmations (each party with its own password)",
    "weighing.confirmed": "confirmed by {name} at {at}",
    "weighing.unconfirmed": "not confirmed yet",
    "weighing.not_present_party": "not present (does not confirm)",
    "weighing.blocked": "No conclusion possible yet: {problems}",
    "weighing.is_concluded": "This weighing has its conclusion and can no longer be changed.",
    "weighing.not_yet": "There is no conclusion yet to confirm or export.",
    "weighing.all_confirmed": "Every party present has confirmed.",
    "weighing.confirm_question": "Confirm the conclusion '{outcome}'.\nStill to confirm: {parties}.\nThe person of "
                                 "that party types their own user name and password.",
    "weighing.confirmed_one": "Confirmed by {login}.",
    "weighing.saved_party": "Recorded: {party}.",
    "weighing.concluded_notice": "Conclusion recorded. Now each party confirms with its own password (B).",
    "weighing.done_notice": "Weighing concluded. The case is now in phase: {phase}.",
    "weighing.help": "The weegploeg (gemeente, politie and OM) decides together whether a person is taken into "
                     "the PGA. This screen is in shared-screen mode: you see the case number and initials, never "
                     "a BSN, address or date of birth.\n\n"
                     "1, 2 and 3: record who is present for gemeente, politie and OM, and that party's view per "
                     "criterion (applies, does not apply, unknown, with a note), its preferred outcome and its "
                     "overall view. The criteria are not a score: coherence and strength of the signals count.\n\n"
                     "'What still blocks the conclusion' lists what is missing. While a party is absent there "
                     "can be no conclusion.\n\n"
                     "C: the joint conclusion (outcome, reasons, a deadline only for 'more information needed', "
                     "and any disagreement: it is recorded, not hidden).\n"
                     "B: each party present confirms with its own user name and password. M: give a missed "
                     "confirmation later from your own account.\n\n"
                     "After the last confirmation the weighing is final and the case moves on: to the case "
                     "meeting (take in), back to signal with a deadline (more information) or closed (the "
                     "retention period starts). E exports the record (txt, md or pdf). N goes on to the next signal "
                     "waiting for a weighing. Escape goes back.",
    "weighing.party_title": "{party}: presence and view",
    "weighing.party_name": "Name of who is here for {party}",
    "weighing.party_org": "Organisation",
    "weighing.party_criteria": "View per criterion. Arrows choose, Enter or space sets it; leave empty what was "
                               "not (yet) discussed.",
    "weighing.note": "Note",
    "weighing.party_preferred": "Preferred outcome (may stay empty)",
    "weighing.party_overall": "Overall view of {party}",
    "weighing.party_hint": "Ctrl+S: save · Escape: cancel",
    "weighing.party_required": "Fill in name and organisation.",
    "weighing.party_help": "Record who is present for this party and the party's view. Per criterion: applies, "
                           "does not apply or unknown, with a note; the criterion's explanation is shown. Tab "
                           "goes to the next field, Ctrl+S saves, Escape cancels.",
    "weighing.conclusion_title": "Joint conclusion",
    "weighing.conclusion_outcome": "Outcome",
    "weighing.conclusion_deadline": "Deadline (dd-mm-yyyy), only for 'more information needed'",
    "weighing.conclusion_reasons": "Reasons (required)",
    "weighing.conclusion_disagreement": "Disagreement (recorded, not hidden)",
    "weighing.conclusion_hint": "Ctrl+S: record · Escape: cancel. Then each party confirms.",
    "weighing.conclusion_choose": "Choose an outcome.",
    "weighing.conclusion_help": "Choose the outcome, give the reasons, a deadline only for 'more information "
                                "needed', and record a disagreement when a party does not agree. After recording, "
                                "each party present confirms with its own password; then the weighing can no "
                                "longer be changed.",
}
