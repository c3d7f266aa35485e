import BudgetText
import BudgetModel

/// The cross-checks (勾稽关系) `budget check` makes. The raw value is the rule's id in output.
public enum CheckRule: String, CaseIterable, Sendable {
    /// A declared total column is not current + carryover + other.
    case fundTotal = "fund-total"
    /// A declared rate is not executed ÷ full-year.
    case rate
    /// A declared execution score is not weight × rate.
    case executionScore = "execution-score"
    /// A score above its indicator's weight.
    case scoreOverWeight = "score-over-weight"
    /// A level-1 class's weights do not add up to the policy's share.
    case levelWeight = "level-weight"
    /// All indicator weights do not add up to 100 − the execution weight.
    case indicatorWeight = "indicator-weight"
    /// A declared indicator total is not the sum of the declared indicator scores.
    case indicatorScore = "indicator-score"
    /// A declared total is not the indicator scores plus the execution score.
    case totalScore = "total-score"
    /// A declared grade is not the grade of the total.
    case grade
    /// A self-assessed score departs from the rule-computed score by more than the tolerance.
    case ruleScore = "rule-score"
    /// A qualitative score outside the band of its recorded grade.
    case gradeBand = "grade-band"
    /// A qualitative actual that differs from its target, with no grade.
    case gradeMissing = "grade-missing"
    case unitMismatch = "unit-mismatch"
    case unparseable
    /// Quantities that cannot be paired: part counts, labels, a bound on the wrong side.
    case incomparable
    /// A score with no actual value to justify it.
    case actualMissing = "actual-missing"
    /// Points lost with no 偏差原因.
    case deviationReason = "deviation-reason"
    /// An execution rate under 90% with no 偏差原因 anywhere on the form.
    case executionReason = "execution-reason"
    /// Executed exceeds the full-year budget.
    case overspent
    /// 上年结转资金 that did not arrive by a carry-over, or a carry-over that did not arrive as it.
    case carryoverArrival = "carryover-arrival"
    /// 上年结转资金 unspent at its year's end (two years unspent), or carried on again: it must be
    /// recovered (交回财政).
    case carryoverTwoYears = "carryover-two-years"
    /// A carry-over to a project that is not of the next year, or of another department.
    case carryoverReceiver = "carryover-receiver"
    /// Mid-year, execution more than the threshold behind 序时进度.
    case behindSchedule = "behind-schedule"
    /// A declared figure differs from the ledger's.
    case declaredDiffers = "declared-differs"
}

/// One failed cross-check: where, which rule, the figure the rule expects and the one found,
/// the events involved, and the arithmetic behind the expected figure.
public struct Finding: Equatable, Sendable {
    public let project: String
    public let rule: CheckRule
    /// What the figure is: "total initial", "indicator out-04 改革调研租车".
    public let subject: Message
    public let expected: Message
    public let found: Message
    /// The events that recorded or moved the figures: the first few by seq, and how many in all.
    public let events: SeqList
    public let detail: Message
    /// The cell of the form the finding questions, when it points at one.
    public let cell: FormCell?
    /// An error makes `check` fail; a note is reported and does not, unless `--strict`.
    public var severity = Severity.error

    public enum Severity: String, Sendable {
        case error, note
    }

    public init(project: String, rule: CheckRule, subject: any MessageText, expected: any MessageText, found: any MessageText, seqs: [Int64], detail: any MessageText,
                cell: FormCell? = nil, severity: Severity = .error) {
        self.init(project: project, rule: rule, subject: subject, expected: expected, found: found, events: SeqList(seqs), detail: detail,
                  cell: cell, severity: severity)
    }

    public init(project: String, rule: CheckRule, subject: any MessageText, expected: any MessageText, found: any MessageText, events: SeqList, detail: any MessageText,
                cell: FormCell? = nil, severity: Severity = .error) {
        self.project = project; self.rule = rule; self.subject = subject.message; self.expected = expected.message; self.found = found.message
        self.events = events; self.detail = detail.message; self.cell = cell; self.severity = severity
    }

    /// The seqs shown, ascending.
    public var seqs: [Int64] { events.shown }
}
