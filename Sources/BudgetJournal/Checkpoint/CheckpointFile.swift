import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// The checkpoint as a file beside its journal.
extension Checkpoint {
    public static func path(for journal: String) -> String { journal + ".checkpoint" }

    /// Writes atomically: a temporary file renamed over the old checkpoint. No fsync: a
    /// checkpoint lost in a crash is only rebuilt.
    public static func write(_ summary: JournalSummary, forJournal journal: JournalFile) {
        guard summary.position.offset >= journal.checkpointBytesMin else { return }
        write(encoded: encode(summary), forJournal: journal)
    }

    /// Writes checkpoint bytes already encoded (see `encode`).
    public static func write(encoded bytes: [UInt8], forJournal journal: JournalFile) {
        let target = path(for: journal.path)
        let temporary = target + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        if written == bytes.count { rename(temporary, target) } else { unlink(temporary) }
    }

    /// The checkpoint of `journal` as written, or nil if there is none or it is damaged.
    public static func read(forJournal journal: String) -> JournalSummary? {
        let fd = open(path(for: journal), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0, info.st_size < Int(Limits.journalBytesMax) else { return nil }
        guard let bytes = try? FileBytes.read(fd, count: Int(info.st_size), at: 0), bytes.count == Int(info.st_size) else { return nil }
        return decode(bytes)
    }
}
