// Release-build benchmarks of LuaHost's per-call cost and of printouts:
//   swift run -c release firmlink-bench                      (all LuaHost figures)
//   swift run -c release firmlink-bench order                (only the order hook, ten times: for a profiler)
//   swift run -c release firmlink-bench printouts [count] [--write folder]    (see Printouts.swift)
//   swift run -c release firmlink-bench store-ceiling [orders]               (see StoreCeiling.swift)
// Prints the median cost per call of an empty hook and of a hook that receives an order-sized
// table (about 40 fields, 3 line tables) and returns a string. Targets: < 1 µs and < 15 µs.
import LuaHost

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

if CommandLine.arguments.dropFirst().first == "store-ceiling" {
    try StoreCeilingBenchmark.run(orders: CommandLine.arguments.dropFirst(2).lazy.compactMap { Int($0) }.first ?? 10_000)
    exit(0)
}

if CommandLine.arguments.dropFirst().first == "printouts" {
    let arguments = Array(CommandLine.arguments.dropFirst(2))
    let output = arguments.firstIndex(of: "--write").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
    try PrintoutBenchmark.run(count: arguments.lazy.compactMap { Int($0) }.first ?? 3000, writingTo: output)
    exit(0)
}

let rules = """
    function noop() end

    function document_type(order, ctx)
      local buyer = order.invoice_country_code ~= "" and order.invoice_country_code
        or order.delivery_country_code
      local warehouse = ctx.warehouse.country
      if buyer ~= warehouse and not ctx.util.is_eu(buyer) then return "invoice_export" end
      if order.invoice_nip ~= "" or order.want_invoice then return "invoice" end
      for _, line in ipairs(order.lines) do
        if line.quantity > 100 then return "invoice" end
      end
      return ctx.config.default_document
    end
    """

func line(_ n: Int) -> LuaValue {
    [
        "order_product_id": .integer(Int64(90_000 + n)), "storage": "db", "storage_id": 0,
        "product_id": .string(LuaString("\(5_000 + n)")), "variant_id": 0,
        "name": .string(LuaString("Kubek ceramiczny \(n) – 300 ml, zielony")),
        "attributes": "Kolor: zielony", "sku": .string(LuaString("KUB-300-\(n)")),
        "ean": "5901234123457", "location": "A-01-\(n)", "baselinker_warehouse": "bl_1",
        "auction_id": "", "price_brutto": 49.99, "tax_rate": 23, "quantity": .integer(Int64(n)),
        "weight": 0.4, "bundle_id": 0,
    ]
}

let order: LuaValue = [
    "order_id": 7_345_121, "shop_order_id": 10_231, "external_order_id": "A-10231",
    "order_source": "shop", "order_source_id": 12, "order_source_info": "Sklep", "order_status_id": 1001,
    "status": "Do wysłania", "confirmed": true, "date_confirmed": 1_764_320_400, "date_add": 1_764_320_000,
    "date_in_status": 1_764_320_500, "user_login": "jkowalska", "phone": "+48 600 100 200",
    "email": "jan.kowalska@example.pl", "user_comments": "Proszę o szybką wysyłkę", "admin_comments": "",
    "currency": "PLN", "payment_method": "Przelewy24", "payment_method_cod": false, "payment_done": 199.97,
    "delivery_method": "InPost Paczkomaty", "delivery_price": 12.99, "delivery_package_module": "inpost",
    "delivery_package_nr": "", "delivery_fullname": "Jan Kowalska", "delivery_company": "",
    "delivery_address": "ul. Długa 5/7", "delivery_city": "Kraków", "delivery_state": "",
    "delivery_postcode": "30-001", "delivery_country_code": "PL", "delivery_point_id": "KRA01M",
    "invoice_fullname": "Jan Kowalska", "invoice_company": "Kowalska Design", "invoice_nip": "PL5260001246",
    "invoice_address": "ul. Długa 5/7", "invoice_city": "Kraków", "invoice_postcode": "30-001",
    "invoice_country_code": "PL", "want_invoice": true, "extra_field_1": "", "extra_field_2": "",
    "pick_state": 0, "pack_state": 0,
    "lines": [line(1), line(2), line(3)],
]

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Nanoseconds of CPU time this thread has used: unlike wall time, it leaves out the time the
/// thread waited for a core, so figures stay comparable on a busy machine.
func threadCPUNanoseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) * 1e9 + Double(now.tv_nsec)
}

func wallNanoseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) * 1e9 + Double(now.tv_nsec)
}

/// The cost of one call over `rounds` batches, in nanoseconds: the median CPU and wall time per
/// call, and the CPU time of the fastest batch (this shared machine has phases in which all code,
/// plain C included, runs about 1.7 times slower; the best batch shows the cost outside them).
func measure(rounds: Int = 31, batch: Int, _ body: () throws -> Void) rethrows -> (cpu: Double, wall: Double, best: Double) {
    for _ in 0..<batch { try body() }  // warm up
    var cpu: [Double] = []
    var wall: [Double] = []
    for _ in 0..<rounds {
        let (cpu0, wall0) = (threadCPUNanoseconds(), wallNanoseconds())
        for _ in 0..<batch { try body() }
        cpu.append((threadCPUNanoseconds() - cpu0) / Double(batch))
        wall.append((wallNanoseconds() - wall0) / Double(batch))
    }
    return (median(cpu), median(wall), cpu.min() ?? 0)
}

func microseconds(_ nanoseconds: Double) -> String {
    let hundredths = Int(nanoseconds / 10 + 0.5)
    let fraction = hundredths % 100 < 10 ? "0\(hundredths % 100)" : "\(hundredths % 100)"
    return "\(hundredths / 100).\(fraction) µs"
}

func report(_ name: String, _ cost: (cpu: Double, wall: Double, best: Double), target: Double? = nil) {
    var text = "\(name): \(microseconds(cost.cpu)) CPU (\(microseconds(cost.wall)) wall, best batch \(microseconds(cost.best)))"
    if let target {
        text += cost.cpu / 1000 < target ? "  target < \(Int(target)) µs: met" : "  target < \(Int(target)) µs: MISSED"
    }
    print(text)
}

let runtime = try LuaRuntime(limits: LuaLimits(instructions: 1_000_000, timeout: .seconds(1), memory: 64 << 20))
let script = try runtime.load(rules, name: "rules.lua")
let isEU = runtime.function(named: "is_eu") { arguments in
    [.boolean(["PL", "DE", "CZ", "SK", "FR"].contains(arguments.argument(0).stringValue ?? ""))]
}
let util = try runtime.retain(["is_eu": .reference(isEU)])
let config = try runtime.retain(["default_document": "receipt", "auto_document_type": true])
let ctx: LuaValue = [
    "util": .reference(util), "config": .reference(config),
    "warehouse": ["id": 1, "name": "Główny", "country": "PL"],
]
let retainedContext = try runtime.retain(ctx)

let check = try script.call("document_type", order, ctx)
precondition(check == ["invoice"], "unexpected result \(check)")

if CommandLine.arguments.dropFirst().first == "order" {
    // Only the order hook, longer: for a profiler.
    for _ in 0..<10 {
        report("order hook (order table, returns a string)",
               try measure(batch: 2_000) { _ = try script.call("document_type", order, .reference(retainedContext)) })
    }
    exit(0)
}

report("empty hook call", try measure(batch: 20_000) { _ = try script.call("noop") }, target: 1)
report(
    "order hook (order table, returns a string)",
    try measure(batch: 2_000) { _ = try script.call("document_type", order, .reference(retainedContext)) },
    target: 15)
report(
    "order hook, ctx rebuilt per call",
    try measure(batch: 2_000) { _ = try script.call("document_type", order, ctx) })
let retainedOrder = try runtime.retain(order)
report(
    "order hook, order retained",
    try measure(batch: 20_000) { _ = try script.call("document_type", .reference(retainedOrder), .reference(retainedContext)) })

struct Line: Codable { var name: String; var sku: String; var quantity: Int; var price_gross: Double; var vat_rate: Double }
struct Buyer: Codable { var name: String; var company: String; var tax_id: String; var address: String; var postcode: String; var city: String; var country_code: String }
struct Order: Codable {
    var id: Int; var source: String; var status_id: Int; var status: String; var want_invoice: Bool
    var currency: String; var date_confirmed: Int; var buyer: Buyer; var delivery: Buyer; var lines: [Line]
}
let buyer = Buyer(name: "Jan Kowalska", company: "Kowalska Design", tax_id: "5260001246", address: "ul. Długa 5/7", postcode: "30-001", city: "Kraków", country_code: "PL")
let typed = Order(
    id: 1, source: "shop", status_id: 1001, status: "Do wysłania", want_invoice: true, currency: "PLN",
    date_confirmed: 1_764_320_400, buyer: buyer, delivery: buyer,
    lines: (1...3).map { Line(name: "Kubek \($0)", sku: "KUB-\($0)", quantity: $0, price_gross: 49.99, vat_rate: 23) })
report("LuaEncoder, a typed order (for comparison)", try measure(batch: 2_000) { _ = try LuaEncoder().encode(typed) })
