"""Search without plaintext: a blind index per compartment, as Paragon's CipherSweet does.

Each compartment has a search key (HKDF of its compartment key, so a new generation re-derives
it and a re-key rebuilds the index). A text is normalised (Unicode NFKD, diacritics dropped,
casefolded, split into letter/digit words) and every word gives a token for each of its prefixes
from the 2nd character on (up to MAX_PREFIX characters): "Jansen" gives ja, jan, jans, janse,
jansen. A token is HMAC-SHA256(search key, kind || value) truncated to TOKEN_BYTES. A BSN and a
case number give one exact token each, of their own kind.

The index holds (compartment_no, token, owner): who holds the data key sees which owners (cases)
share a token, and how often a token occurs, never the words. The truncation makes unrelated
words collide now and then: a lookup gives candidates, and the caller opens the candidates'
sealed fields and keeps those for which `matches` holds (docs/COMPARTMENTS.md has the measured
false-positive rate and size per person).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping

from pgatui.vault.compartments import CompartmentKey

TOKEN_BYTES = 4
MIN_PREFIX = 2
MAX_PREFIX = 12
SEARCH_PURPOSE = "blind index"
WORD, BSN, CASE_NUMBER, PERSON, CATEGORY = b"w", b"b", b"c", b"p", b"k"
_WORD = re.compile(r"[^\W_]+")
_BSN = re.compile(r"\d{8,9}")
_CASE_NUMBER = re.compile(r"PGA-?(\d{4})-?(\d{1,9})", re.IGNORECASE)  # 5 digits, more past 99999
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")

# The tables the lookups expect are made by migration 0018. `<table>_owners` keeps each owner's
# tokens packed in one row, so destruction removes a case's entries without holding the compartment
# key; it costs a quarter of what an index on (compartment_no, owner) would (docs/COMPARTMENTS.md
# has the figures).


# --- normalising ---------------------------------------------------------------------------

def normalise(text: str) -> list[str]:
    """The words of `text`: diacritics dropped, casefolded ('Çelik-Öztürk' -> celik, ozturk)."""
    if text.isascii():  # most names and texts: no diacritics to drop, casefold is lower
        return _WORD.findall(text.lower())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(unicodedata.normalize("NFKC", plain))


def normal_bsn(text: str | None) -> str | None:
    """A BSN as its nine digits (a leading zero restored), or None when it is not one."""
    digits = re.sub(r"[\s.]", "", text or "")
    return digits.zfill(9) if _BSN.fullmatch(digits) else None


def normal_case_number(text: str | None) -> str | None:
    found = _CASE_NUMBER.fullmatch((text or "").strip())
    return f"PGA-{found[1]}-{int(found[2]):05d}" if found else None


def prefixes(word: str) -> list[str]:
    return [word[:n] for n in range(MIN_PREFIX, min(len(word), MAX_PREFIX) + 1)]


# --- tokens --------------------------------------------------------------------------------

def _hmac_base(key: CompartmentKey):
    """The HMAC state keyed with the compartment's search key, made once per key (a copy of it
    per token is cheaper than keying HMAC again: ~100 tokens per person)."""
    return key.cached("search-hmac", lambda k: hmac.new(k.subkey(SEARCH_PURPOSE), digestmod=hashlib.sha256))


def token(key: CompartmentKey, kind: bytes, value: str) -> bytes:
    return _token(_hmac_base(key), kind, value)


def _token(base, kind: bytes, value: str) -> bytes:
    state = base.copy()
    state.update(kind + b"\0" + value.encode("utf-8"))
    return state.digest()[:TOKEN_BYTES]


def index_tokens(key: CompartmentKey, *, names: Iterable[str] = (), texts: Iterable[str] = (),
                 bsn: str | None = None, case_number: str | None = None) -> set[bytes]:
    """Every token one owner (a case) is found by: word prefixes of its names and texts, and
    exact tokens for its BSN and case number."""
    words = {w for text in (*names, *texts) if text for w in normalise(text)}
    base = _hmac_base(key)
    found = {_token(base, WORD, p) for p in {p for w in words for p in prefixes(w)}}
    if normal_bsn(bsn):
        found.add(token(key, BSN, normal_bsn(bsn)))
    if normal_case_number(case_number):
        found.add(token(key, CASE_NUMBER, normal_case_number(case_number)))
    return found


def person_token(key: CompartmentKey, name: str, date_of_birth: str) -> bytes:
    """One exact token for 'this name born on this day' (the duplicate check at intake, which
    today compares lower(name) and date_of_birth in SQL): stored beside the sealed person."""
    return token(key, PERSON, " ".join(normalise(name)) + "|" + date_of_birth)


def _query_parts(query: str) -> list[list[tuple[bytes, str]]]:
    """Per term of the query, the (kind, value) alternatives it may match: every term must match."""
    terms = []
    for chunk in query.split():
        if normal_case_number(chunk):
            terms.append([(CASE_NUMBER, normal_case_number(chunk))])
            continue
        bsn = normal_bsn(chunk)
        if bsn:  # a BSN, or a number that may stand in a text
            terms.append([(BSN, bsn), (WORD, "".join(normalise(chunk))[:MAX_PREFIX])])
            continue
        terms.extend([(WORD, w[:MAX_PREFIX])] for w in normalise(chunk) if len(w) >= MIN_PREFIX)
    return terms


def query_terms(key: CompartmentKey, query: str) -> list[tuple[bytes, ...]]:
    """The lookup tokens of a query: one tuple of alternatives per term (AND of ORs), the
    longest (most selective) first, so the next terms only check the few owners left."""
    terms = sorted(_query_parts(query), key=lambda term: -max(len(value) for _, value in term))
    return [tuple(token(key, kind, value) for kind, value in term) for term in terms]


class Matcher:
    """The plaintext check a candidate must pass after its fields are opened (drops the
    truncation's false positives): every term is a word prefix, the BSN or the case number. The
    query is read once for all the candidates of a search."""

    def __init__(self, query: str) -> None:
        self._terms = _query_parts(query)
        self.needs_bsn = any(kind == BSN for term in self._terms for kind, _ in term)  # else: leave it sealed

    def __call__(self, *, names: Iterable[str] = (), texts: Iterable[str] = (), bsn: str | None = None,
                 case_number: str | None = None) -> bool:
        words = {w for text in (*names, *texts) if text for w in normalise(text)}
        have = {(BSN, normal_bsn(bsn)), (CASE_NUMBER, normal_case_number(case_number))}
        return bool(self._terms) and all(
            any((kind == WORD and any(w.startswith(value) for w in words)) or (kind, value) in have
                for kind, value in term)
            for term in self._terms)


def matches(query: str, *, names: Iterable[str] = (), texts: Iterable[str] = (), bsn: str | None = None,
            case_number: str | None = None) -> bool:
    """Whether one candidate's opened values match `query` (see Matcher)."""
    return Matcher(query)(names=names, texts=texts, bsn=bsn, case_number=case_number)


# --- the table -----------------------------------------------------------------------------

def identifier(name: str) -> str:
    """`name` if it is a plain SQL identifier (table and column names are spliced into SQL)."""
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"not an SQL identifier: {name!r}")
    return name


def replace_owner(conn, table: str, compartment_no: int, owner: int, tokens: Iterable[bytes]) -> None:
    """Set the tokens of one owner (after an intake or an edit), dropping its old ones."""
    replace_owners(conn, table, compartment_no, {owner: tokens})


def replace_owners(conn, table: str, compartment_no: int, tokens_of: dict[int, Iterable[bytes]]) -> None:
    """`replace_owner` for many owners at once (taking in a seed): one statement per table."""
    for owner in tokens_of:
        delete_owner(conn, table, compartment_no, owner)
    insert_owners(conn, table, compartment_no, tokens_of)


def insert_owners(conn, table: str, compartment_no: int, tokens_of: dict[int, Iterable[bytes]]) -> None:
    """The tokens of owners that have none yet, in the index's own order (one pass over its pages).

    The rows go in as one statement over two packed parameters (every token in a row of bytes,
    the owners a JSON list), which SQLite unpacks itself: sqlcipher3's executemany cost 2-3 times
    as much a row once its connection had cached a few dozen statements, as the vault's has
    (200 000 rows: 2.2 s that way, 0.8 s this way)."""
    packed = {owner: sorted(set(tokens)) for owner, tokens in tokens_of.items()}
    rows = sorted((t, owner) for owner, tokens in packed.items() for t in tokens)
    conn.execute(f"INSERT INTO {identifier(table)}(compartment_no, token, owner) "
                 f"SELECT ?1, substr(?2, {TOKEN_BYTES} * key + 1, {TOKEN_BYTES}), value FROM json_each(?3)",
                 (compartment_no, b"".join(t for t, _ in rows), json.dumps([owner for _, owner in rows])))
    conn.executemany(f"INSERT INTO {table}_owners(compartment_no, owner, tokens) VALUES (?, ?, ?)",
                     [(compartment_no, owner, b"".join(tokens)) for owner, tokens in packed.items() if tokens])


def delete_owner(conn, table: str, compartment_no: int, owner: int) -> None:
    """Destruction or a move: the owner's packed token list says which rows to delete, so no
    key is needed."""
    row = conn.execute(f"SELECT tokens FROM {identifier(table)}_owners WHERE compartment_no = ? AND owner = ?",
                       (compartment_no, owner)).fetchone()
    if row is None:
        return
    packed = bytes(row[0])
    conn.executemany(f"DELETE FROM {table} WHERE compartment_no = ? AND token = ? AND owner = ?",
                     [(compartment_no, packed[i:i + TOKEN_BYTES], owner) for i in range(0, len(packed), TOKEN_BYTES)])
    conn.execute(f"DELETE FROM {table}_owners WHERE compartment_no = ? AND owner = ?", (compartment_no, owner))


def delete_compartment(conn, table: str, compartment_no: int) -> None:
    for name in (identifier(table), f"{table}_owners"):
        conn.execute(f"DELETE FROM {name} WHERE compartment_no = ?", (compartment_no,))


def lookup(conn, table: str, keys: Mapping[int, CompartmentKey], query: str, limit: int) -> list[int]:
    """Candidate owners, newest first, in the compartments given (compartment_no -> its current
    key): each must still pass `matches` once its fields are opened (ask for a few more than a
    page: the truncation lets an unrelated case through now and then)."""
    found: list[int] = []
    for compartment_no, key in keys.items():
        terms = query_terms(key, query)
        if terms:
            found.extend(_newest_matching_all(conn, identifier(table), compartment_no, terms, limit))
    return sorted(found, reverse=True)[:limit]


def _newest_matching_all(conn, table: str, compartment_no: int, terms: list[tuple[bytes, ...]],
                         limit: int) -> list[int]:
    """Walk the owners of the most selective term newest first (the primary key gives them in
    order) and keep those that have every other term too, one primary-key probe each, until
    `limit` are found: a common word ('de') is never read in full."""
    first, rest = terms[0], terms[1:]
    marks = ", ".join("?" * len(first))
    owners = conn.execute(f"SELECT DISTINCT owner FROM {table} WHERE compartment_no = ? AND token IN ({marks}) "
                          "ORDER BY owner DESC", (compartment_no, *first))
    found = []
    for (owner,) in owners:
        if all(_has_any(conn, table, compartment_no, owner, alternatives) for alternatives in rest):
            found.append(owner)
            if len(found) == limit:
                break
    return found


def _has_any(conn, table: str, compartment_no: int, owner: int, alternatives: tuple[bytes, ...]) -> bool:
    return any(conn.execute(f"SELECT 1 FROM {table} WHERE compartment_no = ? AND token = ? AND owner = ?",
                            (compartment_no, token_, owner)).fetchone() for token_ in alternatives)
