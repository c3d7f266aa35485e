/// The grade of a qualitative indicator's result, as the national rules for project expenditure
/// self-evaluation (财预〔2020〕10号) band them: 达成 (achieved), 部分达成 (partly achieved) and
/// 未达成 (not achieved). Each grade allows a band of the indicator's weight; the self-assessed
/// score must fall inside the band of the grade recorded with the actual value.
public enum Achievement: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case achieved
    case partial
    case notAchieved = "not-achieved"

    /// The band, in percent of the weight. Bands are closed, so a score exactly on a shared
    /// edge (60% or 80% of the weight) fits both neighbouring grades: the rules print the edges
    /// in both bands, and refusing either reading would be a guess.
    public var bandPercent: ClosedRange<Int64> {
        switch self {
        case .achieved: return 80...100
        case .partial: return 60...80
        case .notAchieved: return 0...60
        }
    }

    /// The name the forms use.
    public var label: String {
        switch self {
        case .achieved: return "达成"
        case .partial: return "部分达成"
        case .notAchieved: return "未达成"
        }
    }

    public var description: String { rawValue }
}
