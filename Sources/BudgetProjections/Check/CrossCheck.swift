import BudgetText
import BudgetModel

/// What `budget check` found at one point of replay.
public struct CheckReport: Equatable, Sendable {
    public let asOf: BusinessDate?
    /// The last event the replay applied.
    public let seq: Int64
    public let policy: ScoringPolicy
    /// The projects checked, in registration order.
    public let checked: [String]
    public let findings: [Finding]

    public var passed: Bool { findings.isEmpty }
    /// Whether any finding is an error: only errors fail `check`, unless `--strict`.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// `budget check`: every cross-check (勾稽关系) of every form, as a pure function of the events
/// and the point of replay. A project's ledger figures are checked against the rules (weights,
/// rule-computed scores, deviation reasons, carry-overs), and a declared form against its own
/// arithmetic and against the ledger.
public enum CrossCheck {
    /// Checks `projects`, or, when none is named, every project that has a form in the journal
    /// (an indicator or a declared form): a project that only carries money on has no form.
    public static func run(_ events: [Event], to point: ReplayPoint = .end, projects requested: [String] = []) -> CheckReport {
        var fold = CheckFold()
        for event in events where point.includes(event) { fold.apply(event) }
        return fold.report(asOf: point.asOf, projects: requested)
    }
}

/// The fold behind `budget check`: the projection, and beside it which events moved which
/// figures, so that a finding can name them.
public struct CheckFold: EventFold {
    public private(set) var projection = LedgerProjection()
    var trail = EventTrail()

    public init() {}

    public mutating func apply(_ event: Event) {
        projection.apply(event)
        trail.record(event)
    }

    /// Checks `requested`, or, when none is named, every project that has a form in the journal
    /// (an indicator or a declared form): a project that only carries money on has no form.
    public func report(asOf: BusinessDate?, projects requested: [String] = [], today: BusinessDate? = nil) -> CheckReport {
        let ids = requested.isEmpty
            ? projection.order.filter { id in projection.projects[id].map { !$0.indicators.isEmpty || $0.declared != nil } ?? false }
            : requested
        let context = CheckContext(policy: projection.policy, trail: trail, asOf: asOf, today: today,
                                   registrations: projection.projects.mapValues(\.registration))
        var findings = ids.compactMap { projection.projects[$0] }.flatMap { project -> [Finding] in
            var found = LedgerChecks.run(project, context)
            if let declared = project.declared { found += DeclaredFormChecks.run(declared, of: project, context) }
            return found
        }
        // The carry-over rules are about money, not forms: every project's, when none is named.
        let moneyIDs = requested.isEmpty ? projection.order : requested
        findings += moneyIDs.compactMap { projection.projects[$0] }.flatMap { CarryoverRules.run($0, context) }
        return CheckReport(asOf: asOf, seq: projection.lastSeq, policy: projection.policy, checked: ids, findings: findings)
    }
}

/// What every check needs besides the project itself.
struct CheckContext {
    let policy: ScoringPolicy
    let trail: EventTrail
    /// The replay's business date; nil for all dates.
    var asOf: BusinessDate? = nil
    /// Today, when the caller knows it: a replay of all dates judges a year by the year-end
    /// rules only once the year is over by then.
    var today: BusinessDate? = nil
    /// Every project registered by the replay's point, for the rules that look across projects.
    var registrations: [String: ProjectRegistration] = [:]

    /// Whether the replay stands at or after the end of `year`: the year-end rules apply.
    func isYearEnd(of year: Int) -> Bool {
        guard let date = asOf ?? today else { return true }
        return date >= BusinessDate.lastDay(of: year)!
    }

    /// The policy's seq, when a `policy.set` is in force: findings that apply its figures name it.
    var policySeqs: [Int64] { policy.seq.map { [$0] } ?? [] }
}

/// Figures as findings print them.
enum FindingText {
    /// 万元 as the forms print them ("196.81万"), or yuan ("1,968,100.00元").
    static func money(_ fen: Int64, _ unit: DeclaredFundUnit) -> String {
        unit == .wan ? Money(fen: fen).wanText + "万" : Money(fen: fen).groupedYuanText + "元"
    }

    /// The bare number of an amount in its unit, for arithmetic: "541.6", "68.81".
    static func number(_ fen: Int64, _ unit: DeclaredFundUnit) -> String {
        ExactDecimal(millionths: Int128(fen) * (unit == .wan ? 1 : 10_000)).description
    }

    /// `part ÷ whole` as a percentage to four decimals, cut rather than rounded, for showing the
    /// quotient before it is rounded: "98.8357…%".
    static func quotient(_ part: Int64, _ whole: Int64) -> String {
        guard whole > 0 else { return "—" }
        let millionths = Int128(part) * 1_000_000 / Int128(whole)
        let exact = Int128(part) * 1_000_000 % Int128(whole) == 0
        return ExactDecimal(millionths: millionths * 100).description + (exact ? "%" : "…%")
    }

    static func rate(_ rate: Rate?) -> Message { rate.map { Message(verbatim: "\($0.percentText)%") } ?? Message(.noRate) }

    static func withGrade(_ points: Points) -> String { "\(points) (\(Grade(total: points).rawValue))" }
}
