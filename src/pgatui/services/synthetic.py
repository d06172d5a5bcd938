"""Clearly fake, realistic-looking Dutch people and signals for demos and benchmarks.

Deterministic for a given seed. Addresses lie in invented places, and every BSN starts with
999, the range the Dutch government reserves for test numbers, so no synthetic record can be
mistaken for, or collide with, a real person. Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

FIRST_NAMES = (
    "Anouk", "Bram", "Daan", "Emma", "Fleur", "Gijs", "Hanna", "Imran", "Jasper", "Kim", "Lars",
    "Lotte", "Mehmet", "Noor", "Olaf", "Priya", "Ruben", "Sanne", "Thijs", "Yara", "Youssef",
    "Zeynep", "Milan", "Sem", "Julia", "Luuk", "Fatima", "Bilal", "Iris", "Koen", "Mila", "Niels",
    "Sara", "Tim", "Vera", "Wouter", "Amira", "Dirk", "Esra", "Finn",
)
SURNAMES = (
    "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kaya", "Yilmaz", "El Amrani",
    "Bouzid", "Sedney", "Wijnaldum", "Kramer", "Prins", "Koster", "Verhoeven", "Willems", "Post",
)
STREETS = (
    "Fictiestraat", "Proeflaan", "Voorbeeldweg", "Demoplein", "Testkade", "Oefenpad",
    "Nepgracht", "Schijnsingel", "Ontwerpstraat", "Modelhof",
)
PLACES = ("Demodorp", "Proefstad", "Voorbeeldrecht", "Oefenhuizen", "Testerveen", "Nepwoude")

SOURCE_KINDS = (
    "professional_onderwijs", "professional_jeugdwerk", "wijkagent", "sociaal_domein", "leerplicht",
    "familie", "burger", "gemeentelijke_afdeling", "politie", "aivd_ambtsbericht", "anonieme_tiplijn",
)
IDEOLOGIES = (
    "jihadistisch", "rechts_extremistisch", "links_extremistisch", "anti_institutioneel",
    "dierenrechtenextremistisch", "overig", "onduidelijk",
)
URGENCIES = ("laag", "normaal", "hoog")
# The first names above that read as a woman's: a synthetic person's gender mostly follows its name.
FEMININE = frozenset({"Anouk", "Emma", "Fleur", "Hanna", "Kim", "Lotte", "Noor", "Priya", "Sanne", "Yara", "Zeynep",
                      "Julia", "Fatima", "Iris", "Mila", "Sara", "Vera", "Amira", "Esra"})
UNKNOWN_SHARE, OTHER_SHARE = 0.11, 0.02  # of the persons: gender not filled in, or "anders"

OBSERVATIONS = {
    "jihadistisch": (
        "Deelt in een groepsapp video's van een verboden organisatie en prijst een aanslag.",
        "Heeft vrienden gevraagd naar reismogelijkheden naar een conflictgebied.",
    ),
    "rechts_extremistisch": (
        "Draagt symbolen van een extreemrechtse groep en verspreidt flyers bij school.",
        "Plaatst online oproepen tot geweld tegen asielzoekers.",
    ),
    "links_extremistisch": (
        "Betrokken bij het bekladden van een bedrijfspand met bedreigende leuzen.",
        "Verspreidt adresgegevens van een wethouder met de oproep 'op bezoek te gaan'.",
    ),
    "anti_institutioneel": (
        "Weigert iedere overheidsbrief, noemt zich 'soevereine burger' en bedreigde een handhaver.",
        "Roept in een Telegramgroep op om rechters 'te berechten'.",
    ),
    "dierenrechtenextremistisch": (
        "Betrokken bij intimidatie van medewerkers van een proefdierlaboratorium.",
        "Plaatst woonadressen van pluimveehouders online met dreigende tekst.",
    ),
    "overig": ("Uit dreigementen richting een school, motief onduidelijk maar ideologisch getint.",),
    "onduidelijk": ("Zorgwekende uitspraken in de klas; achtergrond en motief nog onbekend.",),
}
INTERPRETATIONS = (
    "Melder vermoedt een snel radicaliseringsproces na verlies van werk.",
    "Mogelijk beïnvloed door een nieuwe vriendengroep; geen eerdere signalen bekend.",
    "Melder twijfelt of het om stoerdoenerij gaat of om een serieuze intentie.",
    "",
)


@dataclass(frozen=True)
class FakePerson:
    name: str
    date_of_birth: dt.date
    address: str
    bsn: str | None
    phone: str = ""
    gender: str = "onbekend"


@dataclass(frozen=True)
class FakeSignal:
    received_on: dt.date
    source_kind: str
    ideology: str  # the main one: the observation fits it
    urgency: str
    observed_facts: str
    interpretation: str
    ideologies: tuple[str, ...] = ()  # it, and any the intake named beside it


def _side_rng(*parts) -> random.Random:
    """A choice of its own per record, seeded by the record's values: a choice added later leaves
    the main stream (and so every other synthetic value, the demo's names included) as it was."""
    return random.Random("|".join(map(str, parts)))


def fake_gender(name: str, born: dt.date) -> str:
    """Mostly as the first name reads; some not filled in at intake, a few "anders" (issue 16's figures)."""
    draw = _side_rng("gender", name, born).random()
    if draw < UNKNOWN_SHARE:
        return "onbekend"
    if draw < UNKNOWN_SHARE + OTHER_SHARE:
        return "anders"
    return "vrouw" if name.split()[0] in FEMININE else "man"


def fake_ideologies(main: str, facts: str, received_on: dt.date) -> tuple[str, ...]:
    """Mostly the one ideology; one signal in five also names "gemengd of onduidelijk" or a second
    named ideology (issue 14: a signal may name more than one)."""
    rng = _side_rng("ideologies", main, facts, received_on)
    if main == "onduidelijk" or rng.random() >= 0.2:
        return (main,)
    extra = rng.choice(("onduidelijk", *(i for i in IDEOLOGIES if i not in (main, "onduidelijk"))))
    return tuple(i for i in IDEOLOGIES if i in (main, extra))


def fake_room_view(suspected: tuple[str, ...], *record) -> tuple[str, ...]:
    """The phenomenon as the weegploeg saw it: mostly what the signals suspected; one in four
    weighings sees it otherwise (a named ideology where the intake was unclear, or mixed)."""
    rng = _side_rng("room", *suspected, *record)
    if rng.random() >= 0.25:
        return suspected
    if "onduidelijk" in suspected:
        return (rng.choice(IDEOLOGIES[:-2]),)
    return tuple(i for i in IDEOLOGIES if i in (*suspected, "onduidelijk"))


def synthetic_bsn(rng: random.Random) -> str:
    """A BSN in the government's test range (999…) that passes the elfproef."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(5)]
        partial = sum(d * w for d, w in zip(digits, range(9, 1, -1)))
        last = partial % 11  # elfproef: sum(d_i * w_i) - d_9 ≡ 0 (mod 11)
        if last < 10:
            return "".join(map(str, digits)) + str(last)


def fake_person(rng: random.Random, *, today: dt.date) -> FakePerson:
    age_days = rng.randrange(14 * 365, 60 * 365)
    name, born = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}", today - dt.timedelta(days=age_days)
    return FakePerson(
        name=name,
        date_of_birth=born,
        gender=fake_gender(name, born),
        address=f"{rng.choice(STREETS)} {rng.randrange(1, 240)}, {rng.randrange(1000, 9999)} "
        f"{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')} {rng.choice(PLACES)}",
        bsn=synthetic_bsn(rng) if rng.random() < 0.7 else None,
    )


def fake_signal(rng: random.Random, *, received_on: dt.date) -> FakeSignal:
    ideology = rng.choice(IDEOLOGIES)
    source_kind = rng.choice(SOURCE_KINDS)
    urgency = rng.choices(URGENCIES, weights=(3, 6, 1))[0]
    observed = rng.choice(OBSERVATIONS[ideology])
    return FakeSignal(
        received_on=received_on,
        source_kind=source_kind,
        ideology=ideology,
        urgency=urgency,
        observed_facts=observed,
        interpretation=rng.choice(INTERPRETATIONS),
        ideologies=fake_ideologies(ideology, observed, received_on),
    )
