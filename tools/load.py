"""Run a command while other processes keep every core busy, like `stress --cpu N`, and time it.

    python tools/load.py [--burners N] [--repeat K] -- COMMAND [ARG ...]

Starts N processes (default: one per core) that only burn CPU, runs COMMAND K times in a row
(default 1), prints the wall time of each run, stops the burners, and exits with the first
non-zero exit status of COMMAND (0 when every run passed). Issue 13 asks the test suite to pass
three times in a row like this: `python tools/load.py --repeat 3 -- ./dev test`.

The burners are this script's own child processes and are ended by their ids, also when
COMMAND fails or the script is interrupted.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import time


def burn() -> None:
    """Keep one core busy until terminated (integer arithmetic: no memory, no I/O)."""
    value = 1
    while True:
        value = (value * 48271) % 2147483647


def start_burners(count: int) -> list[multiprocessing.Process]:
    burners = [multiprocessing.Process(target=burn, daemon=True, name=f"load-burner-{i}") for i in range(count)]
    for burner in burners:
        burner.start()
    return burners


def stop_burners(burners: list[multiprocessing.Process]) -> None:
    for burner in burners:
        burner.terminate()
    for burner in burners:
        burner.join(timeout=10)


def run_timed(command: list[str]) -> tuple[int, float]:
    started = time.monotonic()
    status = subprocess.call(command)
    return status, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--burners", type=int, default=os.cpu_count() or 1, help="CPU-burning processes")
    parser.add_argument("--repeat", type=int, default=1, help="run COMMAND this many times in a row")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command or args.burners < 0 or args.repeat < 1:
        parser.print_usage(sys.stderr)
        return 2
    burners = start_burners(args.burners)
    first_failure = 0
    try:
        for run in range(1, args.repeat + 1):
            status, seconds = run_timed(command)
            print(f"load.py: run {run}/{args.repeat} under {args.burners} burners: exit {status}, "
                  f"{seconds:.0f} s", file=sys.stderr, flush=True)
            first_failure = first_failure or status
    finally:
        stop_burners(burners)
    return first_failure


if __name__ == "__main__":
    sys.exit(main())
