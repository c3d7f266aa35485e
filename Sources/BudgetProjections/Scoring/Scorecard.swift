import BudgetModel

/// The scores of one project at one point of replay: the foot of its form, self-assessed, and
/// beside it the same foot with every indicator scored by the rules.
public struct Scorecard: Equatable, Sendable {
    /// 执行率 of the total row at the policy's precision, nil when the project has no full-year budget.
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
    /// The rules' score of each indicator, in the order of `ProjectState.indicators`.
    public let ruleScores: [RuleScore]
    /// The sum of the rule-computed indicator scores. An indicator the rules cannot score
    /// (unparseable text, a unit mismatch, a qualitative change with no grade) counts its
    /// self-assessed score unchanged; `budget check` reports it.
    public let computedIndicatorScore: Points
    public let computedTotal: Points
    public let computedGrade: Grade

    /// Scores `project` under `policy`. The execution score is the weight times the rate as
    /// printed, capped at 100%, rounded half-up: 71.90% gives 7.19, printed 7.2.
    public init(_ project: ProjectState, policy: ScoringPolicy = .standard) {
        self.init(project, policy: policy, ruleScores: project.indicators.map { $0.ruleScore(policy: policy, year: project.registration.year) })
    }

    /// With the rule scores already known: a trace reuses them across the payments that leave
    /// the indicators and the policy as they were, rather than parse every target again.
    init(_ project: ProjectState, policy: ScoringPolicy, ruleScores: [RuleScore]) {
        let rate = policy.rate(of: project.funds.total)
        self.rate = rate
        executionScore = policy.executionScore(rate: rate)
        indicatorScore = project.indicators.reduce(.zero) { $0 + ($1.score ?? .zero) }
        indicatorWeight = project.indicators.reduce(.zero) { $0 + $1.definition.weight }
        total = indicatorScore + executionScore
        grade = Grade(total: total)
        self.ruleScores = ruleScores
        computedIndicatorScore = zip(project.indicators, ruleScores).reduce(.zero) { sum, pair in
            sum + (pair.1.score ?? pair.0.score ?? .zero)
        }
        computedTotal = computedIndicatorScore + executionScore
        computedGrade = Grade(total: computedTotal)
    }
}

extension IndicatorState {
    /// The rules' score of this indicator as it stands.
    public func ruleScore(policy: ScoringPolicy, year: Int) -> RuleScore {
        RuleScore.evaluate(definition, actual: actual, grade: actualGrade, selfScore: score, policy: policy, year: year)
    }
}
