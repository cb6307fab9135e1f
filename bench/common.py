"""What the benchmarks share: the database they run on, a free local port, wrk and its figures."""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_database(bench: str) -> None:
    """Create the configured PostgreSQL database if missing, then migrate it (Django set up)."""
    import psycopg
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        sys.exit(f"bench/{bench} runs on PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"] or None,
                         dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
    call_command("migrate", verbosity=0)


def ensure_wrk(bench: str) -> str:
    """wrk's path, installed with apt-get when missing and running as root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing wrk (apt-get install -y wrk)...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, stdout=subprocess.DEVNULL)
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update", "-q"], check=False, stdout=subprocess.DEVNULL)
            subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, stdout=subprocess.DEVNULL)
    found = shutil.which("wrk")
    if not found:
        sys.exit(f"bench/{bench} needs wrk: install it with `apt-get install -y wrk` (Debian/Ubuntu).")
    return found


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(wrk: str, url: str, duration: int, *, headers: tuple[str, ...] = (), script: str | None = None,
            connections: int = 16) -> dict:
    """wrk at 2 threads, 16 connections (or ``connections``), 5 s timeout: req/s, p50/p99 in ms
    (inf when no request finished), non-2xx responses and timeouts, and wrk's own output."""
    extra = [arg for header in headers for arg in ("-H", header)]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script:
            lua.write(script)
            lua.flush()
            extra += ["-s", lua.name]
        out = subprocess.run(
            [wrk, "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s", *extra, url],
            capture_output=True, text=True, check=True,
        ).stdout
    # wrk pads some latencies with a trailing space ("1.40s ").
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(latency["50"]) if "50" in latency else float("inf"),
        "p99": _ms(latency["99"]) if "99" in latency else float("inf"),
        "non2xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
        "output": out,
    }


def run_interleaved(targets: list[tuple], duration: int, rounds: int, run_one) -> dict:
    """Each target run ``rounds`` times for ``duration / rounds`` seconds, in turn, so that load
    from elsewhere on a shared machine falls on every target alike. ``targets`` are tuples whose
    first item is the name; ``run_one(target, seconds)`` returns a ``run_wrk`` result. Combined:
    req/s averaged over the rounds (equal durations), p50 the median of the rounds', p99 the worst
    round's, errors summed."""
    seconds = max(1, round(duration / rounds))
    runs: dict[str, list[dict]] = {target[0]: [] for target in targets}
    for _ in range(rounds):
        for target in targets:
            runs[target[0]].append(run_one(target, seconds))
    combined = {}
    for name, results in runs.items():
        p50s = sorted(r["p50"] for r in results)
        combined[name] = {
            "rps": sum(r["rps"] for r in results) / len(results),
            "p50": p50s[len(p50s) // 2],
            "p99": max(r["p99"] for r in results),
            "non2xx": sum(r["non2xx"] for r in results),
            "timeouts": sum(r["timeouts"] for r in results),
            "rounds": [r["rps"] for r in results],
        }
    return combined
