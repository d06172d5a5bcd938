"""Shared dialogs: export target, a colleague's password."""

NL = {
    "export.title": "Exporteren naar een bestand",
    "export.warning": "Let op: een export verlaat de versleutelde kluis. Het bestand is NIET versleuteld. "
                      "Bewaar het alleen op een goedgekeurde plek en vernietig het na gebruik.",
    "export.path": "Bestand (.txt, .md of .pdf)",
    "export.hint": "Enter: opslaan · Escape: annuleren",
    "export.done": "Geëxporteerd naar {path}. Het bestand is niet versleuteld.",
    "export.help": "Typ de volledige bestandsnaam. De vorm volgt uit de extensie: .txt (platte tekst), .md "
                   "(Markdown) of .pdf. Een bestaand bestand wordt nooit overschreven. Elke export wordt in "
                   "het auditlog vastgelegd.",
    "colleague.title": "Bevestigen met eigen wachtwoord",
    "colleague.help": "De genoemde persoon typt zelf gebruikersnaam en wachtwoord. Het wachtwoord wordt alleen "
                      "gecontroleerd en niet bewaard. Escape annuleert.",
}

EN = {
    "export.title": "Export to a file",
    "export.warning": "Note: an export leaves the encrypted vault. The file is NOT encrypted. Keep it only "
                      "in an approved place and destroy it after use.",
    "export.path": "File (.txt, .md or .pdf)",
    "export.hint": "Enter: save · Escape: cancel",
    "export.done": "Exported to {path}. The file is not encrypted.",
    "export.help": "Type the full file name. The format follows from the extension: .txt (plain text), .md "
                   "(Markdown) or .pdf. An existing file is never overwritten. Every export is recorded in "
                   "the audit log.",
    "colleague.title": "Confirm with your own password",
    "colleague.help": "The person named types their own user name and password. The password is only checked, "
                      "never stored. Escape cancels.",
}
