public import Foundation

/// A calendar day, written `YYYY-MM-DD`: a document's issue and sale dates, and the day from
/// which orders are taken. It carries no timezone: the caller says in which timezone an instant
/// falls on a day (``init(_:in:)``) or a day begins (``start(in:)``) — the seller's.
public struct BusinessDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the day does not exist (`2026-02-30`) or the year is outside 1…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...BusinessDate.days(inMonth: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads exactly `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day an instant falls on in a timezone (the seller's `Europe/Warsaw`).
    public init(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.year = parts.year!
        self.month = parts.month!
        self.day = parts.day!
    }

    /// The first instant of this day in a timezone.
    public func start(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// `2026-11-05`.
    public var text: String {
        "\(BusinessDate.pad(year, 4))-\(BusinessDate.pad(month, 2))-\(BusinessDate.pad(day, 2))"
    }

    /// The numbering period: `2026-11`.
    var period: String { "\(BusinessDate.pad(year, 4))-\(BusinessDate.pad(month, 2))" }

    public static func < (lhs: BusinessDate, rhs: BusinessDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// In JSON the ``text``, `YYYY-MM-DD`.
extension BusinessDate: TextCoded {
    static let kind = "a date (YYYY-MM-DD)"

    init?(text: String) { self.init(text) }
}
