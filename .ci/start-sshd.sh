#!/usr/bin/env bash
# Part of the project's CI (.ci/run starts and stops it around the tests).
# Start a throwaway sshd on 127.0.0.1:${SSHD_PORT:-2222} (no systemd), allowing
# public-key login as root with a generated key only (no passwords).
# Idempotent: installs openssh-server if missing, creates keys/config once,
# starts sshd if it is not running (restarts it if the config changed),
# waits until a real key login works, exits 0.  Must run as root.
#
# Afterwards:  ssh -F /var/lib/ci-sshd/ssh_config ci 'java -version'
#   or:        ssh -p 2222 -i /var/lib/ci-sshd/id_ed25519 -o StrictHostKeyChecking=no \
#                  -o UserKnownHostsFile=/dev/null -o BatchMode=yes root@127.0.0.1 CMD
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "start-sshd.sh: must run as root" >&2; exit 1; }

PORT=${SSHD_PORT:-2222}
# Not under /tmp: with StrictModes sshd rejects an AuthorizedKeysFile whose
# parent directories are group/world writable (as /tmp is).
DIR=${SSHD_DIR:-/var/lib/ci-sshd}
PIDFILE=$DIR/sshd.pid
log() { echo "[start-sshd] $*"; }

alive() {   # exists and is not a zombie (PID 1 here reaps orphans only every ~2 s)
    local st
    st=$(sed 's/.*) //' /proc/"$1"/stat 2>/dev/null | cut -d' ' -f1) || return 1
    [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}
sshd_pid() {
    local pid
    [ -s "$PIDFILE" ] || return 1
    pid=$(cat "$PIDFILE")
    [[ "$pid" =~ ^[0-9]+$ ]] && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = sshd ] && alive "$pid" && echo "$pid"
}

if [ ! -x /usr/sbin/sshd ]; then
    log "installing openssh-server"
    if [ ! -e /usr/sbin/policy-rc.d ]; then   # keep postinst from starting sshd on :22
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
        --no-install-recommends openssh-server
fi

install -d -m 0700 -o root -g root "$DIR"
install -d -m 0755 /run/sshd          # privilege separation dir, normally made by systemd
[ -s "$DIR/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C ci-sshd-host -f "$DIR/ssh_host_ed25519_key"
[ -s "$DIR/id_ed25519" ]           || ssh-keygen -q -t ed25519 -N '' -C ci-client -f "$DIR/id_ed25519"
install -m 0600 "$DIR/id_ed25519.pub" "$DIR/authorized_keys"

NEW=$(mktemp)
cat > "$NEW" <<EOF
# written by start-sshd.sh
Port $PORT
ListenAddress 127.0.0.1
HostKey $DIR/ssh_host_ed25519_key
PidFile $PIDFILE
AuthorizedKeysFile $DIR/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
# many workers may connect at once (default MaxStartups 10:30:100 drops some)
MaxStartups 200
MaxSessions 200
UseDNS no
PrintMotd no
AcceptEnv LANG LC_* JAVA_HOME
Subsystem sftp /usr/lib/openssh/sftp-server
LogLevel INFO
EOF
CHANGED=0
if ! cmp -s "$NEW" "$DIR/sshd_config"; then install -m 0600 "$NEW" "$DIR/sshd_config"; CHANGED=1; fi
rm -f "$NEW"
/usr/sbin/sshd -t -f "$DIR/sshd_config"

cat > "$DIR/ssh_config" <<EOF
Host ci
    HostName 127.0.0.1
    Port $PORT
    User root
    IdentityFile $DIR/id_ed25519
    IdentitiesOnly yes
    StrictHostKeyChecking no
    UserKnownHostsFile /dev/null
    LogLevel ERROR
    BatchMode yes
EOF

if pid=$(sshd_pid); then
    if [ "$CHANGED" = 1 ]; then
        log "config changed, restarting sshd ($pid)"
        kill "$pid"; for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
        rm -f "$PIDFILE"
    fi
fi
if ! sshd_pid >/dev/null; then
    log "starting sshd on 127.0.0.1:$PORT"
    rm -f "$PIDFILE"
    # absolute path required (sshd re-execs itself); daemonizes and writes PidFile
    /usr/sbin/sshd -f "$DIR/sshd_config" -E "$DIR/sshd.log"
fi

ok=0
for _ in $(seq 1 50); do
    if timeout 10 ssh -F "$DIR/ssh_config" -o ConnectTimeout=2 ci true 2>/dev/null; then ok=1; break; fi
    sleep 0.2
done
if [ $ok != 1 ]; then
    echo "start-sshd.sh: key login to 127.0.0.1:$PORT failed" >&2; tail -n 20 "$DIR/sshd.log" >&2 || true; exit 1
fi
log "ready: sshd pid $(cat "$PIDFILE"), key $DIR/id_ed25519, client config $DIR/ssh_config (host alias 'ci')"
exit 0
