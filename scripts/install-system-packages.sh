#!/usr/bin/env bash
# System packages the tests need (Debian). Idempotent: does nothing when all are present.
set -euo pipefail
# dash, zsh and fish: the "Copy as curl" test runs the copied text in each shell a user may paste it into.
packages=(git openssl chromium ripgrep pkg-config libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev dash zsh fish)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
