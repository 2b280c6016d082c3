# Shared by scripts/demo and scripts/bench-sync: start a local BaseLinker sandbox and write a
# configuration for it. Source this file; it defines functions only.

# start_sandbox BIN OUT ORDERS — starts `BIN sandbox` on a free port with ORDERS seeded orders,
# its output in OUT/, and sets URL (the connector URL) and SANDBOX (its pid). Stops it on exit.
start_sandbox() {
  local bin="$1" out="$2" orders="$3"
  "$bin" sandbox --port 0 --seed 2026 --orders "$orders" --products 80 --requests-per-minute 0 \
    > "$out/sandbox.out" 2> "$out/sandbox.log" &
  SANDBOX=$!
  trap 'kill "$SANDBOX" 2>/dev/null || true; wait "$SANDBOX" 2>/dev/null || true' EXIT
  URL=""
  for _ in $(seq 1 100); do
    URL="$(head -n 1 "$out/sandbox.out" 2>/dev/null || true)"
    [ -n "$URL" ] && break
    kill -0 "$SANDBOX" 2>/dev/null || { cat "$out/sandbox.log" >&2; exit 2; }
    sleep 0.1
  done
  [ -n "$URL" ] || { echo "the sandbox did not start" >&2; exit 2; }
}

# write_config FILE URL STATUSES — a configuration for the sandbox at URL with the built-in
# rules; STATUSES is the TOML array of the statuses to take ([] = every order, by cursor).
write_config() {
  cat > "$1" <<TOML
[baselinker]
url = "$2"
requests_per_minute = 0        # a local sandbox; BaseLinker itself allows 100

[store]
path = "firmlink.sqlite"

[seller]
name = "Sklep Przykład sp. z o.o."
tax_id = "PL5260001246"
address = "ul. Prosta 1"
postcode = "00-001"
city = "Warszawa"
country = "PL"
timezone = "Europe/Warsaw"

[modules]
orders = true
products = false
warehouses = false

[orders]
from = "2026-11-01"
default_document = "receipt"
auto_document_type = true
send_invoices = true
link_products = true
link_contractors = true
statuses = $3
status_after = "Dokument wystawiony"
status_failed = "Problem z zamówieniem"

[warehouses]
map = { bl_1 = 1, bl_2 = 2, bl_3 = 3 }
countries = { bl_3 = "DE" }
TOML
}
