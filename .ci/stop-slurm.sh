#!/usr/bin/env bash
# Part of the project's CI (.ci/run starts and stops it around the tests).
# Stop slurmd, slurmctld and munged started by start-slurm.sh (by PID file only).
# Running jobs are cancelled first so their processes do not linger.
# Safe to run when nothing is running.
set -uo pipefail

alive() {   # exists and is not a zombie (PID 1 here reaps orphans only every ~2 s)
    local st
    st=$(sed 's/.*) //' /proc/"$1"/stat 2>/dev/null | cut -d' ' -f1) || return 1
    [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}
pid_of() {  # pid_of PIDFILE COMM -> pid if it is a live COMM process
    local pid
    [ -s "$1" ] || return 1
    pid=$(cat "$1" 2>/dev/null)
    [[ "$pid" =~ ^[0-9]+$ ]] && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = "$2" ] && alive "$pid" && echo "$pid"
}
stop_pids() {   # SIGTERM the given pids, wait up to 10 s, then SIGKILL leftovers
    [ $# -gt 0 ] || return 0
    kill "$@" 2>/dev/null
    for _ in $(seq 1 100); do
        local any=0 p
        for p in "$@"; do alive "$p" && any=1; done
        [ $any = 0 ] && break
        sleep 0.1
    done
    for p in "$@"; do alive "$p" && { echo "[stop-slurm] $p did not exit, SIGKILL"; kill -9 "$p"; }; done
    echo "[stop-slurm] stopped pids $*"
}

CTLD=$(pid_of /run/slurmctld.pid slurmctld || true)
SLURMD=$(pid_of /run/slurmd.pid slurmd || true)
MUNGED=$(pid_of /run/munge/munged.pid munged || true)

if [ -n "$CTLD" ]; then
    jobs=$(timeout 10 squeue -h -o %i 2>/dev/null || true)
    if [ -n "$jobs" ]; then
        timeout 10 scancel $jobs 2>/dev/null
        for _ in $(seq 1 60); do [ -z "$(timeout 5 squeue -h 2>/dev/null)" ] && break; sleep 0.25; done
    fi
fi
stop_pids $SLURMD $CTLD
stop_pids $MUNGED
# slurmctld cannot remove its own pidfile after dropping to user slurm
rm -f /run/slurmctld.pid /run/slurmd.pid /run/munge/munged.pid
exit 0
