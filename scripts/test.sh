#!/usr/bin/env bash
# Runs every test of the project. Installs what the tests need first (Debian packages) when run
# as root; otherwise checks for them and says exactly what to install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/install-deps.sh"
export SPIKESCR_SHARED="${SPIKESCR_SHARED:-$(cd "$root/.." && pwd)/shared}"
# Maven 3.8 prints colour codes even in batch mode; the sed keeps logs free of them.
mvn -B -ntp verify "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
