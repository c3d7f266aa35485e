import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// How a summary was obtained, for the caller to decide whether to write a fresh checkpoint.
public struct SummaryReading: Sendable {
    public internal(set) var summary: JournalSummary
    /// Events read from the journal itself: all of them, or only those after the checkpoint.
    public let eventsRead: Int64
    public let usedCheckpoint: Bool
}

extension JournalFile {
    /// The journal summarised up to `lastSeq` (its end when nil), under a shared lock. A
    /// checkpoint is used when it covers no more than that and the line it names is still in the
    /// journal, unchanged; only the lines after it are then read (and checked). Otherwise the
    /// whole journal is read.
    public func summary(upTo lastSeq: Int64? = nil, keepingHashOf keptSeq: Int64? = nil) throws -> SummaryReading {
        let fd = try openExisting(flags: O_RDONLY)
        defer { close(fd) }
        try lock(fd, LOCK_SH)
        return try summary(fd: fd, upTo: lastSeq)
    }

    func summary(fd: Int32, upTo lastSeq: Int64?) throws -> SummaryReading {
        var summary = JournalSummary()
        var usedCheckpoint = false
        if try size(of: fd) >= checkpointBytesMin, let checkpoint = trustedCheckpoint(),
           lastSeq.map({ checkpoint.position.head.seq <= $0 }) ?? true, (try? confirms(checkpoint.position, fd: fd)) == true {
            summary = checkpoint
            usedCheckpoint = true
        }
        var read: Int64 = 0
        let limit = lastSeq ?? Int64.max
        do {
            _ = try JournalScanner.scanLines(fd: fd, path: path, from: summary.position) { event, end in
                guard event.seq <= limit else { throw StopScan() }
                summary.absorb(event, endingAt: end)
                read += 1
            }
        } catch is StopScan {}
        summary.settleKeyIndex()
        return SummaryReading(summary: summary, eventsRead: read, usedCheckpoint: usedCheckpoint)
    }

    /// This user's checkpoint, when their key authenticates it. Anything else found in its place
    /// is never trusted: it is set aside, as evidence, and said so.
    func trustedCheckpoint() -> JournalSummary? {
        switch Checkpoint.read(forJournal: self) {
        case .absent: return nil
        case .summary(let summary): return summary
        case .refused(let path):
            let aside = Checkpoint.setAside(path)
            notice("checkpoint \(path) is not one your key authenticates (damaged, forged, or made by an older version): not used\(aside.map { "; moved to \($0)" } ?? ""); the journal is read whole")
            return nil
        }
    }

    /// Whether the journal still holds, ending exactly at `position.offset`, an intact line with
    /// the position's seq and hash: the check that makes a checkpoint trustworthy.
    func confirms(_ position: JournalPosition, fd: Int32) throws -> Bool {
        guard position.offset > 0 else { return position.head == .empty }
        let window = Int(min(position.offset, Int64(Limits.lineBytesMax + 1)))
        var bytes = [UInt8](repeating: 0, count: window)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, window, off_t(position.offset - Int64(window))) }
        guard count == window, bytes.last == 0x0A else { return false }
        let start = bytes[..<(window - 1)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        guard start > 0 || position.offset == Int64(window) else { return false }
        let decoded = try bytes[start..<(window - 1)].withUnsafeBytes { try EventDecoder.decode($0) }
        return decoded.event.seq == position.head.seq && decoded.hash == position.head.hash
    }

    func size(of fd: Int32) throws(JournalError) -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(path: path, operation: "stat", errno: errno) }
        return Int64(info.st_size)
    }

    /// The event with `seq`, read from the journal by way of the summary's line index.
    func event(seq: Int64, fd: Int32, summary: JournalSummary) throws -> Event? {
        guard let start = summary.searchStart(for: seq) else { return nil }
        var found: Event?
        do {
            _ = try JournalScanner.scan(fd: fd, path: path, from: start, blockBytes: 256 * 1024) { event in
                if event.seq == seq { found = event; throw StopScan() }
            }
        } catch is StopScan {}
        return found
    }
}

/// Ends a scan early; never escapes.
struct StopScan: Error {}
