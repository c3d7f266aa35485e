import BudgetText
import BudgetModel

/// A non-negative decimal held exactly, in millionths. Indicator values such as 534253.73元/项,
/// 95894.6元 or 1.5万公里 are compared and divided without a binary float.
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let scale: Int128 = 1_000_000
    public let millionths: Int128

    public init(millionths: Int128) { self.millionths = millionths }
    public static let zero = ExactDecimal(millionths: 0)
    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool { a.millionths < b.millionths }

    /// The shortest exact decimal: "27522", "534253.73", "0.5".
    public var description: String {
        let whole = millionths / Self.scale
        var fraction = String(millionths % Self.scale)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }
}

/// The comparison sign a target or an actual value carries: ≥ ≤ > < =.
public enum Comparison: String, CaseIterable, Hashable, Sendable {
    case atLeast = "≥"
    case atMost = "≤"
    case greater = ">"
    case less = "<"
    case equal = "="
}

/// One number of an indicator value: `区内510元/人天` is the label 区内, no sign, 510, unit 元/人天.
public struct QuantityPart: Hashable, Sendable, CustomStringConvertible {
    /// Words before the number (区内, 平均); they pair the parts of composite values.
    public let label: String
    public let sign: Comparison?
    public let value: ExactDecimal
    /// nil for a bare number such as "0".
    public let unit: String?

    public init(label: String = "", sign: Comparison? = nil, value: ExactDecimal, unit: String?) {
        self.label = label; self.sign = sign; self.value = value; self.unit = unit
    }

    /// The number and its unit, as the rules' arithmetic prints it: "27522公里".
    public var amountText: String { value.description + (unit ?? "") }
    public var description: String { label + (sign?.rawValue ?? "") + amountText }
}

/// What the text of a target (年度指标值) or an actual value (实际完成值) says.
public enum IndicatorValue: Equatable, Sendable {
    /// Numbers with units, one per part: `600本`, `≥80%`, `区内510元/人天,区外530元/人天`.
    case quantity([QuantityPart])
    /// Words only, no digit: a qualitative value such as 着力破解 or 长效.
    case text
    /// Holds digits but is not a quantity the parser knows (`2023年底`, `1.2.3本`): why not.
    case unparseable(Message)
}
