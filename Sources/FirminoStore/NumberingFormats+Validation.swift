extension NumberingFormats {
    /// Why a set of formats cannot number documents: the type whose format is at fault, and why.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var type: DocumentType
        public var format: String
        public var reason: String

        public var description: String {
            "the numbering format '\(format)' for \(type.rawValue) documents is unusable: \(reason)"
        }
    }

    /// Throws ``StoreError`` `.invalidNumberingFormat` with the first ``problem()``.
    public func validate() throws {
        if let problem = problem() {
            throw StoreError.invalidNumberingFormat(type: problem.type, format: problem.format, reason: problem.reason)
        }
    }

    /// The first reason these formats cannot number documents; nil when every number they can
    /// give is unique.
    ///
    /// Each type's series starts again every month, so a format must hold `{n}`, a month and a
    /// year, and must read back unambiguously (`{n}{M}` gives `111` for both 1 in November and
    /// 11 in January). Two types must never be able to spell the same number: the formats are
    /// compared as patterns — every placeholder a run of digits — not as text, so `FV/{n}/{M}/
    /// {YYYY}` and `FV/{n}/{MM}/{YYYY}` (both `FV/1/11/2026`) are refused. That comparison is
    /// cautious: formats it lets through cannot collide, a rare pair it refuses might not.
    public func problem() -> Problem? {
        for type in DocumentType.allCases {
            if let reason = Self.problem(of: self[type]) {
                return Problem(type: type, format: self[type], reason: reason)
            }
        }
        // An invoice's number goes to BaseLinker with its printout, which keeps 30 characters.
        for type in DocumentType.allCases where type != .receipt {
            let longest = Self.longestNumber(self[type])
            if longest > Self.baselinkerNumberLimit {
                return Problem(
                    type: type, format: self[type],
                    reason: "its numbers can be \(longest) characters long (with a \(Self.longestSequence)-digit {n}), and BaseLinker keeps at most \(Self.baselinkerNumberLimit) of an invoice's number")
            }
        }
        for (index, type) in DocumentType.allCases.enumerated() {
            for other in DocumentType.allCases.dropFirst(index + 1)
            where NumberPattern(self[type]).overlaps(NumberPattern(self[other])) {
                // Name the format the seller changed: two defaults never overlap.
                let named = self[other] == NumberingFormats.default[other] ? type : other
                let partner = named == other ? type : other
                let reason = self[type] == self[other]
                    ? "\(partner.rawValue) documents use the same format"
                    : "it can give the same numbers as the format '\(self[partner])' of \(partner.rawValue) documents"
                return Problem(type: named, format: self[named], reason: reason)
            }
        }
        return nil
    }

    private static let placeholders = ["n", "MM", "M", "YYYY", "YY"]

    /// BaseLinker's `external_invoice_number` is a varchar(30).
    static let baselinkerNumberLimit = 30
    /// The most digits `{n}` is allowed for: ten million documents of one type in a month.
    static let longestSequence = 7

    /// The length of the longest number a format gives.
    static func longestNumber(_ format: String) -> Int {
        NumberingFormats.tokens(format).reduce(0) { length, token in
            switch token {
            case .text(let text): return length + text.count
            case .placeholder("n"): return length + longestSequence
            case .placeholder("YYYY"): return length + 4
            case .placeholder(let name): return length + (name == "MM" || name == "M" || name == "YY" ? 2 : name.count + 2)
            }
        }
    }

    /// What is wrong with one format on its own, if anything.
    private static func problem(of format: String) -> String? {
        let tokens = NumberingFormats.tokens(format)
        let names = tokens.compactMap { token -> String? in
            if case .placeholder(let name) = token { return name }
            return nil
        }
        guard names.contains("n") else { return "it has no {n}" }
        if let unknown = names.first(where: { !placeholders.contains($0) }) {
            return "{\(unknown)} is not one of {n}, {MM}, {M}, {YYYY}, {YY}"
        }
        guard names.contains("MM") || names.contains("M") else {
            return "it has no month ({MM} or {M}); numbers start again each month, so they would repeat from the second month on"
        }
        guard names.contains("YYYY") || names.contains("YY") else {
            return "it has no year ({YYYY} or {YY}); numbers start again each month, so they would repeat a year later"
        }
        // A placeholder of varying width ({n}, {M}) must be followed by the end or by text with
        // a character that is not a digit before the next placeholder; then every number reads
        // back one way.
        var open: String?
        var text = ""
        for token in tokens {
            switch token {
            case .text(let chunk):
                text += chunk
            case .placeholder(let name):
                if let open, !text.contains(where: { !$0.isASCII || !$0.isNumber }) {
                    return "{\(open)} runs into {\(name)}; put a character that is not a digit between them, or two numbers could read alike"
                }
                open = name == "n" || name == "M" ? name : nil
                text = ""
            }
        }
        return nil
    }
}

/// A format seen as the set of texts it can give: its literal characters, and each placeholder
/// as a run of digits (`{n}` one or more, `{M}` one or two, `{MM}` and `{YY}` two, `{YYYY}`
/// four). Two formats can give one number when these sets meet.
struct NumberPattern {
    enum Symbol: Equatable {
        case character(Character)
        case digit

        func meets(_ other: Symbol) -> Bool {
            switch (self, other) {
            case (.digit, .digit): return true
            case (.character(let a), .character(let b)): return a == b
            case (.character(let c), .digit), (.digit, .character(let c)): return c.isASCII && c.isNumber
            }
        }
    }

    enum Repeat { case once, optional, any }

    struct Atom {
        var symbol: Symbol
        var repeats: Repeat
    }

    let atoms: [Atom]

    init(_ format: String) {
        var atoms: [Atom] = []
        func digits(_ count: Int, then repeats: Repeat? = nil) {
            atoms += Array(repeating: Atom(symbol: .digit, repeats: .once), count: count)
            if let repeats { atoms.append(Atom(symbol: .digit, repeats: repeats)) }
        }
        for token in NumberingFormats.tokens(format) {
            switch token {
            case .text(let text): atoms += text.map { Atom(symbol: .character($0), repeats: .once) }
            case .placeholder("n"): digits(1, then: .any)
            case .placeholder("M"): digits(1, then: .optional)
            case .placeholder("MM"), .placeholder("YY"): digits(2)
            case .placeholder("YYYY"): digits(4)
            case .placeholder(let other): atoms += "{\(other)}".map { Atom(symbol: .character($0), repeats: .once) }
            }
        }
        self.atoms = atoms
    }

    /// Whether some text matches both patterns: a walk over pairs of positions, one in each.
    func overlaps(_ other: NumberPattern) -> Bool {
        struct Position: Hashable { var mine: Int, theirs: Int }
        var seen: Set<Position> = []
        var pending = [Position(mine: 0, theirs: 0)]
        while let position = pending.popLast() {
            guard seen.insert(position).inserted else { continue }
            let (i, j) = (position.mine, position.theirs)
            if i == atoms.count && j == other.atoms.count { return true }
            // An optional or repeated atom may match nothing.
            if i < atoms.count, atoms[i].repeats != .once { pending.append(Position(mine: i + 1, theirs: j)) }
            if j < other.atoms.count, other.atoms[j].repeats != .once { pending.append(Position(mine: i, theirs: j + 1)) }
            guard i < atoms.count, j < other.atoms.count, atoms[i].symbol.meets(other.atoms[j].symbol) else { continue }
            pending.append(
                Position(
                    mine: atoms[i].repeats == .any ? i : i + 1,
                    theirs: other.atoms[j].repeats == .any ? j : j + 1))
        }
        return false
    }
}
