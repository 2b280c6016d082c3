# Shared by scripts/demo and the benchmark scripts: start a local BaseLinker sandbox that writes
# the configuration of a seller using it. Source this file; it defines functions only.

# start_sandbox BIN OUT ORDERS [ARGS…] — starts `BIN sandbox` on a free port with ORDERS seeded
# orders and more ARGS, its output in OUT/; it writes OUT/firmlink.toml (the store beside it).
# Sets URL (the connector URL) and SANDBOX (its pid); stops it, and any started before, on exit.
start_sandbox() {
  local bin="$1" out="$2" orders="$3"
  shift 3
  "$bin" sandbox --port 0 --seed 2026 --orders "$orders" --products 80 --write-config "$out/firmlink.toml" "$@" \
    > "$out/sandbox.out" 2> "$out/sandbox.log" &
  SANDBOX=$!
  SANDBOXES="${SANDBOXES:-} $SANDBOX"
  trap stop_sandboxes EXIT
  URL=""
  for _ in $(seq 1 100); do
    URL="$(head -n 1 "$out/sandbox.out" 2>/dev/null || true)"
    [ -n "$URL" ] && break
    kill -0 "$SANDBOX" 2>/dev/null || { cat "$out/sandbox.log" >&2; exit 2; }
    sleep 0.1
  done
  [ -n "$URL" ] || { echo "the sandbox did not start" >&2; exit 2; }
}

# stop_sandboxes — stops every sandbox start_sandbox started (the exit trap calls it).
stop_sandboxes() {
  local pid
  for pid in ${SANDBOXES:-}; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
