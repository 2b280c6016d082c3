import BaseLinker
import BaseLinkerModels
import ConsoleKitTerminal
import FirminoStore
import Foundation

/// The questions of `firmlink init`, asked on a terminal through console-kit: the account
/// (address and token, checked with a call), then the five steps — modules, orders, products,
/// warehouses, and the seller with the confirmation. Every answer has a default where one is
/// safe (Enter takes it); a wrong answer is said and asked again. Nothing is written before the
/// last answer.
struct InitWizard {
    let console: any Console
    /// Answers given as flags: the defaults offered.
    var answers: InitAnswers
    let environment: [String: String]

    // MARK: The account

    /// Asks for the address and the token until BaseLinker accepts them: a refused token is
    /// asked again alone, any other failure starts again from the address.
    mutating func connect() async -> InitAccount {
        heading("Your BaseLinker account")
        var askAddress = true
        while true {
            if askAddress { address() }
            if askAddress, let fromEnvironment = environment["BASELINKER_TOKEN"], !fromEnvironment.isEmpty,
               confirm("BASELINKER_TOKEN is set in this shell: use that token?", default: true)
            {
                answers.token = fromEnvironment
            } else {
                answers.token = ""
                while answers.token.isEmpty {
                    answers.token = console.ask("API token (BaseLinker: My account → API; it is not shown as you type)".consoleText(), isSecure: true)
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    if answers.token.isEmpty { say("The token is needed to read the account.", .warning) }
                }
            }
            say("Checking the token with BaseLinker…")
            do {
                let account = try await InitAccount.read(
                    url: answers.url, token: answers.token, requestsPerMinute: answers.requestsPerMinute)
                say("BaseLinker accepted the token: \(account.statuses.count) order statuses, \(account.warehouses.count) warehouses.", .success)
                answers.tokenInFile = choose(
                    "Where should the token be kept?",
                    from: [
                        (false, "in the environment: BASELINKER_TOKEN (nothing is written)"),
                        (true, "in firmlink.toml, made readable by you alone (chmod 600)"),
                    ], default: answers.tokenInFile ? 1 : 0)
                return account
            } catch {
                askAddress = !error.badToken
                say("\(error.description). " + (error.badToken ? "Type it again." : "Check the address."), .error)
            }
        }
    }

    /// The connector's address and the request limit.
    private mutating func address() {
        let address = ask(
            "BaseLinker's API address (or a sandbox's, such as http://127.0.0.1:8080/connector.php)",
            default: answers.url.absoluteString
        ) { text in
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil
            else { return "an http or https address is needed, such as https://api.baselinker.com/connector.php" }
            return nil
        }
        answers.url = URL(string: address)!
        let local = InitAnswers.isLocal(answers.url)
        answers.requestsPerMinute = Int(ask(
            "Requests per minute at most (BaseLinker allows 100; 0: no limit, for a local sandbox)",
            default: local ? "0" : "100"
        ) { text in
            guard let number = Int(text), number >= 0 else { return "a whole number, 0 or more" }
            return nil
        })!
    }

    // MARK: The five steps

    mutating func modules() {
        heading("Step 1 of 5: modules")
        answers.orders = confirm("Orders: pull orders and issue receipts and invoices for them?", default: answers.orders)
        answers.products = confirm("Products: exchange product data between the store and BaseLinker?", default: answers.products)
        answers.warehouses = confirm("Warehouses: keep stock levels, several warehouses?", default: answers.warehouses)
    }

    mutating func orders(_ account: InitAccount) {
        heading("Step 2 of 5: orders")
        guard answers.orders else { return say("The orders module is off: nothing to set here.") }
        say("The account's order statuses:")
        for (index, status) in account.statuses.enumerated() {
            say("  \(index + 1): \(status.name) (\(status.id))")
        }
        let chosen = ask(
            "Which statuses may a sync take? Their numbers above, separated by commas, or all (every status: cancelled and unpaid orders too)",
            default: nil
        ) { text in
            if text.lowercased() == "all" { return nil }
            return Self.pick(text, from: account.statuses) == nil
                ? "give numbers from 1 to \(account.statuses.count) separated by commas, or all" : nil
        }
        answers.statuses = chosen.lowercased() == "all" ? nil : Self.pick(chosen, from: account.statuses)
        answers.from = ask(
            "Take orders confirmed from which day (YYYY-MM-DD, in the seller's timezone)?",
            default: answers.from.isEmpty ? BusinessDate(Date(), in: TimeZone(identifier: answers.sellerTimezone) ?? .current).text : answers.from
        ) { BusinessDate($0) == nil ? "a day written YYYY-MM-DD, such as 2026-11-01" : nil }
        answers.defaultDocument = choose(
            "The default document:",
            from: [("receipt", "receipt (paragon)"), ("invoice", "invoice (faktura)")],
            default: answers.defaultDocument == "invoice" ? 1 : 0)
        answers.autoDocumentType = confirm(
            "Choose the document by itself (an invoice for a company, WDT in the EU, export outside it)?", default: answers.autoDocumentType)
        answers.sendInvoices = confirm("Send invoices to BaseLinker (attach each invoice's PDF to its order)?", default: answers.sendInvoices)
        answers.linkProducts = confirm("Link order lines to store products (stock goes down; a missing product is made)?", default: answers.linkProducts)
        answers.linkContractors = confirm("Link buyers to contractors (a missing contractor is made)?", default: answers.linkContractors)
        answers.statusAfter = optionalStatus(
            "Status to set on the order once its document is issued: a number above, or Enter for none", account)
        answers.statusFailed = optionalStatus(
            "Status to set on an order that could not be processed: a number above, or Enter for none", account)
    }

    mutating func products() {
        heading("Step 3 of 5: products")
        guard answers.products else { return say("The products module is off: nothing to set here.") }
        answers.productsMode = choose(
            "Which side is the source of product data?",
            from: [
                ("baselinker", "baselinker: BaseLinker's inventory products are pulled into the store"),
                ("firmino", "firmino: the store's products are pushed to BaseLinker's inventory"),
                ("manual", "manual: nothing by itself; firmlink products push|pull with a preview"),
            ], default: 0)
    }

    mutating func warehouses(_ account: InitAccount) {
        heading("Step 4 of 5: warehouses")
        answers.map = []
        answers.countries = [:]
        if account.warehouses.isEmpty {
            say("The account has no warehouse of its own: the store keeps one default warehouse.")
        }
        for (index, warehouse) in account.warehouses.enumerated() {
            let country = ask(
                "\(warehouse.key) \(warehouse.name) becomes store warehouse \(index + 1). Its country (two letters)?",
                default: answers.sellerCountry
            ) { text in
                text.count == 2 && text.allSatisfy { $0.isASCII && $0.isLetter } ? nil : "two letters, such as PL or DE"
            }.uppercased()
            answers.map.append((warehouse, index + 1))
            answers.countries[warehouse.key] = country
        }
        if answers.warehouses {
            answers.importNew = confirm("Make a store warehouse for a BaseLinker warehouse added later?", default: answers.importNew)
            if answers.productsMode == "firmino" {
                answers.pushStock = confirm("Send the store's stock levels to BaseLinker after each sync?", default: answers.pushStock)
            }
        }
    }

    mutating func seller() {
        heading("Step 5 of 5: the seller printed on documents, and the file")
        answers.sellerName = ask("Company name", default: answers.sellerName.nilIfEmpty, validate: Self.required)
        answers.sellerCountry = ask("Country (two letters)", default: answers.sellerCountry) { text in
            text.count == 2 && text.allSatisfy { $0.isASCII && $0.isLetter } ? nil : "two letters, such as PL"
        }.uppercased()
        let polish = answers.sellerCountry == "PL"
        answers.sellerTaxId = ask(polish ? "NIP" : "Tax id", default: answers.sellerTaxId.nilIfEmpty) { text in
            if text.isEmpty { return "it is printed on every document" }
            if polish, !TaxFacts.isValidNIP(text) {
                return "\(text) is not a valid NIP: ten digits whose last is the check digit, such as 5260001246"
            }
            return nil
        }
        answers.sellerAddress = ask("Street and number", default: answers.sellerAddress.nilIfEmpty, validate: Self.required)
        answers.sellerPostcode = ask("Postcode", default: answers.sellerPostcode.nilIfEmpty, validate: Self.required)
        answers.sellerCity = ask("City", default: answers.sellerCity.nilIfEmpty, validate: Self.required)
        answers.sellerTimezone = ask("Timezone", default: answers.sellerTimezone) { text in
            TimeZone(identifier: text) == nil ? "a timezone such as Europe/Warsaw" : nil
        }
    }

    /// Whether to run the first sync now.
    func confirmFirstSync() -> Bool {
        confirm("Run the first sync now?", default: true)
    }

    // MARK: Asking

    func heading(_ text: String) {
        console.output("")
        console.output(text.consoleText(.info))
    }

    func say(_ text: String, _ style: ConsoleStyle = .plain) {
        console.output(text.consoleText(style))
    }

    /// Asks until `validate` finds nothing wrong (it returns what is wrong); Enter takes the
    /// default, when there is one.
    func ask(_ prompt: String, default fallback: String?, validate: (String) -> String? = { _ in nil }) -> String {
        while true {
            let shown = fallback.flatMap(\.nilIfEmpty).map { "\(prompt) [\($0)]" } ?? prompt
            var answer = console.ask(shown.consoleText()).trimmingCharacters(in: .whitespaces)
            if answer.isEmpty, let fallback { answer = fallback }
            if let problem = answer.isEmpty && fallback == nil ? "an answer is needed" : validate(answer) {
                say("  \(problem)", .warning)
                continue
            }
            return answer
        }
    }

    /// Yes or no; Enter takes the default.
    func confirm(_ prompt: String, default fallback: Bool) -> Bool {
        while true {
            let answer = console.ask("\(prompt) \(fallback ? "[Y/n]" : "[y/N]")".consoleText())
                .trimmingCharacters(in: .whitespaces).lowercased()
            switch answer {
            case "": return fallback
            case "y", "yes": return true
            case "n", "no": return false
            default: say("  y or n (Enter: \(fallback ? "yes" : "no"))", .warning)
            }
        }
    }

    /// One of `options`, by its number (Enter: `default`, an index).
    func choose<T>(_ prompt: String, from options: [(value: T, label: String)], default fallback: Int) -> T {
        say(prompt)
        for (index, option) in options.enumerated() {
            say("  \(index + 1): \(option.label)")
        }
        let answer = ask("Your choice", default: String(fallback + 1)) { text in
            guard let number = Int(text), (1...options.count).contains(number) else {
                return "a number from 1 to \(options.count)"
            }
            return nil
        }
        return options[Int(answer)! - 1].value
    }

    private func optionalStatus(_ prompt: String, _ account: InitAccount) -> OrderStatus? {
        let answer = ask(prompt, default: "") { text in
            text.isEmpty || Self.pick(text, from: account.statuses)?.count == 1 ? nil : "one number from 1 to \(account.statuses.count), or Enter for none"
        }
        return answer.isEmpty ? nil : Self.pick(answer, from: account.statuses)?.first
    }

    /// `1, 3` → the first and third of `statuses`; nil when a number is out of range or none is given.
    static func pick(_ text: String, from statuses: [OrderStatus]) -> [OrderStatus]? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !parts.isEmpty, !statuses.isEmpty else { return nil }
        var chosen: [OrderStatus] = []
        for part in parts {
            guard let number = Int(part), (1...statuses.count).contains(number) else { return nil }
            let status = statuses[number - 1]
            if !chosen.contains(status) { chosen.append(status) }
        }
        return chosen
    }

    static func required(_ text: String) -> String? {
        text.isEmpty ? "it is printed on every document" : nil
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
