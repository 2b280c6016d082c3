-- Links store products to BaseLinker inventory products by EAN. A product whose EAN is on
-- exactly one inventory product is linked to it (a link it had is replaced); an EAN on several
-- inventory products, or an inventory product another store product is linked to already, is
-- left alone and told.
--
--   firmlink run scripts/migrations/relink-by-ean.lua --config firmlink.toml --dry-run

-- The account's default inventory.
local inventory_id
for _, inventory in ipairs(bl.call("getInventories").inventories) do
  if inventory.is_default or inventory_id == nil then inventory_id = inventory.inventory_id end
end
if inventory_id == nil then error("the BaseLinker account has no inventory") end

-- Every inventory product's id by EAN, a page of 1000 at a time.
local by_ean = {}
local page = 1
repeat
  local count = 0
  for _, product in pairs(bl.call("getInventoryProductsList", { inventory_id = inventory_id, page = page }).products) do
    count = count + 1
    if product.ean ~= nil and product.ean ~= "" then
      by_ean[product.ean] = by_ean[product.ean] or {}
      table.insert(by_ean[product.ean], product.id)
    end
  end
  page = page + 1
until count < 1000

local products = store.products()
local holder = {}   -- BaseLinker product id -> the store product linked to it
for _, product in ipairs(products) do
  if product.baselinker_product_id ~= nil then holder[product.baselinker_product_id] = product.id end
end

local linked, left = 0, 0
for _, product in ipairs(products) do
  local found = product.ean and by_ean[product.ean]
  if found == nil or product.baselinker_product_id == found[1] and #found == 1 then
    -- no inventory product has its EAN, or it is linked right already
  elseif #found > 1 then
    print(("product %d %s: EAN %s is on %d inventory products; left as it is"):format(
      product.id, product.name, product.ean, #found))
    left = left + 1
  elseif holder[found[1]] ~= nil then
    print(("product %d %s: inventory product %d is linked to product %d already; left as it is"):format(
      product.id, product.name, found[1], holder[found[1]]))
    left = left + 1
  else
    store.link_product(product.id, found[1])
    if product.baselinker_product_id ~= nil then holder[product.baselinker_product_id] = nil end
    holder[found[1]] = product.id
    linked = linked + 1
  end
end
print(("products linked by EAN: %d; left as they were: %d"):format(linked, left))
