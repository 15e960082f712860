#!/usr/bin/env bash
# A throwaway Docker engine for the container tests: its own data root, exec root, socket and pidfile under
# one folder, no bridge and no iptables (nothing on the host's network changes), and a small local image made
# by `docker import` of a busybox-static root filesystem (no registry is reachable, and none is needed).
#
#   tests/docker-engine.sh start   start dockerd, build the image, print the variables the tests read
#   tests/docker-engine.sh env     print them again (eval "$(tests/docker-engine.sh env)")
#   tests/docker-engine.sh stop    stop dockerd by its pid and remove the folder
#
# Needs root and the Debian packages docker.io and busybox-static. The folder is $TF_DOCKER_ROOT
# (default /tmp/tf-docker); a unix socket path must stay under 108 bytes, so keep it short.
set -euo pipefail

root=${TF_DOCKER_ROOT:-/tmp/tf-docker}
sock="$root/docker.sock"
pidfile="$root/docker.pid"
image=${TF_TEST_DOCKER_IMAGE:-tf-busybox:test}

print_env() {
    echo "export TF_TEST_DOCKER_HOST=unix://$sock"
    echo "export TF_TEST_DOCKER_IMAGE=$image"
}

engine() { docker -H "unix://$sock" "$@"; }

start() {
    for tool in dockerd docker; do
        command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install docker.io" >&2; exit 1; }
    done
    busybox=$(command -v busybox || true)
    if [ -z "$busybox" ] || ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
        busybox=/bin/busybox
    fi
    [ -x "$busybox" ] || { echo "busybox is missing: apt-get install busybox-static" >&2; exit 1; }

    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "dockerd already running (pid $(cat "$pidfile"))" >&2
    else
        mkdir -p "$root/data" "$root/exec"
        dockerd \
            --bridge=none --iptables=false --ip6tables=false \
            --data-root "$root/data" --exec-root "$root/exec" \
            -H "unix://$sock" --pidfile "$pidfile" \
            >"$root/dockerd.log" 2>&1 &
        for _ in $(seq 150); do
            engine version >/dev/null 2>&1 && break
            if ! kill -0 $! 2>/dev/null; then
                echo "dockerd exited; its log:" >&2
                tail -n 30 "$root/dockerd.log" >&2
                exit 1
            fi
            sleep 0.2
        done
        engine version >/dev/null 2>&1 || { echo "dockerd did not answer in 30 s" >&2; tail -n 30 "$root/dockerd.log" >&2; exit 1; }
    fi

    if ! engine image inspect "$image" >/dev/null 2>&1; then
        rootfs="$root/rootfs"
        rm -rf "$rootfs"
        mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev"
        cp "$busybox" "$rootfs/bin/busybox"
        for applet in $("$busybox" --list); do
            [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
        done
        echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
        tar -C "$rootfs" -c . | engine import \
            --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' - "$image" >/dev/null
        rm -rf "$rootfs"
    fi
    print_env
}

stop() {
    if [ -f "$pidfile" ]; then
        pid=$(cat "$pidfile")
        if kill "$pid" 2>/dev/null; then
            for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    # dockerd leaves its mounts behind when killed; unmount before removing the folder.
    if [ -d "$root" ]; then
        { grep -o " $root[^ ]*" /proc/mounts || true; } | sort -r | while read -r mnt; do umount -l "$mnt" 2>/dev/null || true; done
        rm -rf "$root"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) print_env ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
