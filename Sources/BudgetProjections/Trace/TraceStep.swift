import BudgetModel

/// One event that moved a project's figures or scores, with the scores after it.
public struct TraceStep: Equatable, Sendable {
    public let event: Event
    /// What changed, in words: "支出 current 534253.73 → 全年执行数 1334300.00".
    public let change: String
    public let after: Scorecard
    public let before: Scorecard?
}

/// `budget trace`: every event that touched one project, in journal order, with the execution
/// rate and scores after each. It answers "why is the score what it is, and when did it change".
/// Each step scores under the policy in force after its event, so a policy change is a step of
/// every project registered by then.
public enum Trace {
    public static func steps<Events: Sequence>(of project: String, in events: Events, to point: ReplayPoint = .end) -> [TraceStep]
    where Events.Element == Event {
        var builder = TraceBuilder(project: project, point: point)
        for event in events { builder.take(event) }
        return builder.steps
    }
}

/// The fold behind `Trace`, fed one event at a time, so that a trace of a large journal holds
/// only its own steps, never the journal.
public struct TraceBuilder {
    public let project: String
    public let point: ReplayPoint
    public private(set) var steps: [TraceStep] = []
    private var state = LedgerProjection()
    private var previous: Scorecard?

    public init(project: String, point: ReplayPoint) {
        self.project = project
        self.point = point
    }

    public mutating func take(_ event: Event) {
        guard point.includes(event) else { return }
        let before = state.projects[project]
        let policyBefore = state.policy
        state.apply(event)
        let touches = event.body.isJournalWide || event.body.projectsTouched.contains(project)
        guard touches, let after = state.projects[project] else { return }
        // A payment leaves the indicators and the policy alone: their rule scores stand.
        let unchanged = before?.indicators == after.indicators && policyBefore == state.policy
        let card = unchanged && previous != nil
            ? Scorecard(after, policy: state.policy, ruleScores: previous!.ruleScores)
            : Scorecard(after, policy: state.policy)
        steps.append(TraceStep(
            event: event,
            change: ChangeDescription.describe(event.body, for: project, after: after),
            after: card,
            before: previous))
        previous = card
    }
}
