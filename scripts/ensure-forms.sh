#!/usr/bin/env bash
# Makes sure what the form engine (src/Choshu.Forms) and its tests need is installed: the IPAex
# Gothic font the PDFs embed (Debian's fonts-ipaexfont-gothic, /usr/share/fonts/opentype/ipaexfont-gothic/
# ipaexg.ttf) and poppler-utils (pdftotext, pdftoppm: the tests read the PDFs back as a person would).
# Sourced by test.sh and by the choshu launcher. On a machine without them, installs the Debian
# packages (root or sudo), as ensure-postgres.sh does for PostgreSQL; when both are there it only
# asks dpkg, so it is cheap. When CHOSHU_FORM_FONT_DIR is set, the font there is used and only
# poppler-utils is looked for.
_forms_missing=()
if [ -z "${CHOSHU_FORM_FONT_DIR:-}" ] && ! dpkg-query -W -f='${Status}' fonts-ipaexfont-gothic 2>/dev/null | grep -q 'ok installed'; then
  _forms_missing+=(fonts-ipaexfont-gothic)
fi
if ! dpkg-query -W -f='${Status}' poppler-utils 2>/dev/null | grep -q 'ok installed'; then
  _forms_missing+=(poppler-utils)
fi
if [ "${#_forms_missing[@]}" -gt 0 ]; then
  _as_root_forms() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
    else echo "ensure-forms: root or sudo is needed to install ${_forms_missing[*]}" >&2; return 1
    fi
  }
  echo "ensure-forms: installing ${_forms_missing[*]} from Debian packages" >&2
  # apt-get update only when needed: the package lists do not know a package yet (a fresh image has
  # none), or the install fails on stale lists (then once more after the update).
  _install_forms() { _as_root_forms env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${_forms_missing[@]}" >&2; }
  if ! apt-cache show "${_forms_missing[@]}" >/dev/null 2>&1 || ! _install_forms; then
    _as_root_forms env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    _install_forms
  fi
  command -v pdftotext >/dev/null 2>&1 || { echo "ensure-forms: pdftotext is missing after the install" >&2; return 1; }
fi
unset _forms_missing
