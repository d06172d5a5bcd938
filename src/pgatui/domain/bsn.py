"""The citizen service number (BSN) and its elfproef."""

from __future__ import annotations


def is_valid_bsn(value: str) -> bool:
    """Nine digits with 9*d1 + 8*d2 + … + 2*d8 - 1*d9 divisible by 11 (and not all zeros)."""
    if len(value) != 9 or not value.isdigit() or value == "000000000":
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1))) - digits[8]
    return total % 11 == 0
