"""What the process does first, before any key exists: no core dumps, no memory for others to read.

A core file of pgatui holds the data key and case content in plaintext. On Linux the soft and
hard RLIMIT_CORE go to 0 (a child cannot raise them again) and the process is marked not
dumpable (no core even where a core pipe ignores the limit, and no ptrace or /proc/PID/mem
access by other processes of the same user). Elsewhere this does what the platform allows.
"""

from __future__ import annotations

import ctypes
import sys

PR_SET_DUMPABLE = 4


def harden_process() -> None:
    _no_core_files()
    if sys.platform.startswith("linux"):
        _not_dumpable()


def _no_core_files() -> None:
    try:
        import resource
    except ImportError:  # not a POSIX system
        return
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def _not_dumpable() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass
