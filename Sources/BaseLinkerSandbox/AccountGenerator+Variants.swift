extension AccountGenerator {
    /// About one product in five gets two to four variants. They are drawn from a random stream
    /// of their own, so everything generated before variants existed (products, orders) stays
    /// as it was, and the first N products get the same variants in an account of any size.
    /// Variant ids follow the last product's, as when a seller adds variants to products already
    /// listed.
    func addVariants(to state: inout AccountState, catalogue: [(ProductTemplate, String)]) {
        guard !catalogue.isEmpty else { return }
        var random = SeededRandom(seed: seed, stream: "variants")
        for index in 0..<productCount {
            guard random.chance(0.2) else { continue }
            let template = catalogue[index % catalogue.count].0
            guard var product = state.products[AccountState().nextProductId + index],
                let options = CatalogData.variantOptions[template.skuPrefix], options.count >= 2
            else { continue }
            var order = Array(options.indices)
            for position in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(position, random.int(0...position))
            }
            let count = min(random.int(2...4), options.count)
            for (number, option) in order.prefix(count).sorted().enumerated() {
                product.variants.append(makeVariant(
                    of: product, option: options[option], number: number + 1, id: state.takeProductId(),
                    random: &random))
            }
            state.put(product)
        }
    }

    /// Named after the product and the option, priced from the product's retail price, stocked
    /// more thinly than whole products, on the product's shelf.
    private func makeVariant(
        of product: SandboxProduct, option: VariantOption, number: Int, id: Int, random: inout SeededRandom
    ) -> SandboxVariant {
        let base = Money.cents(product.prices[Self.priceGroupRetail] ?? 0)
        let retail = option.extraCents == 0 ? base : Self.roundedPrice(max(base + option.extraCents, 100))
        let stock = Self.stock(&random, main: (0.15, 80), second: (0.4, 25), german: (0.6, 15))
        return SandboxVariant(
            id: id,
            name: "\(product.name), \(option.name)",
            sku: product.sku.isEmpty ? "" : "\(product.sku)-\(number)",
            ean: random.chance(0.1) ? "" : CatalogData.ean(&random),
            prices: Self.groupPrices(retailCents: retail),
            stock: stock,
            locations: product.locations)
    }

    /// Gross prices in every price group from the retail price: euro at 4.30 ending in ,99,
    /// wholesale 20% off.
    static func groupPrices(retailCents retail: Int) -> [Int: Double] {
        [
            priceGroupRetail: Money.amount(retail),
            priceGroupEuro: Money.amount(roundedPrice(Int(Double(retail) / 4.3))),
            priceGroupWholesale: Money.amount(Int((Double(retail) * 0.8).rounded())),
        ]
    }
}
