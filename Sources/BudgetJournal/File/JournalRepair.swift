import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

extension JournalFile {
    public struct MovedTail: Equatable, Sendable {
        public let bytes: Int
        public let afterSeq: Int64
        public let sidePath: String
        /// The event the torn line holds, when only its newline is missing. It was never
        /// acknowledged, since the newline is written in the same write and before the fsync.
        public let completeEvent: Event?
        /// When what was moved is a batch cut short: how many events it announced, and how many
        /// whole lines of it were written.
        public let batch: CutBatch?
    }

    /// A batch cut short: how many events it announced, and how many whole lines of it were written.
    public struct CutBatch: Equatable, Sendable {
        public let count: Int
        public let written: Int
    }

    /// Moves a torn last line (bytes after the last newline, left by a crash mid-append) into a
    /// side file and cuts the journal back to its last complete line. Nothing is deleted, and
    /// nothing is done unless every complete line before the tear is intact. Nil when there is
    /// no tear.
    public func repairTornTail() throws(JournalError) -> MovedTail? {
        let fd = try openExisting(flags: O_RDWR)
        defer { close(fd) }
        try lock(fd, LOCK_EX)
        // Every complete line before the tear must be intact: damage is not a tear, and repair
        // refuses it rather than hide it.
        var last = JournalPosition.origin
        let cut: JournalPosition
        var batch: CutBatch?
        do {
            _ = try JournalScanner.scanLines(fd: fd, path: path) { _, end in last = end }
            return nil
        } catch JournalError.tornTail {
            cut = last
        } catch JournalError.incompleteBatch(_, let count, let read, let offset) {
            // The batch goes whole: the lines of it that were written, and any torn line after them.
            cut = JournalPosition(head: .empty, offset: offset)
            batch = CutBatch(count: count, written: read)
        } catch let error as JournalError {
            throw error
        } catch {
            throw .system(path: path, operation: "read", errno: EIO)
        }
        let size = try size(of: fd)
        let tail: [UInt8]
        do { tail = try FileBytes.read(fd, count: Int(size - cut.offset), at: cut.offset) } catch {
            throw .system(path: path, operation: "read", errno: error.errno)
        }
        let afterSeq = batch == nil ? cut.head.seq : last.head.seq - Int64(batch!.written)
        let side = try writeSideFile(tail, afterSeq: afterSeq)
        guard ftruncate(fd, off_t(cut.offset)) == 0 else { throw .system(path: path, operation: "truncate", errno: errno) }
        guard fsync(fd) == 0 else { throw .system(path: path, operation: "fsync", errno: errno) }
        let complete = batch == nil ? completeEvent(in: tail, after: cut.head) : nil
        return MovedTail(bytes: tail.count, afterSeq: afterSeq, sidePath: side, completeEvent: complete, batch: batch)
    }

    private func completeEvent(in tail: [UInt8], after head: JournalHead) -> Event? {
        guard let decoded = try? tail.withUnsafeBytes({ try EventDecoder.decode($0) }),
              decoded.prev == head.hash, decoded.event.seq == head.seq + 1 else { return nil }
        return decoded.event
    }

    private func writeSideFile(_ tail: [UInt8], afterSeq: Int64) throws(JournalError) -> String {
        var attempt = 0
        while true {
            let side = "\(path).torn-\(afterSeq + 1)" + (attempt == 0 ? "" : ".\(attempt)")
            let fd = open(side, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 && errno == EEXIST && attempt < 1000 { attempt += 1; continue }
            guard fd >= 0 else { throw .system(path: side, operation: "create", errno: errno) }
            defer { close(fd) }
            let written = tail.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            guard written == tail.count, fsync(fd) == 0 else { throw .system(path: side, operation: "write", errno: errno) }
            try syncDirectory()
            return side
        }
    }
}
