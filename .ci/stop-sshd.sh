#!/usr/bin/env bash
# Part of the project's CI (.ci/run starts and stops it around the tests).
# Stop the sshd started by start-sshd.sh (by its PID file; the listener only --
# established sessions and processes started through them are not touched).
# Safe to run when it is not running.  Keys are kept for the next start.
set -uo pipefail
DIR=${SSHD_DIR:-/var/lib/ci-sshd}
PIDFILE=$DIR/sshd.pid

alive() {
    local st
    st=$(sed 's/.*) //' /proc/"$1"/stat 2>/dev/null | cut -d' ' -f1) || return 1
    [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}
if [ -s "$PIDFILE" ]; then
    pid=$(cat "$PIDFILE")
    if [[ "$pid" =~ ^[0-9]+$ ]] && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = sshd ] && alive "$pid"; then
        kill "$pid"
        for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
        alive "$pid" && kill -9 "$pid"
        echo "[stop-sshd] stopped sshd ($pid)"
    fi
    rm -f "$PIDFILE"
fi
[ "${SSHD_PURGE:-0}" = 1 ] && rm -rf "$DIR"
exit 0
