import BudgetModel

/// One item of a condensed journal: an event that is not a payment, or the payments of one
/// project's source on one date, summed.
public enum CondensedItem: Equatable, Sendable {
    case event(Event)
    case total(PaymentTotal)

    /// The event's seq, or the seq of the last payment the total sums: the items' order.
    public var seq: Int64 {
        switch self {
        case .event(let event): return event.seq
        case .total(let total): return total.lastSeq
        }
    }
}

/// A journal condensed for replay, project by project: the lines of every event that is not a
/// payment, found again in the journal when needed, and the payments summed per project, source
/// and date. Folding it gives the same figures as folding the journal, as of any date, because a
/// payment's only effect is to add its amount on its date; yet a million payments condense to a
/// few thousand totals. Journal-wide events (a policy) are kept apart, and every client key and
/// every 1,024th line are indexed.
///
/// A summary starts from the checkpoint when one matches the journal (`base`: read a page at a
/// time, as projects are asked for), and absorbs the lines after it; or from nothing, absorbing
/// every line. A command about one project of a million reads that project's page, not the rest.
public struct JournalSummary: Sendable {
    /// The journal up to here is summarised.
    public private(set) var position: JournalPosition = .origin
    /// The checkpoint the summary starts from, if any.
    public let base: CheckpointImage?
    /// Each project's part, as absorbed after the base (or from the start, without one), in the
    /// order first met, where `absorbedPositions` says: a million payments are absorbed without
    /// hashing their project's id.
    private var absorbedParts: [ProjectSummary] = []
    private var absorbedPositions = ProjectPositions()
    /// Journal-wide events absorbed after the base.
    private(set) var absorbedWide: [LineRef] = []
    /// Client keys (`--id`) absorbed after the base, by a 64-bit fingerprint. A match is a
    /// candidate only: the caller confirms it against the journal's line.
    public private(set) var keyIndex: KeyIndex
    /// The events carrying a treasury voucher absorbed after the base, by the voucher's fingerprint.
    public private(set) var voucherIndex: KeyIndex
    /// The position before every `seqsPerIndexEntry`-th event absorbed after the base, continuing its index.
    private(set) var absorbedLineIndex: [JournalPosition] = []
    /// The last seq of each business date's events absorbed after the base.
    var absorbedLastSeqByDate: [BusinessDate: Int64] {
        guard let latest = latestDate else { return earlierDatesLastSeq }
        var table = earlierDatesLastSeq
        table[latest.date] = latest.seq
        return table
    }
    /// The date of the last event absorbed and its seq, apart from the table: lines come in runs
    /// of one date, and a run updates this, not a dictionary entry per line.
    private var latestDate: (date: BusinessDate, seq: Int64)?
    private var earlierDatesLastSeq: [BusinessDate: Int64] = [:]
    /// The events that are not payments absorbed after the base, kept while they are few, so that
    /// a condensed read need not read their lines again (a tail, or a whole journal of a unit).
    private var keptEvents: [Int64: Event] = [:]
    private var keepsEvents = true
    static let keptEventsMax = 20_000
    /// How many lines were absorbed after the base.
    public private(set) var eventsAbsorbed: Int64 = 0

    public static let seqsPerIndexEntry: Int64 = 1024

    /// An empty summary. Its key and voucher indexes hold up to `keyEntriesInMemoryMax` entries
    /// each in memory (see `KeyIndex`).
    public init(keyEntriesInMemoryMax: Int = KeyIndex.memoryEntriesMaxDefault) {
        base = nil
        keyIndex = KeyIndex(memoryEntriesMax: keyEntriesInMemoryMax)
        voucherIndex = KeyIndex(memoryEntriesMax: keyEntriesInMemoryMax)
    }

    /// A summary of the journal up to the checkpoint's line.
    public init(base: CheckpointImage, keyEntriesInMemoryMax: Int = KeyIndex.memoryEntriesMaxDefault) {
        self.base = base
        position = base.position
        keyIndex = KeyIndex(memoryEntriesMax: keyEntriesInMemoryMax)
        voucherIndex = KeyIndex(memoryEntriesMax: keyEntriesInMemoryMax)
    }

    /// Takes in the next event of the journal, whose line ends at `end`.
    public mutating func absorb(_ event: Event, endingAt end: JournalPosition) {
        if case .disbursed(let payment) = event.body {
            return absorb(Self.figures(seq: event.seq, id: event.id, date: event.date, payment), endingAt: end)
        }
        beginLine(seq: event.seq)
        if event.id.utf8.first != UInt8(ascii: "@") { keyIndex.insert(Self.fingerprint(of: event.id), seq: event.seq) }
        if let voucher = event.body.voucher { voucherIndex.insert(Self.fingerprint(of: voucher), seq: event.seq) }
        let line = LineRef(seq: event.seq, from: position.offset, to: end)
        if keepsEvents {
            keptEvents[event.seq] = event
            if keptEvents.count > Self.keptEventsMax { keptEvents = [:]; keepsEvents = false }
        }
        if event.body.project == nil {
            absorbedWide.append(line)
        } else {
            for project in event.body.projectsTouched { absorbedParts[partIndex(of: project)].add(line) }
        }
        endLine(seq: event.seq, date: event.date, at: end)
    }

    /// Takes in the next line a batch wrote (see `BatchEncoder.Lines`).
    public mutating func absorb(_ fact: LineFact, endingAt end: JournalPosition) {
        switch fact {
        case .event(let event): absorb(event, endingAt: end)
        case .payment(let figures): absorb(figures, endingAt: end)
        }
    }

    /// A payment's figures as the summary keeps them: its client key's fingerprint unless the
    /// key is the `@seq` the ledger derives.
    static func figures(seq: Int64, id: String, date: BusinessDate, _ payment: Disbursement, projectNumber: Int = -1) -> PaymentFigures {
        PaymentFigures(seq: seq, date: date, project: payment.project, source: payment.source, amount: payment.amount,
                       economicClass: payment.economicClass, functionalClass: payment.functionalClass,
                       keyFingerprint: id.utf8.first == UInt8(ascii: "@") ? nil : fingerprint(of: id),
                       voucherFingerprint: payment.voucher.map(fingerprint), projectNumber: projectNumber)
    }

    /// Takes in the next line of the journal, a payment, as its figures (a payment's client key
    /// is a derived `@seq` when it has no `keyFingerprint`).
    public mutating func absorb(_ payment: PaymentFigures, endingAt end: JournalPosition) {
        beginLine(seq: payment.seq)
        if let key = payment.keyFingerprint { keyIndex.insert(key, seq: payment.seq) }
        if let voucher = payment.voucherFingerprint { voucherIndex.insert(voucher, seq: payment.seq) }
        absorbedParts[partIndex(of: payment)].add(payment)
        endLine(seq: payment.seq, date: payment.date, at: end)
    }

    /// The index in `absorbedParts` of `project`'s part, begun when there is none.
    private mutating func partIndex(of project: String) -> Int {
        if let index = absorbedPositions.position(of: project) { return index }
        absorbedParts.append(ProjectSummary())
        return absorbedPositions.add(project)
    }

    /// As `partIndex(of:)`, by the payment's project number when the read gave one.
    private mutating func partIndex(of payment: PaymentFigures) -> Int {
        absorbedPositions.position(of: payment.project, number: payment.projectNumber) ?? partIndex(of: payment.project)
    }

    /// The projects with a part absorbed after the base.
    public var absorbedProjects: [String] { absorbedPositions.ids }

    /// The part of `project` absorbed after the base, if any.
    public func absorbedPart(_ project: String) -> ProjectSummary? {
        absorbedPositions.position(of: project).map { absorbedParts[$0] }
    }

    private mutating func beginLine(seq: Int64) {
        precondition(seq == position.head.seq + 1, "a summary absorbs events in journal order")
        if (seq - 1) % Self.seqsPerIndexEntry == 0 { absorbedLineIndex.append(position) }
    }

    private mutating func endLine(seq: Int64, date: BusinessDate, at end: JournalPosition) {
        if latestDate?.date == date {
            latestDate!.seq = seq
        } else {
            if let latest = latestDate { earlierDatesLastSeq[latest.date] = latest.seq }
            latestDate = (date, seq)
        }
        position = end
        eventsAbsorbed += 1
    }

    /// Makes the key index quick to search after many events were absorbed one by one.
    public mutating func settleKeyIndex() {
        keyIndex.settle()
        voucherIndex.settle()
    }

    /// The part of `project`: the checkpoint's, followed by what was absorbed; nil when the
    /// journal holds nothing of it.
    public func part(of project: String) throws -> ProjectSummary? {
        try parts(of: [project])[project]
    }

    /// The parts of `projects` that the journal holds (see `part(of:)`).
    public func parts(of projects: Set<String>) throws -> [String: ProjectSummary] {
        var parts = try base?.parts(of: projects) ?? [:]
        for project in projects {
            guard let later = absorbedPart(project) else { continue }
            parts[project] = parts[project].map { $0.followed(by: later) } ?? later
        }
        return parts
    }

    /// Every project's part, each handed to `visit` once, in no particular order.
    public func forEachPart(_ visit: (String, ProjectSummary) throws -> Void) throws {
        var seen = Set<String>()
        try base?.forEachPart { project, earlier in
            if let later = absorbedPart(project) {
                seen.insert(project)
                try visit(project, earlier.followed(by: later))
            } else {
                try visit(project, earlier)
            }
        }
        for (project, part) in zip(absorbedPositions.ids, absorbedParts) where !seen.contains(project) { try visit(project, part) }
    }

    /// The journal-wide events' lines, in order.
    public var wideLines: [LineRef] { (base?.wide ?? []) + absorbedWide }

    /// Projects in which the checkpoint's maker found an event breaking a rule: a reader of some
    /// projects checks these too, so that it warns of them (see `CheckpointImage.suspects`).
    public var suspects: Set<String> { base?.suspects ?? [] }

    /// The position at which to start reading to reach event `seq`: its line or an earlier one.
    public func searchStart(for seq: Int64) -> JournalPosition? {
        guard seq >= 1, seq <= position.head.seq else { return nil }
        let entry = Int((seq - 1) / Self.seqsPerIndexEntry)
        let inBase = base?.lineIndex.count ?? 0
        if entry < inBase { return base!.lineIndex[entry] }
        return entry - inBase < absorbedLineIndex.count ? absorbedLineIndex[entry - inBase] : nil
    }

    /// The seqs of events whose client key may be `key`.
    public func candidateSeqs(forKey key: String) throws -> [Int64] {
        try candidateSeqs(forKeys: [key])[key] ?? []
    }

    /// The seqs of events whose client key may be each of `keys`, by key (those with none left
    /// out): as `candidateSeqs(forKey:)`, the written runs of the index read once for all.
    public func candidateSeqs(forKeys keys: [String]) throws -> [String: [Int64]] {
        let fingerprints = keys.map(Self.fingerprint)
        let absorbed = try keyIndex.seqs(fingerprints)
        var found: [String: [Int64]] = [:]
        for (key, fingerprint) in zip(keys, fingerprints) where found[key] == nil {
            let seqs = (try base?.keySeqs(fingerprint) ?? []) + (absorbed[fingerprint] ?? [])
            if !seqs.isEmpty { found[key] = seqs }
        }
        return found
    }

    /// The last seq of each business date's events, ascending by date.
    public var lastSeqByDate: [(date: BusinessDate, seq: Int64)] {
        var merged: [BusinessDate: Int64] = absorbedLastSeqByDate
        for (date, seq) in base?.lastSeqByDate ?? [] where merged[date] == nil { merged[date] = seq }
        return merged.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The last event dated by `asOf` (any date when nil): how far a replay to that date reaches.
    public func lastSeq(asOf: BusinessDate?) -> Int64 {
        guard let asOf else { return position.head.seq }
        var last: Int64 = 0
        for (date, seq) in base?.lastSeqByDate ?? [] where date <= asOf { last = max(last, seq) }
        for (date, seq) in absorbedLastSeqByDate where date <= asOf { last = max(last, seq) }
        return last
    }

    /// The seqs of events whose voucher may be `voucher`.
    public func candidateSeqs(forVoucher voucher: String) throws -> [Int64] {
        let fingerprint = Self.fingerprint(of: voucher)
        return (try base?.voucherSeqs(fingerprint) ?? []) + (try voucherIndex.seqs(fingerprint))
    }

    /// Every voucher's entry, ascending by fingerprint: the checkpoint's and those absorbed.
    public func voucherEntries() -> KeyEntryStream {
        KeyEntryStream((base.map { [$0.voucherChunks()] } ?? []) + voucherIndex.chunkSources)
    }

    /// Whether any client key was recorded.
    public var hasKeys: Bool { keyIndex.count > 0 || (base?.hasKeys ?? false) }

    /// The fingerprint a key is indexed by (see `Fingerprint`).
    public static func fingerprint(of key: String) -> UInt64 { Fingerprint.of(key) }

    /// Every client key's entry, ascending by fingerprint: the checkpoint's and those absorbed.
    public func keyEntries() -> KeyEntryStream {
        KeyEntryStream((base.map { [$0.keyChunks()] } ?? []) + keyIndex.chunkSources)
    }

    /// Everything the summary holds, read whole: to compare a checkpoint with a replay. Without
    /// `indexes`, the client keys and vouchers are left out (see `sameIndexes(as:)`).
    public func contents(indexes: Bool = true) throws -> Contents {
        var parts: [String: ProjectSummary] = [:]
        try forEachPart { parts[$0] = $1 }
        var keys = keyEntries(), vouchers = voucherEntries()
        return Contents(position: position, parts: parts, wide: wideLines, keys: indexes ? try keys.all() : [], vouchers: indexes ? try vouchers.all() : [],
                        lineIndex: (base?.lineIndex ?? []) + absorbedLineIndex, lastSeqByDate: lastSeqByDate.map { DateSeq(date: $0.date, seq: $0.seq) })
    }

    /// Whether both hold the same client keys and vouchers, compared as they are read: ten
    /// million keys are held a chunk at a time, not whole.
    public func sameIndexes(as other: JournalSummary) throws -> Bool {
        var keys = keyEntries(), otherKeys = other.keyEntries()
        var vouchers = voucherEntries(), otherVouchers = other.voucherEntries()
        return try keys.elementsEqual(&otherKeys) && vouchers.elementsEqual(&otherVouchers)
    }

    /// A summary's contents, however it came by them.
    public struct Contents: Equatable {
        public let position: JournalPosition
        public let parts: [String: ProjectSummary]
        public let wide: [LineRef]
        public let keys: [KeyIndex.Entry]
        public let vouchers: [KeyIndex.Entry]
        public let lineIndex: [JournalPosition]
        public let lastSeqByDate: [DateSeq]
    }

    public struct DateSeq: Equatable {
        public let date: BusinessDate
        public let seq: Int64
    }
}

extension JournalSummary {
    /// The condensed journal of `projects` (every project when nil) and the journal-wide
    /// events, to `asOf` (all dates when nil), in the order of their seqs: a total by that of the
    /// last payment it sums, so that a fold sees each project registered before it is paid
    /// from. An event in the parts of two projects comes once. `read` turns lines into events.
    public func condensed(projects: Set<String>?, asOf: BusinessDate? = nil,
                          read: ([LineRef]) throws -> [Event]) throws -> [CondensedItem] {
        var lines = wideLines
        var totals: [PaymentTotal] = []
        func take(_ part: ProjectSummary) {
            lines += part.events
            for total in part.totals where asOf.map({ total.key.date <= $0 }) ?? true { totals.append(total) }
        }
        if let projects {
            for (_, part) in try parts(of: projects).sorted(by: { $0.key < $1.key }) { take(part) }
        } else {
            try forEachPart { _, part in take(part) }
        }
        lines.sort { $0.seq < $1.seq }
        var unique: [LineRef] = []
        unique.reserveCapacity(lines.count)
        for line in lines where unique.last?.seq != line.seq { unique.append(line) }
        // Events absorbed and kept are not read again.
        let unread = unique.filter { keptEvents[$0.seq] == nil }
        var events = try read(unread)
        if unread.count < unique.count { events += unique.compactMap { keptEvents[$0.seq] } }
        events.sort { $0.seq < $1.seq }
        if let asOf { events.removeAll { $0.date > asOf } }
        // The totals sorted apart by their own field and the two merged: sorted together, every
        // comparison took two items apart (an event or a total) to find their seqs, 2–3 ms of a
        // checkpointed report's 65.
        totals.sort { $0.lastSeq < $1.lastSeq }
        var items: [CondensedItem] = []
        items.reserveCapacity(events.count + totals.count)
        var nextEvent = 0, nextTotal = 0
        while nextEvent < events.count || nextTotal < totals.count {
            if nextTotal == totals.count || (nextEvent < events.count && events[nextEvent].seq < totals[nextTotal].lastSeq) {
                items.append(.event(events[nextEvent]))
                nextEvent += 1
            } else {
                items.append(.total(totals[nextTotal]))
                nextTotal += 1
            }
        }
        return items
    }
}
