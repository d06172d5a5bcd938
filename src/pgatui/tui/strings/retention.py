"""Strings of the retention, destruction, policy and settings screens (keys ret.*, key.ret_*)."""

NL = {
    # keys in the footer
    "key.ret_open": "Bewaren",
    "key.ret_policy": "Bewaarbeleid",
    "key.ret_settings": "Instellingen",
    "key.ret_filter": "Filter",
    "key.ret_hold": "Vernietigingsstop",
    "key.ret_lift": "Vernietigingsstop opheffen",
    "key.ret_review": "Vernietigen",
    "key.ret_export": "Rapport",
    "key.ret_toggle": "Kies",
    "key.ret_toggle_all": "Alles",
    "key.ret_destroy": "Vernietig",
    "key.ret_confirm": "Bevestigen",
    "key.ret_cancel": "Annuleren",
    "key.ret_load": "Nieuw beleid laden",
    "cmd.dash.retention": "Bewaartermijnen: wat moet worden vernietigd, wat is in bewaring",
    "cmd.dash.policy": "Het bewaarbeleid dat geldt, met de bron van elke regel",
    "cmd.dash.settings": "Instellingen van de kluis (beheerder)",
    # the retention screen
    "ret.title": "Bewaartermijnen van afgesloten casussen en slapende open dossiers",
    "ret.columns": "Casus|Toestand|Termijn tot|Dagen|Regel|Loopt vanaf|Vernietigingsstop tot",
    "ret.filter": "Filter: {state}   ·   {counts}",
    "ret.filter.all": "alle casussen",
    "ret.filter.case": "alleen casus {case} (F: alle casussen)",
    "ret.counts": "{overdue} verstreken · {warning} waarschuwing · {on_hold} vernietigingsstop · {running} lopend",
    "ret.state.overdue": "termijn verstreken",
    "ret.state.warning": "waarschuwing",
    "ret.state.on_hold": "vernietigingsstop",
    "ret.state.running": "loopt",
    "ret.state.not_started": "nog open",
    "ret.mark": "{state} (≤ {days} dagen)",
    "ret.empty": "Geen afgesloten casussen in deze selectie.",
    "ret.denied": "Bewaartermijnen zijn alleen zichtbaar voor gemeente, politie, OM en toezicht.",
    "ret.hold_denied": "Alleen gemeente en OM kunnen een vernietigingsstop vastleggen of opheffen.",
    "ret.no_row": "Kies eerst een casus in de lijst.",
    "ret.hold_placed": "Vernietigingsstop vastgelegd op {case} tot {date}.",
    "ret.hold_lifted": "Vernietigingsstop op {case} opgeheven.",
    "ret.lift_question": "Vernietigingsstop op {case} opheffen? Daarna kan de casus worden vernietigd zodra de "
                         "termijn verstreken is.",
    "ret.help": "Alle afgesloten casussen met hun bewaarregel, de gebeurtenis waarvanaf de termijn loopt, de "
                "uiterste datum en de toestand; de meest dringende staan bovenaan. De waarschuwing begint "
                "het aantal dagen vóór de termijn dat in de instellingen staat; bij 30 en 7 dagen wordt de "
                "markering sterker. F wisselt het filter. H legt een vernietigingsstop vast (reden, verantwoordelijke, "
                "einddatum), L heft hem op: een casus met vernietigingsstop wordt nooit vernietigd. V opent de "
                "lijst van te vernietigen casussen, E exporteert het vernietigingsrapport, P toont het beleid.",
    # the hold form
    "ret.hold_title": "Vernietigingsstop vastleggen voor {case}",
    "ret.hold_reason": "Reden (bijvoorbeeld een klacht of rechtszaak)",
    "ret.hold_owner": "Verantwoordelijke (wie bewaakt de vernietigingsstop)",
    "ret.hold_ends": "Einddatum",
    "ret.hold_help": "Een vernietigingsstop houdt een casus langer vast dan de termijn, bijvoorbeeld voor een klacht "
                     "of rechtszaak. Vul de reden, de verantwoordelijke en de einddatum in en druk Ctrl+S. Escape "
                     "annuleert. Vastleggen en opheffen worden gelogd.",
    # the yes/no question
    # the destruction review
    "ret.destroy_title": "Te vernietigen casussen (termijn verstreken, geen vernietigingsstop)",
    "ret.destroy_columns": "Kies|Casus|Termijn tot|Regel|Loopt vanaf",
    "ret.destroy_selected": "{selected} van {total} casussen geselecteerd.",
    "ret.destroy_none": "Er zijn geen casussen om te vernietigen.",
    "ret.destroy_denied": "Alleen de gemeente kan casussen vernietigen.",
    "ret.destroy_nothing": "Selecteer eerst een of meer casussen.",
    "ret.destroy_busy": "Bezig met vernietigen: {done} van {total}…",
    "ret.destroy_done": "Klaar: {destroyed} casussen vernietigd, {skipped} overgeslagen. Het vernietigingsrapport "
                        "kunt u nu exporteren (E).",
    "ret.destroy_skipped": "Overgeslagen casus {case_id}: {reason}",
    "ret.destroy_help": "De casussen waarvan de termijn verstreken is en waarop geen vernietigingsstop rust. Spatie "
                        "(de)selecteert een casus, A alle casussen. D vernietigt de selectie na bevestiging "
                        "(en, als de instelling dat vraagt, na bevestiging door een tweede medewerker van de "
                        "gemeente met diens wachtwoord). Vernietigen is onomkeerbaar: de persoon en alles van "
                        "de casus verdwijnen; er blijft alleen een vernietigingsverklaring (casusnummer, regel, "
                        "datums, gebruikers). E exporteert het vernietigingsrapport.",
    # the confirmation
    "ret.confirm_title": "Definitief vernietigen",
    "ret.confirm_text": "U staat op het punt {count} casussen definitief te vernietigen. Dit kan niet ongedaan "
                        "worden gemaakt.",
    "ret.confirm_word": "VERNIETIGEN",
    "ret.confirm_type": "Typ {word} om te bevestigen",
    "ret.confirm_mismatch": "Typ precies {word}.",
    "ret.confirm_second": "Vernietigen vraagt een tweede bevestiging: een andere medewerker van de gemeente "
                          "typt hier zelf gebruikersnaam en wachtwoord.",
    "ret.confirm_help": "Typ het bevestigingswoord en druk Ctrl+S. Vraagt de instelling een tweede bevestiging, "
                        "dan vult daarna een andere medewerker van de gemeente zelf gebruikersnaam en wachtwoord "
                        "in. Escape annuleert; er wordt dan niets vernietigd.",
    # the report export
    "ret.export_title": "Vernietigingsrapport exporteren",
    "ret.export_warning": "Let op: het rapport wordt onversleuteld opgeslagen. Het bevat alleen casusnummers, "
                          "bewaarregels, datums en gebruikersnamen, geen persoonsgegevens. Bewaar het op een "
                          "veilige plek. Een bestaand bestand wordt niet overschreven.",
    "ret.export_path": "Bestand (.csv voor CSV, anders platte tekst)",
    "ret.exported": "Vernietigingsrapport ({count} regels) geschreven naar {path}",
    "ret.export_help": "Kies een nieuw bestand en druk Ctrl+S. Eindigt de naam op .csv, dan wordt het CSV, "
                       "anders platte tekst. Het exporteren wordt gelogd. Escape annuleert.",
    # the policy screen
    "ret.policy_title": "Bewaarbeleid {version} (vastgesteld {adopted})",
    "ret.policy_shipped": "Meegeleverd beleid van pgatui.",
    "ret.policy_installed": "Geïnstalleerd door {login} op {at}.",
    "ret.policy_rule": "{rule}: {months} maanden na {event}",
    "ret.policy_outcomes": "Geldt voor uitkomsten: {outcomes}",
    "ret.policy_any": "Geldt voor elke uitkomst (vangnetregel)",
    "ret.policy_settled": "Wettelijk vastgesteld: {answer}",
    "ret.yes": "ja",
    "ret.no": "nee (de termijn onder de Wet PGA staat nog niet vast)",
    "ret.policy_source": "Bron",
    "ret.policy_history": "Eerdere versies: {versions}",
    "ret.policy_denied": "Het bewaarbeleid is zichtbaar voor gemeente, politie, OM, toezicht en beheer.",
    "ret.policy_load_denied": "Alleen een beheerder kan een nieuw bewaarbeleid laden.",
    "ret.policy_loaded": "Bewaarbeleid {version} is nu van kracht; alle termijnen zijn herberekend.",
    "ret.policy_load_title": "Nieuw bewaarbeleid laden",
    "ret.policy_load_path": "Beleidsbestand (JSON)",
    "ret.policy_load_help": "Geef het pad van een JSON-bestand met het nieuwe beleid en druk Ctrl+S. Het beleid "
                            "krijgt een eigen versie; oudere versies blijven bewaard. Escape annuleert.",
    "ret.event.last_substantive_event": "de laatste inhoudelijke gebeurtenis",
    "ret.event.closure": "de afsluiting",
    "ret.event.last_discussion": "de laatste bespreking",
    "ret.event.weighing_concluded": "de afronding van de weging",
    "ret.event.recorded": "het moment van vastleggen",
    "ret.policy_help": "Het bewaarbeleid dat nu geldt: de versie, en per regel de termijn, de gebeurtenis "
                       "waarvanaf hij loopt, voor welke uitkomsten hij geldt en de bron (wet of convenant). "
                       "Termijnen worden altijd berekend met het beleid dat geldt, dus een nieuw beleid "
                       "verandert meteen alle termijnen. Een beheerder laadt een nieuw beleid met L.",
    # the settings screen
    "ret.settings_title": "Instellingen van de kluis",
    "ret.set.auto_lock_minutes": "Automatisch vergrendelen na (minuten)",
    "ret.set.retention_warning_days": "Waarschuwen vóór de bewaartermijn (dagen)",
    "ret.set.retention_marks": "Sterkere markering bij (dagen, gescheiden door komma's)",
    "ret.set.review_interval_months": "Herbeoordeling van een casus elke (maanden)",
    "ret.set.unfinalised_minutes_warning_days": "Waarschuwen voor niet-definitieve notulen na (dagen)",
    "ret.set.destruction_second_confirmation": "Vernietigen vraagt een tweede bevestiging (gemeente)",
    "ret.set.shared_screen_default": "Gedeeld scherm standaard aan",
    "ret.set.language": "Taal",
    "ret.set.legal_bases": "Grondslagen voor het delen van informatie bij de weging (één per regel; 'anders' staat er altijd bij)",
    "ret.set.lang_nl": "Nederlands",
    "ret.set.lang_en": "Engels",
    "ret.settings_saved": "Instellingen opgeslagen.",
    "ret.settings_readonly": "Alleen een beheerder kan de instellingen wijzigen; u ziet ze hier.",
    "ret.settings_not_number": "{field}: vul een geheel getal in.",
    "ret.settings_help": "De instellingen van deze kluis. Wijzigen kan alleen een beheerder; elke wijziging "
                         "wordt gelogd met de oude en de nieuwe waarde. Druk Ctrl+S om op te slaan. Taal, "
                         "gedeeld scherm en automatisch vergrendelen gelden vanaf de volgende ontgrendeling.",
}

EN = {
    "key.ret_open": "Retention",
    "key.ret_policy": "Retention policy",
    "key.ret_settings": "Settings",
    "key.ret_filter": "Filter",
    "key.ret_hold": "Legal hold",
    "key.ret_lift": "Lift legal hold",
    "key.ret_review": "Destroy",
    "key.ret_export": "Report",
    "key.ret_toggle": "(De)select",
    "key.ret_toggle_all": "All",
    "key.ret_destroy": "Destroy",
    "key.ret_confirm": "Confirm",
    "key.ret_cancel": "Cancel",
    "key.ret_load": "Load new policy",
    "cmd.dash.retention": "Retention: what must be destroyed, what is on hold",
    "cmd.dash.policy": "The retention policy in force, with the source of each rule",
    "cmd.dash.settings": "Settings of the vault (beheerder)",
    "ret.title": "Retention of closed cases and dormant open files",
    "ret.columns": "Case|State|Deadline|Days|Rule|Runs from|Hold until",
    "ret.filter": "Filter: {state}   ·   {counts}",
    "ret.filter.all": "all cases",
    "ret.filter.case": "case {case} only (F: all cases)",
    "ret.counts": "{overdue} overdue · {warning} warning · {on_hold} on hold · {running} running",
    "ret.state.overdue": "overdue",
    "ret.state.warning": "warning",
    "ret.state.on_hold": "legal hold",
    "ret.state.running": "running",
    "ret.state.not_started": "still open",
    "ret.mark": "{state} (≤ {days} days)",
    "ret.empty": "No closed cases in this selection.",
    "ret.denied": "Retention is visible to gemeente, politie, OM and toezicht only.",
    "ret.hold_denied": "Only gemeente and OM can place or lift a legal hold.",
    "ret.no_row": "Choose a case in the list first.",
    "ret.hold_placed": "Legal hold placed on {case} until {date}.",
    "ret.hold_lifted": "Legal hold on {case} lifted.",
    "ret.lift_question": "Lift the legal hold on {case}? The case can then be destroyed once its term has "
                         "passed.",
    "ret.help": "Every closed case with its retention rule, the event its term runs from, the deadline and "
                "the state; the most urgent first. The warning starts the number of days before the "
                "deadline set in the settings; at 30 and 7 days the marking gets stronger. F switches the "
                "filter. H places a legal hold (reason, owner, end date), L lifts it: a case on hold is "
                "never destroyed. V opens the list of cases to destroy, E exports the destruction report, "
                "P shows the policy.",
    "ret.hold_title": "Place a legal hold on {case}",
    "ret.hold_reason": "Reason (for example a complaint or court case)",
    "ret.hold_owner": "Responsible (who watches over the vernietigingsstop)",
    "ret.hold_ends": "End date",
    "ret.hold_help": "A legal hold keeps a case past its term, for example for a complaint or a court case. "
                     "Enter the reason, the owner and the end date and press Ctrl+S. Escape cancels. Placing "
                     "and lifting are logged.",
    "ret.destroy_title": "Cases to destroy (term passed, no legal hold)",
    "ret.destroy_columns": "Pick|Case|Deadline|Rule|Runs from",
    "ret.destroy_selected": "{selected} of {total} cases selected.",
    "ret.destroy_none": "There are no cases to destroy.",
    "ret.destroy_denied": "Only the gemeente can destroy cases.",
    "ret.destroy_nothing": "Select one or more cases first.",
    "ret.destroy_busy": "Destroying: {done} of {total}…",
    "ret.destroy_done": "Done: {destroyed} cases destroyed, {skipped} skipped. You can export the destruction "
                        "report now (E).",
    "ret.destroy_skipped": "Skipped case {case_id}: {reason}",
    "ret.destroy_help": "The cases whose term has passed and that have no legal hold. Space (de)selects a case, "
                        "A all cases. D destroys the selection after confirmation (and, when the setting asks "
                        "for it, after a second gemeente user confirms with their own password). Destruction "
                        "cannot be undone: the person and everything of the case disappear; only a "
                        "destruction record remains (case number, rule, dates, users). E exports the "
                        "destruction report.",
    "ret.confirm_title": "Destroy for good",
    "ret.confirm_text": "You are about to destroy {count} cases for good. This cannot be undone.",
    "ret.confirm_word": "DESTROY",
    "ret.confirm_type": "Type {word} to confirm",
    "ret.confirm_mismatch": "Type exactly {word}.",
    "ret.confirm_second": "Destruction needs a second confirmation: another gemeente user types their own user "
                          "name and password here.",
    "ret.confirm_help": "Type the confirmation word and press Ctrl+S. When the setting asks for a second "
                        "confirmation, another gemeente user then enters their own user name and password. "
                        "Escape cancels; nothing is destroyed then.",
    "ret.export_title": "Export the destruction report",
    "ret.export_warning": "Note: the report is saved unencrypted. It holds only case numbers, retention "
                          "rules, dates and user names, no personal data. Keep it in a safe place. An existing "
                          "file is never overwritten.",
    "ret.export_path": "File (.csv for CSV, otherwise plain text)",
    "ret.exported": "Destruction report ({count} lines) written to {path}",
    "ret.export_help": "Choose a new file and press Ctrl+S. A name ending in .csv gives CSV, anything else "
                       "plain text. The export is logged. Escape cancels.",
    "ret.policy_title": "Retention policy {version} (adopted {adopted})",
    "ret.policy_shipped": "The policy shipped with pgatui.",
    "ret.policy_installed": "Installed by {login} on {at}.",
    "ret.policy_rule": "{rule}: {months} months after {event}",
    "ret.policy_outcomes": "Applies to outcomes: {outcomes}",
    "ret.policy_any": "Applies to any outcome (catch-all rule)",
    "ret.policy_settled": "Settled in law: {answer}",
    "ret.yes": "yes",
    "ret.no": "no (the term under the Wet PGA is not settled yet)",
    "ret.policy_source": "Source",
    "ret.policy_history": "Earlier versions: {versions}",
    "ret.policy_denied": "The retention policy is visible to gemeente, politie, OM, toezicht and beheer.",
    "ret.policy_load_denied": "Only a beheerder can load a new retention policy.",
    "ret.policy_loaded": "Retention policy {version} is now in force; every deadline was recomputed.",
    "ret.policy_load_title": "Load a new retention policy",
    "ret.policy_load_path": "Policy file (JSON)",
    "ret.policy_load_help": "Enter the path of a JSON file with the new policy and press Ctrl+S. The policy "
                            "gets its own version; older versions are kept. Escape cancels.",
    "ret.event.last_substantive_event": "the last substantive event",
    "ret.event.closure": "closure",
    "ret.event.last_discussion": "the last discussion",
    "ret.event.weighing_concluded": "the conclusion of the weighing",
    "ret.event.recorded": "the moment it is recorded",
    "ret.policy_help": "The retention policy in force: its version and, per rule, the term, the event it runs "
                       "from, the outcomes it applies to and its source (law or covenant). Deadlines are "
                       "always computed with the policy in force, so a new policy changes every deadline at "
                       "once. A beheerder loads a new policy with L.",
    "ret.settings_title": "Settings of the vault",
    "ret.set.auto_lock_minutes": "Lock automatically after (minutes)",
    "ret.set.retention_warning_days": "Warn before the retention deadline (days)",
    "ret.set.retention_marks": "Stronger marking at (days, separated by commas)",
    "ret.set.review_interval_months": "Review a case every (months)",
    "ret.set.unfinalised_minutes_warning_days": "Warn about minutes not final after (days)",
    "ret.set.destruction_second_confirmation": "Destruction needs a second confirmation (gemeente)",
    "ret.set.shared_screen_default": "Shared screen on by default",
    "ret.set.language": "Language",
    "ret.set.legal_bases": "Legal bases for sharing information at the weighing (one per line; 'other' is always offered)",
    "ret.set.lang_nl": "Dutch",
    "ret.set.lang_en": "English",
    "ret.settings_saved": "Settings saved.",
    "ret.settings_readonly": "Only a beheerder can change the settings; you can see them here.",
    "ret.settings_not_number": "{field}: enter a whole number.",
    "ret.settings_help": "The settings of this vault. Only a beheerder can change them; every change is logged "
                         "with the old and the new value. Press Ctrl+S to save. Language, shared screen and "
                         "auto-lock apply from the next unlock.",
}
