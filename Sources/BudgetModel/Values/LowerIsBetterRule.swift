/// How lower-is-better indicators (cost indicators, `≤` targets) score when the actual value is
/// above the target. At or below the target both give the full weight.
public enum LowerIsBetterRule: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// weight × (1 − (actual − target) ÷ target), and 0 at twice the target or more.
    case linear
    /// weight × target ÷ actual.
    case ratio

    public var description: String { rawValue }
}

extension LowerIsBetterRule: FieldChoice {}
