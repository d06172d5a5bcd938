"""The accountable process (issue 11): disposal as duplicate or error, the criminal track beside the
weighing, dormant open files and the FG's disposal records."""

NL = {
    # dashboard tasks
    "task.dormant": "Slapend dossier: besluit nodig",
    "task.reintegration_due": "Re-integratie na detentie",
    # the weighing's conclusion dialog and the case file
    "track.title": "Strafrechtelijk traject (loopt naast de PGA; sluit de casus niet af)",
    "track.release": "Verwachte vrijlating (dd-mm-jjjj), alleen bij detentie, als bekend",
    "track.line": "Strafrechtelijk traject: {track}",
    "track.line_release": "Strafrechtelijk traject: {track}, verwachte vrijlating {date}",
    "ret.set.reintegration_lead_weeks": "Taak re-integratie na detentie (weken vóór de vrijlating)",
    # disposal from the case file
    "key.file_dispose": "Afvoeren",
    "cmd.file.dispose": "Dit signaal afsluiten als dubbel van een andere casus of als vergissing "
                        "(met bevestiging door een tweede kernpartner)",
    "disp.title": "Afsluiten als dubbel of vergissing — casus {case}",
    "disp.intro": "Een signaal wordt alleen zonder weging afgesloten als het een dubbel is van een andere "
                  "casus (de signalen gaan daarheen) of ten onrechte is ingevoerd. Een tweede kernpartner "
                  "bevestigt met eigen wachtwoord; de FG ziet het verslag.",
    "disp.kind": "Soort",
    "disp.kind_duplicate": "Dubbel van een andere casus",
    "disp.kind_error": "Ten onrechte ingevoerd (vergissing)",
    "disp.original": "Casusnummer van het origineel (bij dubbel), bijv. PGA-2026-00012",
    "disp.original_needed": "Vul het casusnummer van het origineel in.",
    "disp.original_not_for_error": "Bij een vergissing hoort geen ander casusnummer.",
    "disp.colleague": "Een tweede kernpartner (gemeente, politie of OM, niet uzelf) bevestigt het afsluiten "
                      "van {case} met eigen gebruikersnaam en wachtwoord.",
    "disp.done_duplicate": "{case} is afgesloten als dubbel van {original}; de signalen staan nu daar.",
    "disp.done_error": "{case} is afgesloten als vergissing.",
    "disp.not_now": "Alleen een signaal dat nog niet gewogen is, wordt als dubbel of vergissing afgesloten.",
    # dormant files on the retention screen
    "key.ret_close_dormant": "Sluiten",
    "key.ret_justify": "Open houden",
    "key.ret_disposals": "Dubbel/vergissing",
    "cmd.ret.close_dormant": "Een slapend dossier afsluiten met een reden (niet vanuit signaal: dat vraagt een weging)",
    "cmd.ret.justify": "Vastleggen waarom een slapend dossier open blijft (de termijn begint opnieuw)",
    "cmd.ret.disposals": "Het verslag van signalen afgesloten als dubbel of vergissing (zonder persoonsgegevens)",
    "ret.state.dormant": "slapend",
    "ret.state.justified": "open gehouden",
    "ret.counts_open": "{dormant} slapend · {justified} open gehouden",
    "dorm.not_dormant": "Kies een slapend dossier (toestand 'slapend').",
    "dorm.denied": "Alleen de gemeente sluit een slapend dossier of houdt het open.",
    "dorm.close_title": "Slapend dossier {case} afsluiten",
    "dorm.close_intro": "Het dossier had te lang geen inhoudelijke gebeurtenis. Afsluiten start de bewaartermijn. "
                        "Een signaal dat nooit gewogen is, kan zo niet worden afgesloten.",
    "dorm.reason": "Reden (verplicht)",
    "dorm.closed": "{case} is afgesloten.",
    "dorm.justify_title": "Slapend dossier {case} open houden",
    "dorm.justify_intro": "Leg vast waarom het dossier open blijft. Vanaf deze datum begint de termijn opnieuw; "
                          "de verantwoording staat in de geschiedenis van de casus.",
    "dorm.justify_reason": "Waarom blijft het dossier open? (verplicht)",
    "dorm.justify_date": "Datum (dd-mm-jjjj)",
    "dorm.justified": "{case} blijft open; de verantwoording is vastgelegd.",
    "disp.records_title": "Afgesloten als dubbel of vergissing",
    "disp.records_columns": "Casus|Soort|Andere casus|Door|Bevestigd door|Moment",
    "disp.records_none": "Er is nog geen signaal als dubbel of vergissing afgesloten.",
    "disp.records_help": "Het verslag van elk signaal dat zonder weging is afgesloten, als dubbel van een andere "
                         "casus of als vergissing: casusnummers, wie en wie bevestigde, wanneer. Geen persoonsgegevens. "
                         "Escape gaat terug.",
}

EN = {
    "task.dormant": "Dormant file: decision needed",
    "task.reintegration_due": "Re-integration after detention",
    "track.title": "Criminal track (runs alongside the PGA; does not close the case)",
    "track.release": "Expected release (dd-mm-yyyy), detention only, where known",
    "track.line": "Criminal track: {track}",
    "track.line_release": "Criminal track: {track}, expected release {date}",
    "ret.set.reintegration_lead_weeks": "Re-integration after detention task (weeks before release)",
    "key.file_dispose": "Dispose",
    "cmd.file.dispose": "Close this signal as a duplicate of another case or as entered in error "
                        "(confirmed by a second core partner)",
    "disp.title": "Close as duplicate or error — case {case}",
    "disp.intro": "A signal closes without a weighing only when it duplicates another case (its signals move "
                  "there) or was entered in error. A second core partner confirms with their own password; "
                  "the FG sees the record.",
    "disp.kind": "Kind",
    "disp.kind_duplicate": "Duplicate of another case",
    "disp.kind_error": "Entered in error",
    "disp.original": "Case number of the original (for a duplicate), e.g. PGA-2026-00012",
    "disp.original_needed": "Enter the case number of the original.",
    "disp.original_not_for_error": "An error names no other case number.",
    "disp.colleague": "A second core partner (gemeente, politie or OM, not yourself) confirms closing {case} "
                      "with their own user name and password.",
    "disp.done_duplicate": "{case} is closed as a duplicate of {original}; its signals are there now.",
    "disp.done_error": "{case} is closed as entered in error.",
    "disp.not_now": "Only a signal not yet weighed closes as a duplicate or an error.",
    "key.ret_close_dormant": "Close dormant",
    "key.ret_justify": "Keep open",
    "key.ret_disposals": "Duplicates/errors",
    "cmd.ret.close_dormant": "Close a dormant file with a reason (not from signaal: that needs a weighing)",
    "cmd.ret.justify": "Record why a dormant file stays open (the term starts again)",
    "cmd.ret.disposals": "The record of signals closed as duplicate or error (no personal data)",
    "ret.state.dormant": "dormant",
    "ret.state.justified": "kept open",
    "ret.counts_open": "{dormant} dormant · {justified} kept open",
    "dorm.not_dormant": "Choose a dormant file (state 'dormant').",
    "dorm.denied": "Only the gemeente closes a dormant file or keeps it open.",
    "dorm.close_title": "Close dormant file {case}",
    "dorm.close_intro": "The file had no substantive event for too long. Closing starts its retention period. "
                        "A signal that was never weighed cannot be closed this way.",
    "dorm.reason": "Reason (required)",
    "dorm.closed": "{case} is closed.",
    "dorm.justify_title": "Keep dormant file {case} open",
    "dorm.justify_intro": "Record why the file stays open. From this date the term starts again; the "
                          "justification is in the case's history.",
    "dorm.justify_reason": "Why does the file stay open? (required)",
    "dorm.justify_date": "Date (dd-mm-yyyy)",
    "dorm.justified": "{case} stays open; the justification is recorded.",
    "disp.records_title": "Closed as duplicate or error",
    "disp.records_columns": "Case|Kind|Other case|By|Confirmed by|Moment",
    "disp.records_none": "No signal has been closed as a duplicate or an error yet.",
    "disp.records_help": "The record of every signal closed without a weighing, as a duplicate of another case or "
                         "as entered in error: case numbers, who and who confirmed, when. No personal data. "
                         "Escape goes back.",
}
