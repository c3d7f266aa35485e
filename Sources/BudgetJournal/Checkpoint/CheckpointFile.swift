import BudgetText
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
        case image(CheckpointImage)
    }

    /// Writes `summary` as the checkpoint of `journal`, atomically: a temporary file, made
    /// exclusively under a name no one can guess, renamed over the old checkpoint. No fsync: a
    /// checkpoint lost in a crash is only rebuilt. Only a regular file is ever replaced.
    /// `suspects` are the projects in which an event breaks a rule (see `CheckpointImage.suspects`).
    /// A checkpoint that cannot be written is no failure: the next command reads more of the journal.
    public static func write(_ summary: JournalSummary, suspects: Set<String>, forJournal journal: JournalFile) {
        writePending(summary, suspects: suspects, forJournal: journal)?.install()
    }

    /// A checkpoint written whole to its temporary file, not yet in place.
    struct Pending {
        let temporary: String
        let target: String

        /// Puts it in place of the old checkpoint.
        func install() {
            if rename(temporary, target) != 0 { drop() }
        }

        func drop() { unlink(temporary) }
    }

    /// `write` up to the rename: nil when there is nothing to put in place.
    static func writePending(_ summary: JournalSummary, suspects: Set<String>, forJournal journal: JournalFile) -> Pending? {
        guard summary.position.offset >= journal.checkpointBytesMin, let key = journal.checkpointKey else { return nil }
        let target = path(for: journal.path, owner: key.owner)
        var existing = stat()
        if lstat(target, &existing) == 0, existing.st_mode & S_IFMT != S_IFREG { return nil }
        var template = Array((target + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        let pending = Pending(temporary: String(cString: template), target: target)
        var writer = CheckpointWriter(fd: fd)
        let written = (try? { () throws -> Void in
            try writePages(of: summary, suspects: suspects, to: &writer)
            try writer.finish(position: summary.position, key: key)
        }()) != nil
        close(fd)
        guard written else { pending.drop(); return nil }
        return pending
    }

    /// The checkpoint of `journal`, as this user's key finds it. A checkpoint that fails later,
    /// when one of its pages is read, is set aside then, with a notice.
    public static func read(forJournal journal: JournalFile) -> Found {
        journal.checkpointWrites?.waitForAll()
        guard let key = journal.checkpointKey else { return .absent }
        let target = path(for: journal.path, owner: key.owner)
        // Not following a link, and not waiting on a FIFO: anything but a regular file is refused at once.
        let fd = open(target, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return errno == ENOENT ? .absent : .refused(path: target) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              case let (device, inode) = (info.st_dev, info.st_ino),
              let image = CheckpointImage.open(fd: fd, size: Int64(info.st_size), path: target, key: key, failed: { failure in
                  // Only this file is set aside, not a newer one another command put in its place.
                  var now = stat()
                  let same = lstat(target, &now) == 0 && now.st_dev == device && now.st_ino == inode
                  let aside = same ? setAside(target) : nil
                  journal.notice(Message(.checkpointNotUsed, failure.explanation, aside.map { Message(.movedTo, $0) } ?? ""))
                  return aside
              })
        else { close(fd); return .refused(path: target) }
        return .image(image)
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
