# Shortcuts for tasks.py, which needs nothing but Python and pip.
.PHONY: setup demo test clean

setup:
	python3 tasks.py setup

demo:
	python3 tasks.py demo

test:
	python3 tasks.py test

clean:
	rm -rf .venv communique.duckdb .pytest_cache
