import BudgetModel

/// The fold at the heart of the ledger: `(LedgerProjection, Event) -> LedgerProjection`. It holds
/// no I/O, clock or global state, so replaying to any point is folding a prefix of the events.
/// It assumes events that passed admission (see `LedgerBook`); an event it cannot place, such as
/// one for a project it does not know, leaves the state as it was.
///
/// Money is folded from each event's movements, whatever its kind; a kind that does more (a
/// registration, an indicator, a declared form) says what as a `ProjectionEffect`.
public struct LedgerProjection: Equatable, Sendable, LedgerFold {
    public internal(set) var projects: [String: ProjectState] = [:]
    /// Project ids in the order they were registered: the order of reports.
    public internal(set) var order: [String] = []
    /// The last event folded in.
    public private(set) var lastSeq: Int64 = 0
    /// Every policy set and not reversed, in journal order; admission keeps their dates in order.
    public internal(set) var policies: [ScoringPolicy] = []
    /// How the journal's forms are titled, as last set.
    public internal(set) var formSettings = FormSettings()
    /// Each fiscal year closed by the replay's point, with any reopen since.
    public internal(set) var years: [Int: YearStatus] = [:]
    /// Movements of projects not yet registered as of the replay: a carry-over dated before the
    /// receiving project's registration date (a 2022 project carries into a 2023 one on
    /// 2022-12-31) waits here until the registration is folded in.
    var pendingMovements: [String: [Movement]] = [:]

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
        if let effect = event.body.visit(ProjectionEffectOf()) { effect.apply(to: &self, event: event) }
        if let project = event.body.project { touch(project, event.seq) }
        for movement in event.body.movements { move(movement, seq: event.seq) }
        let economic = event.body.economicClass, functional = event.body.functionalClass
        if economic != nil || functional != nil {
            for movement in event.body.movements where movement.figure == .executed {
                classify(movement, economic: economic, functional: functional)
            }
        }
    }

    public mutating func apply(_ total: PaymentTotal) {
        lastSeq = total.lastSeq
        move(total.movement, seq: total.lastSeq)
        if total.key.economicClass != nil || total.key.functionalClass != nil {
            classify(total.movement, economic: total.key.economicClass, functional: total.key.functionalClass)
        }
    }

    /// A payment's (or its reversal's) executed money under its codes. A payment is admitted only
    /// for a registered project, so none waits in `pendingMovements`.
    private mutating func classify(_ movement: Movement, economic: String?, functional: String?) {
        projects[movement.project]?.classified.add(economic: economic, functional: functional, fen: movement.fen)
        projects[movement.project]?.refreshDerivedActuals()
    }

    public mutating func replayed(through seq: Int64) {
        lastSeq = max(lastSeq, seq)
    }

    private mutating func move(_ movement: Movement, seq: Int64) {
        guard let index = projects.index(forKey: movement.project) else {
            pendingMovements[movement.project, default: []].append(movement)
            return
        }
        update(at: index, seq) { $0.funds[movement.source].add(movement) }
    }

    /// A project just registered takes the movements that were waiting for it.
    mutating func register(_ state: ProjectState) {
        guard projects[state.id] == nil else { return }
        projects[state.id] = state
        order.append(state.id)
        for movement in pendingMovements.removeValue(forKey: state.id) ?? [] {
            projects[state.id]?.funds[movement.source].add(movement)
        }
    }

    private mutating func touch(_ project: String, _ seq: Int64) {
        update(project, seq) { _ in }
    }

    mutating func update(_ project: String, _ seq: Int64, _ change: (inout ProjectState) -> Void) {
        guard let index = projects.index(forKey: project) else { return }
        update(at: index, seq, change)
    }

    /// The values view hands the project over where it lies: changed in place, neither copied
    /// (a project holds a dozen arrays, each retained and released by a copy) nor taken out and
    /// put back (two more lookups). Folding a year's payment totals spent a fifth of a `report`
    /// doing that.
    private mutating func update(at index: Dictionary<String, ProjectState>.Index, _ seq: Int64, _ change: (inout ProjectState) -> Void) {
        change(&projects.values[index])
        projects.values[index].lastSeq = seq
    }
}

extension Money {
    /// In-place addition for the fold's running sums; admission keeps them in range.
    mutating func add(_ fen: Int64) { self = Money(fen: self.fen &+ fen) }
}
