"""gunicorn's settings, read from the project folder: `gunicorn settings.wsgi`.

Every value can be changed through the environment of the systemd unit
(docs/deploy.md) without editing this file.
"""

import os

# gunicorn's own rule of thumb, 2 × cores + 1 synchronous workers; WEB_CONCURRENCY
# is the variable hosting platforms and gunicorn itself know for the count.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# A unix socket (unix:/run/academy/gunicorn.sock) where nginx runs on the same
# machine; an address on the private network behind a load balancer.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# A synchronous worker is killed when one request takes longer than this. The
# longest are the certificate ZIPs (about 80 ms per PDF, so some 3,500 certificates
# in five minutes): raise it for larger courses.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 300))
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then (at staggered times), so that memory held by PDF
# drawing and large reports is returned. A restart costs the worker about 2 s of CPU
# (importing Django and Wagtail again) and starts it with cold caches: at 2 000, a busy
# server spent a tenth of its CPU on restarts under the benchmark's load.
max_requests = 20_000
max_requests_jitter = 2_000
# systemd starts, reloads (HUP) and stops gunicorn: no runtime control socket.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
# The usual combined log line plus the time taken (%(M)s, in milliseconds) and the
# client's address as the proxy saw it (X-Forwarded-For).
access_log_format = (
    '%(h)s %({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s '
    '"%(f)s" "%(a)s" %(M)sms'
)
