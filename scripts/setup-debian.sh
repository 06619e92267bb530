#!/usr/bin/env bash
# Installs the Debian packages queuelab needs to build, test and run. Safe to run again.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  nlohmann-json3-dev libcli11-dev nettle-dev libabsl-dev catch2 libbenchmark-dev
  libcpp-httplib-dev libcurl4-openssl-dev libmd4c-dev libyaml-cpp-dev
  libimgui-dev libglfw3-dev libgl-dev libstb-dev fonts-dejavu-core
  xvfb xauth
  python3
  clang libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
echo "Installing: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
