#!/bin/sh
# Front-end data and libraries from npm (package-lock.json), into node_modules/ (never committed).
# Without npm the pages work without them (no maps, statuses change on reload); under CI=true a
# missing npm is a failure.
set -e
cd "$(dirname "$0")/.."
if command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --silent
else
  echo "npm is missing (apt-get install -y npm): pages will have no maps and no live status." >&2
  [ "${CI:-}" != "true" ] || { echo "CI=true: a missing npm is a failure." >&2; exit 1; }
fi
