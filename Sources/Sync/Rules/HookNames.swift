/// What a rules script's global functions are checked against: each hook's parameters, and the
/// hook a misspelt name most likely meant.
extension Hook {
    /// The parameters the hook is called with (docs/rules.md).
    public var parameters: [String] {
        switch self {
        case .acceptOrder, .documentType, .matchContractor, .newContractor: ["order", "ctx"]
        case .matchProduct, .newProduct, .lineWarehouse: ["line", "order", "ctx"]
        case .matchBaseLinkerProduct: ["p", "ctx"]
        }
    }

    /// `line_warehouse(line, order, ctx)`.
    public var signature: String { "\(rawValue)(\(parameters.joined(separator: ", ")))" }

    /// The hook `name` most likely meant — the same name in another spelling
    /// (`matchProduct`, `Match_Product`) or one or two typing slips away (`documnet_type`) — or
    /// nil when none is close.
    public static func nearest(to name: String) -> Hook? {
        func folded(_ text: String) -> String { text.lowercased().filter { $0 != "_" } }
        if let same = allCases.first(where: { folded($0.rawValue) == folded(name) }) { return same }
        let allowed = min(3, max(1, name.count / 5))
        let scored = allCases.map { ($0, editDistance(name.lowercased(), $0.rawValue)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= allowed else { return nil }
        return best.0
    }

    /// What a script is told of a global function `name` that is not a hook: a typo of a hook
    /// is ignored silently otherwise, and a helper should not be a global at all.
    public static func notAHook(_ name: String) -> String {
        let helper = "a helper function the script keeps should be local: local function \(name)(...)"
        if let hook = nearest(to: name) {
            return "\(name): not a hook; did you mean \(hook.rawValue)? (\(helper))"
        }
        return "\(name): not a hook (the hooks are \(allCases.map(\.rawValue).joined(separator: ", "))); \(helper)"
    }

    /// Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
