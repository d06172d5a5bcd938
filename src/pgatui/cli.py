"""The command line of DESIGN.md: thin, every failure one line on stderr and an exit code.

Secrets never come from arguments or the environment: they are asked on the terminal, or read
line by line from standard input with --password-stdin (in the order each command documents).
"""

from __future__ import annotations

import argparse
import getpass
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pgatui.errors import PasswordChangeRequired, PgaError, UsageError, VaultDamaged
from pgatui.messages import error_text, sentence
from pgatui.process_hygiene import harden_process
from pgatui.services import administration, auth, maintenance, organisations, users
from pgatui.services.session import Session

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        """One line and exit 2 instead of argparse's usage block.

        Unrecognised arguments are not echoed: a password typed as an argument by mistake
        should not end up in a log of stderr as well.
        """
        if message.startswith("unrecognized arguments"):
            message = sentence("cli.unrecognised_arguments")
        command = self.prog.removeprefix("pgatui").strip()
        raise UsageError("cli.argparse_of", command=command, message=message) if command else UsageError(
            "cli.argparse", message=message)


class Secrets:
    """Passwords from standard input (one per line) or from the terminal, never from argv."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def read(self, prompt: str, *, confirm: bool = False) -> str:
        if self.from_stdin:
            line = _stdin_line()
            if not line:
                raise UsageError("cli.password_line_missing")
            return _utf8_text(line.rstrip(b"\r\n"), "cli.stdin_password_not_utf8")
        if not sys.stdin.isatty():
            raise UsageError("cli.no_terminal")
        secret = _valid_text(getpass.getpass(prompt), "cli.password_not_utf8")
        if confirm and getpass.getpass("Herhaal: ") != secret:
            raise UsageError("cli.passwords_differ")
        return secret


MAX_SECRET_LINE = 4096  # a password line longer than this is a mistake (a file piped in), not read on


def _stdin_line() -> bytes:
    """One line of standard input as bytes: decoded strictly by us, not by the locale."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream without bytes underneath (tests that replace stdin)
        return sys.stdin.readline(MAX_SECRET_LINE + 1).encode("utf-8", "surrogateescape")
    line = stream.readline(MAX_SECRET_LINE + 1)
    if len(line.rstrip(b"\r\n")) > MAX_SECRET_LINE:
        raise UsageError("cli.password_line_too_long", maximum=MAX_SECRET_LINE)
    return line


def _utf8_text(data: bytes, refusal: str) -> str:
    """`data` decoded as UTF-8; UsageError(`refusal`, a code naming what it was) otherwise."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(refusal) from None


def _valid_text(text: str, refusal: str) -> str:
    """Text Python decoded with surrogateescape (argv, paths, a terminal) must be real UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(refusal) from None
    return text


@contextmanager
def _session(args, secrets: Secrets) -> Iterator[Session]:
    """A session as `--as` for one command, asked for its password; locked again afterwards."""
    with _admin_session(args, secrets) as (session, _password):
        yield session


@contextmanager
def _admin_session(args, secrets: Secrets) -> Iterator[tuple[Session, str]]:
    """A session and the password it was opened with: the administrator's fresh password that
    services.administration checks again (typed for this command, so it is fresh; never argv)."""
    auth.require_vault(args.vault)  # a missing vault is exit 1 before any password is asked
    password = secrets.read(f"Wachtwoord voor {args.as_user}: ")
    try:
        opened = auth.unlock(args.vault, args.as_user, password)
    except PasswordChangeRequired:
        raise PasswordChangeRequired("auth.change_password_first", vault=args.vault, login=args.as_user) from None
    with opened:
        yield Session(opened), password


# --- commands ---------------------------------------------------------------------------------

def cmd_init(args, secrets: Secrets) -> int:
    password = secrets.read(f"Nieuw wachtwoord voor {args.admin}: ", confirm=True)
    code = maintenance.create_vault(args.vault, args.admin, password, args.organisation)
    # The recovery code exists only in this output: written in one go, and a vault whose code
    # could not be shown is removed again (it was made just now; nobody has used it).
    try:
        sys.stdout.write(f"Kluis aangemaakt: {args.vault}\n"
                         f"Herstelcode (eenmalig getoond; bewaar hem op papier in een kluis):\n{code}\n")
        sys.stdout.flush()
    except (OSError, ValueError):
        shutil.rmtree(args.vault, ignore_errors=True)
        raise PgaError("vault.recovery_code_not_shown") from None
    return EXIT_OK


def cmd_recover(args, secrets: Secrets) -> int:
    auth.require_vault(args.vault)
    if (args.reset is None) == (args.new_admin is None):
        raise UsageError("cli.recover_choose")
    code = secrets.read("Herstelcode: ")
    done = auth.recover(args.vault, code, reset=args.reset, new_admin=args.new_admin, organisation=args.organisation)
    sys.stdout.write(f"Hersteld met de herstelcode (vastgelegd in de auditlog).\n"
                     f"Eenmalig wachtwoord voor {done.login} (wijzigen bij eerste aanmelding):\n{done.one_time_password}\n"
                     f"Nieuwe herstelcode (de oude werkt niet meer; bewaar hem op papier in een kluis):\n"
                     f"{done.recovery_code}\n")
    sys.stdout.flush()
    return EXIT_OK


def cmd_user_add(args, secrets: Secrets) -> int:
    if args.all_municipalities and args.municipality:
        raise UsageError("cli.municipality_or_all")
    scope = {"municipalities": None} if args.all_municipalities else (
        {"municipalities": args.municipality} if args.municipality else {})
    with _session(args, secrets) as session:
        one_time = users.add_user(session, args.name, args.role, args.organisation, **scope)
    print(f"Gebruiker {args.name} toegevoegd. Eenmalig wachtwoord (wijzigen bij eerste aanmelding):")
    print(one_time)
    return EXIT_OK


def cmd_user_list(args, secrets: Secrets) -> int:
    with _session(args, secrets) as session:
        accounts = users.list_users(session)
        names = {o.id: o.name for o in organisations.list_organisations(session)}
    for user in accounts:
        flags = [f for f, on in (("uitgeschakeld", user.disabled), ("moet-wachtwoord-wijzigen", user.must_change_password)) if on]
        seen = "alle gemeenten" if user.municipalities is None else ", ".join(names.get(m, str(m)) for m in user.municipalities)
        print("\t".join([user.login, user.role.value, user.organisation, ",".join(flags) or "actief", seen or "-"]))
    return EXIT_OK


def cmd_organisation_add(args, secrets: Secrets) -> int:
    from pgatui.domain.organisations import parse_kind

    try:
        kind = parse_kind(args.kind)
    except ValueError as exc:
        raise UsageError("cli.organisation_add", problem=exc) from None
    with _session(args, secrets) as session:
        new_id = organisations.add_organisation(session, args.name, kind)
    print(f"Organisatie {new_id} toegevoegd: {args.name} ({kind.label_nl}).")
    return EXIT_OK


def cmd_organisation_list(args, secrets: Secrets) -> int:
    with _session(args, secrets) as session:
        found = organisations.list_organisations(session)
    for organisation in found:
        print("\t".join([str(organisation.id), organisation.name, organisation.kind.value]))
    return EXIT_OK


def cmd_organisation_rename(args, secrets: Secrets) -> int:
    with _session(args, secrets) as session:
        organisations.rename_organisation(session, args.organisation, args.name)
    print(f"Organisatie hernoemd tot {args.name}; niemands toegang is veranderd.")
    return EXIT_OK


def cmd_user_disable(args, secrets: Secrets) -> int:
    with _session(args, secrets) as session:
        users.disable_user(session, args.name)
    print(f"Gebruiker {args.name} uitgeschakeld. Wissel de sleutel (rotate-key) om ook oude kopieën van de sleutel waardeloos te maken.")
    return EXIT_OK


def cmd_user_enable(args, secrets: Secrets) -> int:
    with _admin_session(args, secrets) as (session, password):
        administration.enable_user(session, password, args.name)
    print(f"Gebruiker {args.name} weer ingeschakeld.")
    return EXIT_OK


def cmd_user_reset(args, secrets: Secrets) -> int:
    with _admin_session(args, secrets) as (session, password):
        one_time = administration.reset_password(session, password, args.name)
    print(f"Nieuw eenmalig wachtwoord voor {args.name} (wijzigen bij eerste aanmelding):")
    print(one_time)
    return EXIT_OK


def cmd_user_change(args, secrets: Secrets) -> int:
    if args.all_municipalities and args.municipality:
        raise UsageError("cli.municipality_or_all")
    with _admin_session(args, secrets) as (session, password):
        current = next((row for row in administration.list_users(session) if row.login == args.name.strip().lower()), None)
        if current is None:
            raise UsageError("user.unknown", login=args.name)
        role = args.role or current.role.value
        administration.change_account(
            session, password, current.login, role=role,
            organisation_id=args.organisation if args.organisation is not None else current.organisation_id,
            municipalities=_chosen_municipalities(args, current, role))
    print(f"Gebruiker {current.login} gewijzigd: rol {role}.")
    return EXIT_OK


def _chosen_municipalities(args, current, role: str):
    """What `user change` hands on: the municipalities named, all, or the ones the account has
    (when the role stays); a new role without a choice gets that role's default (None)."""
    if args.all_municipalities:
        return administration.ALL_MUNICIPALITIES
    if args.municipality:
        return args.municipality
    if role != current.role.value:
        return None
    return administration.ALL_MUNICIPALITIES if current.municipalities is None else list(current.municipalities) or None


def cmd_case_handover(args, secrets: Secrets) -> int:
    from pgatui.services.ownership import hand_over_number

    with _session(args, secrets) as session:
        case = hand_over_number(session, args.number, args.to)
    print(f"Casus {case.number} overgedragen aan {args.to} (was: {case.director or '-'}); "
          "beide casusregisseurs zien het op hun overzicht.")
    return EXIT_OK


def cmd_case_directors(args, secrets: Secrets) -> int:
    from pgatui.services.ownership import directed_cases

    with _session(args, secrets) as session:
        rows = directed_cases(session, args.query or "", limit=args.limit)
    for row in rows:
        director = (row.director or "-") + ("" if row.director_active or not row.director else " (uitgeschakeld)")
        print("\t".join([row.number, row.municipality or "-", director]))
    return EXIT_OK


def cmd_passwd(args, secrets: Secrets) -> int:
    auth.require_vault(args.vault)
    current = secrets.read(f"Huidig wachtwoord voor {args.as_user}: ")
    new = secrets.read("Nieuw wachtwoord: ", confirm=True)
    auth.change_password(args.vault, args.as_user, current, new)
    print("Wachtwoord gewijzigd.")
    return EXIT_OK


def _progress(label: str) -> Callable[[int, int], None] | None:
    """Progress lines for a person at a terminal; scripts get a clean stderr (only the error)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"{label}: stap {done} van {total}", file=sys.stderr)

    return show


def cmd_rotate(args, secrets: Secrets) -> int:
    with _session(args, secrets) as session:
        generation = maintenance.rotate_key(session, progress=_progress("Sleutelwissel"))
    print(f"Sleutel gewisseld; de kluis gebruikt nu sleutelgeneratie {generation}.")
    return EXIT_OK


def cmd_migrate_compartments(args, secrets: Secrets) -> int:
    with _session(args, secrets) as session:
        done = maintenance.migrate_compartments(session, progress=_progress("Verzegelen"))
    print(f"{done.sealed} dossiers verzegeld in het compartiment van hun gemeente; de kluis gebruikt nu "
          f"sleutelgeneratie {done.generation}.")
    if done.left_plain:
        print(f"{done.left_plain} dossiers van een gemeente zonder gebruikers blijven onverzegeld: voeg een "
              "gebruiker van die gemeente toe en voer dit opnieuw uit.")
    return EXIT_OK


def cmd_backup(args, secrets: Secrets) -> int:
    with _session(args, secrets) as session:
        dest = maintenance.backup(session, args.dest, progress=_progress("Back-up"))
    print(f"Back-up gemaakt: {dest}")
    return EXIT_OK


def cmd_restore(args, secrets: Secrets) -> int:
    password = secrets.read(f"Wachtwoord voor {args.as_user} (zoals bij het maken van de back-up): ")
    target, accounts = maintenance.restore(args.backup, args.vault, args.as_user, password, replace=args.replace)
    print(f"Back-up hersteld naar {target}")
    print("Deze back-up kent de volgende accounts (hun wachtwoorden van toen openen hem):")
    for login, role in accounts:
        print(f"account\t{login}\t{role}")
    return EXIT_OK


def cmd_verify(args, secrets: Secrets) -> int:
    with _session(args, secrets) as session:
        verification = maintenance.verify(session, args.checkpoint)
    report = verification.report
    for checked in report.checked:
        print(f"gecontroleerd: {checked}")
    if not report.ok:
        for problem in report.problems:  # the details on stdout, one line each; stderr gets the summary
            print(f"probleem: {one_line(problem)}")
        count = len(report.problems)
        raise VaultDamaged("vault.damaged_problem" if count == 1 else "vault.damaged_problems", count=count,
                           first=one_line(report.problems[0], 120))
    if verification.checkpoint:
        done, point = verification.checkpoint
        verb = "geschreven" if done == "written" else "klopt"
        print(f"controlepunt {verb}: gebeurtenis {point['seq']} ({point['at']}, ondertekend door {point['signer']})")
    print("De kluis is in orde.")
    return EXIT_OK


def cmd_seed(args, secrets: Secrets) -> int:
    from pgatui.services.seed import seed_vault

    with _session(args, secrets) as session:
        count = seed_vault(session, args.persons, seed=args.seed, progress=_progress("Synthetische gegevens"))
    print(f"{count} synthetische personen toegevoegd.")
    return EXIT_OK


def cmd_retention(args, secrets: Secrets) -> int:
    from pgatui.domain.retention import RetentionState
    from pgatui.services.retention import retention_overview

    with _session(args, secrets) as session:
        rows = retention_overview(session, state=RetentionState(args.state) if args.state else None)
    if args.json:
        print(json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print("\t".join(row.as_columns()))
    return EXIT_OK


def cmd_policy(args, secrets: Secrets) -> int:
    from pgatui.services.retention import change_policy, read_policy, read_policy_file

    text = read_policy_file(args.load) if args.load else None  # a missing file fails before the password
    with _session(args, secrets) as session:
        if text is not None:
            installed = change_policy(session, text)
            print(f"Bewaarbeleid {installed.version} is nu van kracht; alle termijnen zijn herberekend.")
            return EXIT_OK
        view = read_policy(session)
    source = f"geïnstalleerd door {view.installed_by} op {view.installed_at}" if view.installed_by else "meegeleverd"
    print(f"Bewaarbeleid {view.policy.version} (vastgesteld {view.policy.adopted}; {source})")
    for rule in view.policy.rules:
        outcomes = ", ".join(sorted(o.label_nl for o in rule.outcomes)) if rule.outcomes else "elke uitkomst"
        settled = "wettelijk vastgesteld" if rule.settled else "wettelijk nog niet vastgesteld"
        print(f"- {rule.id}: {rule.keep_months} maanden na {rule.after.value} ({outcomes}; {settled})")
        print(f"  bron: {rule.source}")
    return EXIT_OK


def cmd_destruction_report(args, secrets: Secrets) -> int:
    from pgatui.services.retention import export_destruction_report

    with _session(args, secrets) as session:
        count = export_destruction_report(session, args.out)
    print(f"Vernietigingsrapport met {count} vernietigde casussen geschreven naar {args.out} "
          "(onversleuteld; bevat geen persoonsgegevens).")
    return EXIT_OK


def _tui():
    """The TUI's entry point, imported only when it is needed (the other commands stay fast)."""
    try:
        from pgatui.tui.app import run_app
    except ImportError:
        raise PgaError("cli.tui_unavailable") from None
    return run_app


def cmd_open(args, secrets: Secrets) -> int:
    auth.require_vault(args.vault)
    return _tui()(Path(args.vault), lang=args.lang)


def cmd_demo(args, secrets: Secrets) -> int:
    from pgatui.services.demo import ensure_demo_vault

    run_app = _tui()
    print("Demokluis voorbereiden…", file=sys.stderr)
    folder = ensure_demo_vault(Path(args.dir) if args.dir else None)
    return run_app(folder, lang=args.lang)


# --- the parser -------------------------------------------------------------------------------

MAX_PERSONS = 1_000_000  # far beyond any region; a larger number is a typing error, not a wish


def _positive_int(text: str) -> int:
    """argparse type: a whole number from 1 to MAX_PERSONS (a negative count is a typing error, not zero)."""
    try:
        value = int(text) if len(text) <= 12 else 0
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_PERSONS:
        raise argparse.ArgumentTypeError("kies een geheel getal van 1 of meer (hoogstens een miljoen)")
    return value


def _vault_command(sub, name: str, handler, help_text: str, *, as_user: bool = True):
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.add_argument("vault", metavar="VAULT", help="de kluismap, bijvoorbeeld regio-west.pgavault")
    if as_user:
        parser.add_argument("--as", dest="as_user", required=True, metavar="NAAM", help="uw gebruikersnaam")
    parser.add_argument("--password-stdin", action="store_true",
                        help="lees wachtwoorden regel voor regel van standaardinvoer")
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pgatui", description="Persoonsgerichte aanpak (PGA) op een versleutelde kluis.")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="taal van de schermen (standaard nl)")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDO", parser_class=_Parser)

    _vault_command(sub, "open", cmd_open, "open de kluis in de terminalapplicatie", as_user=False)
    demo = sub.add_parser("demo", help="maak (eenmalig) en open een demokluis met synthetische casussen")
    demo.add_argument("dir", nargs="?", metavar="DIR", help="map van de demokluis")
    demo.set_defaults(handler=cmd_demo, password_stdin=False)

    init = _vault_command(sub, "init", cmd_init, "maak een nieuwe kluis (wachtwoord: 1 regel)", as_user=False)
    init.add_argument("--admin", required=True, metavar="NAAM", help="gebruikersnaam van de eerste beheerder")
    init.add_argument("--organisation", default="Gemeente", metavar="ORG", help="organisatie van de beheerder")

    user = sub.add_parser("user", help="gebruikers beheren").add_subparsers(dest="user_command", metavar="ACTIE", parser_class=_Parser, required=True)
    add = _vault_command(user, "add", cmd_user_add, "voeg een gebruiker toe (drukt het eenmalige wachtwoord af op de laatste regel)")
    add.add_argument("--name", required=True, metavar="NAAM")
    add.add_argument("--role", required=True, choices=("beheerder", "gemeente", "politie", "om", "partner", "toezicht"))
    add.add_argument("--organisation", required=True, metavar="ORG",
                     help="een organisatie uit het register (zie 'organisation list')")
    add.add_argument("--municipality", action="append", metavar="GEMEENTE",
                     help="een gemeente die het account ziet (herhaalbaar; standaard: gemeente de eigen, "
                          "politie en OM alle)")
    add.add_argument("--all-municipalities", action="store_true", help="politie of OM: alle gemeenten van de kluis")
    _vault_command(user, "list", cmd_user_list, "toon de gebruikers")
    disable = _vault_command(user, "disable", cmd_user_disable, "schakel een gebruiker uit")
    disable.add_argument("--name", required=True, metavar="NAAM")
    enable = _vault_command(user, "enable", cmd_user_enable, "schakel een uitgeschakelde gebruiker weer in")
    enable.add_argument("--name", required=True, metavar="NAAM")
    reset = _vault_command(user, "reset", cmd_user_reset,
                           "geef een gebruiker een nieuw eenmalig wachtwoord (afgedrukt op de laatste regel)")
    reset.add_argument("--name", required=True, metavar="NAAM")
    change = _vault_command(user, "change", cmd_user_change,
                            "wijzig rol, organisatie en gemeenten van een gebruiker (weggelaten: zoals nu)")
    change.add_argument("--name", required=True, metavar="NAAM")
    change.add_argument("--role", choices=("beheerder", "gemeente", "politie", "om", "partner", "toezicht"))
    change.add_argument("--organisation", metavar="ORG", help="een organisatie uit het register")
    change.add_argument("--municipality", action="append", metavar="GEMEENTE",
                        help="een gemeente die het account ziet (herhaalbaar)")
    change.add_argument("--all-municipalities", action="store_true", help="politie of OM: alle gemeenten van de kluis")

    recover = _vault_command(sub, "recover", cmd_recover,
                             "noodtoegang met de herstelcode (stdin: de code): nieuw eenmalig wachtwoord voor een "
                             "account of een nieuwe beheerder; drukt een nieuwe herstelcode af", as_user=False)
    recover.add_argument("--reset", metavar="NAAM", help="geef dit account een nieuw eenmalig wachtwoord")
    recover.add_argument("--new-admin", metavar="NAAM", help="maak een nieuwe beheerder")
    recover.add_argument("--organisation", metavar="ORG", help="organisatie van de nieuwe beheerder")
    organisation = sub.add_parser("organisation", help="het register van organisaties").add_subparsers(
        dest="organisation_command", metavar="ACTIE", parser_class=_Parser, required=True)
    org_add = _vault_command(organisation, "add", cmd_organisation_add, "voeg een organisatie toe (beheerder)")
    org_add.add_argument("--name", required=True, metavar="NAAM")
    org_add.add_argument("--kind", required=True, metavar="SOORT",
                         help="gemeente, politie, om, reclassering, raad_kinderbescherming, jeugdzorg, ggz, "
                              "onderwijs, zorg_veiligheidshuis, woningcorporatie, dji, adviseur of overig")
    _vault_command(organisation, "list", cmd_organisation_list, "toon het register (id, naam, soort)")
    rename = _vault_command(organisation, "rename", cmd_organisation_rename,
                            "geef een organisatie een nieuwe naam (beheerder); niemands toegang verandert")
    rename.add_argument("organisation", metavar="ORG", help="de huidige naam")
    rename.add_argument("--name", required=True, metavar="NIEUWE_NAAM")

    case = sub.add_parser("case", help="wie een casus regisseert (gemeente van de casus, beheerder)").add_subparsers(
        dest="case_command", metavar="ACTIE", parser_class=_Parser, required=True)
    handover = _vault_command(case, "handover", cmd_case_handover,
                              "draag een open casus over aan een andere casusregisseur; beide zien het op hun overzicht")
    handover.add_argument("number", metavar="NUMMER", help="het casusnummer, bijvoorbeeld PGA-2026-00017")
    handover.add_argument("--to", required=True, metavar="NAAM",
                          help="de nieuwe casusregisseur: een gemeentemedewerker van de gemeente van de casus")
    directors = _vault_command(case, "directors", cmd_case_directors,
                               "toon open casussen met gemeente en casusregisseur (nummer, gemeente, regisseur; "
                               "geen inhoud)")
    directors.add_argument("--query", metavar="TEKST", help="casusnummer (of de laatste cijfers), regisseur of gemeente")
    directors.add_argument("--limit", type=_positive_int, default=200, metavar="N", help="hoogstens N regels (200)")

    _vault_command(sub, "passwd", cmd_passwd, "wijzig uw wachtwoord (stdin: huidig, dan nieuw)")
    _vault_command(sub, "rotate-key", cmd_rotate, "wissel de gegevenssleutel (beheerder)")
    _vault_command(sub, "migrate-compartments", cmd_migrate_compartments,
                   "verzegel de dossiers van voor de compartimenten per gemeente (beheerder)")
    backup = _vault_command(sub, "backup", cmd_backup, "maak een versleutelde, zelfcontrolerende back-up (beheerder); "
                            "de back-up draagt de sleutelring van dat moment zonder uitgeschakelde accounts: "
                            "de toen geldige wachtwoorden van actieve accounts openen hem")
    backup.add_argument("dest", metavar="DEST", help="nieuw back-upbestand (een bestaand bestand wordt niet overschreven)")
    restore = sub.add_parser("restore", help="herstel een back-up naar een nieuwe kluismap",
                             description="Herstel een back-up. Meld u aan met een wachtwoord dat gold toen de back-up "
                                         "werd gemaakt (de back-up draagt zijn eigen sleutelring, ook na latere "
                                         "sleutelwissels). Een beschadigde back-up wordt geweigerd. Een bestaande kluis "
                                         "wordt nooit stil overschreven: zonder --replace weigert herstel; met --replace "
                                         "blijft de oude map bewaard als <naam>.vervangen-<tijd>.")
    restore.add_argument("backup", metavar="BACKUP", help="het back-upbestand")
    restore.add_argument("vault", metavar="VAULT", help="de kluismap die ontstaat")
    restore.add_argument("--as", dest="as_user", required=True, metavar="NAAM", help="een beheerder uit de back-up")
    restore.add_argument("--password-stdin", action="store_true",
                         help="lees het wachtwoord (1 regel) van standaardinvoer")
    restore.add_argument("--replace", action="store_true", help="vervang een bestaande kluis (de oude blijft bewaard)")
    restore.set_defaults(handler=cmd_restore)
    verify = _vault_command(sub, "verify", cmd_verify, "controleer database, sleutelring en auditketen")
    verify.add_argument("--checkpoint", metavar="FILE",
                        help="schrijf een ondertekend controlepunt naar FILE als dat nog niet bestaat, "
                             "controleer het anders (exit 4 met het volgnummer als de keten er niet meer bij past)")
    seed = _vault_command(sub, "seed", cmd_seed, "voeg synthetische casussen toe (demo, benchmarks)")
    seed.add_argument("--persons", type=_positive_int, required=True, metavar="N")
    seed.add_argument("--seed", type=int, default=2026, help="startwaarde: dezelfde waarde geeft dezelfde gegevens")
    retention = _vault_command(sub, "retention", cmd_retention, "wat moet worden vernietigd, wat is in bewaring")
    retention.add_argument("--json", action="store_true", help="één object per casus: case, rule, deadline, state")
    retention.add_argument("--state", choices=("overdue", "warning", "on_hold", "running", "dormant", "justified"),
                           help="alleen casussen in deze toestand")
    policy = _vault_command(sub, "policy", cmd_policy, "toon het bewaarbeleid dat geldt, met de bron van elke regel")
    policy.add_argument("--load", metavar="FILE", help="installeer FILE (JSON) als nieuwe beleidsversie (beheerder)")
    report = _vault_command(sub, "destruction-report", cmd_destruction_report,
                            "schrijf het vernietigingsrapport (casusnummers, regels, datums, gebruikers)")
    report.add_argument("--out", required=True, metavar="FILE", help="nieuw bestand; .csv geeft CSV, anders platte tekst")
    return parser


COMMANDS = frozenset({"open", "demo", "init", "user", "organisation", "case", "recover", "passwd", "rotate-key", "migrate-compartments", "backup", "restore",
                      "verify", "seed", "retention", "policy", "destruction-report"})


def _normalise(argv: list[str]) -> list[str]:
    """`pgatui [--lang L] VAULT` means `pgatui [--lang L] open VAULT`."""
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        i += 2 if argv[i] == "--lang" else 1  # the only global option taking a value
    if i < len(argv) and argv[i] not in COMMANDS:
        return argv[:i] + ["open"] + argv[i:]
    return argv


def one_line(text: str, limit: int = 400) -> str:
    """A message as one line of bounded length (SQLite's reports can hold newlines and go on)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _never_fail_on_output() -> None:
    """Text the terminal's encoding cannot show is escaped, never an encoding error midway."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # the pgatui process itself (tests that call main(args) keep their own limits)
        harden_process()  # before any key or case content is in memory
    argv = _normalise(list(sys.argv[1:] if argv is None else argv))
    _never_fail_on_output()
    try:
        for argument in argv:  # before anything is created or asked: bytes that are not UTF-8
            _valid_text(argument, "cli.argument_not_utf8")
        args = build_parser().parse_args(argv)
        if not getattr(args, "handler", None):
            raise UsageError("cli.no_command")
        return args.handler(args, Secrets(getattr(args, "password_stdin", False)))
    except PgaError as exc:
        print(f"pgatui: {one_line(error_text(exc, 'nl'))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:  # Ctrl-C: one quiet line, no traceback
        print(f"pgatui: {sentence('cli.interrupted')}", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - never a traceback (it could hold case content)
        return _unexpected_failure(exc)


def _unexpected_failure(exc: Exception) -> int:
    """One line and an exit code for what is not a PgaError; never a traceback."""
    from pgatui.services.failures import database_failure

    known = database_failure(exc)
    if known is not None:
        print(f"pgatui: {error_text(known, 'nl')}", file=sys.stderr)
        return known.exit_code
    if isinstance(exc, PermissionError):
        print(f"pgatui: {sentence('cli.no_write_permission')}", file=sys.stderr)
    elif isinstance(exc, OSError):
        print(f"pgatui: {sentence('cli.file_error', reason=exc.strerror or type(exc).__name__)}", file=sys.stderr)
    else:
        print(f"pgatui: {sentence('cli.internal_error', kind=type(exc).__name__)}", file=sys.stderr)
    return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
