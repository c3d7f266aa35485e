import BudgetModel

/// The scores of one project at one point of replay: the foot of its form.
public struct Scorecard: Equatable, Sendable {
    /// 执行率 of the total row, nil when the project has no full-year budget.
    public let rate: Rate?
    /// 得分 of the execution row.
    public let executionScore: Points
    /// The sum of the self-assessed indicator scores.
    public let indicatorScore: Points
    /// The sum of the indicator weights (90 on a complete form).
    public let indicatorWeight: Points
    /// 总分
    public let total: Points
    public let grade: Grade

    /// Scores `project` under `policy`.
    ///
    /// The execution score is the weight times the rate *as the form prints it* (rounded to
    /// 0.01%), capped at 100%, and rounded half-up to 0.1 point: 71.90% gives 7.19, printed 7.2.
    /// Scoring the printed rate keeps the form's own cross-check, 得分 = 分值 × 执行率, true.
    public init(_ project: ProjectState, policy: ScoringPolicy = .standard) {
        let rate = project.funds.total.rate
        self.rate = rate
        let cappedBasisPoints = min(max(rate?.basisPoints ?? 0, 0), 10_000)
        let tenths = Rounding.divideHalfUp(Int128(cappedBasisPoints) * Int128(policy.executionWeight.hundredths), by: 100_000)
        executionScore = Points(hundredths: Int64(tenths) * 10)
        indicatorScore = project.indicators.reduce(.zero) { $0 + ($1.score ?? .zero) }
        indicatorWeight = project.indicators.reduce(.zero) { $0 + $1.definition.weight }
        total = indicatorScore + executionScore
        grade = Grade(total: total)
    }
}
