/// 一级指标: the first-level class of a performance indicator. Each class has its share of the
/// 90 indicator points (产出 50, 效益 30, 满意度 10 on the seed forms).
public enum IndicatorLevel: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// 产出指标
    case output
    /// 效益指标
    case benefit
    /// 满意度指标
    case satisfaction

    public var label: String {
        switch self {
        case .output: return "产出指标"
        case .benefit: return "效益指标"
        case .satisfaction: return "满意度指标"
        }
    }

    public var description: String { rawValue }
}
