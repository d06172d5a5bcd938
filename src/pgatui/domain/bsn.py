"""The citizen service number (BSN) and its elfproef."""

from __future__ import annotations

import re

# People write a BSN as 1112.22.333 or 111 222 333; those separators carry no meaning.
_SEPARATORS = re.compile(r"[\s.\-]")


def is_valid_bsn(value: str) -> bool:
    """Nine digits with 9*d1 + 8*d2 + … + 2*d8 - 1*d9 divisible by 11 (and not all zeros)."""
    if len(value) != 9 or not value.isascii() or not value.isdigit() or value == "000000000":
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1))) - digits[8]
    return total % 11 == 0


def normalise_bsn(text: str) -> str | None:
    """`text` without separators if it is a valid BSN, else None.

    Eight-digit numbers are valid BSNs with a leading zero (older numbers were issued that way).
    """
    digits = _SEPARATORS.sub("", text)
    if len(digits) == 8 and digits.isascii() and digits.isdigit():
        digits = "0" + digits
    return digits if is_valid_bsn(digits) else None
