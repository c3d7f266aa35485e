import BudgetModel

/// The fold at the heart of the ledger: `(LedgerProjection, Event) -> LedgerProjection`. It holds
/// no I/O, clock or global state, so replaying to any point is folding a prefix of the events.
/// It assumes events that passed admission (see `LedgerBook`); an event it cannot place, such as
/// one for a project it does not know, leaves the state as it was.
public struct LedgerProjection: Equatable, Sendable {
    public private(set) var projects: [String: ProjectState] = [:]
    /// Project ids in the order they were registered: the order of reports.
    public private(set) var order: [String] = []
    /// The last event folded in.
    public private(set) var lastSeq: Int64 = 0
    /// Every policy set and not reversed, in journal order; admission keeps their dates in order.
    public private(set) var policies: [ScoringPolicy] = []
    /// Carry-overs dated before the receiving project's registration date (a 2022 project carries
    /// into a 2023 one on 2022-12-31): they wait here until the registration is folded in.
    private var pendingCarryIns: [String: [CarryOver]] = [:]

    public init() {}

    public func applying(_ event: Event) -> LedgerProjection {
        var next = self
        next.apply(event)
        return next
    }

    /// The policy in force: the latest by date (then seq) of those set and not reversed, or the
    /// defaults. Admission keeps live policies in date order, but a replay to a date can include
    /// a policy whose reversal comes later, next to one dated before it and recorded after it.
    public var policy: ScoringPolicy {
        policies.max { a, b in
            if let dateA = a.date, let dateB = b.date, dateA != dateB { return dateA < dateB }
            return (a.seq ?? 0) < (b.seq ?? 0)
        } ?? .standard
    }

    public mutating func apply(_ event: Event) {
        lastSeq = event.seq
        switch event.body {
        case .policySet(let setting):
            policies.append(ScoringPolicy(setting: setting, seq: event.seq, date: event.date))
        case .formDeclared(let form):
            update(form.project, event.seq) { $0.declarations.append(DeclaredForm(seq: event.seq, date: event.date, form: form)) }
        case .goalRecorded(let goal):
            update(goal.project, event.seq) { $0.goals.append(GoalEntry(seq: event.seq, date: event.date, record: goal)) }
        default:
            apply(event.body, seq: event.seq, sign: 1)
        }
    }

    /// `sign` is -1 when a reversal undoes `body`.
    private mutating func apply(_ body: EventBody, seq: Int64, sign: Int64) {
        switch body {
        case .projectRegistered(let registration):
            guard projects[registration.project] == nil else { return }
            projects[registration.project] = ProjectState(registration: registration, seq: seq)
            order.append(registration.project)
            for carry in pendingCarryIns.removeValue(forKey: registration.project) ?? [] {
                projects[registration.project]?.funds.carryover.initial.add(carry.amount.fen)
            }
        case .budgetApproved(let e):
            update(e.project, seq) { $0.funds[e.source].initial.add(sign * e.amount.fen) }
        case .budgetAdjusted(let e):
            update(e.project, seq) { $0.funds[e.source].adjusted.add(sign * e.amount.fen) }
        case .disbursed(let e):
            update(e.project, seq) { $0.funds[e.source].executed.add(sign * e.amount.fen) }
        case .refunded(let e):
            update(e.project, seq) { $0.funds[e.source].refunded.add(sign * e.amount.fen) }
        case .carriedOver(let e):
            update(e.project, seq) { $0.funds[e.source].carriedOut.add(sign * e.amount.fen) }
            if projects[e.toProject] == nil {
                let signed = CarryOver(project: e.project, source: e.source, amount: Money(fen: sign * e.amount.fen), toProject: e.toProject)
                pendingCarryIns[e.toProject, default: []].append(signed)
            } else {
                update(e.toProject, seq) { $0.funds.carryover.initial.add(sign * e.amount.fen) }
            }
        case .indicatorDefined(let e):
            update(e.project, seq) { project in
                if sign > 0 {
                    project.indicators.append(IndicatorState(definition: e, definedSeq: seq))
                } else {
                    project.indicators.removeAll { $0.definition.indicator == e.indicator }
                }
            }
        case .indicatorActualRecorded(let e):
            update(e.project, seq) { project in
                guard let index = project.indicatorIndex(e.indicator) else { return }
                if sign > 0 { project.indicators[index].actuals.append((seq, e.value, e.grade)) }
            }
        case .indicatorScored(let e):
            update(e.project, seq) { project in
                guard let index = project.indicatorIndex(e.indicator) else { return }
                if sign > 0 { project.indicators[index].scores.append((seq, e.score, e.reason)) }
            }
        case .reversed(let reversal):
            applyReversal(reversal, seq: seq)
        case .policySet, .formDeclared, .goalRecorded:
            break   // folded with their dates in `apply(_ event:)`; a reversal drops them by seq
        }
    }

    private mutating func applyReversal(_ reversal: Reversal, seq: Int64) {
        switch reversal.original {
        case .indicatorActualRecorded(let e):
            update(e.project, seq) { project in
                guard let index = project.indicatorIndex(e.indicator) else { return }
                project.indicators[index].actuals.removeAll { $0.seq == reversal.targetSeq }
            }
        case .indicatorScored(let e):
            update(e.project, seq) { project in
                guard let index = project.indicatorIndex(e.indicator) else { return }
                project.indicators[index].scores.removeAll { $0.seq == reversal.targetSeq }
            }
        case .policySet:
            policies.removeAll { $0.seq == reversal.targetSeq }
        case .formDeclared(let e):
            update(e.project, seq) { $0.declarations.removeAll { $0.seq == reversal.targetSeq } }
        case .goalRecorded(let e):
            update(e.project, seq) { $0.goals.removeAll { $0.seq == reversal.targetSeq } }
        default:
            apply(reversal.original, seq: seq, sign: -1)
        }
    }

    private mutating func update(_ project: String, _ seq: Int64, _ change: (inout ProjectState) -> Void) {
        guard var state = projects[project] else { return }
        // Taking the value out and putting it back keeps the dictionary's storage unique, so the
        // change happens in place instead of copying the project.
        projects[project] = nil
        change(&state)
        state.lastSeq = seq
        projects[project] = state
    }
}

extension Money {
    /// In-place addition for the fold's running sums; admission keeps them in range.
    mutating func add(_ fen: Int64) { self = Money(fen: self.fen &+ fen) }
}
