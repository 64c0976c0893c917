#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only those missing.
# Sourced or run by quickstart.sh and test.sh; safe to run again.
set -euo pipefail
# python3: the e2e tests parse -o json output with it. jq: the README tours pick IDs with it.
# clang-14, libclang-rt-14-dev: the fuzz harnesses (libFuzzer and the sanitizer runtimes).
pkgs=(build-essential cmake pkg-config git
      libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
      libcli11-dev libyaml-cpp-dev libssl-dev libsqlite3-dev sqlite3 zlib1g-dev
      libspdlog-dev libfmt-dev libgtest-dev libgmock-dev
      postgresql-15 libpq-dev curl ca-certificates python3 jq clang-14 libclang-rt-14-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
