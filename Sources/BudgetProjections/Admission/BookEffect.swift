import BudgetModel

/// What an event of a kind adds to the facts admission checks against, besides the money it
/// moves, and how a reversal takes it back. Kinds whose only effect is money need none.
protocol BookEffect {
    func record(in book: inout LedgerBook, event: Event)
    /// Takes back the effect of event #`target` when it is reversed.
    func undo(in book: inout LedgerBook, target: Int64)
}

struct BookEffectOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> BookEffect? { payload as? BookEffect }
}

extension ProjectRegistration: BookEffect {
    func record(in book: inout LedgerBook, event: Event) {
        // A second registration (a violation, noted) must not wipe out the first's balances.
        guard book.projects[project] == nil else { return }
        book.projects[project] = LedgerBook.ProjectFacts(registration: self, registeredOn: event.date)
    }

    func undo(in book: inout LedgerBook, target: Int64) {}
}

extension IndicatorDefinition: BookEffect {
    func record(in book: inout LedgerBook, event: Event) {
        book.projects[project]?.indicators[indicator] = self
    }

    func undo(in book: inout LedgerBook, target: Int64) {
        book.projects[project]?.indicators[indicator] = nil
    }
}

extension PolicySetting: BookEffect {
    func record(in book: inout LedgerBook, event: Event) {
        book.livePolicySeqs.append(event.seq)
    }

    func undo(in book: inout LedgerBook, target: Int64) {
        book.livePolicySeqs.removeAll { $0 == target }
    }
}

extension Reversal: BookEffect {
    func record(in book: inout LedgerBook, event: Event) {
        book.reversedSeqs.insert(targetSeq)
        original.visit(BookEffectOf())?.undo(in: &book, target: targetSeq)
        // A definition taken back from a date: one defined again must not be dated before it,
        // or a replay between the two dates would hold both.
        if case .indicatorDefined(let definition) = original {
            book.projects[definition.project]?.indicatorsRemovedOn[definition.indicator] = event.date
        }
    }

    func undo(in book: inout LedgerBook, target: Int64) {}
}
