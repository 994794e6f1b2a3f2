#!/usr/bin/env bash
# Debian packages the program (`run`) or the tests (`test`) need on Linux; installed when
# missing and we are root, otherwise the apt-get command is printed for the user to run.
set -euo pipefail
purpose="${1:-run}"
# Qt's xcb platform plugin needs these on a desktop (Qt's error names xcb-cursor0, misleadingly).
packages=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3)
if [ "$purpose" = "test" ]; then
  # pdftotext/pdftoppm/pdffonts read our PDFs back; Xvfb gives the window test a real screen;
  # 7z opens our AES zips as a clerk's 7-Zip would; zip is the bundle benchmark's baseline.
  packages+=(poppler-utils xvfb xauth zip unzip p7zip-full)
fi
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian/Ubuntu: nothing we can do here
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "zcdesk needs these Debian packages: ${missing[*]}"
  echo "  sudo apt-get install -y ${missing[*]}"
  [ "$purpose" = "test" ] && exit 1 || exit 0
fi
