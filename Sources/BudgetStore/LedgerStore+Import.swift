import BudgetJournal
import BudgetModel
import BudgetProjections

/// What an import appended, and how many of its payments were there already.
public struct ImportOutcome: Sendable {
    public let appended: [Event]
    /// Payments recorded before under their keys, or repeated within the batch.
    public let skipped: Int
}

/// Why a batch was refused: every payment that cannot go in, by its index in the batch.
public struct BatchRefused: Error {
    public let problems: [(index: Int, outcome: BatchOutcome)]
}

extension LedgerStore {
    /// Records a batch of payments, all or nothing: each is checked as if recorded alone after
    /// those before it, and if any is refused nothing is written. The admitted payments go to
    /// the journal in one write and one fsync. `progress` hears how many were checked. With
    /// `writing` false every payment is checked and nothing is written: the batch is refused
    /// with the problems found, if any (the caller knows of others, such as rows it could not read).
    /// `projects`, when the caller has them at hand, are those the drafts name.
    public func importPayments(_ drafts: [PaymentDraft], projects: Set<String>? = nil, recorded: String, writing: Bool = true,
                               progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> ImportOutcome {
        var skipped = 0
        let outcome = try withCheckpointFallback { usingCheckpoint, used in
            skipped = 0
            return try journal.append(usingCheckpoint: usingCheckpoint) { access in
                used = access.summary.base
                // Payments whose keys the journal holds are found in one pass, not one search each.
                let byKey = access.summary.hasKeys ? try access.events(withKeys: drafts.map(\.key)) : [:]
                let lookup = PrefetchedKeys(access: access, byKey: byKey)
                let refresh = access.refreshesCheckpoint(adding: drafts.count)
                let read = try condensedBook(access, projects: projects ?? Set(drafts.map(\.payment.project)), checkingTail: refresh)
                var book = read.book
                var events: [Event] = []
                events.reserveCapacity(drafts.count)
                var problems: [(index: Int, outcome: BatchOutcome)] = []
                book.admitPayments(drafts, recorded: recorded, lookup: lookup) { index, outcome in
                    if index % 10_000 == 0 { progress?(index, drafts.count) }
                    switch outcome {
                    case .admitted(.append(let event)): events.append(event)
                    case .admitted(.alreadyRecorded), .repeats: skipped += 1
                    case .keyReused, .refused: problems.append((index, outcome))
                    }
                }
                progress?(drafts.count, drafts.count)
                guard problems.isEmpty, writing else { throw BatchRefused(problems: problems) }
                return AppendPlan(events: events, checkpointSuspects: refresh ? read.suspects(after: access.summary) : nil)
            }
        }
        return ImportOutcome(appended: outcome.appended, skipped: skipped)
    }
}

/// Answers key lookups from events fetched beforehand; anything else goes to the journal.
struct PrefetchedKeys: EventLookup {
    let access: JournalAccess
    let byKey: [String: Event]

    func event(seq: Int64) throws(Rejection) -> Event? { try JournalLookup(access: access).event(seq: seq) }

    func events(withVoucher voucher: String) throws(Rejection) -> [Event] { try JournalLookup(access: access).events(withVoucher: voucher) }

    func events(withKey key: String) throws(Rejection) -> [Event] {
        // A new batch's keys are none of them in the journal: no need to hash each.
        guard !byKey.isEmpty else { return [] }
        return byKey[key].map { [$0] } ?? []
    }
}
