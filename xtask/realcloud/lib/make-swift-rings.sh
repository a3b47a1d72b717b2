#!/bin/bash
# Build single-replica, single-device rings for a one-node swift on loopback.
# usage: FERROCLOUD_REALCLOUD_DIR=... lib/make-swift-rings.sh
# (up.sh runs it; uses $FERROCLOUD_REALCLOUD_DIR/venv and the rendered etc/)
set -euo pipefail
R=${FERROCLOUD_REALCLOUD_DIR:-$HOME/.cache/ferrocloud/realcloud}
V=$R/venv
D=$R/data/swift
mkdir -p "$D/etc" "$D/node/d1" "$D/cache"
cp "$R/etc/swift/swift.conf" "$D/etc/swift.conf"    # swift_dir of every swift config
cd "$D/etc"
for spec in object:6200 container:6201 account:6202; do
  name=${spec%%:*}; port=${spec##*:}
  if [ ! -f "$name.ring.gz" ]; then
    "$V/bin/swift-ring-builder" "$name.builder" create 10 1 1
    "$V/bin/swift-ring-builder" "$name.builder" add "r1z1-127.0.0.1:$port/d1" 1
    "$V/bin/swift-ring-builder" "$name.builder" rebalance
  fi
done
