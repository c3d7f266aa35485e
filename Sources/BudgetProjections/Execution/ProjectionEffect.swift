import BudgetModel

/// What an event of a kind does to the projection besides moving money, and how a reversal
/// undoes it. A kind whose only effect is money needs none: the fold moves it generically.
protocol ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event)
    /// Undoes the effect of event #`target`, reversed by event #`seq`.
    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64)
}

struct ProjectionEffectOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> ProjectionEffect? { payload as? ProjectionEffect }
}

extension ProjectRegistration: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.register(ProjectState(registration: self, seq: event.seq))
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {}
}

extension IndicatorDefinition: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.update(project, event.seq) { state in
            state.indicators.append(IndicatorState(definition: self, definedSeq: event.seq))
            state.refreshDerivedActuals()
        }
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {
        projection.update(project, seq) { $0.indicators.removeAll { $0.definition.indicator == indicator } }
    }
}

extension IndicatorActual: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.update(project, event.seq) { project in
            guard let index = project.indicatorIndex(indicator) else { return }
            project.indicators[index].actuals.append((event.seq, value, grade))
        }
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {
        projection.update(project, seq) { project in
            guard let index = project.indicatorIndex(indicator) else { return }
            project.indicators[index].actuals.removeAll { $0.seq == target }
        }
    }
}

extension IndicatorScore: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.update(project, event.seq) { project in
            guard let index = project.indicatorIndex(indicator) else { return }
            project.indicators[index].scores.append((event.seq, score, reason))
        }
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {
        projection.update(project, seq) { project in
            guard let index = project.indicatorIndex(indicator) else { return }
            project.indicators[index].scores.removeAll { $0.seq == target }
        }
    }
}

extension PolicySetting: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.policies.append(ScoringPolicy(setting: self, seq: event.seq, date: event.date))
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {
        projection.policies.removeAll { $0.seq == target }
    }
}

extension FormDeclaration: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.update(project, event.seq) { $0.declarations.append(DeclaredForm(seq: event.seq, date: event.date, form: self)) }
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {
        projection.update(project, seq) { $0.declarations.removeAll { $0.seq == target } }
    }
}

extension GoalRecord: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.update(project, event.seq) { $0.goals.append(GoalEntry(seq: event.seq, date: event.date, record: self)) }
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {
        projection.update(project, seq) { $0.goals.removeAll { $0.seq == target } }
    }
}

/// A reversal undoes its original's effect; the money its original moved it moves back
/// generically (see `Reversal.movements`).
extension Reversal: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        original.visit(ProjectionEffectOf())?.undo(in: &projection, target: targetSeq, seq: event.seq)
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {}
}
