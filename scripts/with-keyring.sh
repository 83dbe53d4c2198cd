#!/bin/sh
# Run a command inside a private D-Bus session with an unlocked, throwaway GNOME Keyring (Secret Service).
#
#   scripts/with-keyring.sh pytest -q -m keyring
#
# This is how CI (and you) run the keystore tests against a real keyring. The keyring files and the daemon's
# runtime dir live in a temp dir that is removed afterwards, so the user's real keyring is never touched.
# Needs: apt-get install -y --no-install-recommends gnome-keyring dbus
set -eu

bus_call() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        "org.freedesktop.DBus.$1" "$2"
}

if [ "${1-}" = "--inside-session" ]; then
    # Second stage, run by dbus-run-session below: start the keyring, run the command, stop the keyring.
    scratch=$2
    shift 2
    # Only the daemon sees the scratch HOME/XDG dirs (the command keeps the caller's); without
    # GNOME_KEYRING_CONTROL it cannot find, and unlock, a keyring daemon already running for the user.
    eval "$(printf %s pw | env -u GNOME_KEYRING_CONTROL HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" \
        XDG_RUNTIME_DIR="$scratch/runtime" gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    # --unlock returns before the daemon owns org.freedesktop.secrets. Wait for it: a client that asks
    # earlier would make the bus start a second daemon from its .service file, with the real HOME.
    tries=0
    until bus_call NameHasOwner string:org.freedesktop.secrets | grep -q true; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ]; then
            echo "$0: gnome-keyring-daemon did not start the Secret Service" >&2
            exit 1
        fi
        sleep 0.1
    done
    # The daemon does not always exit with the bus (seen when the command is very short): stop it by id.
    daemon=$(bus_call GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '{ print $2 }')
    status=0
    "$@" || status=$?
    if [ -n "$daemon" ]; then
        kill "$daemon" 2>/dev/null || true
    fi
    exit "$status"
fi

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$0: $tool not found; install it with: apt-get install -y --no-install-recommends gnome-keyring dbus" >&2
        exit 127
    fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/sluice-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -m 700 "$scratch/home" "$scratch/data" "$scratch/runtime"

status=0
dbus-run-session -- "$0" --inside-session "$scratch" "$@" || status=$?
exit "$status"
