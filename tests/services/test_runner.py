import threading

import pytest

from pgatui.services.runner import VaultThread


class FakeVault:
    def __init__(self):
        self.thread = threading.get_ident()
        self.closed = False

    def close(self):
        assert threading.get_ident() == self.thread  # closed on the thread that opened it
        self.closed = True


def test_all_calls_run_on_the_thread_that_opened_the_vault():
    runner = VaultThread()
    vault = runner.open(FakeVault).result()
    seen = {runner.call(lambda v: threading.get_ident()).result() for _ in range(5)}
    assert seen == {vault.thread} and vault.thread != threading.get_ident()
    runner.shutdown()
    assert vault.closed


def test_calls_after_close_are_refused():
    runner = VaultThread()
    runner.open(FakeVault).result()
    runner.close().result()
    with pytest.raises(RuntimeError):
        runner.call(lambda v: v).result()
    runner.shutdown()
