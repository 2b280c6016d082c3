-- Firmlink's built-in rules: the behaviour of Firmino's own BaseLinker integration, made exact
-- (docs/rules.md, "The built-in rules"). This file is compiled into the firmlink binary.
--
-- A rules.lua may define any of these hooks. A hook it does not define falls back to the one
-- here, and every hook here can be called from it as defaults.<hook>(...).

-- The first of the given values that is a non-empty string, else nil.
local function first_text(...)
  for i = 1, select("#", ...) do
    local value = select(i, ...)
    if type(value) == "string" and value ~= "" then return value end
  end
  return nil
end

-- Greece is GR in ISO 3166 and EL in VAT numbers; compare countries as one.
local function same_country(a, b)
  local function canonical(code) if code == "EL" then return "GR" end return code end
  return canonical(a) == canonical(b)
end

-- The name the buyer goes by: the invoice company, else the invoice name, else the delivery
-- company, else the delivery name.
local function buyer_name(order)
  return first_text(order.buyer.company, order.buyer.name, order.delivery.company, order.delivery.name)
end

-- Taken when the status set is empty or holds the order's status, and the order was confirmed
-- on or after the configured start date.
function accept_order(order, ctx)
  local statuses = ctx.config.statuses
  if #statuses > 0 then
    local selected = false
    for _, id in ipairs(statuses) do
      if id == order.status_id then selected = true break end
    end
    if not selected then
      return false, "status " .. tostring(order.status or order.status_id) .. " is not selected"
    end
  end
  local from = ctx.config.from_timestamp
  if from ~= nil and (order.date_confirmed or 0) < from then
    return false, "confirmed before " .. ctx.config.from
  end
  return true
end

-- The store warehouse mapped to the line's BaseLinker warehouse, else the default warehouse.
function line_warehouse(line, order, ctx)
  if line.baselinker_warehouse ~= nil then
    local warehouse = ctx.store.warehouse_for_baselinker(line.baselinker_warehouse)
    if warehouse ~= nil then return warehouse.id end
  end
  local default = ctx.store.default_warehouse()
  if default == nil then error("the store has no default warehouse") end
  return default.id
end

-- Automatic choice from the default document, the warehouse's country W and the buyer's
-- country C (invoice country, else delivery country, else W); T: the buyer gave a tax id.
--   1. C ~= W and C outside the EU          -> invoice_export
--   2. C ~= W, both in the EU, and T        -> invoice_wdt
--   3. T or the buyer asked for an invoice  -> invoice
--   4. otherwise                            -> the default document
function document_type(order, ctx)
  local default = ctx.config.default_document
  if not ctx.config.auto_document_type then return default end
  local warehouse_country = ctx.warehouse and first_text(ctx.warehouse.country)
  local buyer_country = first_text(order.buyer.country_code, order.delivery.country_code) or warehouse_country
  local has_tax_id = ctx.util.normalize_tax_id(order.buyer.tax_id or "") ~= ""
  local foreign = buyer_country ~= nil and warehouse_country ~= nil
    and not same_country(buyer_country, warehouse_country)
  if foreign and not ctx.util.is_eu(buyer_country) then
    return "invoice_export"
  end
  if foreign and ctx.util.is_eu(warehouse_country) and has_tax_id then
    return "invoice_wdt"
  end
  if has_tax_id or order.want_invoice then return "invoice" end
  return default
end

-- The contractor whose normalised name is the buyer's (the lowest id when several); nil: create.
-- A buyer with no name at all (only an e-mail, say) is not linked: false; the document still
-- keeps what the order says of the buyer.
function match_contractor(order, ctx)
  local name = buyer_name(order)
  if name == nil then return false end
  local found = ctx.store.contractors_by_name(name)
  if #found > 0 then return found[1].id end
  return nil
end

-- A new contractor from the invoice data, else from the delivery data.
function new_contractor(order, ctx)
  local source = order.delivery
  if first_text(order.buyer.company, order.buyer.name) ~= nil then source = order.buyer end
  return {
    name = buyer_name(order) or "",
    tax_id = order.buyer.tax_id or "",
    address = source.address or "",
    postcode = source.postcode or "",
    city = source.city or "",
    country = first_text(source.country_code, order.buyer.country_code, order.delivery.country_code) or "",
    email = order.email or "",
    phone = order.phone or "",
  }
end

-- The store product linked to the line's BaseLinker product (and variant), when there is one;
-- else the product whose normalised name is the line's (the lowest id when several); nil: create.
function match_product(line, order, ctx)
  local id = tonumber(line.baselinker_product_id or "")
  if id ~= nil and id > 0 then
    local linked = ctx.store.product_for_baselinker(id, tonumber(line.baselinker_variant_id or "") or 0)
    if linked ~= nil then return linked.id end
  end
  local found = ctx.store.products_by_name(line.name or "")
  if #found > 0 then return found[1].id end
  return nil
end

-- A new product card from the line.
function new_product(line, order, ctx)
  return {
    name = line.name,
    sku = line.sku or "",
    ean = line.ean or "",
    vat_rate = line.vat_rate,
    price_gross = line.price_gross,
  }
end

-- Products sync: the stored link, else equal SKU (trimmed, case-insensitive, both non-empty),
-- else equal normalised name, else nil (a new product card). A card linked to another BaseLinker
-- product or variant is no candidate: a card stands for one of them (two products of one name,
-- or a product's variants, become cards of their own).
function match_baselinker_product(p, ctx)
  local linked = ctx.store.product_for_baselinker(p.id, p.variant_id or 0)
  if linked ~= nil then return linked.id end
  local sku = (p.sku or ""):match("^%s*(.-)%s*$")
  if sku ~= "" then
    local by_sku = ctx.store.product_by_sku(sku)
    if by_sku ~= nil and by_sku.baselinker_id == nil then return by_sku.id end
  end
  for _, card in ipairs(ctx.store.products_by_name(p.name or "")) do
    if card.baselinker_id == nil then return card.id end
  end
  return nil
end
