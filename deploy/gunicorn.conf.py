"""gunicorn settings for the web container (read by `gunicorn --config deploy/gunicorn.conf.py`).

Each worker writes Prometheus samples to PROMETHEUS_MULTIPROC_DIR; a dead worker's live
gauges are removed there so /metrics stays right (prometheus-client multiprocess mode).
"""

import os

# Inside the container network only; nginx or the Service is the way in.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"


def child_exit(server, worker):  # type: ignore[no-untyped-def]
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
