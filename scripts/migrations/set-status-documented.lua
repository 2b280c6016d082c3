-- Sets a BaseLinker status on every order that already has a document in the store: for a
-- seller who synced before [orders] status_after was set, say.
--
--   firmlink run scripts/migrations/set-status-documented.lua --config firmlink.toml --dry-run
--   firmlink run scripts/migrations/set-status-documented.lua --config firmlink.toml

local STATUS = "Dokument wystawiony"   -- the status's name in BaseLinker
local BATCH = 100                      -- orders per setOrderStatuses request

local status_id
for _, status in ipairs(bl.call("getOrderStatusList").statuses) do
  if status.name == STATUS then status_id = status.id end
end
if status_id == nil then error("BaseLinker has no order status named " .. STATUS) end

local order_ids = {}
for _, document in ipairs(store.documents()) do
  if document.baselinker_order_id ~= nil then order_ids[#order_ids + 1] = document.baselinker_order_id end
end

for first = 1, #order_ids, BATCH do
  local batch = table.move(order_ids, first, math.min(first + BATCH - 1, #order_ids), 1, {})
  bl.call("setOrderStatuses", { order_ids = batch, status_id = status_id })
end
print(("orders with a document set to %s (%d): %d%s"):format(
  STATUS, status_id, #order_ids, dry_run and " (dry run: nothing sent)" or ""))
