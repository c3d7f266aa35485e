import BudgetText
import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

extension JournalFile {
    /// The journal summarised up to `lastSeq` (its end when nil), read from `fd`, which the
    /// caller holds locked. The checkpoint is the summary's base when it covers no more than that
    /// and the line it names is still in the journal, unchanged; only the lines after it are then
    /// read (and checked). Otherwise the whole journal is read. `usingCheckpoint` false reads it
    /// whole regardless: after a checkpoint failed.
    func summary(fd: Int32, upTo lastSeq: Int64?, usingCheckpoint: Bool = true) throws -> JournalSummary {
        var fold = SummaryFold(summary: JournalSummary(), limit: lastSeq ?? Int64.max)
        if usingCheckpoint, try size(of: fd) >= checkpointBytesMin, let checkpoint = trustedCheckpoint(),
           lastSeq.map({ checkpoint.position.head.seq <= $0 }) ?? true, (try? confirms(checkpoint.position, fd: fd)) == true {
            fold.summary = JournalSummary(base: checkpoint)
        }
        do {
            _ = try JournalScanner.scanFigures(fd: fd, path: path, from: fold.summary.position, into: &fold)
        } catch is StopScan {}
        fold.summary.settleKeyIndex()
        return fold.summary
    }

    /// Every line up to `limit` absorbed into `summary`.
    private struct SummaryFold: FigureFold {
        var summary: JournalSummary
        let limit: Int64

        mutating func take(_ event: Event, endingAt end: JournalPosition) throws {
            guard event.seq <= limit else { throw StopScan() }
            summary.absorb(event, endingAt: end)
        }

        mutating func take(_ payment: PaymentFigures, endingAt end: JournalPosition) throws {
            guard payment.seq <= limit else { throw StopScan() }
            summary.absorb(payment, endingAt: end)
        }
    }

    /// This user's checkpoint, when their key authenticates it. Anything else found in its place
    /// is never trusted: it is set aside, as evidence, and said so.
    func trustedCheckpoint() -> CheckpointImage? {
        switch Checkpoint.read(forJournal: self) {
        case .absent: return nil
        case .image(let image): return image
        case .refused(let path):
            let aside = Checkpoint.setAside(path)
            notice(Message(.checkpointNotAuthenticated, path, aside.map { Message(.movedTo, $0) } ?? ""))
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

    /// The events of `lines`, read back from the journal and checked: each line decodes, its hash
    /// is its own, and it is the event and line the summary noted. Lines close together are read
    /// in one go. A line that is not as noted means the journal changed under the checkpoint.
    func events(at lines: [LineRef], fd: Int32) throws -> [Event] {
        var events: [Event] = []
        events.reserveCapacity(lines.count)
        let order = lines.indices.sorted { lines[$0].offset < lines[$1].offset }
        var decoded = [Event?](repeating: nil, count: lines.count)
        var next = 0
        while next < order.count {
            // A run of lines whose gaps are small is read at once, up to 1 MiB.
            let start = lines[order[next]].offset
            var end = next + 1
            var runEnd = start + Int64(lines[order[next]].length) + 1
            while end < order.count, lines[order[end]].offset - runEnd < 64 * 1024,
                  lines[order[end]].offset + Int64(lines[order[end]].length) + 1 - start <= 1 << 20 {
                runEnd = max(runEnd, lines[order[end]].offset + Int64(lines[order[end]].length) + 1)
                end += 1
            }
            let bytes: [UInt8]
            do { bytes = try FileBytes.read(fd, count: Int(runEnd - start), at: start) } catch {
                throw JournalError.system(path: path, operation: "read", errno: error.errno)
            }
            for position in order[next..<end] {
                let line = lines[position]
                let from = Int(line.offset - start), to = from + Int(line.length)
                guard to < bytes.count, bytes[to] == 0x0A else {
                    throw JournalChanged(seq: line.seq)
                }
                let event: EventDecoder.Decoded
                do { event = try bytes[from..<to].withUnsafeBytes { try EventDecoder.decode($0) } } catch { throw JournalChanged(seq: line.seq) }
                guard event.event.seq == line.seq, event.hash.prefix64 == line.hashPrefix else { throw JournalChanged(seq: line.seq) }
                decoded[position] = event.event
            }
            next = end
        }
        for event in decoded { events.append(event!) }
        return events
    }
}

/// A line the summary noted is no longer what it was: the journal changed under the checkpoint.
/// The checkpoint is then not used, and the journal read whole (which finds the change).
public struct JournalChanged: Error, CustomStringConvertible, Explained {
    public let seq: Int64
    public var explanation: Message { Message(.journalLineIsNotLine, seq) }
    public var description: String { explanation.description }
}

/// Ends a scan early; never escapes.
struct StopScan: Error {}
