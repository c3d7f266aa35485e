import BudgetModel

/// One payment of a batch: what `budget import` reads from a row.
public struct PaymentDraft: Equatable, Sendable {
    public let key: String
    public let date: BusinessDate
    public let payment: Disbursement

    public init(key: String, date: BusinessDate, payment: Disbursement) {
        self.key = key; self.date = date; self.payment = payment
    }

    public var draft: EventDraft { EventDraft(key: key, date: date, body: .disbursed(payment)) }
}

extension LedgerBook {
    /// Admits payments one after another, each exactly as `admit` then `recordAdmitted` would if
    /// it were recorded alone after those before it, and hands each outcome to `outcome` with the
    /// draft's index. A batch of a hundred thousand rows touches a few dozen projects: each
    /// project's facts are found once, not once a row, and moved back into the book at the end.
    public mutating func admitPayments(_ drafts: [PaymentDraft], recorded: String, lookup: EventLookup?,
                                       _ outcome: (Int, Result<Admission, Rejection>) -> Void) {
        // What admitting a payment reads and moves, per project touched, in arrays: one
        // dictionary search per row finds the slot, and nothing else is copied.
        var slotOfProject: [String: Int] = [:]
        var facts: [ProjectFacts] = []
        var grossFen: [Int64] = []
        var timelines: [BalanceTimeline?] = []   // three per slot, by FundSource.allCases
        let sources = FundSource.allCases
        defer {
            for (project, slot) in slotOfProject {
                var updated = facts[slot]
                updated.grossFen = grossFen[slot]
                for (offset, source) in sources.enumerated() { updated.balances[source] = timelines[slot * sources.count + offset] }
                projects[project] = updated
            }
        }
        for index in drafts.indices {
            let draft = drafts[index]
            let payment = draft.payment
            do throws(Rejection) {
                if let problem = Identifier.problem(with: draft.key) { throw Rejection("--id '\(draft.key)' \(problem)") }
                if let earlier = try earlierEvent(withKey: draft.key, lookup: lookup) {
                    guard earlier.date == draft.date, earlier.body == .disbursed(payment) else {
                        throw Rejection("--id '\(draft.key)' was already used by event #\(earlier.seq) (\(earlier.body.type.rawValue) on \(earlier.date)) with a different body")
                    }
                    outcome(index, .success(.alreadyRecorded(earlier)))
                    continue
                }
                guard headSeq < Int64(Limits.eventsMax) else { throw Rejection("the journal holds the limit of \(Limits.eventsMax) events") }
                var found = slotOfProject[payment.project]
                if found == nil, let projectFacts = projects[payment.project] {
                    found = facts.count
                    slotOfProject[payment.project] = facts.count
                    facts.append(projectFacts)
                    grossFen.append(projectFacts.grossFen)
                    for source in sources { timelines.append(projectFacts.balances[source]) }
                }
                guard let slot = found else { throw Rejection("unknown project '\(payment.project)'") }
                // checkFacts, then checkBalances, as `admit` runs them for a payment.
                try checkDate(draft.date, year: facts[slot].registration.year, registeredOn: facts[slot].registeredOn, project: payment.project)
                guard payment.amount.fen > 0 else { throw Rejection("amount \(payment.amount.yuanText) must be positive") }
                try checkGross(payment.project, adding: payment.amount.fen, from: grossFen[slot])
                let fen = -payment.amount.fen
                let line = slot * sources.count + sources.firstIndex(of: payment.source)!
                // A source never approved has no timeline: every payment from it falls short.
                let shortfall = timelines[line] == nil ? BalanceTimeline().firstShortfall(adding: fen, on: draft.date)
                                                       : timelines[line]!.firstShortfall(adding: fen, on: draft.date)
                if let shortfall {
                    let movement = BalanceMovement(project: payment.project, source: payment.source, fen: fen, date: draft.date)
                    throw Rejection(Self.shortfallMessage(.disbursed(payment), movement, shortfall))
                }
                let event = Event(seq: headSeq + 1, id: draft.key, date: draft.date, recorded: recorded, body: .disbursed(payment))
                // What `record` does with a payment, on the slot instead of the dictionary.
                headSeq = event.seq
                if retainsPayments {
                    retained[event.seq] = event
                    retainedOrder.append(event.seq)
                    seqByID[event.id] = event.seq
                }
                timelines[line]!.record(fen, on: draft.date, seq: event.seq)
                grossFen[slot].addSaturating(fen)
                outcome(index, .success(.append(event)))
            } catch {
                outcome(index, .failure(error))
            }
        }
    }
}
