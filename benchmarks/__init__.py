"""Benchmarks of the receivables engine (`make bench`). Not part of the test suite."""
