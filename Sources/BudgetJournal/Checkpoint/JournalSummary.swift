import BudgetModel

/// One item of a condensed journal: an event that is not a payment, or the payments of one
/// project's source on one date, summed.
public enum CondensedItem: Equatable, Sendable {
    case event(Event)
    case total(PaymentTotal)
}

/// A journal condensed for replay: every event that is not a payment, in order, and the
/// payments summed per project, source and date. Folding it gives the same figures as folding
/// the journal, as of any date, because a payment's only effect is to add its amount on its
/// date; yet a million payments condense to a few thousand totals. It is what the checkpoint
/// beside the journal holds (see `Checkpoint`): derived, disposable, and rebuilt from the journal
/// whenever it does not match the journal's head.
public struct JournalSummary: Equatable, Sendable {
    /// The journal up to here is summarised.
    public private(set) var position: JournalPosition = .origin
    /// Every event that is not a payment, in journal order.
    public private(set) var events: [Event] = []
    /// The checkpoint's own lines of the first of `events`, written again as they are.
    private var eventLines: [ArraySlice<UInt8>] = []
    /// Payments summed per project, source and date, as absorbed from the journal.
    private var absorbedTotals: [PaymentTotal.Key: PaymentTotal] = [:]
    /// Totals still in the checkpoint's text: a command that needs the totals of one project
    /// reads only that project's lines (see `condensedEvents(paymentsOf:)`).
    private var checkpointTotals = CheckpointTotals()
    /// The seq of every client key (`--id`), by a 64-bit fingerprint of the key. A match is a
    /// candidate only: the caller confirms it against the journal's line.
    public private(set) var keyIndex = KeyIndex()
    /// The line of every `seqsPerIndexEntry`-th event, to find an event by seq without a scan.
    public private(set) var lineIndex: [JournalPosition] = []

    public static let seqsPerIndexEntry: Int64 = 1024

    public init() {}

    init(position: JournalPosition, events: [Event], eventLines: [ArraySlice<UInt8>], checkpointTotals: CheckpointTotals,
         keyIndex: KeyIndex, lineIndex: [JournalPosition]) {
        precondition(eventLines.count == events.count, "a checkpoint's events come with their lines")
        self.position = position; self.events = events; self.eventLines = eventLines; self.checkpointTotals = checkpointTotals
        self.keyIndex = keyIndex; self.lineIndex = lineIndex
    }

    /// Payments summed per project, source and date: all of them.
    public var paymentTotals: [PaymentTotal.Key: PaymentTotal] {
        Dictionary(totals(of: nil).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The totals of `projects` (all when nil), the checkpoint's and the absorbed merged, in the
    /// order of the last payment each sums. Every absorbed payment comes after every total of
    /// the checkpoint, so a merged total goes after those the absorbed did not touch.
    func totals(of projects: Set<String>?) -> [PaymentTotal] {
        var totals = checkpointTotals.parsed(of: projects)
        guard !absorbedTotals.isEmpty else { return totals }
        var merged = absorbedTotals.filter { projects?.contains($0.key.project) ?? true }
        if !merged.isEmpty {
            totals.removeAll { total in
                guard merged[total.key] != nil else { return false }
                merged[total.key]!.merge(total)
                return true
            }
        }
        return totals + merged.values.sorted { $0.lastSeq < $1.lastSeq }
    }

    /// Each event as a checkpoint line: a journal line chained from zero.
    func writeEventLines(to out: inout Checkpoint.ByteWriter) {
        for (index, event) in events.enumerated() {
            if index < eventLines.count { out.bytes += eventLines[index] } else { out.text(EventEncoder.line(for: event, prev: .zero).text) }
            out.byte(0x0A)
        }
    }

    /// Every payment total as a checkpoint line, in the order of the last payment each sums, and
    /// how many. The checkpoint's lines that nothing absorbed has touched are copied as they
    /// stand; those that were are parsed and merged. Every absorbed payment comes after every
    /// total of the checkpoint, so the order is the same as sorting them all.
    func writeTotals(to out: inout Checkpoint.ByteWriter) -> Int {
        var merged = absorbedTotals
        // The absorbed totals' keys as they stand in a line, by fingerprint: a line whose key
        // matches none is copied without being parsed.
        var touched = Set<UInt64>()
        for key in absorbedTotals.keys { touched.insert(Checkpoint.checksum(Array("\(key.project)\t\(key.source.rawValue)\t\(key.date.text)".utf8)[...])) }
        var count = 0
        for line in checkpointTotals.lines {
            if !touched.isEmpty, touched.contains(Checkpoint.checksum(CheckpointTotals.keyBytes(of: line))),
               let total = Checkpoint.paymentTotal(line, project: String(decoding: CheckpointTotals.projectBytes(of: line), as: UTF8.self)),
               merged[total.key] != nil {
                merged[total.key]!.merge(total)
                continue
            }
            out.bytes += line
            out.byte(0x0A)
            count += 1
        }
        for total in merged.values.sorted(by: { $0.lastSeq < $1.lastSeq }) { Checkpoint.write(total, to: &out) }
        return count + merged.count
    }

    public static func == (a: JournalSummary, b: JournalSummary) -> Bool {
        a.position == b.position && a.events == b.events && a.paymentTotals == b.paymentTotals
            && a.keyIndex == b.keyIndex && a.lineIndex == b.lineIndex
    }

    /// Takes in the next event of the journal, whose line ends at `end`.
    public mutating func absorb(_ event: Event, endingAt end: JournalPosition) {
        precondition(event.seq == position.head.seq + 1, "a summary absorbs events in journal order")
        if (event.seq - 1) % Self.seqsPerIndexEntry == 0 { lineIndex.append(position) }
        if !event.id.hasPrefix("@") { keyIndex.insert(Self.fingerprint(of: event.id), seq: event.seq) }
        if case .disbursed(let payment) = event.body {
            let key = PaymentTotal.Key(project: payment.project, source: payment.source, date: event.date)
            absorbedTotals[key, default: PaymentTotal(key: key)].add(payment.amount, seq: event.seq)
        } else {
            events.append(event)
        }
        position = end
    }

    /// Makes the key index quick to search after many events were absorbed one by one.
    public mutating func settleKeyIndex() { keyIndex.settle() }

    /// The position at which to start reading to reach event `seq`: its line or an earlier one.
    public func searchStart(for seq: Int64) -> JournalPosition? {
        guard seq >= 1, seq <= position.head.seq else { return nil }
        let entry = Int((seq - 1) / Self.seqsPerIndexEntry)
        return entry < lineIndex.count ? lineIndex[entry] : nil
    }

    /// The seqs of events whose client key may be `key`.
    public func candidateSeqs(forKey key: String) -> [Int64] {
        keyIndex.seqs(Self.fingerprint(of: key))
    }

    /// The condensed journal for a replay to `asOf` (all dates when nil): the non-payments dated
    /// by then, and the payment totals dated by then, in the order of their seqs (a total by
    /// that of the last payment it sums), so that a fold sees each project registered before it
    /// is paid from. `paymentsOf` keeps only the totals of those projects: admitting one event
    /// needs no other.
    public func condensed(asOf: BusinessDate? = nil, paymentsOf projects: Set<String>? = nil) -> [CondensedItem] {
        var totals = totals(of: projects)
        if let asOf { totals.removeAll { $0.key.date > asOf } }
        // Totals come in the order of their last seq, as written; sorted only if not.
        if !zip(totals, totals.dropFirst()).allSatisfy({ $0.lastSeq < $1.lastSeq }) { totals.sort { $0.lastSeq < $1.lastSeq } }
        var merged: [CondensedItem] = []
        merged.reserveCapacity(events.count + totals.count)
        var e = 0, t = 0
        while e < events.count || t < totals.count {
            if t == totals.count || (e < events.count && events[e].seq < totals[t].lastSeq) {
                if asOf == nil || events[e].date <= asOf! { merged.append(.event(events[e])) }
                e += 1
            } else {
                merged.append(.total(totals[t]))
                t += 1
            }
        }
        return merged
    }

    /// The fingerprint a key is indexed by (see `Fingerprint`).
    public static func fingerprint(of key: String) -> UInt64 { Fingerprint.of(key) }
}
