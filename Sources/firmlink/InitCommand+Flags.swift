import ArgumentParser
import BaseLinkerModels
import FirminoStore
import Foundation

/// The answers of `firmlink init` given as flags: the defaults the wizard offers, and every
/// answer of `--non-interactive`, checked against the account.
extension Firmlink.Init {
    /// The answers the flags give (the wizard offers them as defaults).
    func flagAnswers() throws -> InitAnswers {
        var answers = InitAnswers()
        if let url {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw CommandFailure("--url: \(url) is not an http or https address", status: .usage)
            }
            answers.url = parsed
        }
        answers.requestsPerMinute = requestsPerMinute ?? (InitAnswers.isLocal(answers.url) ? 0 : 100)
        guard answers.requestsPerMinute >= 0 else {
            throw CommandFailure("--requests-per-minute must be 0 (no limit) or more", status: .usage)
        }
        answers.tokenInFile = tokenInFile
        answers.storePath = store
        if let modules {
            let names = modules.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            for name in names where !["orders", "products", "warehouses"].contains(name) {
                throw CommandFailure("--modules: no module \(name); the modules are orders, products and warehouses", status: .usage)
            }
            answers.orders = names.contains("orders")
            answers.products = names.contains("products")
            answers.warehouses = names.contains("warehouses")
        }
        if let from {
            guard BusinessDate(from) != nil else { throw CommandFailure("--from: \(from) is not a day written YYYY-MM-DD", status: .usage) }
            answers.from = from
        }
        if let defaultDocument {
            guard ["receipt", "invoice"].contains(defaultDocument) else {
                throw CommandFailure("--default-document: must be receipt or invoice, found \(defaultDocument)", status: .usage)
            }
            answers.defaultDocument = defaultDocument
        }
        answers.autoDocumentType = autoDocumentType
        answers.sendInvoices = sendInvoices
        answers.linkProducts = linkProducts
        answers.linkContractors = linkContractors
        if let productsMode {
            guard ["firmino", "baselinker", "manual"].contains(productsMode) else {
                throw CommandFailure("--products-mode: must be firmino, baselinker or manual, found \(productsMode)", status: .usage)
            }
            answers.productsMode = productsMode
        }
        answers.importNew = importNew
        answers.pushStock = pushStock
        answers.sellerName = sellerName ?? ""
        answers.sellerTaxId = sellerTaxId ?? ""
        answers.sellerAddress = sellerAddress ?? ""
        answers.sellerPostcode = sellerPostcode ?? ""
        answers.sellerCity = sellerCity ?? ""
        guard sellerCountry.count == 2, sellerCountry.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw CommandFailure("--seller-country: two letters such as PL, found \(sellerCountry)", status: .usage)
        }
        answers.sellerCountry = sellerCountry.uppercased()
        guard TimeZone(identifier: sellerTimezone) != nil else {
            throw CommandFailure("--seller-timezone: \(sellerTimezone) is not a timezone such as Europe/Warsaw", status: .usage)
        }
        answers.sellerTimezone = sellerTimezone
        return answers
    }

    /// Every answer from the flags, checked, and what needs the account checked against it.
    func nonInteractiveAnswers(_ environment: [String: String]) async throws -> InitAnswers {
        var answers = try flagAnswers()
        var missing: [String] = []
        if answers.orders {
            if statuses == nil { missing.append("--statuses") }
            if from == nil { missing.append("--from") }
            if sellerName == nil { missing.append("--seller-name") }
            if sellerTaxId == nil { missing.append("--seller-tax-id") }
            if sellerAddress == nil { missing.append("--seller-address") }
            if sellerPostcode == nil { missing.append("--seller-postcode") }
            if sellerCity == nil { missing.append("--seller-city") }
        }
        if answers.products, productsMode == nil { missing.append("--products-mode") }
        if !missing.isEmpty {
            throw CommandFailure("--non-interactive needs every answer: give " + missing.joined(separator: ", "), status: .usage)
        }
        if answers.sellerCountry == "PL", !answers.sellerTaxId.isEmpty, !TaxFacts.isValidNIP(answers.sellerTaxId) {
            throw CommandFailure(
                "--seller-tax-id: \(answers.sellerTaxId) is not a valid NIP: ten digits whose last is the check digit, such as 5260001246",
                status: .usage)
        }
        if answers.pushStock, answers.productsMode != "firmino" {
            throw CommandFailure("--push-stock sends the store's stock to BaseLinker: it needs --products-mode firmino", status: .usage)
        }
        guard let token = environment["BASELINKER_TOKEN"], !token.isEmpty else {
            throw CommandFailure(
                "set BASELINKER_TOKEN to the account's API token: --non-interactive takes it from there, never from a flag",
                status: .usage)
        }
        answers.token = token

        let account: InitAccount
        do {
            account = try await InitAccount.read(url: answers.url, token: token, requestsPerMinute: answers.requestsPerMinute)
        } catch {
            throw CommandFailure(error.description, status: .usage)
        }
        if let statuses {
            if statuses.trimmingCharacters(in: .whitespaces).lowercased() == "all" {
                answers.statuses = nil
            } else {
                answers.statuses = try statuses.split(separator: ",").map { part in
                    guard let status = account.status(String(part)) else {
                        throw CommandFailure(
                            "--statuses: the account has no status \(part.trimmingCharacters(in: .whitespaces)); it has \(account.statusList)",
                            status: .usage)
                    }
                    return status
                }
            }
        }
        for (flag, value, keyPath) in [("--status-after", statusAfter, \InitAnswers.statusAfter), ("--status-failed", statusFailed, \InitAnswers.statusFailed)] {
            guard let value else { continue }
            guard let status = account.status(value) else {
                throw CommandFailure("\(flag): the account has no status \(value); it has \(account.statusList)", status: .usage)
            }
            answers[keyPath: keyPath] = status
        }

        let known = Dictionary(uniqueKeysWithValues: account.warehouses.map { ($0.key, $0) })
        if map.isEmpty {
            answers.map = account.warehouses.enumerated().map { ($1, $0 + 1) }
        } else {
            for entry in map {
                let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let storeId = Int(parts[1]), storeId > 0 else {
                    throw CommandFailure("--map \(entry): write it bl_<id>=<store warehouse id>, such as bl_1=1", status: .usage)
                }
                guard let warehouse = known[parts[0]] else {
                    throw CommandFailure("--map \(entry): the account has no warehouse \(parts[0]); it has \(account.warehouseList)", status: .usage)
                }
                if let taken = answers.map.first(where: { $0.storeId == storeId }) {
                    throw CommandFailure("--map \(entry): store warehouse \(storeId) is already mapped from \(taken.warehouse.key)", status: .usage)
                }
                answers.map.append((warehouse, storeId))
            }
        }
        for entry in answers.map { answers.countries[entry.warehouse.key] = answers.sellerCountry }
        for entry in country {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[1].count == 2, parts[1].allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw CommandFailure("--country \(entry): write it bl_<id>=<two letters>, such as bl_3=DE", status: .usage)
            }
            guard known[parts[0]] != nil else {
                throw CommandFailure("--country \(entry): the account has no warehouse \(parts[0]); it has \(account.warehouseList)", status: .usage)
            }
            answers.countries[parts[0]] = parts[1].uppercased()
        }
        return answers
    }
}
