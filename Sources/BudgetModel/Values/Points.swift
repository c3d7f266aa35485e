import BudgetText

/// Performance points in hundredths (0.01 point). The forms print weights such as 12.5 and
/// scores such as 97.2; hundredths hold every such figure exactly.
public struct Points: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hundredths: Int64

    public init(hundredths: Int64) { self.hundredths = hundredths }
    public static let zero = Points(hundredths: 0)
    public static func < (a: Points, b: Points) -> Bool { a.hundredths < b.hundredths }
    public static func + (a: Points, b: Points) -> Points { Points(hundredths: a.hundredths + b.hundredths) }
    public static func - (a: Points, b: Points) -> Points { Points(hundredths: a.hundredths - b.hundredths) }

    /// The shortest exact decimal, as the forms print points: "10", "7.2", "12.5", "1.25".
    public var text: String {
        let magnitude = hundredths.magnitude
        let sign = hundredths < 0 ? "-" : ""
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public var description: String { text }

    public enum Failure: Error, Equatable, CustomStringConvertible, Explained {
        case notPoints(String)
        case tooManyDecimals(String)
        case outOfRange(String)

        public var description: String { explanation.description }

        public var explanation: Message {
            switch self {
            case .notPoints(let text): return Message(.isNotNumberOfPoints, text)
            case .tooManyDecimals(let text): return Message(.hasMoreThanTwoDecimals2, text)
            case .outOfRange(let text): return Message(.isOutsidePoints, text)
            }
        }
    }

    /// Parses a non-negative number of points with at most two decimals, up to 100.
    public static func parse(_ text: String) throws(Failure) -> Points {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty, whole.count <= 6, whole.allSatisfy(\.isASCIIDigit),
              fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty
        else { throw .notPoints(text) }
        guard fraction.count <= 2 else { throw .tooManyDecimals(text) }
        let padded = fraction + String(repeating: "0", count: 2 - fraction.count)
        guard let value = Int64(whole + padded), value <= Limits.pointsHundredthsMax else { throw .outOfRange(text) }
        return Points(hundredths: value)
    }
}
