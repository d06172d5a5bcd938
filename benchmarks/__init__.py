"""pgatui's benchmark suite: `python -m benchmarks [--persons N] [--scaling]` (see __main__)."""
