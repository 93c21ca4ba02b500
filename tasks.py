#!/usr/bin/env python3
"""Set up the project's virtual environment and run the demo or the tests.

    python3 tasks.py demo   # .venv + install + `communique demo`
    python3 tasks.py test   # .venv + install + ruff + pytest (what CI runs)

The tests also need PostgreSQL's server and Chromium; on Debian, as root, both are
installed with apt-get (the tests start their own throwaway server and headless browser).

Needs only Python 3.11+ and pip. On Debian, where `venv` comes in a separate package,
it installs python3-venv with apt-get when it can (as root).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".installed"


def run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def create_venv() -> None:
    try:
        venv.create(VENV, with_pip=True, clear=True)
    except subprocess.CalledProcessError:
        # Debian ships ensurepip in python3-venv.
        if not shutil.which("apt-get") or os.geteuid() != 0:
            sys.exit("error: cannot create a virtual environment; install python3-venv")
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        run("apt-get", "update", "-qq")
        subprocess.run(["apt-get", "install", "-y", "-qq", f"python{version}-venv"], check=False)
        run("apt-get", "install", "-y", "-qq", "python3-venv")
        venv.create(VENV, with_pip=True, clear=True)


def setup() -> None:
    if not PYTHON.exists():
        create_venv()
    project = ROOT / "pyproject.toml"
    if not STAMP.exists() or STAMP.stat().st_mtime < project.stat().st_mtime:
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test]")
        STAMP.touch()


def ensure_test_servers() -> None:
    """The store tests start a throwaway PostgreSQL server and the dashboard tests drive
    Chromium, both from Debian's packages; install them when they are missing."""
    missing = []
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        missing.append("postgresql")
    if not shutil.which("chromium"):
        missing.append("chromium")
    if not missing:
        return
    if not shutil.which("apt-get") or os.geteuid() != 0:
        print(f"not installed: {', '.join(missing)}; their tests will be skipped", flush=True)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    task = sys.argv[1] if len(sys.argv) > 1 else ""
    if task not in ("setup", "demo", "test"):
        sys.exit("usage: python3 tasks.py setup|demo|test")
    setup()
    if task == "demo":
        run(VENV / "bin" / "communique", "demo")
    elif task == "test":
        ensure_test_servers()
        run(VENV / "bin" / "ruff", "check", "src", "tests")
        run(VENV / "bin" / "pytest", "-q", *sys.argv[2:])


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as failed:
        sys.exit(failed.returncode)
