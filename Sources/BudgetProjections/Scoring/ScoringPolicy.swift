import BudgetModel

/// How scores are computed. The defaults are the ones the seed forms use: the execution rate
/// is worth 10 of the 100 points, and indicators the other 90.
public struct ScoringPolicy: Equatable, Sendable {
    /// 分值 of the execution rate.
    public let executionWeight: Points

    public init(executionWeight: Points = Points(hundredths: 10_00)) {
        self.executionWeight = executionWeight
    }

    public static let standard = ScoringPolicy()
}
