/// 评价等级: the grade a total score earns. A value of the model because a declared form
/// (`form.declared`) may print one, and the journal records it as printed.
public enum Grade: String, Equatable, Sendable, CaseIterable {
    /// 优: 90 points or more.
    case excellent = "优"
    /// 良: 80 to under 90.
    case good = "良"
    /// 中: 60 to under 80.
    case fair = "中"
    /// 差: under 60.
    case poor = "差"

    public init(total: Points) {
        switch total.hundredths {
        case 90_00...: self = .excellent
        case 80_00..<90_00: self = .good
        case 60_00..<80_00: self = .fair
        default: self = .poor
        }
    }
}
