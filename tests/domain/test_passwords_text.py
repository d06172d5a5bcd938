from pgatui.domain.passwords import generate_one_time_password, generate_recovery_code, password_problem
from pgatui.domain.text import safe_line, safe_text


def test_short_password_refused():
    assert password_problem("kort-wachtw") is not None
    assert password_problem("twaalf-tekens-lang") is None


def test_long_password_allowed_up_to_128_and_beyond():
    assert password_problem("a1b2c3d4-" * 14) is None  # 126 chars
    assert password_problem("x" * 100 + "abcdefghij" + "y" * 18) is None  # 128 chars


def test_common_password_refused_case_insensitively():
    assert password_problem("Wachtwoord123") is not None
    assert password_problem("QWERTY123456") is not None


def test_password_may_not_contain_login():
    assert password_problem("anna-de-vries-2026", login="anna") is not None


def test_generated_passwords_pass_policy():
    for _ in range(50):
        assert password_problem(generate_one_time_password()) is None
    assert len(generate_recovery_code().split("-")) == 8


def test_safe_text_strips_escape_and_bidi_but_keeps_newlines():
    hostile = "a\x1b[2Jb\x9bc\u202ed\x07e\nf\tg"
    assert safe_text(hostile) == "a[2Jbcde\nf\tg"
    assert safe_line(hostile) == "a[2Jbcde f g"
