"""One catalogue of every string the TUI shows: Dutch by default, English on request.

Domain words stay Dutch in English too (weegploeg, casusoverleg, PGA, BSN): the users know them.
"""

from __future__ import annotations

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
    "key.save": "Opslaan",
    "cmd.lock": "Vergrendel nu: sluit de kluis en wis de getoonde gegevens",
    "cmd.shared": "Gedeeld scherm aan/uit: verberg BSN, adres, geboortedatum en telefoon",
    "cmd.help": "Toon de hulp bij dit scherm",
    "cmd.quit": "Sluit pgatui af (de kluis wordt vergrendeld)",
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
    "home.placeholder": "De casusschermen volgen. Gebruik de toetsen onderaan of Ctrl+P.",
    "help.title": "Hulp",
    "help.keys": "Toetsen op dit scherm",
    "help.close": "Escape of F1 sluit de hulp.",
    "error.generic": "Er ging iets mis ({kind}). Er is niets opgeslagen wat niet klaar was.",
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
    "key.save": "Save",
    "cmd.lock": "Lock now: close the vault and clear what is shown",
    "cmd.shared": "Shared screen on/off: hide BSN, address, date of birth and phone",
    "cmd.help": "Show help for this screen",
    "cmd.quit": "Quit pgatui (the vault is locked)",
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
    "home.placeholder": "The case screens follow. Use the keys below or Ctrl+P.",
    "help.title": "Help",
    "help.keys": "Keys on this screen",
    "help.close": "Escape or F1 closes the help.",
    "error.generic": "Something went wrong ({kind}). Nothing unfinished was saved.",
}

CATALOGUES = {"nl": NL, "en": EN}
_language = "nl"


def set_language(language: str) -> None:
    global _language
    if language not in CATALOGUES:
        raise ValueError(f"unknown language {language!r}")
    _language = language


def language() -> str:
    return _language


def t(key: str, **params) -> str:
    """The string for `key` in the current language, formatted with `params`."""
    text = CATALOGUES[_language].get(key) or NL[key]
    return text.format(**params) if params else text
