#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so the tests
# can reach a real Secret Service (the OS keychain nectr uses on Linux). Installs gnome-keyring
# from Debian when missing and possible; otherwise runs the command as is and says so (the
# keychain test then skips itself).
set -uo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

if ! have gnome-keyring-daemon && [ "$(id -u)" = 0 ] && have apt-get; then
  echo "ci: installing gnome-keyring for the keychain test" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gnome-keyring dbus libglib2.0-bin; } >/dev/null 2>&1
fi
if ! have gnome-keyring-daemon || ! have dbus-run-session || ! have gdbus; then
  echo "ci: no gnome-keyring/dbus here; the keychain test will be skipped" >&2
  exec "$@"
fi

# A throwaway keyring, unlocked with a throwaway password.
XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
exec dbus-run-session -- bash -c '
  printf %s ci-password | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring=$!
  for _ in $(seq 100); do
    gdbus call --session -d org.freedesktop.DBus -o /org/freedesktop/DBus -m org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.05
  done
  status=0
  "$@" || status=$?
  kill "$keyring" 2>/dev/null
  wait "$keyring" 2>/dev/null
  exit "$status"' bash "$@"
