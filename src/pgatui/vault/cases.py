"""The SQL for case data. Services call these inside `vault.transaction()`; nothing else runs SQL."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from dataclasses import dataclass
from enum import Enum

from pgatui.domain.figures import AGE_BANDS, age_band, age_on
from pgatui.domain.models import Case, Gender, LegalHold, Person, Phase, Signal
from pgatui.vault import blind_index, sealing
from pgatui.vault.sealer import SEALED, compartment_no, is_drop_box, municipality_compartment, sealer_of

CASE_COLUMNS = ("id", "number", "phase", "person_id", "owner", "opened_on", "last_substantive_on", "closed_on",
                "closure_reason", "follow_up_deadline", "next_review_on", "municipality_id", "director")
PERSON_COLUMNS = ("id", "name", "date_of_birth", "address", "phone", "bsn", "gender")
SIGNAL_COLUMNS = ("id", "case_id", "received_on", "received_by", "source_kind", "observed_facts",
                  "interpretation", "ideology", "urgency", "special_categories")
# Sealed under the case's compartment (docs/COMPARTMENTS.md); the other columns stay plain.
PERSON_SEALED = ("name", "date_of_birth", "address", "phone", "bsn", "gender")
SIGNAL_SEALED = ("observed_facts", "interpretation", "ideology", "special_categories")
# The other sealed free-text columns, per table (each with case_id and compartment): written sealed
# (or into the drop box without the key) by `seal_row` / `store_sealed`, read by `open_row`, moved
# with their case by `move_case`, re-sealed by `reseal_compartment`.
CASE_SEALED = {"holds": ("reason",), "history": ("old", "new"), "informing": ("reason_not_to",),
               "reviews": ("reason",), "weighings": ("data",), "minutes": ("data",),
               "interventions": ("description", "evaluation"), "actions": ("description",),
               "dormancy_justifications": ("reason",), "access_purpose_texts": ("text",)}
ROW_KEY = {"access_purpose_texts": "audit_seq"}  # the row id bound into its sealed values (else `id`)
CLOSURE = ("cases", "closure_reason")  # sealed too; the case's municipality names the compartment
SEARCH_TABLE = "blind_index"
SEARCH_SLACK = 10  # candidates asked beyond a page: the 4-byte tokens let an unrelated case through now and then


def iso(value) -> str | None:
    """A date or datetime as ISO text for SQL (other values as they are)."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _person_values(person) -> dict:
    """The person's sealed columns as stored before sealing: dates ISO, codes as their value."""
    return {c: _stored(getattr(person, c, None)) for c in PERSON_SEALED}


def _stored(value):
    return iso(value.value if isinstance(value, Enum) else value)


def insert_person(conn, person, compartment: str | None = None) -> int:
    """A person, sealed under `compartment` (the compartment of the case it is taken in for);
    without one (a direct write with no municipality) plain. The row id is part of each sealed
    value, so the row is written with placeholders first and sealed with the id it got."""
    values = _person_values(person)
    if compartment is None:
        return conn.execute(f"INSERT INTO persons({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                            tuple(values.values())).lastrowid
    if not sealer_of(conn).holds(compartment):  # written into its drop box: its members take it in
        return _insert_person_into(conn, person, compartment)
    person_id = conn.execute("INSERT INTO persons(name, date_of_birth, address, phone, bsn, compartment) "
                             "VALUES (X'', X'', X'', X'', NULL, ?)", (compartment,)).lastrowid
    _seal_person(conn, person_id, compartment, values, sealer_of(conn).current(compartment))
    return person_id


def _seal_person(conn, person_id: int, compartment: str, values: dict, key) -> None:
    sealer = sealer_of(conn)
    sealed = [sealer.seal(compartment, "persons", c, person_id, values[c]) for c in PERSON_SEALED]
    token = blind_index.person_token(key, values["name"], values["date_of_birth"])
    conn.execute(f"UPDATE persons SET {', '.join(f'{c} = ?' for c in PERSON_SEALED)}, match_token = ?, "
                 "gender_token = ? WHERE id = ?", (*sealed, token, _gender_token(key, values["gender"]), person_id))


def _gender_token(key, gender: str | None) -> bytes:
    return blind_index.token(key, blind_index.CATEGORY, "gender:" + (gender or Gender.ONBEKEND.value))


def gender_tokens(conn, compartment: str) -> dict[bytes, str]:
    """token -> gender code for `compartment` (the key is needed), as `ideology_tokens`."""
    sealer = sealer_of(conn)
    return {sealer.token(compartment, blind_index.CATEGORY, "gender:" + g.value): g.value for g in Gender}


def person_in_compartment(conn, person_id: int, compartment: str | None) -> int:
    """The person's row in `compartment`: itself, or a sealed copy for a case in another
    municipality (a person with cases in two municipalities is a row per compartment)."""
    row = conn.execute("SELECT compartment FROM persons WHERE id = ?", (person_id,)).fetchone()
    if row is None or row[0] == compartment or compartment is None:
        return person_id
    person = get_person(conn, person_id)
    if person.sealed:
        sealer_of(conn).chain(row[0])  # raises AccessDenied: the person cannot be read here
    return insert_person(conn, person, compartment)


def case_compartment(conn, case_id: int) -> str | None:
    return municipality_compartment(municipality_of(conn, case_id))


def insert_case(conn, person_id: int, owner: str, opened_on: dt.date, *, municipality_id: int | None = None,
                director: str | None = None) -> int:
    """A new case; `owner` is who typed it in, `director` the gemeente user who runs it."""
    case_id = _next_case_id(conn)
    conn.execute("INSERT INTO cases(id, number, person_id, phase, owner, opened_on, last_substantive_on, "
                 "municipality_id, director) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (case_id, case_number(opened_on.year, case_id), person_id, Phase.SIGNAAL.value, owner,
                  iso(opened_on), iso(opened_on), municipality_id, director))
    return case_id


Scope = tuple[int, ...] | None  # the municipalities a user sees; None: every one


def in_scope(scope: Scope, alias: str = "c") -> tuple[str, tuple]:
    """The SQL condition (and its parameters) that keeps only the cases of `scope`'s municipalities."""
    if scope is None:
        return "1", ()
    if not scope:
        return "0", ()
    return f"{alias}.municipality_id IN ({', '.join('?' * len(scope))})", tuple(scope)


def _next_case_id(conn) -> int:
    """An id never handed out before, also not to a case destroyed since (migration 0005)."""
    return conn.execute("UPDATE id_watermarks SET value = max(value, (SELECT coalesce(max(id), 0) FROM cases)) + 1 "
                        "WHERE name = 'cases' RETURNING value").fetchone()[0]


def case_number(year: int, case_id: int) -> str:
    return f"PGA-{year}-{case_id:05d}"


def _signal_values(signal) -> dict:
    """The signal's sealed columns as stored before sealing (the ideologies a JSON list of codes)."""
    return {"observed_facts": signal.observed_facts, "interpretation": signal.interpretation,
            "ideology": json.dumps([i.value for i in signal.ideologies]),
            "special_categories": json.dumps(sorted(c.value for c in signal.special_categories))}


def ideologies_stored(stored: str) -> list[str]:
    """The codes of a signal's opened `ideology` column: a JSON list, or one code (rows of before 0025)."""
    return json.loads(stored) if stored.startswith("[") else [stored]


def insert_signal(conn, case_id: int, signal, recorded_by: str) -> int:
    """A signal, its content sealed under the case's compartment (with a blind token of each
    ideology beside it, so figures per ideology can be counted in SQL by a member)."""
    compartment = case_compartment(conn, case_id)
    values = _signal_values(signal)
    placeholders = values if compartment is None else dict.fromkeys(values, b"")
    sealer = sealer_of(conn)
    signal_id = conn.execute(
        "INSERT INTO signals(case_id, received_on, received_by, source_kind, observed_facts, interpretation, "
        "ideology, special_categories, urgency, recorded_by, compartment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, iso(signal.received_on), signal.received_by, signal.source_kind.value, *placeholders.values(),
         signal.urgency.value, recorded_by, compartment)).lastrowid
    if compartment is None:
        _count_ideologies(conn, "signal", signal_id, signal.ideologies, None)
    elif sealer.holds(compartment):
        _seal_signal(conn, signal_id, compartment, values)
    else:  # into the drop box, no ideology token: its members take it in
        conn.execute(f"UPDATE signals SET {', '.join(f'{c} = ?' for c in values)} WHERE id = ?",
                     (*(sealer.seal_into(compartment, "signals", c, signal_id, v) for c, v in values.items()),
                      signal_id))
    return signal_id


def _seal_signal(conn, signal_id: int, compartment: str, values: dict) -> None:
    """Seal the signal's values and write its ideologies' count tokens; `ideology_token` is the
    token of the whole set (which combination), and marks the row as taken in."""
    sealer = sealer_of(conn)
    sealed = [sealer.seal(compartment, "signals", c, signal_id, v) for c, v in values.items()]
    codes = ideologies_stored(values["ideology"])
    conn.execute(f"UPDATE signals SET {', '.join(f'{c} = ?' for c in values)}, ideology_token = ? WHERE id = ?",
                 (*sealed, _ideology_set_token(sealer, compartment, codes), signal_id))
    _count_ideologies(conn, "signal", signal_id, codes, compartment)
    _set_age_token(conn, signal_id, compartment)


def _ideology_set_token(sealer, compartment: str, codes: list[str]) -> bytes:
    return sealer.token(compartment, blind_index.CATEGORY, "ideologies:" + ",".join(codes))


# The age token of a person whose date of birth is not known (counted in no band).
NO_AGE = "-"


def _age_token(sealer, compartment: str, band: str) -> bytes:
    return sealer.token(compartment, blind_index.CATEGORY, "age:" + band)


def _set_age_token(conn, signal_id: int, compartment: str) -> None:
    """The blind token of the person's age band at the signal's date (issue 16: figures by age
    band count tokens in SQL, no date of birth is opened for them). Needs the key; the person is
    sealed in the same compartment as the signal."""
    sealer = sealer_of(conn)
    received_on, person_id, person_compartment, stored = conn.execute(
        "SELECT s.received_on, p.id, p.compartment, p.date_of_birth FROM signals s JOIN cases c ON c.id = s.case_id "
        "JOIN persons p ON p.id = c.person_id WHERE s.id = ?", (signal_id,)).fetchone()
    born = sealer.open(person_compartment, "persons", "date_of_birth", person_id, stored)
    band = age_band(age_on(dt.date.fromisoformat(str(born)), dt.date.fromisoformat(received_on))) if born else NO_AGE
    conn.execute("UPDATE signals SET age_token = ? WHERE id = ?", (_age_token(sealer, compartment, band), signal_id))


def age_tokens(conn, compartment: str) -> dict[bytes, str]:
    """token -> age band for `compartment` (the key is needed), as `ideology_tokens`."""
    sealer = sealer_of(conn)
    return {_age_token(sealer, compartment, label): label for _, label in AGE_BANDS}


def lacks_age_tokens(conn, compartment: str) -> bool:
    """Sealed signals of `compartment` taken in before migration 0027 (no age token yet)."""
    return bool(conn.execute("SELECT 1 FROM signals INDEXED BY signals_age_missing WHERE compartment = ? "
                             "AND age_token IS NULL AND ideology_token IS NOT NULL LIMIT 1", (compartment,)).fetchone())


def fill_age_tokens(conn, compartment: str, limit: int) -> int:
    """Give at most `limit` sealed signals of `compartment` without one their age token (the
    backfill of migration 0027, by a member's session: it needs the key). Signals still in the
    drop box get theirs when they are taken in. Returns how many were filled."""
    missing = [r[0] for r in conn.execute("SELECT id FROM signals INDEXED BY signals_age_missing WHERE compartment = ? "
                                          "AND age_token IS NULL AND ideology_token IS NOT NULL LIMIT ?",
                                          (compartment, limit))]
    for signal_id in missing:
        _set_age_token(conn, signal_id, compartment)
    return len(missing)




# Where the ideologies are counted: per signal (suspected at intake) and per weighing (the room's view).
_IDEOLOGY_TABLES = {"signal": "signal_ideologies", "weighing": "weighing_ideologies"}


def _count_ideologies(conn, kind: str, owner_id: int, codes, compartment: str | None) -> None:
    """Replace the count rows of a signal or weighing: one per ideology, the token under
    `compartment` (the key is needed) or, for a plain case, the code itself (migration 0025)."""
    table = _IDEOLOGY_TABLES[kind]
    conn.execute(f"DELETE FROM {table} WHERE {kind}_id = ?", (owner_id,))
    sealer = sealer_of(conn)
    values = [str(getattr(c, "value", c)) for c in codes]
    rows = [(owner_id, v if compartment is None else sealer.token(compartment, blind_index.CATEGORY, "ideology:" + v))
            for v in values]
    conn.executemany(f"INSERT OR IGNORE INTO {table}({kind}_id, ideology) VALUES (?, ?)", rows)


def count_weighing_ideologies(conn, weighing_id: int, case_id: int, codes) -> None:
    """The room's view of the phenomenon, counted for the figures (caller's transaction). Without
    the case's key no tokens are written: a member's next import writes them (`_finish_import`)."""
    compartment = case_compartment(conn, case_id)
    if compartment is None or sealer_of(conn).holds(compartment):
        _count_ideologies(conn, "weighing", weighing_id, codes, compartment)


def ideology_tokens(conn, compartment: str, ideologies) -> dict[bytes, str]:
    """token -> ideology for `compartment` (the key is needed): lets the count rows' tokens be
    read back as labels."""
    sealer = sealer_of(conn)
    return {sealer.token(compartment, blind_index.CATEGORY, "ideology:" + i.value): i.value for i in ideologies}


def reindex_case(conn, case_id: int) -> None:
    """Rebuild the case's blind index entries from its person and signals (needs its key)."""
    row = conn.execute("SELECT number, person_id, municipality_id FROM cases WHERE id = ?", (case_id,)).fetchone()
    compartment = municipality_compartment(row[2])
    if compartment is None or not sealer_of(conn).holds(compartment):
        return  # a plain case is not in the blind index; without the key the members' import indexes it
    person = get_person(conn, row[1])
    tokens = _case_tokens(sealer_of(conn).current(compartment), CaseText(
        case_id, row[0], person.name, person.bsn, tuple(signal_text(s) for s in signals_of(conn, case_id))))
    blind_index.replace_owner(conn, SEARCH_TABLE, compartment_no(conn, compartment), case_id, tokens)


@dataclass(frozen=True)
class CaseText:
    """What a case is found by in search, in plain text: its number, its person's name and BSN,
    the texts of its signals."""
    case_id: int
    number: str
    name: str
    bsn: str | None
    signal_texts: tuple[str, ...]


def signal_text(signal) -> str:
    return f"{signal.observed_facts} {signal.interpretation}"


def _case_tokens(key, case: CaseText) -> set[bytes]:
    return blind_index.index_tokens(key, names=[case.name], texts=case.signal_texts, bsn=case.bsn,
                                    case_number=case.number)


def index_new_cases(conn, compartment: str, cases: list[CaseText]) -> None:
    """Index cases just written into `compartment` (a seed batch) from the plain text the caller
    still holds: nothing is read back or opened again, and the rows go in sorted, in one
    statement (random single inserts into a large index cost a page each)."""
    key = sealer_of(conn).current(compartment)
    blind_index.insert_owners(conn, SEARCH_TABLE, compartment_no(conn, compartment),
                              {case.case_id: _case_tokens(key, case) for case in cases})


def get_case(conn, case_id: int) -> Case | None:
    row = conn.execute(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE id = ?", (case_id,)).fetchone()
    return case_of(conn, row) if row else None


def get_cases(conn, case_ids: list[int]) -> dict[int, Case]:
    """The cases of `case_ids` (a page of search results) in one query, by id."""
    if not case_ids:
        return {}
    rows = conn.execute(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE id IN ({', '.join('?' * len(case_ids))})",
                        tuple(case_ids))
    return {row[0]: case_of(conn, row) for row in rows}


def case_of(conn, row) -> Case:
    """A case from a row of CASE_COLUMNS, its closure reason opened ("afgeschermd" without the key)."""
    values = dict(zip(CASE_COLUMNS, row))
    values["closure_reason"] = open_closure(conn, values["id"], values["municipality_id"], values["closure_reason"])
    return Case(**values)


def open_closure(conn, case_id: int, municipality_id: int | None, stored):
    """The closure reason as written: sealed (a BLOB), or plain text from before migration 0023."""
    if stored is None or isinstance(stored, str):
        return stored
    return sealer_of(conn).open(municipality_compartment(municipality_id), *CLOSURE, case_id, stored)


def get_person(conn, person_id: int) -> Person | None:
    row = conn.execute(f"SELECT {', '.join(PERSON_COLUMNS)}, compartment FROM persons WHERE id = ?",
                       (person_id,)).fetchone()
    return _person(conn, row) if row else None


def _person(conn, row) -> Person:
    """A person opened with the session's keys; without the key a placeholder that says so."""
    values, compartment = dict(zip(PERSON_COLUMNS, row[:-1])), row[-1]
    sealer = sealer_of(conn)
    if not sealer.holds(compartment):
        return Person.model_construct(id=values["id"], name=SEALED, date_of_birth=None, address="", phone="",
                                      bsn=None, sealed=True)
    for column in PERSON_SEALED:
        values[column] = sealer.open(compartment, "persons", column, values["id"], values[column])
    return Person(**values)


def signals_of(conn, case_id: int) -> list[Signal]:
    """The case's signals this session can open (none without the compartment's key)."""
    rows = conn.execute(f"SELECT {', '.join(SIGNAL_COLUMNS)}, compartment FROM signals WHERE case_id = ? ORDER BY id",
                        (case_id,))
    sealer, found = sealer_of(conn), []
    for row in rows:
        values, compartment = dict(zip(SIGNAL_COLUMNS, row[:-1])), row[-1]
        if not sealer.holds(compartment):
            continue
        for column in SIGNAL_SEALED:
            values[column] = sealer.open(compartment, "signals", column, values["id"], values[column])
        values["ideologies"] = ideologies_stored(values.pop("ideology"))
        found.append(Signal(**{**values, "special_categories": json.loads(values["special_categories"])}))
    return found


def can_read(conn, case_id: int) -> bool:
    """Whether this session holds the key of the case's compartment (or the case is plain)."""
    return sealer_of(conn).holds(case_compartment(conn, case_id))


def open_case_of(conn, person_id: int) -> int | None:
    row = conn.execute("SELECT id FROM cases WHERE person_id = ? AND phase NOT IN ('afgesloten', 'vernietigd') "
                       "ORDER BY id DESC LIMIT 1", (person_id,)).fetchone()
    return row[0] if row else None


def persons_like(conn, name: str, date_of_birth: dt.date, scope: Scope = None) -> list[Person]:
    """Persons of that name and date of birth that have a case in `scope` (or none at all): by
    the match token in each compartment this session holds (plain rows by their columns), each
    candidate opened to confirm (a 4-byte token can collide)."""
    where, params = in_scope(scope)
    visible = (f"(EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND {where}) "
               "OR NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id))")
    columns = ", ".join("p." + c for c in (*PERSON_COLUMNS, "compartment"))
    born = iso(date_of_birth)
    rows = list(conn.execute(f"SELECT {columns} FROM persons p WHERE p.compartment IS NULL AND p.date_of_birth = ? "
                             f"AND lower(p.name) = lower(?) AND {visible}", (born, name, *params)))
    sealer = sealer_of(conn)
    for compartment in sealer.held():
        token = blind_index.person_token(sealer.current(compartment), name, born)
        rows += conn.execute(f"SELECT {columns} FROM persons p WHERE p.match_token = ? AND p.compartment = ? "
                             f"AND {visible}", (token, compartment, *params))
    wanted = blind_index.normalise(name)
    persons = [_person(conn, r) for r in rows]
    return [p for p in persons if blind_index.normalise(p.name) == wanted and iso(p.date_of_birth) == born]


def persons_visible(conn, person_id: int, scope: Scope) -> bool:
    """Whether the person has a case in `scope`, or no case at all (a missing person: True, so the
    caller says 'not found')."""
    where, params = in_scope(scope)
    cases = conn.execute("SELECT count(*) FROM cases c WHERE c.person_id = ?", (person_id,)).fetchone()[0]
    return cases == 0 or conn.execute(f"SELECT 1 FROM cases c WHERE c.person_id = ? AND {where} LIMIT 1",
                                      (person_id, *params)).fetchone() is not None


def search(conn, query: str, limit: int, scope: Scope = None) -> list[int]:
    """Case ids whose person name or signal text matches every word (prefix match), in `scope`,
    newest first (see `search_named`)."""
    return [case_id for case_id, _name in search_named(conn, query, limit, scope)]


def search_named(conn, query: str, limit: int, scope: Scope = None) -> list[tuple[int, str]]:
    """(case id, person name) of the cases whose person name or signal text matches every word
    (prefix match), in `scope`, newest first: through the blind index of each compartment this
    session holds; every candidate is checked on its opened values (blind_index.matches drops the
    tokens' collisions). The candidates are read in one query, and only the name, BSN and number
    are opened first: the signal texts only of a candidate those do not match on their own."""
    sealer = sealer_of(conn)
    numbers = {no: sealer.current(c) for c in sealer.held()
               if (no := compartment_no(conn, c, create=False)) is not None}
    candidates = blind_index.lookup(conn, SEARCH_TABLE, numbers, query, limit + SEARCH_SLACK)
    if not candidates:
        return []
    where, params = in_scope(scope)
    match = blind_index.Matcher(query)
    rows = {r[0]: r[1:] for r in conn.execute(
        f"SELECT c.id, c.number, p.id, p.compartment, p.name, p.bsn FROM cases c JOIN persons p ON p.id = c.person_id "
        f"WHERE c.id IN ({', '.join('?' * len(candidates))}) AND c.phase != 'vernietigd' AND {where}",
        (*candidates, *params))}
    found = []
    for case_id in candidates:
        if case_id not in rows:
            continue  # destroyed, or outside the scope
        number, person_id, compartment, name, bsn = rows[case_id]
        name = sealer.open(compartment, "persons", "name", person_id, name)
        bsn = sealer.open(compartment, "persons", "bsn", person_id, bsn) if match.needs_bsn else None
        person = {"names": [name], "bsn": bsn, "case_number": number}
        if match(**person) or match(texts=_signal_texts(conn, case_id), **person):
            found.append((case_id, name))
            if len(found) == limit:
                break
    return found


def _signal_texts(conn, case_id: int) -> list[str]:
    sealer = sealer_of(conn)
    rows = conn.execute("SELECT id, compartment, observed_facts, interpretation FROM signals WHERE case_id = ? "
                        "ORDER BY id", (case_id,))
    return [f"{sealer.open(c, 'signals', 'observed_facts', i, facts)} {sealer.open(c, 'signals', 'interpretation', i, why)}"
            for i, c, facts, why in rows]


def cases_with_bsn(conn, bsn: str) -> list[int]:
    """Case ids whose person has this BSN: the exact BSN token in each compartment held (each
    candidate opened to confirm), and plain rows of before the compartments by their column."""
    ids = [r[0] for r in conn.execute("SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id "
                                      "WHERE p.compartment IS NULL AND p.bsn = ?", (bsn,))]
    sealer, wanted = sealer_of(conn), blind_index.normal_bsn(bsn)
    for compartment in sealer.held():
        no = compartment_no(conn, compartment, create=False)
        if no is None or wanted is None:
            continue
        token = sealer.token(compartment, blind_index.BSN, wanted)
        for (case_id,) in conn.execute(f"SELECT owner FROM {SEARCH_TABLE} WHERE compartment_no = ? AND token = ?",
                                       (no, token)).fetchall():
            person = get_person(conn, get_case(conn, case_id).person_id)
            if blind_index.normal_bsn(person.bsn) == wanted:
                ids.append(case_id)
    return ids


def director_of(conn, case_id: int) -> str | None:
    """The login of the case's director (None: no director, or no such case)."""
    row = conn.execute("SELECT director FROM cases WHERE id = ?", (case_id,)).fetchone()
    return row[0] if row else None


_CASE_NUMBER = re.compile(r"(PGA-)?(\d{4}-)?\d+")  # PGA-2022-00001, 2022-00001, PGA-00001, 1


def cases_by_number_or_bsn(conn, query: str, limit: int, scope: Scope = None) -> list[int]:
    """Case ids for a case number (PGA-2022-00001, 2022-00001, or its last digits: 1, 00001) or a
    person's BSN.

    A case number is PGA-<year>-<id>, so its digits after the year are the case id itself.
    """
    text = query.strip().upper()
    digits = text.rsplit("-", 1)[-1] if _CASE_NUMBER.fullmatch(text) else text
    if not digits.isdigit():
        return []
    where, params = in_scope(scope)
    by_bsn = cases_with_bsn(conn, digits)
    rows = conn.execute(
        f"SELECT c.id FROM cases c WHERE c.phase != 'vernietigd' AND {where} AND (c.number = ? OR c.id = ? "
        f"OR c.id IN ({', '.join('?' * len(by_bsn))})) ORDER BY c.id DESC LIMIT ?",
        (*params, text, int(digits), *by_bsn, limit))
    return [r[0] for r in rows]


DUE_KEY = "coalesce(c.follow_up_deadline, c.next_review_on, '9999-12-31')"  # as in migration 0006
NOTHING_DUE = "9999-12-31"


def page_case_rows(conn, *, phase: Phase | None, owner: str | None, by_due: bool, after: tuple[str, int] | None,
                   limit: int, scope: Scope = None) -> list[tuple[Case, str, str]]:
    """(case, person name, due key) keyset-paged by id, or by due date then id; filtered by phase,
    director (`owner`) and the municipalities of `scope`."""
    where, params = in_scope(scope)
    clauses, params = ["c.phase != 'vernietigd'", where], list(params)
    if phase is not None:
        clauses.append("c.phase = ?")
        params.append(phase.value)
    if owner is not None:
        clauses.append("c.director = ?")
        params.append(owner)
    order = f"{DUE_KEY}, c.id" if by_due else "c.id"
    if after is not None:  # keyset: the due-date form is written so the index can seek to it (a row
        # value comparison cannot seek, so later pages scanned from the start)
        clauses.append(f"{DUE_KEY} >= ? AND ({DUE_KEY} > ? OR c.id > ?)" if by_due else "c.id > ?")
        params.extend((after[0], after[0], after[1]) if by_due else after[1:])
    columns = ", ".join(f"c.{c}" for c in CASE_COLUMNS)
    rows = conn.execute(f"SELECT {columns}, p.id, p.name, p.compartment, {DUE_KEY} FROM cases c "
                        f"JOIN persons p ON p.id = c.person_id WHERE {' AND '.join(clauses)} ORDER BY {order} LIMIT ?",
                        (*params, limit))
    sealer = sealer_of(conn)  # the name is opened per row of the page (never sorted on: it is sealed)
    return [(case_of(conn, r[:-4]), sealer.open(r[-2], "persons", "name", r[-4], r[-3]), r[-1]) for r in rows]


def move_case(conn, case_id: int, source: str | None, target: str) -> None:
    """Re-seal a case moved to another municipality into `target` (caller's transaction, after
    the case's municipality_id changed): its signals, its process rows (CASE_SEALED), its closure
    reason, and its person (a copy when the person has other cases left in `source`). Rows in
    `target` already stay as they are (a vault sealed in part before migration 0023). Without the
    target's key the values go into its drop box and the target's next member session re-seals
    and indexes them (`import_drop_boxes`)."""
    sealer = sealer_of(conn)
    if source is not None and (no := compartment_no(conn, source, create=False)) is not None:
        blind_index.delete_owner(conn, SEARCH_TABLE, no, case_id)
    person_id = conn.execute("SELECT person_id FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
    person_compartment = conn.execute("SELECT compartment FROM persons WHERE id = ?", (person_id,)).fetchone()[0]
    if person_compartment == target:
        pass
    elif conn.execute("SELECT 1 FROM cases WHERE person_id = ? AND id != ?", (person_id, case_id)).fetchone():
        person = get_person(conn, person_id)
        if person.sealed:
            sealer.chain(person_compartment)  # AccessDenied: what cannot be read cannot be moved
        person_id = _insert_person_into(conn, person, target)
        conn.execute("UPDATE cases SET person_id = ? WHERE id = ?", (person_id, case_id))
    else:
        _move_row(conn, "persons", person_id, PERSON_SEALED, target)
    # The count tokens were made under the old compartment: the import writes them anew.
    conn.execute("DELETE FROM signal_ideologies WHERE signal_id IN (SELECT id FROM signals WHERE case_id = ?)",
                 (case_id,))
    conn.execute("DELETE FROM weighing_ideologies WHERE weighing_id IN (SELECT id FROM weighings WHERE case_id = ?)",
                 (case_id,))
    for table, columns in {"signals": SIGNAL_SEALED, **CASE_SEALED}.items():
        key = ROW_KEY.get(table, "id")
        for (row_id,) in conn.execute(f"SELECT {key} FROM {table} WHERE case_id = ? AND compartment IS NOT ?",
                                      (case_id, target)).fetchall():
            _move_row(conn, table, row_id, columns, target)
    _move_closure(conn, case_id, source, target)
    if sealer.holds(target):
        _finish_import(conn, target, case_id)


def _move_closure(conn, case_id: int, source: str | None, target: str) -> None:
    stored = conn.execute("SELECT closure_reason FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
    if stored is None:
        return
    if isinstance(stored, str):
        plain = stored  # written before migration 0023
    else:
        sealer_of(conn).chain(source)  # AccessDenied without the source's key
        plain = sealer_of(conn).open(source, *CLOSURE, case_id, stored)
    conn.execute("UPDATE cases SET closure_reason = ? WHERE id = ?", (_seal_closure(conn, case_id, target, plain),
                                                                     case_id))


def _insert_person_into(conn, person, compartment: str) -> int:
    person_id = conn.execute("INSERT INTO persons(name, date_of_birth, address, phone, bsn, compartment) "
                             "VALUES (X'', X'', X'', X'', NULL, ?)", (compartment,)).lastrowid
    values = _person_values(person)
    sealer = sealer_of(conn)
    conn.execute(f"UPDATE persons SET {', '.join(f'{c} = ?' for c in PERSON_SEALED)}, match_token = NULL, "
                 "gender_token = NULL WHERE id = ?",
                 (*(sealer.seal_into(compartment, "persons", c, person_id, values[c]) for c in PERSON_SEALED),
                  person_id))
    return person_id


def _move_row(conn, table: str, row_id: int, columns: tuple[str, ...], target: str) -> None:
    """Open the row's sealed columns with its own compartment, seal them into `target`; the row's
    blind tokens (match_token, ideology_token, age_token) are cleared: the import recomputes them."""
    key = ROW_KEY.get(table, "id")
    row = conn.execute(f"SELECT compartment, {', '.join(columns)} FROM {table} WHERE {key} = ?", (row_id,)).fetchone()
    sealer, source = sealer_of(conn), row[0]
    if not sealer.holds(source):
        sealer.chain(source)  # AccessDenied
    plain = [sealable(sealer.open(source, table, c, row_id, v)) for c, v in zip(columns, row[1:])]
    token = {"persons": ", match_token = NULL, gender_token = NULL",
             "signals": ", ideology_token = NULL, age_token = NULL"}.get(table, "")
    conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)}, compartment = ?{token} "
                 f"WHERE {key} = ?", (*(sealer.seal_into(target, table, c, row_id, v) for c, v in zip(columns, plain)),
                                      target, row_id))


def sealable(value):
    """The text sealed for a stored value: bytes (a deflated weighing) as base85 text."""
    return base64.b85encode(bytes(value)).decode("ascii") if isinstance(value, (bytes, memoryview)) else value


def has_drop_boxes(conn, compartment: str) -> bool:
    return bool(conn.execute("SELECT 1 FROM persons WHERE match_token IS NULL AND compartment = ? UNION ALL "
                             "SELECT 1 FROM signals WHERE compartment = ? AND ideology_token IS NULL LIMIT 1",
                             (compartment, compartment)).fetchone())


IMPORT_CHUNK = 500  # cases opened and written together: memory stays bounded, statements few


def import_drop_boxes(conn, compartment: str, progress=None) -> int:
    """What was sealed into `compartment` by a non-member (a seed, a case moved in, the
    migration): re-sealed as ordinary fields with its tokens, and its cases indexed, in one pass
    in the caller's transaction (`take_in`, IMPORT_CHUNK cases a statement batch; `progress(done,
    total)` after each). Needs the key; returns the cases taken in."""
    cases = [r[0] for r in conn.execute(
        "SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.compartment = ? "
        "AND p.match_token IS NULL UNION SELECT case_id FROM signals WHERE compartment = ? "
        "AND ideology_token IS NULL ORDER BY 1", (compartment, compartment))]
    for start in range(0, len(cases), IMPORT_CHUNK):
        take_in(conn, compartment, cases[start:start + IMPORT_CHUNK])
        if progress is not None:
            progress(min(start + IMPORT_CHUNK, len(cases)), len(cases))
    return len(cases)


def _finish_import(conn, compartment: str, case_id: int) -> None:
    take_in(conn, compartment, [case_id])


def take_in(conn, compartment: str, case_ids: list[int]) -> None:
    """Seal the persons and signals of `case_ids` under the compartment's current key (whatever
    they were: a drop box, an older generation), with their blind tokens, turn the drop boxes
    of their other sealed rows into fields, and index the cases: every read is one query per
    table and every write one statement per table, not one per case."""
    key = sealer_of(conn).current(compartment)
    among = json.dumps(case_ids)
    cases = {r[0]: r[1:] for r in conn.execute("SELECT id, number, person_id FROM cases WHERE id IN "
                                               "(SELECT value FROM json_each(?))", (among,))}
    persons = _take_in_persons(conn, compartment, key, {person_id for _number, person_id in cases.values()})
    texts = _take_in_signals(conn, compartment, among)
    for table, columns in CASE_SEALED.items():
        _take_in_drop_boxes(conn, compartment, table, columns, among)
    _take_in_room_views(conn, compartment, list(cases))
    no = compartment_no(conn, compartment)
    blind_index.replace_owners(conn, SEARCH_TABLE, no, {
        case_id: blind_index.index_tokens(key, names=[persons[person_id]["name"]], texts=texts.get(case_id, []),
                                          bsn=persons[person_id]["bsn"], case_number=number)
        for case_id, (number, person_id) in cases.items() if person_id in persons})


def _take_in_persons(conn, compartment: str, key, person_ids: set[int]) -> dict[int, dict]:
    """The persons opened (id -> values), written back sealed under `key` with their match token."""
    sealer, opened, updates = sealer_of(conn), {}, []
    rows = conn.execute(f"SELECT id, compartment, {', '.join(PERSON_SEALED)} FROM persons WHERE id IN "
                        "(SELECT value FROM json_each(?))", (json.dumps(sorted(person_ids)),)).fetchall()
    for person_id, source, *stored in rows:
        if not sealer.holds(source):
            continue  # another municipality's row of the person: not this compartment's to take in
        values = {c: sealer.open(source, "persons", c, person_id, v) for c, v in zip(PERSON_SEALED, stored)}
        opened[person_id] = values
        updates.append((*(sealer.seal(compartment, "persons", c, person_id, values[c]) for c in PERSON_SEALED),
                        blind_index.person_token(key, values["name"], values["date_of_birth"]),
                        _gender_token(key, values["gender"]), compartment, person_id))
    conn.executemany(f"UPDATE persons SET {', '.join(f'{c} = ?' for c in PERSON_SEALED)}, match_token = ?, "
                     "gender_token = ?, compartment = ? WHERE id = ?", updates)
    return opened


def _take_in_signals(conn, compartment: str, among: str) -> dict[int, list[str]]:
    """The signals of the cases written back sealed with their tokens and ideology count rows;
    case id -> texts."""
    sealer, texts, updates, counted = sealer_of(conn), {}, [], []
    rows = conn.execute(f"SELECT id, case_id, compartment, {', '.join(SIGNAL_SEALED)} FROM signals WHERE case_id IN "
                        "(SELECT value FROM json_each(?)) ORDER BY id", (among,)).fetchall()
    for signal_id, case_id, source, *stored in rows:
        if not sealer.holds(source):
            continue
        values = {c: sealer.open(source, "signals", c, signal_id, v) for c, v in zip(SIGNAL_SEALED, stored)}
        texts.setdefault(case_id, []).append(f"{values['observed_facts']} {values['interpretation']}")
        codes = ideologies_stored(values["ideology"])
        counted.append((signal_id, codes))
        updates.append((*(sealer.seal(compartment, "signals", c, signal_id, values[c]) for c in SIGNAL_SEALED),
                        _ideology_set_token(sealer, compartment, codes), compartment, signal_id))
    conn.executemany(f"UPDATE signals SET {', '.join(f'{c} = ?' for c in SIGNAL_SEALED)}, ideology_token = ?, "
                     "compartment = ? WHERE id = ?", updates)
    for signal_id, codes in counted:  # the person is taken in first, so its date of birth opens
        _count_ideologies(conn, "signal", signal_id, codes, compartment)
        _set_age_token(conn, signal_id, compartment)
    return texts


def _take_in_room_views(conn, compartment: str, case_ids: list[int]) -> None:
    """The room's view of the phenomenon of the cases' weighings, counted under the compartment."""
    from pgatui.vault.process import weighings_of  # process builds on this module

    for case_id in case_ids:
        for weighing in weighings_of(conn, case_id):
            _count_ideologies(conn, "weighing", weighing.id, weighing.phenomenon, compartment)


def _take_in_drop_boxes(conn, compartment: str, table: str, columns: tuple[str, ...], among: str) -> None:
    """The drop-box values of `table`'s rows of the cases, sealed as ordinary fields (sealed
    fields stay as they are: `reseal_compartment` renews their generation)."""
    sealer, key = sealer_of(conn), ROW_KEY.get(table, "id")
    updates = []
    for row_id, *stored in conn.execute(f"SELECT {key}, {', '.join(columns)} FROM {table} WHERE compartment = ? "
                                        "AND case_id IN (SELECT value FROM json_each(?))", (compartment, among)):
        if any(is_drop_box(v) for v in stored):
            updates.append((*(sealer.seal(compartment, table, c, row_id, sealer.open(compartment, table, c, row_id, v))
                              for c, v in zip(columns, stored)), row_id))
    conn.executemany(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE {key} = ?", updates)


def seal_row(conn, table: str, row_id: int, case_id: int) -> None:
    """Seal the free-text columns of a row just written (in the caller's transaction, so only
    the sealed value is committed; secure_delete zeroes the plain cell) under the case's compartment."""
    if case_compartment(conn, case_id) is None:
        return
    columns = CASE_SEALED[table]
    row = conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE {ROW_KEY.get(table, 'id')} = ?",
                       (row_id,)).fetchone()
    store_sealed(conn, table, row_id, case_id, dict(zip(columns, row)))


def store_sealed(conn, table: str, row_id: int, case_id: int, values: dict) -> None:
    """Write `values` (column -> plain value) of a row of `table` sealed under its case's
    compartment (into its drop box without the key; plain for a case without a municipality)."""
    compartment, sealer = case_compartment(conn, case_id), sealer_of(conn)
    stored = [v if compartment is None else sealer.seal_into(compartment, table, c, row_id, sealable(v))
              for c, v in values.items()]
    conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in values)}, compartment = ? "
                 f"WHERE {ROW_KEY.get(table, 'id')} = ?", (*stored, compartment, row_id))


def open_row(conn, table: str, row_id: int, compartment: str | None, values: dict, case_id: int | None = None) -> dict:
    """`values` (column -> stored) of a row with its sealed columns opened: with the case's key,
    else from a partner copy this session holds (given `case_id`), else "afgeschermd"."""
    return {c: open_value(conn, table, c, row_id, compartment, v, case_id) if c in CASE_SEALED[table] else v
            for c, v in values.items()}


def open_value(conn, table: str, column: str, row_id: int, compartment: str | None, stored,
               case_id: int | None = None):
    value = sealer_of(conn).open(compartment, table, column, row_id, stored)
    if value is SEALED and case_id is not None:
        return shared_value_held(conn, case_id, shared_field(table, column, row_id))
    return value


def reseal_compartment(conn, compartment: str) -> int:
    """After a member left (a new generation, docs/COMPARTMENTS.md "Membership changes"): every
    value of the compartment sealed again under the current generation, its tokens and blind
    index under the new search key (caller's transaction; running it twice is harmless).
    Returns the number of cases."""
    sealer = sealer_of(conn)
    current = sealer.current(compartment).generation
    _reseal_shared(conn, compartment)
    for table, columns in CASE_SEALED.items():
        key = ROW_KEY.get(table, "id")
        rows = conn.execute(f"SELECT {key}, {', '.join(columns)} FROM {table} WHERE compartment = ?",
                            (compartment,)).fetchall()
        for row_id, *stored in rows:
            if all(_current(v, current) for v in stored):
                continue
            plain = [sealer.open(compartment, table, c, row_id, v) for c, v in zip(columns, stored)]
            conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE {key} = ?",
                         (*(sealer.seal(compartment, table, c, row_id, v) for c, v in zip(columns, plain)), row_id))
    for case_id, stored in conn.execute("SELECT id, closure_reason FROM cases WHERE 'gemeente:' || municipality_id = ? "
                                        "AND typeof(closure_reason) = 'blob'", (compartment,)).fetchall():
        if not _current(stored, current):
            plain = sealer.open(compartment, *CLOSURE, case_id, stored)
            conn.execute("UPDATE cases SET closure_reason = ? WHERE id = ?",
                         (sealer.seal(compartment, *CLOSURE, case_id, plain), case_id))
    owners = [r[0] for r in conn.execute("SELECT DISTINCT c.id FROM cases c JOIN persons p ON p.id = c.person_id "
                                         "WHERE p.compartment = ?", (compartment,))]
    for start in range(0, len(owners), IMPORT_CHUNK):  # person, signals, tokens and index under the new keys
        take_in(conn, compartment, owners[start:start + IMPORT_CHUNK])
    return len(owners)


def _current(stored, generation: int) -> bool:
    """Whether a stored value needs no re-sealing: none, or sealed (not a drop box) under `generation`."""
    return stored is None or (not is_drop_box(stored) and sealing.generation_of(stored) == generation)


# --- partner compartments: re-sealed copies of what was shared ----------------------------------

SHARED = "shared_copies"
SHARED_FIELDS = ("name",)  # of the person of an invited case (the rest of the person stays with the municipality)
# What else a partner organisation reads of a case it was invited to (services/monitoring.py,
# meetings.py): the final minutes of the meetings it was invited to for the case, and the
# interventions and actions it owns. The organisations a row is shared with, by SQL on plain
# columns (:row, :case); each copy is the field "<table>.<column>.<row id>" of the case.
SHARED_ROWS = {
    "minutes": "SELECT i.organisation_id FROM invitations i JOIN minutes m ON m.meeting_id = i.meeting_id "
               "AND m.case_id = i.case_id WHERE m.id = :row AND m.status = 'definitief'",
    "interventions": "SELECT owner_partner_id FROM interventions WHERE id = :row",
    "actions": "SELECT owner_organisation_id FROM actions WHERE id = :row",
}
_INVITED = "SELECT organisation_id FROM invitations WHERE case_id = :case"


def partner_compartment(organisation_id: int) -> str:
    return f"partner:{organisation_id}"


def shared_field(table: str, column: str, row_id: int) -> str:
    return f"{table}.{column}.{row_id}"


def share_with_invited(conn, case_id: int) -> int:
    """Write the shared copies of the case for every invited organisation that has a partner
    compartment: the person's name, and the rows of SHARED_ROWS it is owed (the caller's
    transaction; needs the case's key, else the next session of a member does it:
    `share_pending`). Returns the partner compartments written to."""
    sealer = sealer_of(conn)
    if not sealer.holds(case_compartment(conn, case_id)):
        return 0
    targets = [c for o in sorted(_invited_ids(conn, case_id))
               if (c := partner_compartment(o)) in sealer.published["compartments"]]
    if not targets:
        return 0
    person = get_person(conn, conn.execute("SELECT person_id FROM cases WHERE id = ?", (case_id,)).fetchone()[0])
    for compartment in targets:
        _write_copies(conn, compartment, case_id, {f: getattr(person, f) for f in SHARED_FIELDS})
    for table in SHARED_ROWS:
        columns, key = CASE_SEALED[table], ROW_KEY.get(table, "id")
        for row_id, compartment, *stored in conn.execute(
                f"SELECT {key}, compartment, {', '.join(columns)} FROM {table} WHERE case_id = ?", (case_id,)).fetchall():
            share_row(conn, table, row_id, case_id, open_row(conn, table, row_id, compartment, dict(zip(columns, stored))))
    return len(targets)


def share_row(conn, table: str, row_id: int, case_id: int, values: dict) -> None:
    """Copies of a row's plain `values` for the partner organisations it is shared with
    (SHARED_ROWS, invited for the case, with a partner compartment); no municipality key needed,
    so a partner's own evaluation reaches its copy too."""
    if table not in SHARED_ROWS:
        return
    published = sealer_of(conn).published["compartments"]
    found = conn.execute(f"{SHARED_ROWS[table]} INTERSECT {_INVITED}", {"row": row_id, "case": case_id}).fetchall()
    for (organisation_id,) in found:
        if organisation_id is not None and (compartment := partner_compartment(organisation_id)) in published:
            _write_copies(conn, compartment, case_id,
                          {shared_field(table, c, row_id): sealable(v) for c, v in values.items()})


def _write_copies(conn, compartment: str, case_id: int, values: dict) -> None:
    sealer = sealer_of(conn)
    conn.executemany(f"INSERT OR REPLACE INTO {SHARED}(compartment, case_id, field, value) VALUES (?, ?, ?, ?)",
                     [(compartment, case_id, f, sealer.seal_into(compartment, SHARED, f, case_id, v))
                      for f, v in values.items() if v is not None])


def _invited_ids(conn, case_id: int) -> set[int]:
    return {r[0] for r in conn.execute("SELECT DISTINCT organisation_id FROM invitations WHERE case_id = ? "
                                       "AND organisation_id IS NOT NULL", (case_id,))}


def pending_shares(conn) -> list[int]:
    """Cases of the compartments this session holds that owe a partner its copies (an invitation
    made before the partner had users, or by someone without the key)."""
    held = [c for c in sealer_of(conn).held() if c.startswith("gemeente:")]
    published = sorted(c for c in sealer_of(conn).published["compartments"] if c.startswith("partner:"))
    if not held or not published:
        return []
    return [r[0] for r in conn.execute(
        f"SELECT DISTINCT i.case_id FROM invitations i JOIN cases c ON c.id = i.case_id "
        f"WHERE c.phase != 'vernietigd' AND ('gemeente:' || c.municipality_id) IN ({', '.join('?' * len(held))}) "
        f"AND ('partner:' || i.organisation_id) IN ({', '.join('?' * len(published))}) AND NOT EXISTS "
        f"(SELECT 1 FROM {SHARED} s WHERE s.case_id = i.case_id AND s.compartment = 'partner:' || i.organisation_id)",
        (*held, *published))]


def share_pending(conn) -> int:
    """Write the copies `pending_shares` names (the caller's transaction); returns how many."""
    return sum(share_with_invited(conn, case_id) for case_id in pending_shares(conn))


def shared_value(conn, case_id: int, organisation_id: int | None, field: str = "name") -> str:
    """What the organisation's partner compartment holds of the case (`SEALED` without a copy or a key)."""
    if organisation_id is None:
        return SEALED
    compartment = partner_compartment(organisation_id)
    row = conn.execute(f"SELECT value FROM {SHARED} WHERE compartment = ? AND case_id = ? AND field = ?",
                       (compartment, case_id, field)).fetchone()
    return SEALED if row is None else sealer_of(conn).open(compartment, SHARED, field, case_id, row[0])


def shared_value_held(conn, case_id: int, field: str) -> str:
    """The copy of `field` of the case in a partner compartment this session holds (`SEALED` without one)."""
    sealer = sealer_of(conn)
    held = [c for c in sealer.held() if c.startswith("partner:")]
    if not held:
        return SEALED
    row = conn.execute(f"SELECT compartment, value FROM {SHARED} WHERE case_id = ? AND field = ? AND compartment IN "
                       f"({', '.join('?' * len(held))}) LIMIT 1", (case_id, field, *held)).fetchone()
    return SEALED if row is None else sealer.open(row[0], SHARED, field, case_id, row[1])


def _reseal_shared(conn, compartment: str) -> None:
    """A partner compartment's copies under its current generation (after a member left)."""
    sealer = sealer_of(conn)
    for case_id, field, stored in conn.execute(f"SELECT case_id, field, value FROM {SHARED} WHERE compartment = ?",
                                               (compartment,)).fetchall():
        plain = sealer.open(compartment, SHARED, field, case_id, stored)
        conn.execute(f"UPDATE {SHARED} SET value = ? WHERE compartment = ? AND case_id = ? AND field = ?",
                     (sealer.seal(compartment, SHARED, field, case_id, plain), compartment, case_id, field))


def update_case(conn, case_id: int, **fields) -> dict:
    """Set fields (a closure reason sealed under the case's compartment); returns the old values
    (for the history, the closure reason opened)."""
    names = list(fields)
    old = dict(zip(names, conn.execute(f"SELECT {', '.join(names)} FROM cases WHERE id = ?", (case_id,)).fetchone()))
    if "closure_reason" in fields:
        municipality_id = municipality_of(conn, case_id)
        old["closure_reason"] = open_closure(conn, case_id, municipality_id, old["closure_reason"])
        fields["closure_reason"] = _seal_closure(conn, case_id, municipality_compartment(municipality_id),
                                                 fields["closure_reason"])
    conn.execute(f"UPDATE cases SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                 (*(iso(v) for v in fields.values()), case_id))
    return old


def _seal_closure(conn, case_id: int, compartment: str | None, reason: str | None):
    if compartment is None or reason is None:
        return reason
    return sealer_of(conn).seal_into(compartment, *CLOSURE, case_id, reason)


def add_history(conn, case_id: int, entity: str, entity_id: int, field: str, old, new, actor: str, at: dt.datetime) -> None:
    history_id = conn.execute(
        "INSERT INTO history(case_id, entity, entity_id, field, old, new, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, entity, entity_id, field, None if old is None else str(iso(old)),
         None if new is None else str(iso(new)), actor, at.isoformat(timespec="seconds"))).lastrowid
    seal_row(conn, "history", history_id, case_id)


def history_of(conn, case_id: int) -> list[tuple]:
    rows = conn.execute("SELECT id, compartment, entity, field, old, new, actor, at FROM history WHERE case_id = ? "
                        "ORDER BY id", (case_id,))
    return [tuple(open_row(conn, "history", r[0], r[1], dict(zip(("entity", "field", "old", "new", "actor", "at"),
                                                                   r[2:]))).values()) for r in rows]


def history_entries(conn, case_id: int) -> list[dict]:
    """The case's field history with each entry's record id, old and new values opened (or
    'afgeschermd' without the compartment's key)."""
    names = ("entity", "entity_id", "field", "old", "new", "actor", "at")
    rows = conn.execute(f"SELECT id, compartment, {', '.join(names)} FROM history WHERE case_id = ? ORDER BY id",
                        (case_id,))
    return [open_row(conn, "history", r[0], r[1], dict(zip(names, r[2:]))) for r in rows]


def holds_of(conn, case_id: int) -> list[LegalHold]:
    rows = conn.execute("SELECT id, compartment, reason, owner, ends_on, lifted_on FROM holds WHERE case_id = ? "
                        "ORDER BY id", (case_id,))
    return [LegalHold(**open_row(conn, "holds", r[0], r[1], dict(zip(("reason", "owner", "ends_on", "lifted_on"),
                                                                     r[2:])))) for r in rows]


def insert_hold(conn, case_id: int, hold: LegalHold, placed_by: str) -> int:
    hold_id = conn.execute("INSERT INTO holds(case_id, reason, owner, ends_on, placed_by) VALUES (?, ?, ?, ?, ?)",
                           (case_id, hold.reason, hold.owner, iso(hold.ends_on), placed_by)).lastrowid
    seal_row(conn, "holds", hold_id, case_id)
    return hold_id


def lift_holds(conn, case_id: int, on: dt.date) -> int:
    return conn.execute("UPDATE holds SET lifted_on = ? WHERE case_id = ? AND lifted_on IS NULL",
                        (iso(on), case_id)).rowcount


def closed_cases(conn) -> list[tuple[int, str, str, str | None]]:
    return list(conn.execute("SELECT id, number, last_substantive_on, last_outcome FROM cases WHERE phase = 'afgesloten' ORDER BY id"))


def destroy_case(conn, case_id: int, number: str, rule_id: str, on: dt.date, actor: str) -> None:
    """Remove every trace of the case and, if it has no other case, its person; keep proof only
    (with the municipality, so the figures count destructions per municipality)."""
    person_id, municipality_id = conn.execute("SELECT person_id, municipality_id FROM cases WHERE id = ?",
                                              (case_id,)).fetchone()
    compartment = municipality_compartment(municipality_id)
    if compartment is not None and (no := compartment_no(conn, compartment, create=False)) is not None:
        blind_index.delete_owner(conn, SEARCH_TABLE, no, case_id)  # the packed token list: no key needed
    conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    if not conn.execute("SELECT 1 FROM cases WHERE person_id = ?", (person_id,)).fetchone():
        conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))
    conn.execute("INSERT INTO destruction_records(case_number, rule_id, destroyed_on, actor, municipality_id) "
                 "VALUES (?, ?, ?, ?, ?)", (number, rule_id, iso(on), actor, municipality_id))


def last_outcome(conn, case_id: int) -> str | None:
    return conn.execute("SELECT last_outcome FROM cases WHERE id = ?", (case_id,)).fetchone()[0]


def phase_counts(conn, scope: Scope = None) -> dict[str, int]:
    where, params = in_scope(scope)
    return dict(conn.execute(f"SELECT c.phase, count(*) FROM cases c WHERE {where} GROUP BY c.phase", params))


def follow_ups_due(conn, before: dt.date, limit: int, scope: Scope = None, director: str | None = None) -> list[Case]:
    """Open cases whose 'more information' deadline falls before `before`, soonest first (of one
    director if given)."""
    where, params = in_scope(scope)
    mine, who = ("c.director = ?", (director,)) if director else ("1", ())
    rows = conn.execute(f"SELECT {', '.join('c.' + c for c in CASE_COLUMNS)} FROM cases c "
                        "INDEXED BY cases_open_follow_up WHERE c.follow_up_deadline "  # date order, no sort (0034)
                        "IS NOT NULL AND c.follow_up_deadline <= ? AND c.phase NOT IN ('afgesloten', 'vernietigd') "
                        f"AND {where} AND {mine} ORDER BY c.follow_up_deadline LIMIT ?", (iso(before), *params, *who, limit))
    return [case_of(conn, r) for r in rows]


def cases_in_phase(conn, phase: Phase, limit: int, scope: Scope = None) -> list[Case]:
    """Cases in `phase` of the municipalities of `scope`, oldest first."""
    where, params = in_scope(scope)
    rows = conn.execute(f"SELECT {', '.join('c.' + c for c in CASE_COLUMNS)} FROM cases c WHERE c.phase = ? "
                        f"AND {where} ORDER BY c.id LIMIT ?", (phase.value, *params, limit))
    return [case_of(conn, r) for r in rows]


def municipality_of(conn, case_id: int) -> int | None:
    row = conn.execute("SELECT municipality_id FROM cases WHERE id = ?", (case_id,)).fetchone()
    return row[0] if row else None


OPEN = "c.phase NOT IN ('afgesloten', 'vernietigd')"


@dataclass(frozen=True)
class DeadlineKind:
    """One kind of dated commitment of an open case: where its rows are (`table`, its alias first,
    the case as `c`), its due date and item id, and what makes one open. `index` holds the open
    ones of the kind in due-date order (migration 0034; none for a kind of few rows)."""

    table: str
    index: str
    due: str
    item: str
    where: str

    def source(self, seek: bool) -> str:
        name, alias, *rest = self.table.split(" ", 2)
        hint = f" INDEXED BY {self.index}" if seek and self.index else ""
        return " ".join([f"{name} {alias}{hint}", *rest])


DEADLINE_KINDS = {
    "follow_up": DeadlineKind("cases c", "cases_open_follow_up", "c.follow_up_deadline", "NULL",
                              "c.follow_up_deadline IS NOT NULL"),
    "review": DeadlineKind("cases c", "cases_open_review", "c.next_review_on", "NULL", "c.next_review_on IS NOT NULL"),
    "evaluation": DeadlineKind("interventions i CROSS JOIN cases c ON c.id = i.case_id", "interventions_running_due",
                               "i.evaluate_on", "i.id", "i.status IN ('gepland', 'lopend')"),
    "informing": DeadlineKind("informing f CROSS JOIN cases c ON c.id = f.case_id", "",  # a few rows
                              "f.reconsider_on", "NULL", "f.id = (SELECT max(id) FROM informing WHERE case_id = f.case_id) "
                              "AND f.reconsider_on IS NOT NULL AND f.informed_on IS NULL"),
    "action": DeadlineKind("actions a CROSS JOIN cases c ON c.id = a.case_id", "actions_open_due", "a.due_on", "a.id",
                           "a.done_on IS NULL"),
}
# Every dated commitment of an open case, one SELECT per kind: (kind, case id, number, due date,
# item id, director, municipality). Apart per kind so that a count per kind (the figures) reads
# each kind's own index. CROSS JOIN: the few open items lead, not every open case of the municipality.
DEADLINE_PARTS = {
    kind: f"""SELECT '{kind}' AS kind, c.id AS case_id, c.number, {k.due} AS due_on, {k.item} AS item_id,
 c.director, c.municipality_id FROM {k.source(seek=False)} WHERE {k.where} AND {OPEN}"""
    for kind, k in DEADLINE_KINDS.items()}


def overdue_deadlines(conn, *, today: dt.date, director: str, escalate_before: dt.date, scope: Scope,
                      limit: int) -> list[tuple[str, int, str, str, int | None, bool]]:
    """(kind, case id, number, due date, item id, escalated) of passed deadlines, oldest first: those
    of the cases `director` runs, and, once past `escalate_before`, those of every case in `scope`.

    Each kind is walked in due-date order on its own index and stops at `limit` (the first `limit`
    of all kinds are among those); the union of every passed deadline of the vault was read and
    sorted (8 000 at 100 000 persons: 250-500 ms of a gemeente user's dashboard)."""
    where, params = in_scope(scope)
    found = []
    for kind, k in DEADLINE_KINDS.items():
        found += conn.execute(
            f"SELECT '{kind}', c.id, c.number, {k.due}, {k.item}, coalesce(c.director, '') != ? "
            f"FROM {k.source(seek=True)} WHERE {k.where} AND {OPEN} AND {k.due} < ? "
            f"AND (c.director = ? OR ({k.due} < ? AND {where})) ORDER BY {k.due}, c.id, {k.item} LIMIT ?",
            (director, iso(today), director, iso(escalate_before), *params, limit)).fetchall()
    found.sort(key=lambda row: (row[3], row[1], row[0], row[4] or 0))  # due date, case, kind, item
    return [(k, c, n, due, item, bool(escalated)) for k, c, n, due, item, escalated in found[:limit]]


def file_ties(conn, case_id: int, login: str, organisation_id: int | None, agenda_since: str
              ) -> tuple[bool, bool, bool, bool, bool, bool] | None:
    """(director, took_in, waits_for_weighing, on_a_recent_agenda, open_action, invited) of one case
    for one user (domain.purposes.FileTies, before the role is weighed in); None: no such case."""
    row = conn.execute(
        "SELECT lower(coalesce(c.director, '')) = lower(:login), lower(c.owner) = lower(:login), "
        "c.phase IN ('signaal', 'weging'), "
        "EXISTS (SELECT 1 FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id "
        "        WHERE a.case_id = c.id AND m.held_on >= :since), "
        "EXISTS (SELECT 1 FROM actions x WHERE x.case_id = c.id AND x.done_on IS NULL "
        "        AND (lower(x.owner) = lower(:login) OR x.owner_organisation_id = :organisation)), "
        "EXISTS (SELECT 1 FROM invitations i WHERE i.case_id = c.id AND i.organisation_id = :organisation) "
        "FROM cases c WHERE c.id = :case",
        {"login": login, "since": agenda_since, "organisation": organisation_id, "case": case_id}).fetchone()
    return None if row is None else tuple(bool(v) for v in row)
