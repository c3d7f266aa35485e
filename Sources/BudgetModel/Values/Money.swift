/// An exact amount of money in fen (分, 0.01 yuan). Money never passes through a binary
/// floating-point type: it is parsed from and printed to decimal strings.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Money(fen: 0)

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    /// Yuan with exactly two decimals and a leading minus when negative: "534253.73", "-0.05".
    /// This is the form used in the journal and in JSON.
    public var yuanText: String {
        let magnitude = fen.magnitude
        let whole = magnitude / 100
        let cents = magnitude % 100
        let sign = fen < 0 ? "-" : ""
        return "\(sign)\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// 万元 with two decimals, rounded half-up, as the forms print their fund block ("185.58").
    public var wanText: String {
        let rounded = Rounding.divideHalfUp(Int128(fen), by: 10_000)   // 0.01 万元 is 100 yuan, 10,000 fen
        let magnitude = rounded.magnitude
        let sign = rounded < 0 ? "-" : ""
        let hundredths = magnitude % 100
        return "\(sign)\(magnitude / 100).\(hundredths < 10 ? "0" : "")\(hundredths)"
    }

    /// Yuan with thousands separators for tables people read: "1,855,800.00".
    public var groupedYuanText: String {
        let plain = yuanText
        let negative = plain.hasPrefix("-")
        let digits = negative ? String(plain.dropFirst()) : plain
        let parts = digits.split(separator: ".", maxSplits: 1)
        var grouped = ""
        for (index, character) in parts[0].enumerated() {
            if index > 0 && (parts[0].count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (negative ? "-" : "") + grouped + "." + parts[1]
    }

    public var description: String { yuanText }

    /// Adds, returning nil on Int64 overflow so a caller can report it instead of trapping.
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = fen.addingReportingOverflow(other.fen)
        return overflow ? nil : Money(fen: sum)
    }

    public func subtracting(_ other: Money) -> Money? {
        let (difference, overflow) = fen.subtractingReportingOverflow(other.fen)
        return overflow ? nil : Money(fen: difference)
    }

    public var negated: Money? {
        fen == Int64.min ? nil : Money(fen: -fen)
    }
}
