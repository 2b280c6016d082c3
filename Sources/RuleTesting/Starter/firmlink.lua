---@meta
-- The API of Firmlink's rules and migrations, for the Lua language server (LuaLS): completion
-- and type checks in an editor. Written by `firmlink rules init`; nothing runs this file.
-- The reference is docs/rules.md.

---@alias VATRate number|"zw"|"np"|"oo" A percentage (23, 5.5) or a named rate.
---@alias DocumentType "receipt"|"invoice"|"invoice_wdt"|"invoice_export"

-------------------------------------------------------------------------------------------------
-- What the hooks receive
-------------------------------------------------------------------------------------------------

---The buyer's invoice data (order.buyer) or the delivery address (order.delivery).
---@class Party
---@field name string
---@field company string
---@field tax_id string
---@field address string
---@field postcode string
---@field city string
---@field country_code string Upper-case ISO 3166 code; may be empty on both (a personal pick-up).

---@class OrderLine
---@field name string
---@field sku string
---@field ean string
---@field quantity integer
---@field price_gross number The unit gross price, in the order's currency.
---@field total_gross number price_gross × quantity, in the order's currency.
---@field vat_rate VATRate
---@field baselinker_warehouse string? "bl_1": BaseLinker's warehouse of the line, or nil.
---@field baselinker_product_id string?
---@field baselinker_variant_id string?
---@field warehouse_id integer? The store warehouse, once line_warehouse has run.

---A BaseLinker order, normalised: numbers are numbers, flags booleans, countries upper-case.
---@class Order
---@field id integer
---@field source string
---@field status_id integer?
---@field status string? The status's name.
---@field want_invoice boolean
---@field currency string
---@field date_confirmed integer Unix seconds.
---@field email string
---@field phone string
---@field payment_method string
---@field cod boolean Cash on delivery.
---@field delivery_method string
---@field delivery_price number
---@field total_gross number The lines plus delivery, in the order's currency.
---@field buyer Party The invoice data.
---@field delivery Party
---@field lines OrderLine[]
---@field raw table<string, any> The order object exactly as BaseLinker sent it.

---An inventory product as the products sync gives it to match_baselinker_product.
---@class BaseLinkerProduct
---@field id integer
---@field variant_id integer? 0 or nil for a plain product.
---@field sku string
---@field ean string
---@field name string
---@field tax_rate number
---@field price_gross number

---@class StoreProduct
---@field id integer
---@field name string
---@field sku string
---@field ean string
---@field unit string
---@field vat_rate VATRate
---@field price_gross number
---@field baselinker_id integer? The linked BaseLinker product.

---@class StoreContractor
---@field id integer
---@field name string
---@field tax_id string
---@field address string
---@field postcode string
---@field city string
---@field country string
---@field email string
---@field phone string

---@class StoreWarehouse
---@field id integer
---@field name string
---@field country string
---@field baselinker string? "bl_1"
---@field default boolean

---Read-only look-ups; names are normalised, the lowest id comes first.
---@class StoreLookups
---@field product fun(id: integer): StoreProduct?
---@field products_by_name fun(name: string): StoreProduct[]
---@field product_by_sku fun(sku: string): StoreProduct?
---@field product_by_ean fun(ean: string): StoreProduct?
---@field product_for_baselinker fun(baselinker_product_id: integer): StoreProduct?
---@field contractor fun(id: integer): StoreContractor?
---@field contractors_by_name fun(name: string): StoreContractor[]
---@field contractor_by_tax_id fun(tax_id: string): StoreContractor?
---@field warehouse fun(id: integer): StoreWarehouse?
---@field warehouses fun(): StoreWarehouse[]
---@field warehouse_for_baselinker fun(link: string): StoreWarehouse?
---@field default_warehouse fun(): StoreWarehouse?
---@field stock fun(product_id: integer, warehouse_id: integer): integer

---@class Util
---@field normalize_name fun(s: string): string NFC, trimmed, inner spaces collapsed, case-folded.
---@field normalize_tax_id fun(s: string): string Upper-case, without spaces, dashes and dots.
---@field is_eu fun(country_code: string): boolean GR or EL for Greece.
---@field valid_nip fun(s: string): boolean

---The [orders] settings, statuses as ids.
---@class OrdersConfig
---@field from string? "2026-11-01"
---@field from_timestamp integer?
---@field default_document "receipt"|"invoice"
---@field auto_document_type boolean
---@field send_invoices boolean
---@field link_products boolean
---@field link_contractors boolean
---@field statuses integer[] Empty: every status.
---@field status_after integer?
---@field status_failed integer?
---@field timezone string

---@class Context
---@field config OrdersConfig
---@field store StoreLookups
---@field util Util
---@field log fun(...: any) Adds a line to the order's trace (rules explain prints it under the hook).
---@field warehouse StoreWarehouse? For document_type: the store warehouse of the first line.

---What new_contractor returns (and a migration's add_contractor takes).
---@class ContractorFields
---@field name string
---@field tax_id string?
---@field address string?
---@field postcode string?
---@field city string?
---@field country string?
---@field email string?
---@field phone string?

---What new_product returns (and a migration's add_product takes).
---@class ProductFields
---@field name string
---@field sku string?
---@field ean string?
---@field unit string?
---@field vat_rate VATRate?
---@field price_gross number|string?
---@field baselinker_product_id integer? Migrations only.

-------------------------------------------------------------------------------------------------
-- The hooks: define any of them in rules.lua
-------------------------------------------------------------------------------------------------

---@param order Order
---@param ctx Context
---@return boolean accepted
---@return string? reason
function accept_order(order, ctx) end

---@param line OrderLine
---@param order Order
---@param ctx Context
---@return integer warehouse_id
function line_warehouse(line, order, ctx) end

---@param order Order
---@param ctx Context
---@return DocumentType? type
---@return string? reason
function document_type(order, ctx) end

---@param order Order
---@param ctx Context
---@return integer|false|nil contractor_id
function match_contractor(order, ctx) end

---@param order Order
---@param ctx Context
---@return ContractorFields
function new_contractor(order, ctx) end

---@param line OrderLine
---@param order Order
---@param ctx Context
---@return integer|false|nil product_id
function match_product(line, order, ctx) end

---@param line OrderLine
---@param order Order
---@param ctx Context
---@return ProductFields
function new_product(line, order, ctx) end

---@param p BaseLinkerProduct
---@param ctx Context
---@return integer? product_id
function match_baselinker_product(p, ctx) end

---The built-in rules, each callable from your hook.
---@class Defaults
---@field accept_order fun(order: Order, ctx: Context): boolean, string?
---@field line_warehouse fun(line: OrderLine, order: Order, ctx: Context): integer
---@field document_type fun(order: Order, ctx: Context): DocumentType?, string?
---@field match_contractor fun(order: Order, ctx: Context): integer|false|nil
---@field new_contractor fun(order: Order, ctx: Context): ContractorFields
---@field match_product fun(line: OrderLine, order: Order, ctx: Context): integer|false|nil
---@field new_product fun(line: OrderLine, order: Order, ctx: Context): ProductFields
---@field match_baselinker_product fun(p: BaseLinkerProduct, ctx: Context): integer?

---@type Defaults
defaults = {}

-------------------------------------------------------------------------------------------------
-- Migrations: firmlink run SCRIPT --config firmlink.toml [--dry-run] [--json]
-------------------------------------------------------------------------------------------------

---A product as `products list --json` prints it (money a decimal string).
---@class ListedProduct
---@field id integer
---@field name string
---@field sku string?
---@field ean string?
---@field unit string
---@field vat_rate string
---@field price_gross string
---@field baselinker_product_id integer?
---@field revision integer

---@class ListedWarehouse
---@field id integer
---@field name string
---@field country string
---@field default boolean
---@field baselinker_warehouse string?

---@class ListedDocumentLine
---@field name string
---@field product_id integer?
---@field warehouse_id integer?
---@field quantity integer
---@field price_gross string
---@field vat_rate string

---A document as `documents list --json` prints it.
---@class ListedDocument
---@field id integer
---@field number string
---@field type DocumentType
---@field baselinker_order_id integer?
---@field contractor_id integer?
---@field issue_date string "2026-11-30"
---@field currency string
---@field total_net string
---@field total_vat string
---@field total_gross string
---@field lines ListedDocumentLine[]

---@class StockRow
---@field product_id integer
---@field warehouse_id integer
---@field quantity integer

---@class DocumentFilter
---@field from string? The first issue date, "2026-11-01".
---@field to string? The last issue date.
---@field type DocumentType?

---@class WarehouseFields
---@field name string?
---@field country string?
---@field baselinker_warehouse string? "bl_1"; "" unlinks.
---@field default boolean?

---The store of a migration: reads, and writes in the run's one transaction.
---@class MigrationStore
---@field products fun(): ListedProduct[]
---@field product fun(id: integer): ListedProduct?
---@field contractors fun(): StoreContractor[]
---@field contractor fun(id: integer): StoreContractor?
---@field warehouses fun(): ListedWarehouse[]
---@field documents fun(filter: DocumentFilter?): ListedDocument[]
---@field stock fun(): StockRow[]
---@field add_product fun(fields: ProductFields): integer
---@field update_product fun(id: integer, fields: ProductFields)
---@field link_product fun(id: integer, baselinker_product_id: integer?, variant_id: integer?)
---@field add_contractor fun(fields: ContractorFields): integer
---@field update_contractor fun(id: integer, fields: ContractorFields)
---@field add_warehouse fun(fields: WarehouseFields): integer
---@field update_warehouse fun(id: integer, fields: WarehouseFields)
---@field move_stock fun(product_id: integer, warehouse_id: integer, delta: integer, reason: string?): integer

---@class BaseLinker
---@field call fun(method: string, params: table?): table The whole answer; an error names BaseLinker's error code.

---Migrations only: the BaseLinker account of the configuration.
---@type BaseLinker
bl = {}

---Migrations only: the store of the configuration.
---@type MigrationStore
store = {}

---Migrations only: the helpers hooks get as ctx.util.
---@type Util
util = {}

---Migrations only: true under --dry-run (writes to BaseLinker are recorded, the store rolled back).
---@type boolean
dry_run = false
