"""Break glass on the unlock screen: the recovery code."""

NL = {
    "recovery.link": "Herstelcode gebruiken",
    "recovery.title": "Noodtoegang met de herstelcode",
    "recovery.intro": "Met de herstelcode (bij het aanmaken van de kluis op papier gezet) krijgt een account "
                      "een nieuw eenmalig wachtwoord, of komt er een nieuwe beheerder. Daarna is er een nieuwe "
                      "herstelcode; de oude werkt niet meer. Dit wordt in het auditlog vastgelegd.",
    "recovery.code": "Herstelcode",
    "recovery.account": "Gebruikersnaam (bestaand account, of de nieuwe beheerder)",
    "recovery.new_admin": "Nieuwe beheerder aanmaken",
    "recovery.submit": "Herstellen",
    "recovery.busy": "Bezig met herstellen…",
    "recovery.empty": "Vul de herstelcode en een gebruikersnaam in.",
    "recovery.done": "Eenmalig wachtwoord voor {login} (wijzigen bij eerste aanmelding): {password}\n"
                     "Nieuwe herstelcode (schrijf hem op en bewaar hem in een kluis): {code}\n"
                     "Escape: terug naar ontgrendelen.",
    "recovery.help": "Typ de herstelcode (hoofdletters, spaties en streepjes doen er niet toe) en de "
                     "gebruikersnaam. Zonder vinkje krijgt dat bestaande account een nieuw eenmalig wachtwoord; "
                     "met vinkje wordt het een nieuwe beheerder. Schrijf de nieuwe herstelcode direct op: hij "
                     "wordt één keer getoond. Escape gaat terug.",
}

EN = {
    "recovery.link": "Use the recovery code",
    "recovery.title": "Break-glass access with the recovery code",
    "recovery.intro": "With the recovery code (written down when the vault was made) an account gets a new "
                      "one-time password, or a new administrator is made. Afterwards there is a new recovery "
                      "code; the old one stops working. This is recorded in the audit log.",
    "recovery.code": "Recovery code",
    "recovery.account": "User name (an existing account, or the new administrator)",
    "recovery.new_admin": "Make a new administrator",
    "recovery.submit": "Recover",
    "recovery.busy": "Recovering…",
    "recovery.empty": "Enter the recovery code and a user name.",
    "recovery.done": "One-time password for {login} (change it at first login): {password}\n"
                     "New recovery code (write it down and keep it in a safe): {code}\n"
                     "Escape: back to unlocking.",
    "recovery.help": "Type the recovery code (capitals, spaces and dashes do not matter) and the user name. "
                     "Without the tick that existing account gets a new one-time password; with it, a new "
                     "administrator is made. Write the new recovery code down at once: it is shown once. "
                     "Escape goes back.",
}
