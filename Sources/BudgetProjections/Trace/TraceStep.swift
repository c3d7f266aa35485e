import BudgetText
import BudgetModel

/// One event that moved a project's figures or scores, with the scores after it.
public struct TraceStep: Equatable, Sendable {
    public let event: Event
    /// What changed, in words: "支出 current 534253.73 → 全年执行数 1334300.00".
    public let change: Message
    public let after: Scorecard
    public let before: Scorecard?
    /// For a correction shown as one step: the seq of its reversal, just before `event`.
    public var reversalSeq: Int64? = nil
}

/// `budget trace`: every event that touched one project, in journal order, with the execution
/// rate and scores after each. It answers "why is the score what it is, and when did it change".
/// Each step scores under the policy in force after its event, so a policy change is a step of
/// every project registered by then.
public enum Trace {
    public static func steps<Events: Sequence>(of project: String, in events: Events, to point: ReplayPoint = .end) -> [TraceStep]
    where Events.Element == Event {
        var steps: [TraceStep] = []
        var builder = TraceBuilder(project: project) { steps.append($0) }
        for event in events where point.includes(event) { builder.apply(event) }
        builder.finish()
        return steps
    }
}

/// The fold behind `Trace`, fed one event at a time: each step goes to `emit` as it is made,
/// so that a trace of a large journal holds neither the journal nor its own steps.
public struct TraceBuilder: EventFold {
    public let project: String
    private let emit: (TraceStep) -> Void
    private var state = LedgerProjection()
    private var previous: Scorecard?
    public private(set) var stepCount = 0
    /// Whether a correction (a reversal, then the event that corrects its target) is one step.
    private let mergesCorrections: Bool
    /// A reversal's step held back one event, to be merged with the correction that may follow.
    private var held: TraceStep?

    public init(project: String, mergesCorrections: Bool = true, emit: @escaping (TraceStep) -> Void) {
        self.project = project
        self.mergesCorrections = mergesCorrections
        self.emit = emit
    }

    public mutating func apply(_ event: Event) {
        if let reversal = held {
            held = nil
            if CorrectionText.pairs(reversal.event, event), let step = step(after: event) {
                let change = CorrectionText.describe(reversal: reversal.event, corrected: event)
                    + ChangeDescription.figures(event.body, for: project, after: state.projects[project]!)
                emit(TraceStep(event: event, change: change, after: step.after, before: reversal.before, reversalSeq: reversal.event.seq))
                stepCount -= 1
                return
            }
            emit(reversal)
        }
        guard let step = step(after: event) else { return }
        if mergesCorrections, case .reversed = event.body { held = step } else { emit(step) }
    }

    /// Emits a step still held back: call once the last event is applied.
    public mutating func finish() {
        if let reversal = held { emit(reversal) }
        held = nil
    }

    /// The step of `event`, folded in; nil when it does not touch the project.
    private mutating func step(after event: Event) -> TraceStep? {
        // Most events of a journal are other projects': folded in without keeping the state
        // before them (a copy of the project, retained and released, for every event).
        let touchesProject = event.body.projectsTouched.contains(project)
        guard event.body.isJournalWide || touchesProject else {
            state.apply(event)
            return nil
        }
        let before = state.projects[project]
        let policyBefore = state.policy
        state.apply(event)
        // A year's close or reopen is journal-wide, but concerns only that year's projects.
        let ofItsYear = event.body.yearMark.map { mark in state.projects[project]?.registration.year == mark.year } ?? true
        let touches = (event.body.isJournalWide && ofItsYear) || touchesProject
        guard touches, let after = state.projects[project] else { return nil }
        // A payment leaves the indicators and the policy alone: their rule scores stand.
        let unchanged = before?.indicators == after.indicators && policyBefore == state.policy
        let card = unchanged && previous != nil
            ? Scorecard(after, policy: state.policy, ruleScores: previous!.ruleScores)
            : Scorecard(after, policy: state.policy)
        let change = ChangeDescription.describe(event.body, for: project, after: after)
            + ChangeDescription.derivedActuals(before: before, after: after, scores: (previous?.ruleScores, card.ruleScores))
            + (LateEntry.recordedDay(ifLate: event).map { Message(.lateEntryRecorded, $0) } ?? "")
        let step = TraceStep(event: event, change: change, after: card, before: previous)
        previous = card
        stepCount += 1
        return step
    }
}
