"""One catalogue of every string the TUI shows: Dutch by default, English on request.

Domain words stay Dutch in English too (weegploeg, casusoverleg, PGA, BSN): the users know them.
"""

from __future__ import annotations

import datetime as dt
from string import Formatter

NL: dict[str, str] = {
    "app.title": "pgatui — persoonsgerichte aanpak",
    "app.shared_on": "GEDEELD SCHERM: identificerende gegevens verborgen",
    "app.demo": "DEMOKLUIS — alleen synthetische gegevens",
    "app.locked": "Vergrendeld",
    "key.help": "Help",
    "key.lock": "Vergrendel",
    "key.shared": "Gedeeld scherm",
    "key.quit": "Afsluiten",
    "key.submit": "Ontgrendel",
    "key.back": "Terug",
    "key.clear": "Wis wachtwoord",
    "key.save": "Opslaan",
    "cmd.app.lock": "Vergrendel nu: sluit de kluis en wis de getoonde gegevens",
    "cmd.app.shared": "Gedeeld scherm aan/uit: verberg BSN, adres, geboortedatum en telefoon",
    "cmd.app.help": "Toon de hulp bij dit scherm",
    "cmd.app.quit": "Sluit pgatui af (de kluis wordt vergrendeld)",
    "cmd.key": "Toets {key}",
    "cmd.language": "Language / Taal: English",
    "cmd.language_help": "Toon pgatui in het Engels (vaktermen blijven Nederlands)",
    "app.autolocked": "Automatisch vergrendeld na {minutes} min zonder activiteit.",
    "app.user": "{login} ({role})",
    "unlock.failed": "Gebruikersnaam of wachtwoord onjuist.",
    "unlock.vault_busy": "Kluis bezet: de kluis is in gebruik door een ander proces (bijvoorbeeld een sleutelwissel of "
                         "herstel). Probeer het later opnieuw.",
    "unlock.not_found": "Op deze plek staat geen kluis. Controleer de map.",
    "unlock.submit": "Ontgrendel",
    "passwd.submit": "Wijzig wachtwoord",
    "passwd.busy": "Bezig met wijzigen…",
    "help.none": "Voor dit scherm is geen aparte hulp.",
    "help.about": "Dit is de hulp. Escape of F1 sluit haar.",
    "unlock.title": "Kluis ontgrendelen",
    "unlock.vault": "Kluis: {path}",
    "unlock.login": "Gebruikersnaam",
    "unlock.password": "Wachtwoord",
    "unlock.busy": "Bezig met ontgrendelen…",
    "unlock.empty": "Vul uw gebruikersnaam en wachtwoord in.",
    "unlock.wait": "Te veel mislukte pogingen. Wacht nog {seconds} seconden.",
    "unlock.damaged": "De kluis is beschadigd of gewijzigd: {detail} Neem contact op met de beheerder.",
    "unlock.demo_title": "Demo-accounts (alleen in deze demokluis)",
    "unlock.demo_row": "{login:<10} {password:<26} {role}",
    "unlock.help": "Vul uw gebruikersnaam en wachtwoord in en druk op Enter. Na drie mislukte "
                   "pogingen moet u steeds langer wachten; dat wordt hier afgeteld. Een nieuw account "
                   "moet eerst zijn eenmalige wachtwoord wijzigen.",
    "passwd.title": "Wachtwoord wijzigen",
    "passwd.intro": "Kies een nieuw wachtwoord van minstens 12 tekens. Een zin werkt goed.",
    "passwd.current": "Huidig (eenmalig) wachtwoord",
    "passwd.new": "Nieuw wachtwoord",
    "passwd.repeat": "Herhaal nieuw wachtwoord",
    "passwd.mismatch": "De twee nieuwe wachtwoorden verschillen.",
    "passwd.done": "Wachtwoord gewijzigd. U bent aangemeld.",
    "passwd.help": "Uw account heeft een eenmalig wachtwoord. Vul het in, kies een nieuw wachtwoord "
                   "en herhaal het. Enter bevestigt, Escape gaat terug.",
    "home.title": "Overzicht",
    "home.signed_in": "Aangemeld als {login} ({role}, {organisation})",
    "home.help": "Het overzicht toont uw taken. Ctrl+L vergrendelt, Ctrl+G zet het gedeelde scherm "
                 "aan of uit, Ctrl+P opent het commandopalet, F1 toont deze hulp.",
    "help.title": "Hulp",
    "help.keys": "Toetsen op dit scherm",
    "help.close": "Escape of F1 sluit de hulp.",
    "app.busy_retrying": "Kluis bezet: een ander proces schrijft. Opnieuw proberen ({attempt} van {attempts})…",
    "error.generic": "Er ging iets mis ({kind}). Er is niets opgeslagen wat niet klaar was.",
    "key.open": "Openen",
    "key.new_signal": "Nieuw signaal",
    "key.search": "Zoeken",
    "key.refresh": "Vernieuwen",
    "key.next_page": "Meer",
    "key.first_page": "Eerste pagina",
    "dash.title": "Overzicht",
    "dash.counts": "Casussen per fase",
    "dash.tasks": "Mijn taken",
    "dash.no_tasks": "Geen openstaande taken.",
    "dash.no_cases": "U ziet met uw rol geen casusinhoud.",
    "task.weighing_due": "Signaal wacht op weging",
    "task.follow_up_due": "Termijn 'meer informatie'",
    "task.retention_warning": "Bewaartermijn loopt af",
    "task.retention_overdue": "Bewaartermijn verstreken",
    "dash.help": "Het overzicht toont uw taken: signalen die op een weging wachten, wegingen om af te "
                 "ronden, termijnen voor meer informatie, uw actiepunten, interventies om te evalueren, "
                 "notulen die nog niet definitief zijn, herbeoordelingen, informeren om te heroverwegen en "
                 "bewaartermijnen. Enter opent wat de regel noemt. N: nieuw signaal, /: zoeken, "
                 "O: overleggen, R: vernieuwen, C: cijfers (gemeente en toezicht).",
    "list.title": "Casussen en zoeken",
    "list.search": "Zoek op naam of signaaltekst (begin van een woord volstaat)",
    "list.columns": "Casus|Fase|Naam|Casusregisseur|Geopend|Termijn",
    "list.empty": "Niets gevonden.",
    "list.page": "Pagina {page}",
    "list.help": "Typ om te zoeken op naam en signaaltekst; zonder zoekterm ziet u alle casussen, "
                 "per pagina. Pijltjes kiezen, Enter opent, Ctrl+N volgende pagina, Ctrl+B eerste pagina. "
                 "F2 kiest de fase, F3 toont alleen uw eigen casussen, F4 sorteert op termijn (eerst wat "
                 "het eerst verloopt: termijn voor meer informatie of herbeoordeling).",
    "file.title": "Dossier {case}",
    "file.person": "Persoon",
    "file.hidden": "verborgen (gedeeld scherm)",
    "file.name": "Naam",
    "file.dob": "Geboortedatum",
    "file.gender": "Gender",
    "file.address": "Adres",
    "file.bsn": "BSN",
    "file.phone": "Telefoon",
    "file.phase": "Fase",
    "file.owner": "Ingevoerd door",
    "tab.signals": "Signalen",
    "tab.weighings": "Wegingen",
    "tab.meetings": "Overleggen",
    "tab.interventions": "Interventies",
    "tab.actions": "Actiepunten",
    "tab.informing": "Informeren",
    "tab.holds": "Vernietigingsstop",
    "tab.history": "Historie",
    "file.none": "Nog niets vastgelegd.",
    "file.signal": "{date} · {source} · {ideology} · urgentie {urgency}",
    "file.facts": "Feiten",
    "file.interpretation": "Duiding",
    "file.hold": "{reason} — tot {ends} (verantwoordelijke {owner}){lifted}",
    "file.hold_lifted": ", opgeheven {date}",
    "file.history_row": "{at} {actor}: {what}: {old} → {new}",
    "file.help": "Het dossier toont alles van één casus op tabbladen. Links/rechts wisselt van tabblad. "
                 "In de modus gedeeld scherm zijn BSN, adres, geboortedatum en telefoon verborgen en "
                 "ziet u initialen. W opent de weging, V de monitoring (interventies, actiepunten, herbeoordeling, "
                 "afsluiten), S de samenvatting op één pagina en C wat er veranderd is sinds de laatste weging of het laatste overleg. De gemeente draagt met O de casus over aan een andere casusregisseur, brengt "
                 "hem met G onder bij een andere gemeente en legt met I het informeren van de persoon vast. "
                 "Escape gaat terug. Het openen van een dossier wordt gelogd.",
    "intake.title": "Nieuw signaal",
    "intake.person": "Persoon",
    "intake.signal": "Signaal",
    "intake.name": "Naam",
    "intake.dob": "Geboortedatum",
    "intake.address": "Adres",
    "intake.phone": "Telefoon",
    "intake.bsn": "BSN (optioneel)",
    "intake.received_on": "Ontvangen op",
    "intake.received_by": "Ontvangen door (organisatie)",
    "intake.source": "Bron",
    "intake.facts": "Waargenomen feiten (wat is gezien of gehoord)",
    "intake.interpretation": "Duiding (apart van de feiten)",
    "intake.ideology": "Vermoede ideologie of stroming: één of meer, ook 'gemengd of onduidelijk' naast een "
                       "genoemde (pijltjes kiezen de regel, spatie vinkt aan of uit; kies altijd zelf)",
    "intake.gender": "Gender (optioneel)",
    "intake.urgency": "Urgentie",
    "intake.choose": "Kies…",
    "intake.duplicate": "Let op: er is al een persoon met deze naam en geboortedatum ({cases}). Kies 'Bestaande persoon' om het signaal daar toe te voegen.",
    "intake.use_existing": "Bestaande persoon gebruiken",
    "intake.saved": "Signaal opgeslagen in casus {case}.",
    "intake.invalid": "Controleer de gemarkeerde velden.",
    "intake.help": "Vul de persoon en het signaal in. Houd feiten en duiding apart en kies altijd zelf "
                   "de vermoede ideologie: er is geen standaardwaarde. Meer dan één mag (spatie vinkt aan), ook "
                   "'gemengd of onduidelijk' naast een genoemde. Gender is optioneel (standaard onbekend). Ctrl+S slaat op; Escape gaat terug "
                   "en bewaart het concept in het geheugen (niet op schijf).",
}

EN: dict[str, str] = {
    "app.title": "pgatui — persoonsgerichte aanpak (PGA)",
    "app.shared_on": "SHARED SCREEN: identifying data hidden",
    "app.demo": "DEMO VAULT — synthetic data only",
    "app.locked": "Locked",
    "key.help": "Help",
    "key.lock": "Lock",
    "key.shared": "Shared screen",
    "key.quit": "Quit",
    "key.submit": "Unlock",
    "key.back": "Back",
    "key.clear": "Clear password",
    "key.save": "Save",
    "cmd.app.lock": "Lock now: close the vault and clear what is shown",
    "cmd.app.shared": "Shared screen on/off: hide BSN, address, date of birth and phone",
    "cmd.app.help": "Show help for this screen",
    "cmd.app.quit": "Quit pgatui (the vault is locked)",
    "cmd.key": "Key {key}",
    "cmd.language": "Taal / Language: Nederlands",
    "cmd.language_help": "Show pgatui in Dutch",
    "app.autolocked": "Locked automatically after {minutes} min without activity.",
    "app.user": "{login} ({role})",
    "unlock.failed": "User name or password incorrect.",
    "unlock.vault_busy": "The vault is in use by another process (for example a key rotation or a "
                         "restore). Try again later.",
    "unlock.not_found": "There is no vault here. Check the folder.",
    "unlock.submit": "Unlock",
    "passwd.submit": "Change password",
    "passwd.busy": "Changing…",
    "help.none": "There is no separate help for this screen.",
    "help.about": "This is the help. Escape or F1 closes it.",
    "unlock.title": "Unlock vault",
    "unlock.vault": "Vault: {path}",
    "unlock.login": "User name",
    "unlock.password": "Password",
    "unlock.busy": "Unlocking…",
    "unlock.empty": "Enter your user name and password.",
    "unlock.wait": "Too many failed attempts. Wait {seconds} more seconds.",
    "unlock.damaged": "The vault is damaged or was altered: {detail} Contact your administrator.",
    "unlock.demo_title": "Demo accounts (this demo vault only)",
    "unlock.demo_row": "{login:<10} {password:<26} {role}",
    "unlock.help": "Enter your user name and password and press Enter. After three failed attempts "
                   "you must wait longer each time; the wait is counted down here. A new account must "
                   "first change its one-time password.",
    "passwd.title": "Change password",
    "passwd.intro": "Choose a new password of at least 12 characters. A sentence works well.",
    "passwd.current": "Current (one-time) password",
    "passwd.new": "New password",
    "passwd.repeat": "Repeat new password",
    "passwd.mismatch": "The two new passwords differ.",
    "passwd.done": "Password changed. You are signed in.",
    "passwd.help": "Your account has a one-time password. Enter it, choose a new password and repeat "
                   "it. Enter confirms, Escape goes back.",
    "home.title": "Overview",
    "home.signed_in": "Signed in as {login} ({role}, {organisation})",
    "home.help": "The overview shows your tasks. Ctrl+L locks, Ctrl+G toggles the shared screen, "
                 "Ctrl+P opens the command palette, F1 shows this help.",
    "help.title": "Help",
    "help.keys": "Keys on this screen",
    "help.close": "Escape or F1 closes the help.",
    "app.busy_retrying": "Vault busy: another process is writing. Trying again ({attempt} of {attempts})…",
    "error.generic": "Something went wrong ({kind}). Nothing unfinished was saved.",
    "key.open": "Open",
    "key.new_signal": "New signal",
    "key.search": "Search",
    "key.refresh": "Refresh",
    "key.next_page": "More",
    "key.first_page": "First page",
    "dash.title": "Overview",
    "dash.counts": "Cases per phase",
    "dash.tasks": "My tasks",
    "dash.no_tasks": "No open tasks.",
    "dash.no_cases": "Your role shows no case content.",
    "task.weighing_due": "Signal waiting for weighing",
    "task.follow_up_due": "'More information' deadline",
    "task.retention_warning": "Retention period ending",
    "task.retention_overdue": "Retention period passed",
    "dash.help": "The overview shows your tasks: signals waiting for a weighing, weighings to conclude, "
                 "'more information' deadlines, your action items, interventions to evaluate, minutes not "
                 "yet final, reviews, informing to reconsider and retention. Enter opens what the line "
                 "names. N: new signal, /: search, O: meetings, R: refresh, C: figures (municipality and "
                 "supervision).",
    "list.title": "Cases and search",
    "list.search": "Search names or signal text (the start of a word is enough)",
    "list.columns": "Case|Phase|Name|Owner|Opened|Due",
    "list.empty": "Nothing found.",
    "list.page": "Page {page}",
    "list.help": "Type to search names and signal text; without a search term you see all cases, a "
                 "page at a time. Arrows choose, Enter opens, Ctrl+N next page, Ctrl+B first page. F2 "
                 "chooses the phase, F3 shows only your own cases, F4 sorts by due date (what falls due "
                 "first: a 'more information' deadline or a review).",
    "file.title": "File {case}",
    "file.person": "Person",
    "file.hidden": "hidden (shared screen)",
    "file.name": "Name",
    "file.dob": "Date of birth",
    "file.gender": "Gender",
    "file.address": "Address",
    "file.bsn": "BSN",
    "file.phone": "Phone",
    "file.phase": "Phase",
    "file.owner": "Entered by",
    "tab.signals": "Signals",
    "tab.weighings": "Weighings",
    "tab.meetings": "Meetings",
    "tab.interventions": "Interventions",
    "tab.actions": "Actions",
    "tab.informing": "Informing",
    "tab.holds": "Legal holds",
    "tab.history": "History",
    "file.none": "Nothing recorded yet.",
    "file.signal": "{date} · {source} · {ideology} · urgency {urgency}",
    "file.facts": "Facts",
    "file.interpretation": "Interpretation",
    "file.hold": "{reason} — until {ends} (responsible {owner}){lifted}",
    "file.hold_lifted": ", lifted {date}",
    "file.history_row": "{at} {actor}: {what}: {old} → {new}",
    "file.help": "The file shows all of one case on tabs. Left/right switches tabs. In shared-screen "
                 "mode BSN, address, date of birth and phone are hidden and initials are shown. W opens the "
                 "weighing, V monitoring (interventions, action items, review, closing), S the one-page summary and C what changed since the last weighing or meeting. The municipality hands "
                 "the case over to another case director with O, moves it to another municipality with G and "
                 "records informing the person with I. Escape goes back. Opening a file is logged.",
    "intake.title": "New signal",
    "intake.person": "Person",
    "intake.signal": "Signal",
    "intake.name": "Name",
    "intake.dob": "Date of birth",
    "intake.address": "Address",
    "intake.phone": "Phone",
    "intake.bsn": "BSN (optional)",
    "intake.received_on": "Received on",
    "intake.received_by": "Received by (organisation)",
    "intake.source": "Source",
    "intake.facts": "Observed facts (what was seen or heard)",
    "intake.interpretation": "Interpretation (kept apart from the facts)",
    "intake.ideology": "Suspected ideology: one or more, also 'mixed or unclear' beside a named one "
                       "(arrows move, space ticks or unticks; always choose yourself)",
    "intake.gender": "Gender (optional)",
    "intake.urgency": "Urgency",
    "intake.choose": "Choose…",
    "intake.duplicate": "Note: a person with this name and date of birth exists ({cases}). Choose 'Existing person' to add the signal there.",
    "intake.use_existing": "Use existing person",
    "intake.saved": "Signal saved in case {case}.",
    "intake.invalid": "Check the marked fields.",
    "intake.help": "Fill in the person and the signal. Keep facts apart from interpretation and always "
                   "choose the suspected ideology yourself: there is no default. More than one may be ticked (space), "
                   "also 'mixed or unclear' beside a named one. Gender is optional (unknown by default). Ctrl+S saves; Escape goes "
                   "back and keeps the draft in memory (never on disk).",
}



def _merge_parts() -> None:
    """Add the per-screen catalogue parts (pgatui.tui.strings); a key defined twice is a bug."""
    from pgatui.tui.strings import parts

    for name, nl, en in parts():
        for catalogue, part in ((NL, nl), (EN, en)):
            clash = sorted(set(catalogue) & set(part))
            if clash:
                raise RuntimeError(f"catalogue part {name!r} redefines {', '.join(clash)}")
            catalogue.update(part)


_merge_parts()
CATALOGUES: dict[str, dict[str, str]] = {"nl": NL, "en": EN}
LANGUAGES: tuple[str, ...] = tuple(CATALOGUES)
DEFAULT_LANGUAGE = "nl"
_language = DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Choose the language for every string fetched from now on (at start, or from the palette:
    the app then rebuilds its screens)."""
    global _language
    if language not in CATALOGUES:
        raise ValueError(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
    _language = language


def language() -> str:
    return _language


def other_language() -> str:
    """The language the palette offers to switch to."""
    return LANGUAGES[(LANGUAGES.index(_language) + 1) % len(LANGUAGES)]


def t(key: str, /, **params: object) -> str:
    """The string for `key` in the current language, formatted with `params`.

    An unknown key raises KeyError (a test checks every key used in the TUI exists in both
    catalogues, so this never reaches a user). The result may hold user values from `params`:
    show it through `pgatui.tui.safe`, never as markup.
    """
    text = CATALOGUES[_language][key]
    return text.format(**{name: _shown(value) for name, value in params.items()}) if params else text


SCREEN_DATE = "%d-%m-%Y"  # the one date format on screen (dd-mm-jjjj); pgatui.tui.kit.formats


def _shown(value: object) -> object:
    """A date handed to a catalogue string shows as dd-mm-jjjj, never ISO."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime(SCREEN_DATE)
    return value


def has(key: str) -> bool:
    """Whether the catalogue knows `key` (for optional labels of stored codes)."""
    return key in CATALOGUES[_language]


def placeholders(text: str) -> frozenset[str]:
    """The format fields of a catalogue string ('{seconds}' -> {'seconds'}), for the parity test."""
    return frozenset(field for _, field, _, _ in Formatter().parse(text) if field is not None)
