"""The weighing criteria adopted in the vault (route "criteria")."""

NL = {
    "key.crit_load": "Bestand vaststellen",
    "key.crit_edit": "Criterium wijzigen",
    "cmd.criteria.load": "Een nieuwe versie van de criteria vaststellen uit een bestand",
    "cmd.criteria.edit": "Eén criterium wijzigen of toevoegen en als nieuwe versie vaststellen",
    "crit.loading": "Criteria worden gelezen…",
    "crit.title": "Criteria voor de weging: versie {version}, vastgesteld {adopted}",
    "crit.source": "Bron",
    "crit.adoptions": "Vastgestelde versies (nieuwste eerst)",
    "crit.adoption": "{version} · vastgesteld {adopted} · door {by} · reden: {reason}",
    "crit.denied": "Alleen een gemeentelijke gebruiker of de beheerder stelt criteria vast.",
    "crit.load_title": "Criteria vaststellen uit een bestand",
    "crit.load_path": "JSON-bestand met één versie van de criteria",
    "crit.edit_which": "Welk criterium wijzigt u?",
    "crit.new_criterion": "Nieuw criterium toevoegen",
    "crit.edit_title": "Criterium wijzigen of toevoegen (nieuwe versie)",
    "crit.form_intro": "De nieuwe versie geldt voor wegingen die hierna worden geopend. Eerdere wegingen "
                       "houden de tekst van hun eigen versie.",
    "crit.field.id": "Code (kleine letters, cijfers en streepjes)",
    "crit.field.title": "Titel",
    "crit.field.explanation": "Uitleg",
    "crit.field.kind": "Soort",
    "crit.field.version": "Naam van de nieuwe versie",
    "crit.field.adopted_on": "Vastgesteld op (dd-mm-jjjj)",
    "crit.field.reason": "Reden van de vaststelling",
    "crit.adopted": "Criteria versie {version} vastgesteld.",
    "crit.help": "De criteria waarmee de weegploeg weegt, zoals de kluis ze heeft vastgesteld: "
                 "risicofactoren, beschermende factoren en de noodzaak en subsidiariteit apart. Een weging "
                 "bewaart de volledige tekst van de criteria die zij gebruikte, dus een latere versie verandert "
                 "niets aan eerdere wegingen.\n\n"
                 "L: een nieuwe versie vaststellen uit een JSON-bestand (één versie: version, adopted, source, "
                 "note, criteria met id, title, explanation en kind). W: één criterium wijzigen of toevoegen "
                 "als nieuwe versie. Beide vragen de reden en de datum van vaststelling; elke vaststelling "
                 "staat in het auditlog en gaat mee in back-ups. Escape gaat terug.",
    "crit.load_help": "Typ het pad van een JSON-bestand met één versie van de criteria. Daarna vraagt "
                      "pgatui de reden en de datum van vaststelling.",
    "crit.form_help": "Vul de reden en de datum van vaststelling in (dd-mm-jjjj). Bij een wijziging ook de "
                      "naam van de nieuwe versie. Ctrl+S stelt vast, Escape annuleert.",
}

EN = {
    "key.crit_load": "Adopt file",
    "key.crit_edit": "Change criterion",
    "cmd.criteria.load": "Adopt a new version of the criteria from a file",
    "cmd.criteria.edit": "Change or add one criterion and adopt it as a new version",
    "crit.loading": "Reading the criteria…",
    "crit.title": "Criteria for the weighing: version {version}, adopted {adopted}",
    "crit.source": "Source",
    "crit.adoptions": "Adopted versions (newest first)",
    "crit.adoption": "{version} · adopted {adopted} · by {by} · reason: {reason}",
    "crit.denied": "Only a municipal user or the administrator adopts criteria.",
    "crit.load_title": "Adopt criteria from a file",
    "crit.load_path": "JSON file with one version of the criteria",
    "crit.edit_which": "Which criterion do you change?",
    "crit.new_criterion": "Add a new criterion",
    "crit.edit_title": "Change or add a criterion (new version)",
    "crit.form_intro": "The new version applies to weighings opened from now on. Earlier weighings keep the "
                       "text of their own version.",
    "crit.field.id": "Code (lower-case letters, digits and hyphens)",
    "crit.field.title": "Title",
    "crit.field.explanation": "Explanation",
    "crit.field.kind": "Kind",
    "crit.field.version": "Name of the new version",
    "crit.field.adopted_on": "Adopted on (dd-mm-yyyy)",
    "crit.field.reason": "Reason for the adoption",
    "crit.adopted": "Criteria version {version} adopted.",
    "crit.help": "The criteria the weegploeg weighs with, as adopted in the vault: risk factors, protective "
                 "factors and necessity and subsidiarity apart. A weighing keeps the full text of the criteria "
                 "it used, so a later version changes nothing in earlier weighings.\n\n"
                 "L: adopt a new version from a JSON file (one version: version, adopted, source, note, "
                 "criteria with id, title, explanation and kind). W: change or add one criterion as a new "
                 "version. Both ask the reason and date of adoption; every adoption is in the audit log and "
                 "in backups. Escape goes back.",
    "crit.load_help": "Type the path of a JSON file with one version of the criteria. pgatui then asks the "
                      "reason and the date of adoption.",
    "crit.form_help": "Fill in the reason and the date of adoption (dd-mm-yyyy); for a change also the name of "
                      "the new version. Ctrl+S adopts, Escape cancels.",
}
