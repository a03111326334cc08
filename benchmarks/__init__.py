"""Speed and memory benchmarks: `python -m benchmarks` prints one table (see run.py)."""
