import BaseLinker
import BaseLinkerModels
import BaseLinkerSandbox
import Foundation
import Testing

@Suite("Products with variants")
struct VariantTests {
    static func isValidEAN(_ ean: String) -> Bool {
        let digits = ean.compactMap(\.wholeNumberValue)
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return digits.count == 13 && sum % 10 == 0
    }

    @Test("about one product in five has 2-4 variants with their own ids, names, SKUs, EANs, prices and stock")
    func generatedVariants() async {
        let products = await SandboxAccount(seed: 1, orders: 0, products: 500).products()
        let withVariants = products.filter { !$0.variants.isEmpty }
        #expect((60...140).contains(withVariants.count), "\(withVariants.count) of 500")
        let variants = withVariants.flatMap(\.variants)
        #expect(variants.map(\.id) == Array(20_501..<(20_501 + variants.count)), "ids follow the last product's")
        for product in withVariants {
            #expect((2...4).contains(product.variants.count), "product \(product.id)")
            for (number, variant) in product.variants.enumerated() {
                #expect(variant.name.hasPrefix(product.name + ", "), "\(variant.name)")
                #expect(variant.sku == (product.sku.isEmpty ? "" : "\(product.sku)-\(number + 1)"))
                #expect(variant.ean.isEmpty || Self.isValidEAN(variant.ean), "EAN \(variant.ean)")
                #expect(Set(variant.prices.keys) == [101, 102, 103] && variant.prices.values.allSatisfy { $0 > 0 })
                #expect(Set(variant.stock.keys) == [1, 2, 3])
            }
        }
        #expect(variants.contains { $0.name.contains { "ąćęłńóśźż„”".contains($0) } })
        #expect(withVariants.contains { product in product.variants.contains { $0.prices[101] != product.prices[101] } },
                "some variants cost more or less than their product")
        #expect(variants.filter { !$0.ean.isEmpty }.count > variants.count * 3 / 4)
    }

    @Test("the seeded default of `firmlink sandbox --products 80` has variants, and so do other seeds")
    func defaultAccountHasVariants() async throws {
        let server = SandboxServer(SandboxConfiguration(products: 80))
        let products = await server.account.products()
        #expect(products.count == 80)
        #expect(products.filter { !$0.variants.isEmpty }.count >= 8)
        for seed in UInt64(2)...12 {
            let other = await SandboxAccount(seed: seed, orders: 0, products: 80).products()
            #expect(other.contains { !$0.variants.isEmpty }, "seed \(seed)")
        }
    }

    @Test("the first products get the same variants in an account of any size")
    func variantsDoNotDependOnTheCatalogueSize() async {
        let small = await SandboxAccount(seed: 3, orders: 0, products: 50).products()
        let large = await SandboxAccount(seed: 3, orders: 0, products: 400).products().prefix(50)
        let strip = { (product: SandboxProduct) in
            product.variants.map { variant in
                var variant = variant
                variant.id = 0
                return variant
            }
        }
        #expect(small.map(strip) == large.map(strip))
        #expect(small.contains { !$0.variants.isEmpty })
    }
}
