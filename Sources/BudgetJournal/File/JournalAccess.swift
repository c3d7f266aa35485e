import BudgetModel
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// What a writer sees while it holds the journal's exclusive lock: the journal summarised, and
/// the file itself, to find an event by seq or by client key without reading everything.
public struct JournalAccess {
    public let summary: JournalSummary
    let file: JournalFile
    let fd: Int32

    /// The event with `seq`: from the summary when it is not a payment, else from its line.
    public func event(seq: Int64) throws -> Event? {
        if let event = summary.events.first(where: { $0.seq == seq }) { return event }
        return try file.event(seq: seq, fd: fd, summary: summary)
    }

    /// The events recorded under client key `key`.
    public func events(withKey key: String) throws -> [Event] {
        try summary.candidateSeqs(forKey: key).compactMap { try event(seq: $0) }.filter { $0.id == key }
    }

    /// The events recorded under any of `keys`, by key, found in one pass over the journal from
    /// the first candidate to the last: a batch that is imported again looks up every row.
    public func events(withKeys keys: [String]) throws -> [String: Event] {
        // Only keys whose fingerprint is in the index can have been used: a new batch has none.
        guard summary.keyIndex.count > 0 else { return [:] }
        var wanted = Set<String>()
        var seqs = Set<Int64>()
        for key in keys {
            let candidates = summary.candidateSeqs(forKey: key)
            guard !candidates.isEmpty else { continue }
            wanted.insert(key)
            seqs.formUnion(candidates)
        }
        var found: [String: Event] = [:]
        for event in summary.events where seqs.contains(event.seq) && wanted.contains(event.id) { found[event.id] = event }
        guard let first = seqs.min(), let last = seqs.max(), let start = summary.searchStart(for: first) else { return found }
        do {
            _ = try JournalScanner.scan(fd: fd, path: file.path, from: start) { event in
                if seqs.contains(event.seq), wanted.contains(event.id) { found[event.id] = event }
                if event.seq >= last { throw StopScan() }
            }
        } catch is StopScan {}
        return found
    }
}

extension JournalAccess {
    /// Every client id recorded on more than one line, as a problem naming the later line and
    /// the first. The key index holds every id's fingerprint in order, so only ids whose
    /// fingerprints repeat are read and compared; a million ids cost a sort, not a table of them.
    public func reusedKeys() throws -> [String] {
        let entries = summary.keyIndex.entries
        var problems: [String] = []
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].fingerprint == entries[start].fingerprint { end += 1 }
            if end - start > 1 {
                var firstLine: [String: Int64] = [:]
                for entry in entries[start..<end] {
                    guard let event = try event(seq: entry.seq) else { continue }
                    if let first = firstLine[event.id] {
                        problems.append("journal line \(max(first, event.seq)): id '\(event.id)' was already used by line \(min(first, event.seq))")
                    } else {
                        firstLine[event.id] = event.seq
                    }
                }
            }
            start = end
        }
        return problems
    }
}

/// What an append did.
public struct AppendOutcome: Sendable {
    public let appended: [Event]
    public let head: JournalHead
}

extension JournalFile {
    /// Appends the events that `build` makes, under an exclusive lock held from reading the
    /// tail to the fsync. `build` sees the journal summarised (from the checkpoint when it still
    /// matches, plus the lines after it, all checked) and validates; what it throws is rethrown
    /// and nothing is written. All the events go in one writev (of up to 1,024 chunks), then one fsync. The checkpoint is
    /// refreshed when the lines read past it grow many, so the next append reads few.
    @discardableResult
    public func append(_ build: (JournalAccess) throws -> [Event]) throws -> AppendOutcome {
        let fd = try openExisting(flags: O_RDWR | O_APPEND)
        defer { close(fd) }
        try lock(fd, LOCK_EX)
        // One owner of the summary, so that absorbing the new events changes it in place, uncopied.
        var reading = try summary(fd: fd, upTo: nil)
        let events = try build(JournalAccess(summary: reading.summary, file: self, fd: fd))
        guard !events.isEmpty else { return AppendOutcome(appended: [], head: reading.summary.position.head) }
        let encoded = try BatchEncoder.lines(for: events, after: reading.summary.position.head)
        guard let longest = encoded.lengths.max(), longest <= Limits.lineBytesMax else {
            throw JournalError.lineTooLong(bytes: encoded.lengths.max() ?? 0)
        }
        var ends: [JournalPosition] = []
        ends.reserveCapacity(events.count)
        let sizeBefore = reading.summary.position.offset
        var position = reading.summary.position
        for (head, length) in zip(encoded.heads, encoded.lengths) {
            position = JournalPosition(head: head, offset: position.offset + Int64(length + 1))
            ends.append(position)
        }
        // The next checkpoint is made while the batch is written and synced, on the other core;
        // it is put beside the journal only once the batch is durable.
        let refresh = !reading.usedCheckpoint || reading.eventsRead + Int64(events.count) >= Self.checkpointTailMax
        let next = CheckpointInProgress(refresh ? reading.summary : nil, absorbing: events, endingAt: ends, for: self)
        reading = SummaryReading(summary: JournalSummary(), eventsRead: 0, usedCheckpoint: false)   // let the copy go
        do { try writeAll(fd, chunks: encoded.chunks, restoringSize: sizeBefore) } catch {
            next.wait()
            throw error
        }
        if let encoded = next.encoded() { Checkpoint.write(encoded: encoded, forJournal: self) }
        return AppendOutcome(appended: events, head: position.head)
    }

    /// Lines a command may read past the checkpoint before it writes a new one.
    public static let checkpointTailMax: Int64 = 2_000
}

/// A journal open for reading under a shared lock, for commands that stream it themselves.
public struct JournalReading {
    let file: JournalFile
    let fd: Int32

    /// Scans every line from `start`, checking each, and hands each event and the position just
    /// past its line to `visit`.
    public func scan(from start: JournalPosition = .origin, keepingHashOf keptSeq: Int64? = nil,
                     _ visit: (Event, JournalPosition) throws -> Void) throws -> (end: JournalPosition, kept: JournalHead?) {
        try JournalScanner.scanLines(fd: fd, path: file.path, from: start, keepingHashOf: keptSeq, visit)
    }

    /// Access to events by seq or key, by way of `summary`'s indexes.
    public func access(_ summary: JournalSummary) -> JournalAccess {
        JournalAccess(summary: summary, file: file, fd: fd)
    }
}

extension JournalFile {
    /// Runs `body` with the journal open under a shared lock: appends wait until it returns.
    public func reading<T>(_ body: (JournalReading) throws -> T) throws -> T {
        let fd = try openExisting(flags: O_RDONLY)
        defer { close(fd) }
        try lock(fd, LOCK_SH)
        return try body(JournalReading(file: self, fd: fd))
    }
}
