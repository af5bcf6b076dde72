#!/usr/bin/env bash
# Builds the C++ (omniORB) branch client into OUT_DIR (default: target/ here) from the project's IDL.
# Installs omniORB's IDL compiler and headers from Debian's packages when they are missing (root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$here/target}"
idl="$root/corba-frontend/idl/src/main/idl/dmtbs.idl"

if ! command -v omniidl >/dev/null || [ ! -f /usr/include/omniORB4/CORBA.h ] || ! command -v g++ >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "omniORB is missing; as root: apt-get install -y omniidl libomniorb4-dev g++" >&2
    exit 1
  fi
  echo "installing omniORB (omniidl, libomniorb4-dev) from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends omniidl libomniorb4-dev g++ >&2 \
    || { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends omniidl libomniorb4-dev g++ >&2; }
fi

mkdir -p "$out/gen"
binary="$out/dmtbs_client"
if [ -x "$binary" ] && [ "$binary" -nt "$here/dmtbs_client.cc" ] && [ "$binary" -nt "$idl" ]; then
  echo "$binary"
  exit 0
fi
omniidl -bcxx -Wbh=.hh -Wbs=SK.cc -C"$out/gen" "$idl"
g++ -O1 -std=c++17 -Wall -I"$out/gen" -o "$binary" "$here/dmtbs_client.cc" "$out/gen/dmtbsSK.cc" \
  -lomniORB4 -lomnithread >&2
echo "$binary"
