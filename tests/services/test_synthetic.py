import datetime as dt
import random

from pgatui.services.synthetic import PLACES, fake_person, fake_signal, synthetic_bsn


def elfproef(bsn: str) -> bool:
    digits = [int(c) for c in bsn]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1))) - digits[8]
    return len(bsn) == 9 and total % 11 == 0


def test_fake_bsns_are_test_numbers_that_pass_the_elfproef():
    rng = random.Random(1)
    for _ in range(200):
        bsn = synthetic_bsn(rng)
        assert bsn.startswith("999") and elfproef(bsn)


def test_same_seed_same_people():
    today = dt.date(2026, 11, 24)
    a = [fake_person(random.Random(7), today=today) for _ in range(3)]
    b = [fake_person(random.Random(7), today=today) for _ in range(3)]
    assert a == b


def test_addresses_are_in_invented_places_and_signals_name_an_ideology():
    rng = random.Random(3)
    person = fake_person(rng, today=dt.date(2026, 1, 1))
    assert any(person.address.endswith(place) for place in PLACES)
    signal = fake_signal(rng, received_on=dt.date(2026, 1, 1))
    assert signal.observed_facts and signal.ideology
