"""`python tests/cli/cheap_pgatui.py ARGS` is `python -m pgatui ARGS` with the tests' cheap argon2
parameters for the slots it makes (init, user add, passwd, recover, rotate-key).

The CLI tests run pgatui as a user would, in a process of its own, where the suite's `fast_kdf`
fixture does not reach: with the production parameters (256 MiB, three passes) every slot made and
every later unlock of it cost 1-3 s of CPU, 20 s for one test, and asserted nothing about argon2.
`test_cli.py::test_init_as_shipped_gives_its_slots_the_production_parameters` runs the real
entry point to show that the shipped program still uses the strong ones."""

import runpy
import sys

from pgatui.vault import crypto

if __name__ == "__main__":
    crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)
    sys.argv[0] = "pgatui"
    runpy.run_module("pgatui", run_name="__main__", alter_sys=True)
