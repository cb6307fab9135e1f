#!/usr/bin/env bash
# `make run`: migrate, seed, ingest the sample articles, then start web server, Celery worker and
# beat together. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
# The demo runs as deployed: DEBUG off (the project's own error pages, no URL list), static
# files collected and served by WhiteNoise.
export DJANGO_DEBUG=${DJANGO_DEBUG:-0}
mkdir -p var/log
# Without DEBUG the development key is refused (check briefwiki.E001): the demo keeps a random
# key of its own in var/, made once, so that sessions outlive a restart.
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s var/secret_key ] || $PY -c 'import secrets; print(secrets.token_urlsafe(64))' > var/secret_key
  SECRET_KEY=$(cat var/secret_key)
  export SECRET_KEY
fi
CELERY=.venv/bin/celery
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

if [ -n "${DATABASE_URL:-}" ]; then echo "Database: $DATABASE_URL"; else echo "Database: SQLite in var/ (set DATABASE_URL for PostgreSQL)"; fi
if [ -n "${REDIS_URL:-}" ]; then echo "Broker: $REDIS_URL"; else echo "Broker: filesystem queue in var/celery (set REDIS_URL for Redis)"; fi

# The migrations were started afresh when claims moved into their own app: a demo database made
# before that (it still has briefings_claim) cannot be migrated, so keep it aside and start anew.
DEMO_DB=var/briefwiki.sqlite3
if [ -z "${DATABASE_URL:-}" ] && [ -f "$DEMO_DB" ] && $PY - "$DEMO_DB" <<'PYEOF'
import sqlite3, sys
tables = {r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
sys.exit(0 if "briefings_claim" in tables else 1)
PYEOF
then
  mv "$DEMO_DB" "$DEMO_DB.before-claims-app"
  echo "The demo database predates the claims app: kept as $DEMO_DB.before-claims-app, starting a new one."
fi

$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput -v0
$PY manage.py seed
logins=$($PY manage.py demo_user)
editor_login=$(echo "$logins" | grep '^demo-editor ')
reviewer_login=$(echo "$logins" | grep '^demo-reviewer ')

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping Briefwiki..."
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

$CELERY -A config worker -Q celery --loglevel=INFO --concurrency=2 -n main@%h >var/log/worker.log 2>&1 & pids+=($!)
# Fetches have their own queue and worker: a slow site never delays the pipeline.
$CELERY -A config worker -Q fetch --loglevel=INFO --concurrency=2 -n fetch@%h >var/log/fetch-worker.log 2>&1 & pids+=($!)
$CELERY -A config beat --loglevel=INFO >var/log/beat.log 2>&1 & pids+=($!)
$PY manage.py runserver "$HOST:$PORT" --noreload >var/log/web.log 2>&1 & pids+=($!)

# The project's own sample articles, and the article the project came from where the workspace
# has it (third-party text, kept in ../shared/seeds, never in this repository). Both go through
# the queue like any submission; submitting them again on the next start changes nothing.
$PY manage.py ingest seeds/articles || echo "Ingesting the sample articles failed; see var/log/worker.log."
SEED_ARTICLE=../shared/seeds/000_dd40b06f8a9999e8.txt
if [ -f "$SEED_ARTICLE" ]; then
  $PY manage.py ingest "$SEED_ARTICLE" --title "US and Iranian Involvement in Iraq Is Escalating Again" \
    --outlet "VICE News" --byline "John Beck" --published 2014-06-27 \
    || echo "Ingesting the seed article failed; see var/log/worker.log."
fi

for _ in $(seq 1 30); do
  if $PY - "$HOST" "$PORT" <<'PYEOF' 2>/dev/null; then break; fi
import sys, urllib.request
urllib.request.urlopen(f"http://{sys.argv[1]}:{sys.argv[2]}/healthz", timeout=2)
PYEOF
  sleep 1
done

cat <<MSG

  Briefwiki is running at http://$HOST:$PORT/
  Editor (drafts, reviews suggestions):  ${editor_login%% *}    password ${editor_login##* }
  Reviewer (also publishes):             ${reviewer_login%% *}  password ${reviewer_login##* }
  (new passwords on every start; shown only here)
  Admin:      http://$HOST:$PORT/admin/   Health: http://$HOST:$PORT/healthz
  Logs:       var/log/web.log, var/log/worker.log, var/log/fetch-worker.log, var/log/beat.log

  Press Ctrl-C to stop the web server, the worker and beat.
MSG
wait -n "${pids[@]}" || true
