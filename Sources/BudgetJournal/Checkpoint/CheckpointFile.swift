import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// The checkpoint as a file beside its journal, one for each user who keeps one.
extension Checkpoint {
    public static func path(for journal: String, owner: UInt32) -> String { journal + ".u\(owner).checkpoint" }

    /// What was found where a checkpoint would be.
    public enum Found {
        case absent
        /// A file that is not a checkpoint this user's key authenticates, or not a regular file:
        /// never trusted.
        case refused(path: String)
        case summary(JournalSummary)
    }

    /// Writes atomically: a temporary file, made exclusively under a name no one can guess,
    /// renamed over the old checkpoint. No fsync: a checkpoint lost in a crash is only rebuilt.
    /// Only a regular file is ever replaced.
    public static func write(_ summary: JournalSummary, forJournal journal: JournalFile) {
        guard summary.position.offset >= journal.checkpointBytesMin, let key = journal.checkpointKey else { return }
        write(encoded: encode(summary, key: key), forJournal: journal)
    }

    /// Writes checkpoint bytes already encoded (see `encode`).
    public static func write(encoded bytes: [UInt8], forJournal journal: JournalFile) {
        guard let key = journal.checkpointKey else { return }
        let target = path(for: journal.path, owner: key.owner)
        var existing = stat()
        if lstat(target, &existing) == 0, existing.st_mode & S_IFMT != S_IFREG { return }
        var template = Array((target + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return }
        let temporary = String(cString: template)
        let written = (try? FileBytes.write(bytes, to: fd)) != nil
        close(fd)
        if written, rename(temporary, target) == 0 { return }
        unlink(temporary)
    }

    /// The checkpoint of `journal`, as this user's key finds it.
    public static func read(forJournal journal: JournalFile) -> Found {
        guard let key = journal.checkpointKey else { return .absent }
        let target = path(for: journal.path, owner: key.owner)
        // Not following a link, and not waiting on a FIFO: anything but a regular file is refused at once.
        let fd = open(target, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return errno == ENOENT ? .absent : .refused(path: target) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0, info.st_size < Int(Limits.journalBytesMax),
              let bytes = try? FileBytes.read(fd, count: Int(info.st_size), at: 0), bytes.count == Int(info.st_size),
              let summary = decode(bytes, key: key)
        else { return .refused(path: target) }
        return .summary(summary)
    }

    /// Moves a refused checkpoint aside, as evidence, under a name of its own
    /// (`…checkpoint.rejected-TIME`); returns that name, or nil when it could not be moved.
    public static func setAside(_ path: String) -> String? {
        let stamp = time(nil)
        for attempt in 0..<100 {
            let aside = path + ".rejected-\(stamp)" + (attempt == 0 ? "" : "-\(attempt)")
            var existing = stat()
            guard lstat(aside, &existing) != 0 else { continue }
            if rename(path, aside) == 0 { return aside }
            return nil
        }
        return nil
    }
}
