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
    }

    /// Moves a torn last line (bytes after the last newline, left by a crash mid-append) into a
    /// side file and cuts the journal back to its last complete line. Nothing is deleted, and
    /// nothing is done unless every complete line before the tear is intact. Nil when there is
    /// no tear.
    public func repairTornTail() throws(JournalError) -> MovedTail? {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw code == ENOENT ? .notFound(path: path) : .system(path: path, operation: "open", errno: code)
        }
        defer { close(fd) }
        try lock(fd, LOCK_EX)
        let bytes = try readAll(fd)
        let completeCount = (bytes.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        // Damage before the tail is not a tear: repair refuses it rather than hide it.
        let head = try JournalParser.parse(bytes[..<completeCount]).head
        guard completeCount < bytes.count else { return nil }
        let tail = Array(bytes[completeCount...])
        let side = try writeSideFile(tail, afterSeq: head.seq)
        guard ftruncate(fd, off_t(completeCount)) == 0 else { throw .system(path: path, operation: "truncate", errno: errno) }
        guard fsync(fd) == 0 else { throw .system(path: path, operation: "fsync", errno: errno) }
        return MovedTail(bytes: tail.count, afterSeq: head.seq, sidePath: side, completeEvent: completeEvent(in: tail, after: head))
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
