#!/usr/bin/env bash
# Start a listener, wait until it is ready, run the sender, check what arrived.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

webhook-cli listen --port 0 --json --verify github --secret-env WEBHOOK_SECRET \
  --max-events 2 --timeout 60s --ready-file "$work/ready.json" > "$work/deliveries.ndjson" &
listener=$!

# Wait at most 10 s for the listener to write its URL; stop at once if it exited.
for _ in $(seq 100); do
  [ -s "$work/ready.json" ] && break
  kill -0 "$listener" 2> /dev/null || wait "$listener"
  sleep 0.1
done
url=$(jq -r .url "$work/ready.json")

# The sender under test goes here; this one replays two payloads, signed.
webhook-cli send payloads/ --to "$url" --sign github --secret-env SENDER_SECRET

# listen exits 0 once both deliveries arrived with good signatures, 1 otherwise.
wait "$listener"
jq -e -s 'length == 2 and all(.signature.ok)' "$work/deliveries.ndjson" > /dev/null
echo "2 deliveries, signatures valid"
