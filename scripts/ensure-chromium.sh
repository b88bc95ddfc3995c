#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed at /usr/bin/chromium and exports CHOSHU_CHROMIUM, the
# browser the web tests drive with Playwright for .NET. Sourced by test.sh. On a machine without
# it, installs Debian's chromium package (root or sudo), as ensure-postgres.sh does for PostgreSQL.
# Playwright never downloads a browser: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 is exported too, and
# Playwright's own install script is never run.
# When CHOSHU_CHROMIUM is already set, it is used as it is and nothing is installed.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -z "${CHOSHU_CHROMIUM:-}" ]; then
  if [ ! -x /usr/bin/chromium ]; then
    _as_root_chromium() {
      if [ "$(id -u)" = 0 ]; then "$@"
      elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
      else echo "ensure-chromium: root or sudo is needed to install Debian's chromium" >&2; return 1
      fi
    }
    echo "ensure-chromium: installing chromium from Debian packages" >&2
    _as_root_chromium env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    _as_root_chromium env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
  fi
  [ -x /usr/bin/chromium ] || { echo "ensure-chromium: /usr/bin/chromium is missing after the install" >&2; return 1; }
  export CHOSHU_CHROMIUM=/usr/bin/chromium
fi
