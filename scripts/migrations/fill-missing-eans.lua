-- Fills in the EAN of store products that have none, from their BaseLinker inventory product:
-- the one they are linked to, else the one with the same SKU (trimmed, any letter case).
--
--   firmlink run scripts/migrations/fill-missing-eans.lua --config firmlink.toml --dry-run

local function sku_key(sku)
  if sku == nil then return nil end
  local key = sku:match("^%s*(.-)%s*$"):lower()
  if key == "" then return nil end
  return key
end

local inventory_id
for _, inventory in ipairs(bl.call("getInventories").inventories) do
  if inventory.is_default or inventory_id == nil then inventory_id = inventory.inventory_id end
end
if inventory_id == nil then error("the BaseLinker account has no inventory") end

local by_id, by_sku = {}, {}
local page = 1
repeat
  local count = 0
  for _, product in pairs(bl.call("getInventoryProductsList", { inventory_id = inventory_id, page = page }).products) do
    count = count + 1
    by_id[product.id] = product
    local key = sku_key(product.sku)
    if key ~= nil and by_sku[key] == nil then by_sku[key] = product end
  end
  page = page + 1
until count < 1000

local filled, without = 0, 0
for _, product in ipairs(store.products()) do
  if product.ean == nil then
    local source = product.baselinker_product_id and by_id[product.baselinker_product_id]
      or by_sku[sku_key(product.sku) or ""]
    if source ~= nil and source.ean ~= nil and source.ean ~= "" then
      store.update_product(product.id, { ean = source.ean })
      filled = filled + 1
    else
      without = without + 1
    end
  end
end
print(("EANs filled in: %d; products still without one: %d"):format(filled, without))
