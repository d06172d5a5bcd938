"""The VaultThread: one thread owns the vault; no Textual needed to test it."""

import threading

import pytest

from pgatui.errors import AuthenticationFailed
from pgatui.services.runner import VaultLocked, VaultThread


class FakeVault:
    def __init__(self):
        self.thread = threading.get_ident()
        self.closed = False

    def close(self):
        assert threading.get_ident() == self.thread  # closed on the thread that opened it
        self.closed = True


@pytest.fixture
def runner():
    runner = VaultThread()
    yield runner
    runner.shutdown()


def test_all_calls_run_on_the_thread_that_opened_the_vault(runner):
    vault = runner.open(FakeVault).result()
    seen = {runner.call(lambda v: threading.get_ident()).result() for _ in range(5)}
    assert seen == {vault.thread} and vault.thread != threading.get_ident()
    runner.shutdown()
    assert vault.closed and not runner.is_open


def test_call_passes_the_vault_and_arguments(runner):
    vault = runner.open(FakeVault).result()
    assert runner.call(lambda v, a, *, b: (v, a, b), 1, b=2).result() == (vault, 1, 2)


def test_calls_after_close_are_refused(runner):
    vault = runner.open(FakeVault).result()
    runner.close().result()
    assert vault.closed and not runner.is_open
    with pytest.raises(VaultLocked):
        runner.call(lambda v: v).result()
    runner.close().result()  # closing twice is harmless


def test_calls_before_any_open_are_refused(runner):
    with pytest.raises(VaultLocked):
        runner.call(lambda v: v).result()


def test_work_runs_in_order_so_close_waits_for_earlier_calls(runner):
    vault = runner.open(FakeVault).result()
    gate = threading.Event()
    first = runner.call(lambda v: (gate.wait(5), v.closed)[1])
    closing = runner.close()
    gate.set()
    assert first.result() is False  # the call saw an open vault
    closing.result()
    assert vault.closed


def test_errors_come_back_through_the_future(runner):
    runner.open(FakeVault).result()

    def refuse(_vault):
        raise AuthenticationFailed("nee")

    with pytest.raises(AuthenticationFailed):
        runner.call(refuse).result()
    assert runner.is_open  # a failed call does not lock


def test_a_failed_open_keeps_no_vault_and_closes_the_previous_one(runner):
    old = runner.open(FakeVault).result()

    def fail():
        raise AuthenticationFailed("onjuist")

    with pytest.raises(AuthenticationFailed):
        runner.open(fail).result()
    assert old.closed and not runner.is_open


def test_run_needs_no_vault(runner):
    assert runner.run(lambda a: a * 2, 21).result() == 42


def test_shutdown_refuses_further_work(runner):
    runner.shutdown()
    with pytest.raises(RuntimeError):
        runner.call(lambda v: v)
    runner.shutdown()  # twice is harmless
