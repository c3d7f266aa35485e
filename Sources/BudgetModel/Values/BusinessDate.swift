/// The date on which an event takes effect in the books (业务日期), as opposed to the moment it
/// was recorded. Replays "as of" a date select events by this date.
public struct BusinessDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Year, month and day in one word, `year << 9 | month << 5 | day`, so that their order is the
    /// word's: every event and every payment of a batch holds a date, and three Ints were 24
    /// bytes of each.
    private let packed: UInt32

    public var year: Int { Int(packed >> 9) }
    public var month: Int { Int(packed >> 5 & 0xF) }
    public var day: Int { Int(packed & 0x1F) }

    /// Nil when the date does not exist in the proleptic Gregorian calendar (2023-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard Limits.yearRange.contains(year), (1...12).contains(month),
              (1...BusinessDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        packed = UInt32(year) << 9 | UInt32(month) << 5 | UInt32(day)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: String) {
        var text = text
        guard let date = text.withUTF8({ BusinessDate(utf8: $0) }) else { return nil }
        self = date
    }

    /// Parses exactly `YYYY-MM-DD` from its bytes.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func < (a: BusinessDate, b: BusinessDate) -> Bool { a.packed < b.packed }

    public var text: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
    }

    public var description: String { text }

    public static func firstDay(of year: Int) -> BusinessDate? { BusinessDate(year: year, month: 1, day: 1) }
    public static func lastDay(of year: Int) -> BusinessDate? { BusinessDate(year: year, month: 12, day: 31) }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1 January of its year, 0-based: the position of the date in its fiscal year.
    public var dayOfYear: Int {
        (1..<month).reduce(0) { $0 + BusinessDate.daysIn(month: $1, year: year) } + day - 1
    }
}
