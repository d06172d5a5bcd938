"""Password policy (NIST SP 800-63B style): long enough, not common, no composition rules."""

from __future__ import annotations

import secrets
from functools import lru_cache

from pgatui.assets import asset_path
from pgatui.errors import PasswordPolicyError

MIN_LENGTH = 12
MAX_LENGTH = 256  # well above the 128 the policy must allow; bounds the argon2 input

# Words for one-time passwords and recovery codes: easy to read aloud and type, no look-alikes.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    lines = asset_path("common-passwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str, *, login: str | None = None) -> PasswordPolicyError | None:
    """Why `password` is refused (the error to raise or show), or None if it is acceptable."""
    if len(password) < MIN_LENGTH:
        return PasswordPolicyError("password.too_short", minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return PasswordPolicyError("password.too_long", maximum=MAX_LENGTH)
    lowered = password.lower()
    if lowered in _common_passwords():
        return PasswordPolicyError("password.common")
    if login and login.lower() in lowered:
        return PasswordPolicyError("password.contains_login")
    if len(set(password)) < 4:
        return PasswordPolicyError("password.too_few_characters")
    return None


def generate_one_time_password(groups: int = 4, size: int = 4) -> str:
    """A random password like `k7mq-2xwp-...`: about 20 bits a group, readable aloud."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(size)) for _ in range(groups))


def generate_recovery_code() -> str:
    """A break-glass recovery code of 8 groups (about 155 bits)."""
    return generate_one_time_password(groups=8, size=4).upper()
