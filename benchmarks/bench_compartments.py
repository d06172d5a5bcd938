"""Compartment figures: field seal/open per second, blind-index tokens, index size per person and
the false-positive rate of the token truncation. Prints numbers; run it, compare ratios.

    .venv/bin/python benchmarks/bench_compartments.py [FIELDS] [PERSONS]
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import sys
import time

from pgatui.services.synthetic import fake_person, fake_signal
from pgatui.vault import blind_index, crypto, sealing
from pgatui.vault.compartments import CompartmentKey

TODAY = dt.date(2026, 11, 30)


def rate(label: str, count: int, action) -> None:
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {count / seconds:>12,.0f} /s  ({seconds:.3f} s for {count:,})")


def bench_fields(key: CompartmentKey, count: int) -> None:
    names = [fake_person(random.Random(i), today=TODAY).name for i in range(1000)]
    values = [names[i % 1000] for i in range(count)]
    sealed: list[bytes] = []
    rate("seal_field (names)", count,
         lambda: sealed.extend(sealing.seal_field(key, "persons", "name", i, v) for i, v in enumerate(values)))
    rate("open_field (names)", count,
         lambda: [sealing.open_field(key, "persons", "name", i, b) for i, b in enumerate(sealed)])
    print(f"{'mean sealed name size':<44} {sum(map(len, sealed)) / count:>12.1f} bytes "
          f"(plain {sum(len(v.encode()) for v in values) / count:.1f})")


def _texts(rng: random.Random) -> tuple[str, list[str], str]:
    person = fake_person(rng, today=TODAY)
    signal = fake_signal(rng, received_on=TODAY)
    return person.name, [signal.observed_facts, signal.interpretation], person.bsn or ""


def bench_index(key: CompartmentKey, persons: int) -> None:
    rng = random.Random(2026)
    people = [_texts(rng) for _ in range(persons)]
    db = sqlite3.connect(":memory:")
    db.executescript(blind_index.SCHEMA)
    per_owner = [blind_index.index_tokens(key, names=[name], texts=texts, bsn=bsn, case_number=f"PGA-2026-{owner:05d}")
                 for owner, (name, texts, bsn) in enumerate(people[:1000], start=1)]
    rate("blind index: persons tokenised", 1000, lambda: [
        blind_index.index_tokens(key, names=[name], texts=texts, bsn=bsn) for name, texts, bsn in people[:1000]])
    rows = 0
    for start in range(0, persons, 1000):
        batch = per_owner if start == 0 else [
            blind_index.index_tokens(key, names=[name], texts=texts, bsn=bsn, case_number=f"PGA-2026-{owner:05d}")
            for owner, (name, texts, bsn) in enumerate(people[start:start + 1000], start=start + 1)]
        for owner, tokens in enumerate(batch, start=start + 1):
            blind_index.replace_owner(db, "blind_index", 1, owner, tokens)
            rows += len(tokens)
    db.commit()
    print(f"{'index rows per person':<44} {rows / persons:>12.1f}")
    a_bsn = next(bsn for _, _, bsn in reversed(people) if bsn)
    for query in ("jan", "jansen", "de vries", "de jan vries", a_bsn, f"PGA-2026-{persons:05d}"):
        started = time.perf_counter()
        hits = blind_index.lookup(db, "blind_index", {1: key}, query, limit=50)
        seconds = time.perf_counter() - started
        print(f"{'lookup ' + repr(query) + ' (first 50)':<44} {seconds:12.4f} s ({len(hits)} hits)")
    false_positive_rate(key, db, people)
    db.execute("VACUUM")
    total = _bytes(db)
    db.execute("DROP TABLE blind_index_owners")
    db.execute("VACUUM")
    print(f"{'index size per person (tokens + owner lists)':<44} {total / persons:>12.0f} bytes "
          f"({total / 2**20:.1f} MiB for {persons:,}; token table alone {_bytes(db) / persons:.0f})")
    db.execute("CREATE INDEX blind_index_owner ON blind_index(compartment_no, owner)")
    print(f"{'  (an owner index instead of the lists)':<44} {_bytes(db) / persons:>12.0f} bytes")
    fts_size(people)


def false_positive_rate(key: CompartmentKey, db, people) -> None:
    """Query words that are no prefix of any indexed word: every hit is a truncation collision."""
    words = {w for name, texts, _ in people for w in blind_index.normalise(" ".join([name, *texts]))}
    present = {p for w in words for p in blind_index.prefixes(w)}
    rng, probes, hits = random.Random(7), 0, 0
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    while probes < 100_000:
        word = "".join(rng.choice(alphabet) for _ in range(rng.randrange(4, 10)))
        if word in present:
            continue
        probes += 1
        token = blind_index.query_terms(key, word)[0][0]
        hits += db.execute("SELECT count(*) > 0 FROM blind_index WHERE compartment_no = 1 AND token = ?",
                           (token,)).fetchone()[0]
    distinct = db.execute("SELECT count(DISTINCT token) FROM blind_index").fetchone()[0]
    expected = distinct / 2 ** (8 * blind_index.TOKEN_BYTES)
    print(f"{'false positives per absent query word':<44} {hits / probes:>12.2e} "
          f"({hits} of {probes:,}; expected {expected:.2e} = {distinct:,} distinct tokens / 2^{8 * blind_index.TOKEN_BYTES})")


def fts_size(people) -> None:
    """What the FTS5 index of today's schema (0002: name + text, prefix 2 and 3) takes for the same people."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE search_index USING fts5(name, text, tokenize = 'unicode61 remove_diacritics 2', "
               "prefix = '2 3')")
    db.executemany("INSERT INTO search_index(name, text) VALUES (?, ?)",
                   [(name, " ".join(texts[:2])) for name, texts, _ in people])
    db.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
    db.commit()
    size = _bytes(db)
    print(f"{'FTS5 index per person today (for comparison)':<44} {size / len(people):>12.0f} bytes")
    for query in ("jan", "de vries"):
        match = " ".join(f'"{w}"*' for w in query.split())
        started = time.perf_counter()
        hits = db.execute("SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 50",
                          (match,)).fetchall()
        seconds = time.perf_counter() - started
        print(f"{'FTS5 today: ' + repr(query) + ' (first 50)':<44} {seconds:12.4f} s ({len(hits)} hits)")


def _bytes(db) -> int:
    return db.execute("PRAGMA page_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]


def main(fields: int, persons: int) -> None:
    key = CompartmentKey("gemeente:1", 1, crypto.random_key())
    bench_fields(key, fields)
    bench_index(key, persons)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
