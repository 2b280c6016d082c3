-- Firmlink rules (docs/rules.md has the whole reference).
--
-- Every hook below calls the built-in rule, so this file decides exactly as the built-in rules
-- do until you edit a hook. A hook you delete falls back to the built-in one as well.
--
--   firmlink rules check rules.lua   misspelt hooks, stray globals, wrong parameters
--   firmlink rules test tests        the cases in tests/ (each runs this file: rules: ../rules.lua)
--   firmlink rules explain --order order.json --rules rules.lua
--
-- Then set [rules] script = "rules.lua" in firmlink.toml and try `firmlink sync --dry-run`.
--
-- Keep helpers local (local function name(...) ... end): a global function that is not a hook
-- is refused, since a misspelt hook would otherwise be ignored without a word. Your editor
-- completes and checks the API from types/firmlink.lua (set up by .luarc.json).

---Which orders to take. Built in: the order's status is one of [orders] statuses and it was
---confirmed on or after [orders] from.
---@param order Order
---@param ctx Context
---@return boolean accepted
---@return string? reason why it is turned down (it is then not read again in cursor mode)
function accept_order(order, ctx)
  return defaults.accept_order(order, ctx)
end

---The store warehouse a line ships from (set as line.warehouse_id for the later hooks).
---Built in: the warehouse mapped to the line's BaseLinker warehouse, else the default one.
---@param line OrderLine
---@param order Order
---@param ctx Context
---@return integer warehouse_id
function line_warehouse(line, order, ctx)
  return defaults.line_warehouse(line, order, ctx)
end

---The document to issue, or nil and a reason to hold the order for review. Built in: from the
---default document, the warehouse's country (ctx.warehouse) and the buyer's country and tax id.
---@param order Order
---@param ctx Context
---@return DocumentType? type
---@return string? reason why the order is held
function document_type(order, ctx)
  return defaults.document_type(order, ctx)
end

---The contractor (buyer) of the order: an id, nil to make one with new_contractor, or false
---for none. Built in: the contractor with the buyer's normalised name.
---@param order Order
---@param ctx Context
---@return integer|false|nil contractor_id
function match_contractor(order, ctx)
  return defaults.match_contractor(order, ctx)
end

---The fields of a contractor to make. Built in: from the invoice data, else the delivery data.
---@param order Order
---@param ctx Context
---@return ContractorFields
function new_contractor(order, ctx)
  return defaults.new_contractor(order, ctx)
end

---The product a line sells: an id, nil to make one with new_product, or false to leave the line
---unlinked. Built in: the product with the line's normalised name.
---@param line OrderLine
---@param order Order
---@param ctx Context
---@return integer|false|nil product_id
function match_product(line, order, ctx)
  return defaults.match_product(line, order, ctx)
end

---The fields of a product to make. Built in: name, SKU, EAN, VAT rate and price from the line.
---@param line OrderLine
---@param order Order
---@param ctx Context
---@return ProductFields
function new_product(line, order, ctx)
  return defaults.new_product(line, order, ctx)
end

---The store product a BaseLinker inventory product is (products module), or nil for a new one.
---Built in: the stored link, else equal SKU, else equal normalised name.
---@param p BaseLinkerProduct
---@param ctx Context
---@return integer? product_id
function match_baselinker_product(p, ctx)
  return defaults.match_baselinker_product(p, ctx)
end
