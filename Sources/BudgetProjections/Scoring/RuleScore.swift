import BudgetText
import BudgetModel

/// 按规则计分: the score the national rules for project expenditure self-evaluation
/// (财预〔2020〕10号) give an indicator, or why they give none. `working` shows the arithmetic,
/// so that a reader can redo it by hand.
public struct RuleScore: Equatable, Sendable {
    public enum Basis: Equatable, Sendable {
        /// Computed from the numbers of the target and the actual value.
        case quantitative
        /// Qualitative with a recorded grade: the self-assessed score, placed in the grade's band.
        case band(Achievement)
        /// Text the parser does not read as a quantity, met word for word: the self-assessed score stands.
        case textMatch
        /// The rules cannot score it; `budget check` reports why.
        case unavailable(Problem)
    }

    public enum Problem: Equatable, Sendable {
        case actualMissing
        /// Qualitative, the actual differs from the target, and no grade says how far it got.
        case gradeMissing
        case unparseable
        case unitMismatch
        /// Both sides are quantities, but they cannot be paired (parts, labels, a one-sided bound).
        case incomparable
    }

    public let basis: Basis
    /// The score the rules give; nil when they give none, or when a band or a text match has no
    /// self-assessed score to accept yet.
    public let score: Points?
    /// The band of a graded qualitative indicator, in points (inclusive).
    public let band: ClosedRange<Points>?
    public let working: Message

    public var problem: Problem? {
        if case .unavailable(let problem) = basis { return problem }
        return nil
    }

    /// Scores `definition` given its actual value, grade and self-assessed score, under `policy`.
    /// `year` is the project's fiscal year, which a deadline without one (`年底前`) falls in.
    public static func evaluate(_ definition: IndicatorDefinition, actual: String?, grade: Achievement?,
                                selfScore: Points?, policy: ScoringPolicy, year: Int? = nil) -> RuleScore {
        guard let actual else { return unavailable(.actualMissing, Message(.noActualValueIsRecorded)) }
        if let year, let scored = deadline(definition, actual: actual, grade: grade, selfScore: selfScore, policy: policy, year: year) {
            return scored
        }
        let target = IndicatorValueParser.parse(definition.target)
        if case .quantity(let targetParts) = target {
            switch IndicatorValueParser.parse(actual) {
            case .quantity(let actualParts):
                return QuantityScoring.score(definition, target: targetParts, actual: actualParts, policy: policy)
            case .text:
                return unavailable(.unparseable, Message(.actualHoldsNoNumberTarget, actual, definition.target))
            case .unparseable(let why):
                return unavailable(.unparseable, Message(.actualWhy, why))
            }
        }
        if let grade { return banded(definition.weight, grade: grade, selfScore: selfScore, policy: policy) }
        if actual == definition.target {
            return RuleScore(basis: .textMatch, score: selfScore, band: nil,
                             working: Message(.actualEqualsTargetWordFor))
        }
        if case .unparseable(let why) = target { return unavailable(.unparseable, Message(.targetWhy, why)) }
        return unavailable(.gradeMissing, Message(.qualitativeActualDiffersFromTarget, actual, definition.target))
    }

    /// A deadline target against a dated actual, compared as dates: on or before the deadline is
    /// full weight; after it, the score needs a grade and falls in its band. Nil when the target
    /// is no deadline, or the actual states no date (a qualitative text, scored as such).
    static func deadline(_ definition: IndicatorDefinition, actual: String, grade: Achievement?, selfScore: Points?,
                         policy: ScoringPolicy, year: Int) -> RuleScore? {
        let due: BusinessDate
        switch DeadlineText.deadline(definition.target, year: year) {
        case .none: return nil
        case .unreadable(let why): return unavailable(.unparseable, Message(.targetWhy, why))
        case .date(let date): due = date
        }
        switch DeadlineText.date(in: actual, year: year) {
        case .none: return nil
        case .unreadable(let why): return unavailable(.unparseable, Message(.actualWhy, why))
        case .date(let done) where done <= due:
            return RuleScore(basis: .quantitative, score: definition.weight, band: nil,
                             working: Message(.doneDeadlineFull, done, due, definition.weight))
        case .date(let done):
            guard let grade else {
                return unavailable(.gradeMissing, Message(.doneAfterDeadlineRecordGrade, done, due))
            }
            let banded = banded(definition.weight, grade: grade, selfScore: selfScore, policy: policy)
            return RuleScore(basis: banded.basis, score: banded.score, band: banded.band, working: Message(.doneAfterDeadline, done, due) + banded.working)
        }
    }

    /// 达成 80–100%, 部分达成 60–80%, 未达成 0–60% of the weight. A score outside the band is
    /// brought to its nearest edge, rounded half-up at the policy's precision.
    static func banded(_ weight: Points, grade: Achievement, selfScore: Points?, policy: ScoringPolicy) -> RuleScore {
        let w = Int128(weight.hundredths)
        let low = policy.indicatorScore(w * Int128(grade.bandPercent.lowerBound), over: 100)
        let high = policy.indicatorScore(w * Int128(grade.bandPercent.upperBound), over: 100)
        let working = Message(.bandWorking, grade.label, grade.bandPercent.lowerBound, grade.bandPercent.upperBound, weight, low, high)
        let score = selfScore.map { selfScore -> Points in
            if Int128(selfScore.hundredths) * 100 < w * Int128(grade.bandPercent.lowerBound) { return low }
            if Int128(selfScore.hundredths) * 100 > w * Int128(grade.bandPercent.upperBound) { return high }
            return selfScore
        }
        return RuleScore(basis: .band(grade), score: score, band: low...high, working: working)
    }

    /// Whether `score` lies in the band of `grade` for `weight`, compared exactly, not rounded.
    public static func isInBand(_ score: Points, weight: Points, grade: Achievement) -> Bool {
        let scaled = Int128(score.hundredths) * 100
        let w = Int128(weight.hundredths)
        return scaled >= w * Int128(grade.bandPercent.lowerBound) && scaled <= w * Int128(grade.bandPercent.upperBound)
    }

    static func unavailable(_ problem: Problem, _ working: Message) -> RuleScore {
        RuleScore(basis: .unavailable(problem), score: nil, band: nil, working: working)
    }
}
