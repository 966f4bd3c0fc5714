#!/usr/bin/env bash
# Part of the project's CI (.ci/run starts and stops it around the tests).
# Start a single-node SLURM "cluster" on this host (loopback only), without systemd.
# Idempotent: installs packages if missing, (re)writes config, starts munged,
# slurmctld and slurmd if they are not running (restarts them if slurm.conf
# changed), waits until the node is idle, exits 0.  Must run as root.
#
# Tunables (env):
#   SLURM_CPUS     CPUs advertised for the node (default: nproc). If larger than
#                  the real count, SlurmdParameters=config_overrides is set so
#                  more 1-CPU jobs can run at the same time (oversubscription).
#   SLURM_MEM_MB   RealMemory of the node (default: half of MemTotal; must be
#                  <= real memory unless SLURM_CPUS triggers config_overrides).
#   SLURM_WAIT_S   how long to wait for the node to become idle (default 60).
#   SLURM_PROCTRACK linuxproc (default; needs no cgroups) or cgroup (also kills
#                  processes that daemonize/re-parent to PID 1 on scancel;
#                  needs a writable cgroup v1/v2 hierarchy).
#   SLURM_CLEAN=1  wipe saved controller/node state (old jobs) before starting
#                  daemons that are not running.
set -euo pipefail

[ "$(id -u)" = 0 ] || { echo "start-slurm.sh: must run as root" >&2; exit 1; }

CONF=/etc/slurm/slurm.conf
CTLD_PID=/run/slurmctld.pid
SLURMD_PID=/run/slurmd.pid
MUNGE_PID=/run/munge/munged.pid
WAIT_S=${SLURM_WAIT_S:-60}

log() { echo "[start-slurm] $*"; }

# ---------------------------------------------------------------- packages
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null \
   || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    log "installing slurmctld slurmd slurm-client munge"
    # No init system here: keep postinst scripts from trying to start services.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
        --no-install-recommends slurmctld slurmd slurm-client munge
fi

# ---------------------------------------------------------------- helpers
# alive PID: process exists and is not a zombie.  (Here PID 1 reaps orphans
# only every ~2 s, and in containers without an init it may never reap them;
# a zombie still passes `kill -0` and still has /proc/PID/comm.)
alive() {
    local st
    st=$(sed 's/.*) //' /proc/"$1"/stat 2>/dev/null | cut -d' ' -f1) || return 1
    [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}
# running PIDFILE COMM -> prints pid and returns 0 if the pidfile names a live
# process whose /proc/PID/comm is COMM
running() {
    local pf=$1 comm=$2 pid
    [ -s "$pf" ] || return 1
    pid=$(cat "$pf" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = "$comm" ] || return 1
    alive "$pid" || return 1
    echo "$pid"
}
stop_pidfile() {   # stop_pidfile PIDFILE COMM
    local pid
    pid=$(running "$1" "$2") || { rm -f "$1"; return 0; }
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$1"
}

# ---------------------------------------------------------------- host name
H=$(hostname -s)
# slurmd finds its NodeName by the short host name; it and the controller
# name must resolve.  Map it to loopback if it does not resolve at all.
if ! getent hosts "$H" >/dev/null; then
    log "adding '127.0.0.1 $H' to /etc/hosts"
    echo "127.0.0.1 $H" >> /etc/hosts
fi
# NoInAddrAny makes the daemons (and srun) bind to the address the host name
# resolves to; only use it when that is loopback, else they bind 0.0.0.0.
ADDR=$(getent ahostsv4 "$H" | awk 'NR==1 {print $1}')
if [[ "$ADDR" == 127.* ]]; then
    COMM="CommunicationParameters=NoCtldInAddrAny,NoInAddrAny"
else
    log "warning: $H resolves to $ADDR (not loopback): daemons will listen on 0.0.0.0"
    COMM="# $H resolves to $ADDR, not loopback: daemons listen on all addresses"
fi

# ---------------------------------------------------------------- munge
if [ ! -s /etc/munge/munge.key ]; then
    log "creating munge key"
    mkdir -p /etc/munge
    /usr/sbin/mungekey --create --keyfile=/etc/munge/munge.key \
      || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
fi
chown -R munge:munge /etc/munge; chmod 700 /etc/munge; chmod 600 /etc/munge/munge.key
install -d -o munge -g munge -m 0755 /run/munge
install -d -o munge -g munge -m 0700 /var/log/munge
install -d -o munge -g munge -m 0711 /var/lib/munge
if ! running "$MUNGE_PID" munged >/dev/null; then
    log "starting munged"
    rm -f /run/munge/munge.socket.2 /run/munge/munge.socket.2.lock "$MUNGE_PID"
    runuser -u munge -- /usr/sbin/munged      # forks, writes $MUNGE_PID
fi
# (a munge client retries for seconds when the socket refuses: bound each try)
for _ in $(seq 1 20); do
    timeout 3 munge -n 2>/dev/null | timeout 3 unmunge >/dev/null 2>&1 && break
    sleep 0.25
done
timeout 5 munge -n | timeout 5 unmunge >/dev/null \
    || { echo "munge does not work" >&2; tail -n 20 /var/log/munge/munged.log >&2; exit 1; }

# ---------------------------------------------------------------- slurm.conf
NPROC=$(nproc)
CPUS=${SLURM_CPUS:-$NPROC}
# stable default (MemAvailable would change the config on every run)
TOTAL_MB=$(awk '/^MemTotal:/ {print int($2/1024)}' /proc/meminfo)
MEM_MB=${SLURM_MEM_MB:-$(( TOTAL_MB / 2 ))}
PROCTRACK=${SLURM_PROCTRACK:-linuxproc}
mkdir -p /etc/slurm
if [ "$PROCTRACK" = cgroup ]; then
    printf 'CgroupPlugin=autodetect\nConstrainCores=no\nConstrainRAMSpace=no\nConstrainDevices=no\n' > /etc/slurm/cgroup.conf
fi
OVERRIDES=""
if [ "$CPUS" -gt "$NPROC" ]; then OVERRIDES="SlurmdParameters=config_overrides"; fi

install -d -o slurm -g slurm -m 0755 /var/spool/slurmctld /var/log/slurm
install -d -o root  -g root  -m 0755 /var/spool/slurmd
NEWCONF=$(mktemp)
cat > "$NEWCONF" <<EOF
# written by start-slurm.sh
ClusterName=ci
SlurmctldHost=${H}(127.0.0.1)
AuthType=auth/munge
CredType=cred/munge
SlurmUser=slurm
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
# bind daemons to what the host name resolves to (127.0.0.1), not 0.0.0.0
${COMM}
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=${CTLD_PID}
SlurmdPidFile=${SLURMD_PID}
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MailProg=/bin/true
ProctrackType=proctrack/${PROCTRACK}
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
# schedule sbatch jobs at submit time (default may delay them up to 3 s)
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
Waittime=0
${OVERRIDES}
NodeName=${H} NodeAddr=127.0.0.1 CPUs=${CPUS} Sockets=1 CoresPerSocket=${CPUS} ThreadsPerCore=1 RealMemory=${MEM_MB} State=UNKNOWN
PartitionName=debug Nodes=${H} Default=YES MaxTime=INFINITE State=UP
EOF
CHANGED=0
if ! cmp -s "$NEWCONF" "$CONF"; then
    install -m 0644 "$NEWCONF" "$CONF"
    CHANGED=1
    log "wrote $CONF"
fi
rm -f "$NEWCONF"

# ---------------------------------------------------------------- daemons
if [ "$CHANGED" = 1 ]; then
    # config changed: restart whatever is running so it picks it up
    stop_pidfile "$SLURMD_PID" slurmd
    stop_pidfile "$CTLD_PID" slurmctld
fi
if [ "${SLURM_CLEAN:-0}" = 1 ] && ! running "$CTLD_PID" slurmctld >/dev/null \
   && ! running "$SLURMD_PID" slurmd >/dev/null; then
    log "wiping saved slurm state"
    rm -rf /var/spool/slurmctld/* /var/spool/slurmd/*
fi
if ! running "$CTLD_PID" slurmctld >/dev/null; then
    log "starting slurmctld"
    rm -f "$CTLD_PID"
    /usr/sbin/slurmctld            # daemonizes, drops to SlurmUser=slurm
fi
if ! running "$SLURMD_PID" slurmd >/dev/null; then
    log "starting slurmd"
    rm -f "$SLURMD_PID"
    /usr/sbin/slurmd               # daemonizes, stays root (needed to launch jobs)
fi

# ---------------------------------------------------------------- wait for idle
state=""
for i in $(seq 1 $(( WAIT_S * 4 ))); do
    state=$(sinfo -h -n "$H" -o %T 2>/dev/null | head -1 || true)
    case "$state" in
        idle|mixed|allocated) break ;;
        down*|drain*|drained*|fail*)
            # e.g. left DOWN by an unclean earlier stop
            scontrol update NodeName="$H" State=RESUME >/dev/null 2>&1 || true ;;
    esac
    sleep 0.25
done
case "$state" in
    idle|mixed|allocated) ;;
    *) echo "start-slurm.sh: node $H not ready (state='$state')" >&2
       tail -n 20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
       exit 1 ;;
esac
log "ready: slurmctld pid $(cat $CTLD_PID), slurmd pid $(cat $SLURMD_PID), munged pid $(cat $MUNGE_PID)"
sinfo
exit 0
