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
    "weighing.state_open": "IN BESPREKING: leg per partij de aanwezigheid vast (1, 2, 3) en per criterium het "
                           "gezamenlijke oordeel (J).",
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
    "weighing.no_conclusion": "Nog geen conclusie. Druk C wanneer alle partijen aanwezig zijn en elk criterium een "
                              "gezamenlijk oordeel heeft.",
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
                     "1, 2 en 3: leg vast wie er namens gemeente, politie en OM aanwezig is, wat die partij "
                     "inbrengt en op welke grondslag zij dat deelt, haar voorkeur voor de uitkomst en haar "
                     "algemene standpunt.\n\n"
                     "J: het gezamenlijke oordeel van de weegploeg per criterium (van toepassing, niet van "
                     "toepassing, onbekend, met toelichting). Risicofactoren, beschermende factoren en de "
                     "noodzaak en subsidiariteit staan apart; de criteria zijn geen optelsom. D: een partij die "
                     "het niet eens is met het gezamenlijke oordeel over een criterium legt haar afwijkende "
                     "mening vast, met eigen oordeel en toelichting.\n\n"
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
    "weighing.party_brought": "Wat {party} inbrengt (korte omschrijving, geen kopie uit eigen systemen)",
    "weighing.party_basis": "Grondslag waarop {party} de informatie deelt",
    "weighing.basis_other": "anders",
    "weighing.basis_other_text": "Grondslag in eigen woorden (bij 'anders')",
    "weighing.basis_other_required": "Beschrijf de grondslag in eigen woorden, of kies een grondslag uit de lijst.",
    "weighing.brought": "Inbreng",
    "weighing.basis": "Grondslag",
    "weighing.not_recorded": "niet vastgelegd",
    "weighing.per_party": "Standpunten per criterium (weging van vóór het gezamenlijke oordeel)",
    "key.wg_joint": "Oordeel",
    "key.wg_dissent": "Afwijkend",
    "key.wg_phenomenon": "Fenomeen",
    "cmd.weighing.phenomenon": "Het fenomeen vastleggen zoals de weegploeg het ziet (één of meer ideologieën)",
    "weighing.phenomenon": "Fenomeen volgens de weegploeg (F)",
    "weighing.phenomenon_text": "Vermoed bij de signalen: {suspected}\nVolgens de weegploeg: {room}",
    "weighing.phenomenon_title": "Het fenomeen volgens de weegploeg",
    "weighing.phenomenon_field": "Ideologie of stroming: één of meer, ook 'gemengd of onduidelijk' naast een genoemde "
                                 "(pijltjes kiezen de regel, spatie vinkt aan of uit)",
    "weighing.phenomenon_intro": "Hoe ziet de weegploeg het fenomeen? Dat mag afwijken van wat bij de signalen werd "
                                 "vermoed. Ctrl+S legt het vast, Escape annuleert.",
    "weighing.phenomenon_help": "De weegploeg legt samen vast welk fenomeen zij ziet: één of meer ideologieën, ook "
                                "'gemengd of onduidelijk' naast een genoemde. Het staat in het verslag, het dossier en "
                                "de samenvatting naast de ideologie die bij de signalen werd vermoed, en telt in de "
                                "cijfers als aparte tabel.",
    "weighing.saved_phenomenon": "Fenomeen volgens de weegploeg vastgelegd.",
    "cmd.weighing.joint": "Het gezamenlijke oordeel van de weegploeg per criterium vastleggen",
    "cmd.weighing.dissent": "De afwijkende mening van een partij over één criterium vastleggen",
    "weighing.joint": "Gezamenlijk oordeel per criterium (J) · afwijkende meningen (D)",
    "weighing.joint_missing": "nog geen gezamenlijk oordeel",
    "weighing.dissent_line": "{party} wijkt af: {view}",
    "weighing.joint_title": "Gezamenlijk oordeel van de weegploeg",
    "weighing.joint_intro": "Eén oordeel per criterium voor de hele weegploeg. Pijltjes kiezen, Enter of spatie "
                            "zet het vast; laat leeg wat (nog) niet besproken is. Een partij die het niet eens "
                            "is, legt daarna haar afwijkende mening vast (D).",
    "weighing.joint_help": "Leg per criterium het oordeel van de weegploeg samen vast: van toepassing, niet van "
                           "toepassing of onbekend, met een toelichting. De uitleg van elk criterium staat erbij; "
                           "risicofactoren, beschermende factoren en de noodzaak en subsidiariteit staan apart en "
                           "worden niet geteld. Tab gaat naar het volgende veld, Ctrl+S slaat op, Escape annuleert.",
    "weighing.dissent_title": "Afwijkende mening over een criterium",
    "weighing.dissent_party": "Partij",
    "weighing.dissent_criterion": "Criterium",
    "weighing.dissent_view": "Oordeel van deze partij",
    "weighing.dissent_note": "Toelichting (verplicht)",
    "weighing.dissent_help": "Een aanwezige partij die het niet eens is met het gezamenlijke oordeel over een "
                             "criterium, legt hier haar eigen oordeel en de reden vast. Het gezamenlijke oordeel "
                             "blijft staan; de afwijkende mening staat erbij, in het verslag ook.",
    "weighing.dissent_no_joint": "Leg eerst een gezamenlijk oordeel vast (J); een afwijkende mening wijkt daarvan af.",
    "weighing.dissent_nobody": "Er is nog geen partij als aanwezig vastgelegd (1, 2, 3).",
    "weighing.saved_joint": "Gezamenlijk oordeel vastgelegd.",
    "weighing.saved_dissent": "Afwijkende mening van {party} vastgelegd.",
    "weighing.note": "Toelichting",
    "weighing.party_preferred": "Voorkeur voor de uitkomst (mag leeg blijven)",
    "weighing.party_overall": "Algemeen standpunt van {party}",
    "weighing.party_hint": "Ctrl+S: opslaan · Escape: annuleren",
    "weighing.party_required": "Vul naam en organisatie in.",
    "weighing.party_help": "Leg vast wie er namens deze partij aanwezig is, wat de partij inbrengt (kort: "
                           "geen kopieën uit politie- of justitiesystemen) en op welke grondslag zij dat deelt "
                           "(de lijst komt uit de instellingen van de kluis; kies 'anders' en beschrijf hem "
                           "anders), haar voorkeur voor de uitkomst en haar algemene standpunt. Tab gaat naar "
                           "het volgende veld, Ctrl+S slaat op, Escape annuleert.",
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
    "weighing.state_open": "IN DISCUSSION: record each party's presence (1, 2, 3) and the joint view per "
                           "criterion (J).",
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
    "weighing.no_conclusion": "No conclusion yet. Press C once every party is present and every criterion has a "
                              "joint view.",
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
                     "1, 2 and 3: record who is present for gemeente, politie and OM, what that party brings "
                     "and on which legal basis it shares it, its preferred outcome and its overall view.\n\n"
                     "J: the weegploeg's joint view per criterion (applies, does not apply, unknown, with a "
                     "note). Risk factors, protective factors and necessity and subsidiarity stand apart; the "
                     "criteria are not a score. D: a party that does not share the joint view on a criterion "
                     "records its dissent, with its own view and a note.\n\n"
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
    "weighing.party_brought": "What {party} brings (a short description, no copy from its own systems)",
    "weighing.party_basis": "Legal basis on which {party} shares the information",
    "weighing.basis_other": "other",
    "weighing.basis_other_text": "Legal basis in own words (for 'other')",
    "weighing.basis_other_required": "Describe the legal basis in your own words, or choose one from the list.",
    "weighing.brought": "Brings",
    "weighing.basis": "Legal basis",
    "weighing.not_recorded": "not recorded",
    "weighing.per_party": "Views per criterion (weighing from before the joint view)",
    "key.wg_joint": "Joint view",
    "key.wg_dissent": "Dissent",
    "key.wg_phenomenon": "Phenomenon",
    "cmd.weighing.phenomenon": "Record the phenomenon as the weegploeg sees it (one or more ideologies)",
    "weighing.phenomenon": "Phenomenon as the weegploeg sees it (F)",
    "weighing.phenomenon_text": "Suspected in the signals: {suspected}\nAs the weegploeg sees it: {room}",
    "weighing.phenomenon_title": "The phenomenon as the weegploeg sees it",
    "weighing.phenomenon_field": "Ideology: one or more, also 'mixed or unclear' beside a named one (arrows move, "
                                 "space ticks or unticks)",
    "weighing.phenomenon_intro": "How does the weegploeg see the phenomenon? It may differ from what the signals "
                                 "suspected. Ctrl+S records it, Escape cancels.",
    "weighing.phenomenon_help": "The weegploeg records together which phenomenon it sees: one or more ideologies, "
                                "also 'mixed or unclear' beside a named one. It is in the record, the case file and "
                                "the summary beside the ideology the signals suspected, and counts in the figures as "
                                "a table of its own.",
    "weighing.saved_phenomenon": "Phenomenon as the weegploeg sees it recorded.",
    "cmd.weighing.joint": "Record the weegploeg's joint view per criterion",
    "cmd.weighing.dissent": "Record a party's dissent on one criterion",
    "weighing.joint": "Joint view per criterion (J) · dissents (D)",
    "weighing.joint_missing": "no joint view yet",
    "weighing.dissent_line": "{party} dissents: {view}",
    "weighing.joint_title": "Joint view of the weegploeg",
    "weighing.joint_intro": "One view per criterion for the whole weegploeg. Arrows choose, Enter or space sets it; "
                            "leave empty what was not (yet) discussed. A party that does not agree then records "
                            "its dissent (D).",
    "weighing.joint_help": "Record the weegploeg's view per criterion together: applies, does not apply or unknown, "
                           "with a note. Each criterion's explanation is shown; risk factors, protective factors and "
                           "necessity and subsidiarity stand apart and are not counted. Tab goes to the next field, "
                           "Ctrl+S saves, Escape cancels.",
    "weighing.dissent_title": "Dissent on a criterion",
    "weighing.dissent_party": "Party",
    "weighing.dissent_criterion": "Criterion",
    "weighing.dissent_view": "This party's view",
    "weighing.dissent_note": "Note (required)",
    "weighing.dissent_help": "A party present that does not share the joint view on a criterion records its own "
                             "view and the reason here. The joint view stays; the dissent stands beside it, in the "
                             "record too.",
    "weighing.dissent_no_joint": "Record a joint view first (J); a dissent departs from it.",
    "weighing.dissent_nobody": "No party has been recorded as present yet (1, 2, 3).",
    "weighing.saved_joint": "Joint view recorded.",
    "weighing.saved_dissent": "Dissent of {party} recorded.",
    "weighing.note": "Note",
    "weighing.party_preferred": "Preferred outcome (may stay empty)",
    "weighing.party_overall": "Overall view of {party}",
    "weighing.party_hint": "Ctrl+S: save · Escape: cancel",
    "weighing.party_required": "Fill in name and organisation.",
    "weighing.party_help": "Record who is present for this party, what it brings (briefly: no copies from police "
                           "or justice systems) and the legal basis on which it shares it (the list comes from the "
                           "vault's settings; choose 'other' and describe it otherwise), its preferred outcome and "
                           "its overall view. Tab goes to the next field, Ctrl+S saves, Escape cancels.",
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
