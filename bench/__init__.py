"""Benchmarks (``make bench``): measure, do not assert. Results go to docs/PERFORMANCE.md."""
