"""Strings of the figures screen (keys fig.*, key.fig_*), issue 16."""

NL = {
    "key.fig_open": "Cijfers",
    "key.fig_period": "Periode",
    "key.fig_preset": "Snelkeuze",
    "key.fig_municipality": "Gemeente",
    "key.fig_export": "Exporteren",
    "cmd.dash.figures": "Cijfers: signalen, het pad, doorlooptijden en dossiers, zonder personen",
    "cmd.fig.period": "Kies de periode (van en tot, dd-mm-jjjj)",
    "cmd.fig.preset": "Snelkeuze: dit jaar, de laatste 12 maanden of het laatste kwartaal",
    "cmd.fig.municipality": "Kies de gemeente (of alle gemeenten die u mag zien)",
    "cmd.fig.export": "Exporteer de cijfers als CSV of als rapport (.pdf, .txt, .md)",
    "fig.title": "Cijfers: de persoonsgerichte aanpak in aantallen",
    "fig.filter": "Periode {start} t/m {end}  ·  {municipality}",
    "fig.all": "alle gemeenten die u mag zien",
    "fig.suppression": "Alleen aantallen: 1 t/m 4 staat als <5, x is verborgen (F1 legt uit).",
    "fig.process_only": "U ziet de procescijfers: het pad, de kernpartners, de doorlooptijden en de dossiers.",
    "fig.loading": "Cijfers worden geteld…",
    "fig.denied": "U mag de cijfers niet zien.",
    "fig.columns": "|Aantal|Aandeel",
    "fig.total": "Totaal",
    "fig.signals": "Signalen in de periode: {count}",
    "fig.sources": "Signalen naar bron",
    "fig.ideologies": "Signalen naar vermoedelijke ideologie (een signaal kan bij meer dan één tellen)",
    "fig.ages": "Signalen naar leeftijd bij het signaal",
    "fig.genders": "Signalen naar gender van de persoon",
    "fig.room_ideologies": "Fenomeen volgens de weegploeg bij afgeronde wegingen (een weging kan bij meer dan één "
                           "tellen)",
    "fig.months": "Signalen per maand",
    "fig.outcomes": "Uitkomsten van wegingen",
    "fig.path": "Het pad van de casussen die in de periode begonnen",
    "fig.path.opened": "Signalen (nieuwe casussen)",
    "fig.path.weighed": "Gewogen",
    "fig.path.included": "Opgenomen in de PGA",
    "fig.path.discussed": "Besproken in casusoverleg",
    "fig.path.closed": "Afgesloten",
    "fig.step.opened": "Signaal",
    "fig.step.weighed": "Gewogen",
    "fig.step.included": "Opgenomen",
    "fig.step.discussed": "Overleg",
    "fig.step.closed": "Afgesloten",
    "fig.core": "Eerste wegingen met gemeente, politie en OM aanwezig en vastgelegd",
    "fig.core.first": "Eerste wegingen",
    "fig.core.complete": "Met alle drie de kernpartners",
    "fig.lead": "Doorlooptijden in dagen",
    "fig.lead.to_weighing": "Signaal tot eerste weging",
    "fig.lead.to_meeting": "Weging tot eerste casusoverleg",
    "fig.lead.cases": "{what}: casussen",
    "fig.lead.median": "{what}: mediaan",
    "fig.lead.p90": "{what}: 90e percentiel",
    "fig.open": "Open casussen per fase (vandaag)",
    "fig.overdue": "Verlopen termijnen per soort (vandaag)",
    "fig.overdue.follow_up": "Termijn meer informatie",
    "fig.overdue.review": "Herbeoordeling",
    "fig.overdue.evaluation": "Evaluatie interventie",
    "fig.overdue.informing": "Heroverweging informeren",
    "fig.overdue.action": "Actiepunt",
    "fig.retention": "Bewaren en vernietigen",
    "fig.dormant": "Slapende open dossiers (vandaag)",
    "fig.destroyed": "Vernietigd in de periode",
    "fig.destruction_due": "Te vernietigen (vandaag)",
    "fig.period_title": "Periode van de cijfers",
    "fig.period_from": "Van (dd-mm-jjjj)",
    "fig.period_to": "Tot en met (dd-mm-jjjj)",
    "fig.period_reversed": "De einddatum ligt voor de begindatum.",
    "fig.date_missing": "Vul een datum in (dd-mm-jjjj).",
    "fig.preset_title": "Snelkeuze voor de periode",
    "fig.preset.this_year": "Dit jaar",
    "fig.preset.last_12_months": "De laatste 12 maanden",
    "fig.preset.last_quarter": "Het laatste kwartaal",
    "fig.municipality_title": "Cijfers van welke gemeente?",
    "fig.exported": "Cijfers geëxporteerd naar {path}.",
    "fig.export_path": "Bestand (.csv, of een rapport: .pdf, .txt of .md)",
    "fig.help": "Cijfers over de persoonsgerichte aanpak, zonder dat er een persoon in staat: alleen aantallen. "
                "Een aantal van 1 tot en met 4 staat als <5. Staat in een tabel precies één <5, dan is ook het "
                "kleinste andere aantal verborgen (x): anders rekent men het uit het totaal terug. Een aandeel of "
                "doorlooptijd van minder dan 5 casussen staat als -. Een verborgen aantal krijgt geen staaf in de "
                "grafiek: de hoogte zou het verraden.\n\n"
                "P kiest de periode (van en tot, dd-mm-jjjj), K een snelkeuze (dit jaar, de laatste 12 maanden, "
                "het laatste kwartaal), G de gemeente (of alle gemeenten die u mag zien). E exporteert dezelfde "
                "cijfers als CSV of als rapport (.pdf, .txt, .md) met de vertrouwelijkheidsregel.\n\n"
                "Naar ideologie telt de ideologieën die bij de signalen werden vermoed (een signaal met meer dan "
                "één telt bij elk, het totaal is het aantal signalen); het fenomeen zoals de weegploeg het bij de "
                "weging zag, staat in een eigen tabel, per afgeronde weging van de periode. Gender is dat van de "
                "persoon (onbekend als het niet is ingevuld).\n\n"
                "Signalen tellen op de datum van ontvangst; het pad volgt de casussen die in de periode begonnen "
                "(gewogen, opgenomen, besproken in een casusoverleg dat gehouden is, afgesloten). De fasen, "
                "verlopen termijnen, slapende dossiers en te vernietigen casussen zijn de stand van vandaag. "
                "Toezicht ziet alleen de procescijfers: het pad, de kernpartners, de doorlooptijden en de dossiers. "
                "Het openen en exporteren van cijfers staat in het auditlog (alleen periode en gemeente).",
}

EN = {
    "key.fig_open": "Figures",
    "key.fig_period": "Period",
    "key.fig_preset": "Quick pick",
    "key.fig_municipality": "Municipality",
    "key.fig_export": "Export",
    "cmd.dash.figures": "Figures: signals, the path, lead times and files, without persons",
    "cmd.fig.period": "Choose the period (from and to, dd-mm-yyyy)",
    "cmd.fig.preset": "Quick pick: this year, the last 12 months or the last quarter",
    "cmd.fig.municipality": "Choose the municipality (or all municipalities you may see)",
    "cmd.fig.export": "Export the figures as CSV or as a report (.pdf, .txt, .md)",
    "fig.title": "Figures: the person-centred approach in numbers",
    "fig.filter": "Period {start} to {end}  ·  {municipality}",
    "fig.all": "all municipalities you may see",
    "fig.suppression": "Counts only: 1 to 4 shows as <5, x is hidden (F1 explains).",
    "fig.process_only": "You see the process figures: the path, the core partners, the lead times and the files.",
    "fig.loading": "Counting…",
    "fig.denied": "You may not see the figures.",
    "fig.columns": "|Count|Share",
    "fig.total": "Total",
    "fig.signals": "Signals in the period: {count}",
    "fig.sources": "Signals by source",
    "fig.ideologies": "Signals by suspected ideology (a signal may count in more than one)",
    "fig.ages": "Signals by age at the signal",
    "fig.genders": "Signals by the person's gender",
    "fig.room_ideologies": "Phenomenon as the weegploeg saw it at concluded weighings (a weighing may count in more "
                           "than one)",
    "fig.months": "Signals per month",
    "fig.outcomes": "Weighing outcomes",
    "fig.path": "The path of the cases that began in the period",
    "fig.path.opened": "Signals (new cases)",
    "fig.path.weighed": "Weighed",
    "fig.path.included": "Taken into the PGA",
    "fig.path.discussed": "Discussed in a case meeting",
    "fig.path.closed": "Closed",
    "fig.step.opened": "Signal",
    "fig.step.weighed": "Weighed",
    "fig.step.included": "Taken in",
    "fig.step.discussed": "Meeting",
    "fig.step.closed": "Closed",
    "fig.core": "First weighings with municipality, police and OM present and recorded",
    "fig.core.first": "First weighings",
    "fig.core.complete": "With all three core partners",
    "fig.lead": "Lead times in days",
    "fig.lead.to_weighing": "Signal to first weighing",
    "fig.lead.to_meeting": "Weighing to first case meeting",
    "fig.lead.cases": "{what}: cases",
    "fig.lead.median": "{what}: median",
    "fig.lead.p90": "{what}: 90th percentile",
    "fig.open": "Open cases by phase (today)",
    "fig.overdue": "Overdue deadlines by kind (today)",
    "fig.overdue.follow_up": "More-information deadline",
    "fig.overdue.review": "Review",
    "fig.overdue.evaluation": "Intervention evaluation",
    "fig.overdue.informing": "Reconsider informing",
    "fig.overdue.action": "Action item",
    "fig.retention": "Retention and destruction",
    "fig.dormant": "Dormant open files (today)",
    "fig.destroyed": "Destroyed in the period",
    "fig.destruction_due": "Due for destruction (today)",
    "fig.period_title": "Period of the figures",
    "fig.period_from": "From (dd-mm-yyyy)",
    "fig.period_to": "To (dd-mm-yyyy)",
    "fig.period_reversed": "The end date is before the start date.",
    "fig.date_missing": "Enter a date (dd-mm-yyyy).",
    "fig.preset_title": "Quick pick for the period",
    "fig.preset.this_year": "This year",
    "fig.preset.last_12_months": "The last 12 months",
    "fig.preset.last_quarter": "The last quarter",
    "fig.municipality_title": "Figures of which municipality?",
    "fig.exported": "Figures exported to {path}.",
    "fig.export_path": "File (.csv, or a report: .pdf, .txt or .md)",
    "fig.help": "Figures about the person-centred approach without any person in them: counts only. A count "
                "of 1 to 4 shows as <5. When a table has exactly one <5, the smallest other count is hidden "
                "too (x): otherwise it could be worked out from the total. A share or lead time over fewer than "
                "5 cases shows as -. A hidden count gets no bar in the chart: its height would give it away.\n\n"
                "P chooses the period (from and to, dd-mm-yyyy), K a quick pick (this year, the last 12 months, "
                "the last quarter), G the municipality (or all municipalities you may see). E exports the same "
                "figures as CSV or as a report (.pdf, .txt, .md) with the confidentiality line.\n\n"
                "By ideology counts the ideologies the signals suspected (a signal with more than one counts in "
                "each, the total is the number of signals); the phenomenon as the weegploeg saw it at the "
                "weighing has a table of its own, per concluded weighing of the period. Gender is the person's "
                "(unknown when not filled in).\n\n"
                "Signals count on the date they were received; the path follows the cases that began in the "
                "period (weighed, taken in, discussed in a case meeting that was held, closed). Phases, overdue "
                "deadlines, dormant files and cases due for destruction are as of today. Supervision sees the "
                "process figures only: the path, the core partners, the lead times and the files. Opening and "
                "exporting figures is in the audit log (period and municipality only).",
}
