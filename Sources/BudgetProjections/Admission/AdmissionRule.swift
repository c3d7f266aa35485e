import BudgetText
import BudgetModel

/// What an event of a kind must satisfy beyond the checks every event gets (its project exists,
/// its date lies in the project's window, its money stays within the budget). Kinds whose only
/// business is money need none.
protocol AdmissionRule {
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection)
    /// What must hold before event `target`, of this kind, may be reversed.
    func checkReversal(of target: Event, in book: LedgerBook) throws(Rejection)
}

extension AdmissionRule {
    func checkReversal(of target: Event, in book: LedgerBook) throws(Rejection) {}
}

struct AdmissionRuleOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> AdmissionRule? { payload as? AdmissionRule }
}

extension ProjectRegistration: AdmissionRule {
    /// A project is registered once, in its year or the autumn before, when it is planned.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        guard book.projects[project] == nil else { throw Rejection(.projectIsAlreadyRegistered, project) }
        guard event.date.year == year || event.date.year == year - 1 else {
            throw Rejection(.dateIsOutsideFiscalYear3, event.date, year)
        }
    }
}

extension CarryOver: AdmissionRule {
    /// Money is carried on to a registered project of a later year.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        let sender = try book.projectFacts(project)
        guard let receiver = book.projects[toProject] else { throw Rejection(.unknownProjectTo, toProject) }
        guard receiver.registration.year > sender.registration.year else {
            throw Rejection(.carryOverGoesToProject, toProject, receiver.registration.year, project, sender.registration.year)
        }
    }
}

extension IndicatorDefinition: AdmissionRule {
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        let facts = try book.projectFacts(project)
        guard facts.indicators[indicator] == nil else {
            throw Rejection(.indicatorIsAlreadyDefinedFor, indicator, project)
        }
        if let removed = facts.indicatorsRemovedOn[indicator], event.date < removed {
            throw Rejection(.indicatorWasTakenBackOn, indicator, removed)
        }
        // A derived actual is money, scored against the target's numbers: the target must be a
        // quantity of money.
        if let derived, !target.contains("元") || !Self.isQuantity(target) {
            throw Rejection(.targetOfIsNoAmount, target, indicator, derived)
        }
    }

    static func isQuantity(_ target: String) -> Bool {
        if case .quantity = IndicatorValueParser.parse(target) { return true }
        return false
    }

    /// An indicator keeps its actual values and scores; undoing its definition first would leave
    /// them pointing at nothing, so they must be reversed before it.
    func checkReversal(of target: Event, in book: LedgerBook) throws(Rejection) {
        let dependents = book.retainedOrder.drop(while: { $0 <= target.seq }).compactMap { book.retained[$0] }.filter { event in
            !book.isReversed(event.seq) && event.body.visit(IndicatorReferenceOf())?.refers(to: indicator, of: project) == true
        }
        guard dependents.isEmpty else {
            let seqs = dependents.map { "#\($0.seq)" }.joined(separator: ", ")
            throw Rejection(.indicatorStillHasActualValues, indicator, seqs)
        }
    }
}

extension IndicatorActual: AdmissionRule {
    /// A grade places a qualitative result in a band. A quantitative target is scored from its
    /// numbers, so a grade beside it would be a second, conflicting answer.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        let definition = try book.indicatorDefinition(indicator, of: project)
        if let derived = definition.derived {
            throw Rejection(.actualValueOfIsDerived, indicator, derived)
        }
        guard grade != nil, case .quantity = IndicatorValueParser.parse(definition.target) else { return }
        throw Rejection(.gradeIsForQualitativeIndicators, definition.target, indicator)
    }
}

extension IndicatorScore: AdmissionRule {
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        let definition = try book.indicatorDefinition(indicator, of: project)
        guard score <= definition.weight else {
            throw Rejection(.scoreIsAboveWeightOf, score, indicator, definition.weight)
        }
    }
}

extension GoalRecord: AdmissionRule {
    /// A goal states at least one text, and each says something. A blank text is refused rather
    /// than taken to clear a goal: a goal is withdrawn by reversing the event that stated it.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        guard !isEmpty else { throw Rejection(.goalNeedsExpectedTEXTOutcome) }
        for (option, text) in [("--expected", expected), ("--outcome", outcome)] {
            guard let text else { continue }
            if let problem = FreeText.problem(with: text) { throw Rejection(.wordThen, option, problem) }
            guard !text.allSatisfy(\.isWhitespace) else { throw Rejection(.isBlank, option) }
        }
    }
}

extension Annotation: AdmissionRule {
    /// It annotates an earlier event of its own project (any kind but an annotation, which is
    /// superseded by annotating its event again). A journal read back is confirmed by `verify`.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        guard let lookup else { return }
        var target = book.event(seq: targetSeq)
        if target == nil, targetSeq < event.seq { target = try lookup.event(seq: targetSeq) }
        guard let target, targetSeq < event.seq else { throw Rejection(.thereIsNoEventTo, targetSeq) }
        if case .annotated(let earlier) = target.body { throw Rejection(.isAnnotationAnnotateEventIt, targetSeq, earlier.targetSeq) }
        guard target.body.project == project else {
            throw Rejection(.eventIsOfNotOf, targetSeq, target.body.project.map { Message(.projectQuoted, $0) } ?? Message(.theWholeJournal),
                            project.map { Message(.quotedName, $0) } ?? Message(.theWholeJournal))
        }
    }
}

extension Disbursement: AdmissionRule {
    /// Its classification codes are the catalogue's, and its voucher is not that of a payment
    /// still standing.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        try book.checkClassified(economicClass, functionalClass, voucher: voucher, kind: Self.kind, lookup: lookup)
    }
}

extension TreasuryRefund: AdmissionRule {
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        try book.checkClassified(economicClass, functionalClass, voucher: voucher, kind: Self.kind, lookup: lookup)
    }
}

extension LedgerBook {
    /// What the treasury's fields of a payment or a refund must satisfy when it is recorded (a
    /// journal read back is not held to a later catalogue): each code names a 款 of its
    /// classification (or a 类 without 款), and no other payment (or refund) that still stands
    /// carries the same voucher. A reversed one frees its voucher, so a corrected payment keeps it.
    func checkClassified(_ economic: String?, _ functional: String?, voucher: String?, kind: EventKind, lookup: EventLookup?) throws(Rejection) {
        // Most payments carry none of the three: done before the lookup is unwrapped, which
        // copies it (a batch's check did that for every row).
        guard economic != nil || functional != nil || voucher != nil, let lookup else { return }
        if let economic, case .failure(let problem) = ClassCatalogue.economic.code(for: economic) { throw Rejection("--class \(problem.message)") }
        if let functional, case .failure(let problem) = ClassCatalogue.functional.code(for: functional) { throw Rejection("--function \(problem.message)") }
        guard let voucher else { return }
        let carrying = try lookup.events(withVoucher: voucher) + (admittedWithVoucher[voucher] ?? [])
        var reversed = Set<Int64>()
        for case .reversed(let reversal) in carrying.map(\.body) { reversed.insert(reversal.targetSeq) }
        guard let standing = carrying.first(where: { $0.body.kind == kind && $0.body.voucher == voucher && !reversed.contains($0.seq) && !isReversed($0.seq) })
        else { return }
        throw Rejection(.voucherIsAlreadyOnEvent, voucher, standing.seq, kind.name, standing.body.movements.primary.map { Money(fen: $0.fen).yuanText } ?? "", standing.date)
    }

    func indicatorDefinition(_ indicator: String, of project: String) throws(Rejection) -> IndicatorDefinition {
        guard let definition = try projectFacts(project).indicators[indicator] else {
            throw Rejection(.unknownIndicatorOfProject, indicator, project)
        }
        return definition
    }
}

/// An event that names an indicator of its project: it must be reversed before the indicator is.
protocol IndicatorReference {
    func refers(to indicator: String, of project: String) -> Bool
}

struct IndicatorReferenceOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> IndicatorReference? { payload as? IndicatorReference }
}

extension IndicatorActual: IndicatorReference {
    func refers(to indicator: String, of project: String) -> Bool { self.project == project && self.indicator == indicator }
}

extension IndicatorScore: IndicatorReference {
    func refers(to indicator: String, of project: String) -> Bool { self.project == project && self.indicator == indicator }
}

extension FormDeclaration: IndicatorReference {
    func refers(to indicator: String, of project: String) -> Bool { self.project == project && score(of: indicator) != nil }
}
