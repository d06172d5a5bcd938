"""Textual's own palette and system texts (pgatui.tui.palette), in both languages."""

NL = {
    "palette.placeholder": "Zoek een opdracht…",
    "palette.no_matches": "Geen opdracht gevonden",
    "palette.maximize": "Vergroten",
    "palette.maximize_help": "Toon het gekozen onderdeel over het hele scherm",
    "palette.minimize": "Verkleinen",
    "palette.minimize_help": "Zet het vergrote onderdeel terug op zijn plaats",
    "palette.how_to_quit": "Ctrl+C sluit pgatui niet af; druk Ctrl+Q om af te sluiten.",
}

EN = {
    "palette.placeholder": "Search for a command…",
    "palette.no_matches": "No command found",
    "palette.maximize": "Enlarge",
    "palette.maximize_help": "Show the chosen part on the whole screen",
    "palette.minimize": "Shrink",
    "palette.minimize_help": "Put the enlarged part back in its place",
    "palette.how_to_quit": "Ctrl+C does not close pgatui; press Ctrl+Q to close it.",
}
