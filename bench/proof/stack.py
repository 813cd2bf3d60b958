"""A private, throw-away production stack for the proof scripts.

PostgreSQL (its own cluster on port 5499), Redis (port 6399), gunicorn and a Celery
worker, all under /tmp/shv-proof, so fault drills never touch the machine's shared
PostgreSQL (5432) or Redis (6379). Everything is started and torn down by the scripts.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
WORK = Path(os.environ.get("SHV_PROOF_DIR", "/tmp/shv-proof"))
PG_BIN = Path(os.environ.get("SHV_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_DATA = WORK / "pg"
PG_PORT = int(os.environ.get("SHV_PROOF_PG_PORT", "5499"))
REDIS_PORT = int(os.environ.get("SHV_PROOF_REDIS_PORT", "6399"))
APP_PORT = int(os.environ.get("SHV_PROOF_APP_PORT", "8099"))
SMTP_PORT = int(os.environ.get("SHV_PROOF_SMTP_PORT", "8025"))
DB_NAME = "shv_proof"
BASE_URL = f"http://127.0.0.1:{APP_PORT}"


def dsn(db: str = DB_NAME) -> str:
    return f"postgres://postgres@127.0.0.1:{PG_PORT}/{db}"


def django_env(**extra: str) -> dict[str, str]:
    """Production settings (DEBUG off) pointed at the private services."""
    env = dict(os.environ)
    env.update(
        # production settings + the local mail server (settings_bench.py)
        DJANGO_SETTINGS_MODULE="settings_bench",
        SECRET_KEY="proof-bench-secret-key-not-for-production-0123456789",
        DATABASE_URL=dsn(),
        DB_CONN_MAX_AGE="600",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/1",
        CELERY_BROKER_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # throw-away keys of this bench stack only (phone numbers are encrypted at rest)
        SHAHRVAND_PII_KEYS="NGa4kdv2qzrfCdM25cx0VoHwaUlF5mwhH2t0NtnsY2k=",
        SHAHRVAND_PII_INDEX_KEY="proof-bench-pii-index-key-0123456789",
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback (TLS ends at nginx in production)
        SECURE_HSTS_SECONDS="0",
        SHAHRVAND_VAR_DIR=str(ROOT / "var"),  # the trained classifier (make model)
        MEDIA_ROOT=str(WORK / "media"),
        SHAHRVAND_SMS_PROVIDER="console",
        SHAHRVAND_SMS_LOG=str(WORK / "sms.log"),
        # The load is one client address; the per-caller limits would turn it into 429s.
        SHAHRVAND_API_PUBLIC_RATE="1000000/m",
        SHAHRVAND_OPEN311_POST_RATE="1000000/m",
        LOG_LEVEL="WARNING",
        PYTHONPATH=f"{ROOT / 'src'}:{ROOT / 'bench' / 'proof'}",
        SHV_PROOF_SMTP_PORT=str(SMTP_PORT),
    )
    env.update(extra)
    return env


def run(cmd: list[str], *, env: dict[str, str] | None = None, check: bool = True, **kw):
    return subprocess.run(cmd, env=env, check=check, text=True, **kw)


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


# --- PostgreSQL ---------------------------------------------------------------------


def pg_init() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    if not (PG_DATA / "PG_VERSION").exists():
        PG_DATA.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(WORK, "postgres")
            shutil.chown(PG_DATA, "postgres")
        run(
            _as_postgres([str(PG_BIN / "initdb"), "-D", str(PG_DATA), "-U", "postgres",
                          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
            stdout=subprocess.DEVNULL,
        )
    os.chmod(WORK, 0o777)


def pg_start() -> None:
    opts = (
        f"-p {PG_PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories={WORK} "
        "-c max_connections=100 -c shared_buffers=256MB"
    )
    run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(PG_DATA), "-o", opts, "-w",
                      "-l", str(WORK / "pg.log"), "start"]), stdout=subprocess.DEVNULL)


def pg_stop(mode: str = "fast") -> None:
    run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(PG_DATA), "-m", mode, "-w", "stop"]),
        check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pg_restart(mode: str = "fast") -> float:
    """Stop (fast = terminate sessions, immediate = crash without checkpoint) and start;
    return the seconds the database was down."""
    began = time.monotonic()
    pg_stop(mode)
    pg_start()
    return time.monotonic() - began


def psql(sql: str, db: str = DB_NAME) -> str:
    out = run(["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-d", db,
               "-At", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True)
    return out.stdout.strip()


def recreate_db(db: str = DB_NAME) -> None:
    psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)', db="postgres")
    psql(f'CREATE DATABASE "{db}"', db="postgres")


# --- Redis ----------------------------------------------------------------------------


def redis_start() -> None:
    run(["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--daemonize", "yes", "--pidfile", str(WORK / "redis.pid"),
         "--logfile", str(WORK / "redis.log")])
    for _ in range(50):
        if redis_ping():
            return
        time.sleep(0.1)
    raise RuntimeError("redis did not start")


def redis_ping() -> bool:
    out = run(["redis-cli", "-p", str(REDIS_PORT), "ping"], check=False, capture_output=True)
    return out.stdout.strip() == "PONG"


def redis_stop() -> None:
    run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], check=False,
        capture_output=True)
    for _ in range(50):
        if not redis_ping():
            return
        time.sleep(0.1)


# --- Django processes --------------------------------------------------------------


def manage(*args: str, env: dict[str, str] | None = None, capture: bool = False) -> str:
    out = run([str(VENV / "python"), str(ROOT / "manage.py"), *args], env=env or django_env(),
              capture_output=capture, cwd=ROOT)
    return out.stdout if capture else ""


def python(script: Path, *args: str, env: dict[str, str] | None = None) -> str:
    out = run([str(VENV / "python"), str(script), *args], env=env or django_env(),
              capture_output=True, cwd=ROOT)
    return out.stdout


class Proc:
    """A child process in its own process group, ended only by its own id."""

    def __init__(self, name: str, cmd: list[str], env: dict[str, str]):
        self.name = name
        # load.py starts the mail sink before the first fresh_stack(): on a fresh machine
        # nothing has created the folder yet.
        WORK.mkdir(parents=True, exist_ok=True)
        log = open(WORK / f"{name}.log", "ab")  # noqa: SIM115 - lives as long as the process
        self.popen = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=log,
                                      start_new_session=True)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        if self.popen.poll() is not None:
            return
        os.killpg(self.popen.pid, sig)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()


def gunicorn(workers: int = 3, env: dict[str, str] | None = None, threads: int = 1) -> Proc:
    """`threads` > 1: the gthread worker (keep-alive, as deploy/gunicorn.conf.py runs it)."""
    proc = Proc("gunicorn", [str(VENV / "gunicorn"), "config.wsgi", "--workers", str(workers),
                             "--threads", str(threads),
                             "--bind", f"127.0.0.1:{APP_PORT}", "--backlog", "256",
                             "--timeout", "60", "--graceful-timeout", "5"],
                env or django_env())
    wait_http(f"{BASE_URL}/healthz")
    return proc


def celery_worker(concurrency: int = 1, env: dict[str, str] | None = None) -> Proc:
    return Proc("celery", [str(VENV / "celery"), "-A", "config", "worker", "--loglevel",
                           "WARNING", "--concurrency", str(concurrency), "--pool", "prefork",
                           "--without-gossip", "--without-mingle"], env or django_env())


def smtp_sink() -> Proc:
    return Proc("smtp", [str(VENV / "python"), str(ROOT / "bench" / "proof" / "smtp_sink.py"),
                         str(SMTP_PORT), str(WORK / "mail.log")], dict(os.environ))


def celery_beat(env: dict[str, str] | None = None) -> Proc:
    return Proc("beat", [str(VENV / "celery"), "-A", "config", "beat", "--loglevel", "WARNING",
                         "--schedule", str(WORK / "beat-schedule")], env or django_env())


def wait_http(url: str, timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - loopback
                return json.loads(resp.read() or b"{}")
        except Exception as exc:  # noqa: BLE001 - keep polling until the deadline
            last = exc
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer: {last}")


TEMPLATE_DB = "shv_proof_demo"


def fresh_stack() -> None:
    """PostgreSQL + Redis up and a fresh database with the demo province.

    The first run migrates and loads the demo (about a minute) into a template database;
    later runs copy the template (seconds) and migrate whatever is new.
    """
    pg_init()
    pg_stop("immediate")
    pg_start()
    redis_stop()
    redis_start()
    (WORK / "media").mkdir(exist_ok=True)
    if not psql(f"SELECT 1 FROM pg_database WHERE datname = '{TEMPLATE_DB}'", db="postgres"):
        recreate_db()
        manage("migrate", "--noinput", "-v", "0")
        manage("load_demo", "-v", "0")
        psql(f'CREATE DATABASE "{TEMPLATE_DB}" TEMPLATE "{DB_NAME}"', db="postgres")
    else:
        psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)', db="postgres")
        psql(f'CREATE DATABASE "{DB_NAME}" TEMPLATE "{TEMPLATE_DB}"', db="postgres")
        manage("migrate", "--noinput", "-v", "0")


def teardown() -> None:
    redis_stop()
    pg_stop("fast")


def seed(env: dict[str, str] | None = None) -> dict[str, object]:
    """Credentials and ids the load clients need (see seed.py)."""
    out = python(ROOT / "bench" / "proof" / "seed.py", env=env)
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "up"
    if action == "up":
        fresh_stack()
        print(json.dumps(seed()))
    elif action == "down":
        teardown()
