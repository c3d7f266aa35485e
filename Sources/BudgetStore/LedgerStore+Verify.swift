import BudgetText
import BudgetJournal
import BudgetModel
import BudgetProjections

/// What `verify` found besides the chain: the head, the hash of a line asked for, and what became
/// of the checkpoint.
public struct Verification: Sendable {
    public let head: JournalHead
    public let kept: JournalHead?
    public let checkpoint: CheckpointVerdict
    /// Events that break a rule of the ledger though their lines are intact.
    public let violations: Violations
    /// Each close and reopen of a fiscal year, with the journal's head at its line: a close's
    /// is the head to publish.
    public let yearMarks: [(mark: YearMark, head: JournalHead)]
}

/// The checkpoint, compared with the journal's own replay.
public enum CheckpointVerdict: Sendable {
    case none
    /// Authenticated, and equal to the replay up to its line.
    case agrees(path: String, seq: Int64)
    /// Covering lines the journal no longer holds as they were (cut back, or changed): rebuilt.
    case stale(path: String)
    /// Not one the user's key authenticates: never trusted, moved aside.
    case refused(path: String, movedTo: String?)
}

/// A checkpoint the user's key authenticates, yet not the journal's replay: a bug, not a forgery.
public struct CheckpointDisagrees: Error, CustomStringConvertible, Explained {
    public let path: String
    public let seq: Int64
    public let movedTo: String?
    public var explanation: Message {
        Message(.checkpointDisagrees, path, seq, movedTo.map { Message(.inPath, $0) } ?? "")
    }
    public var description: String { explanation.description }
}

extension LedgerStore {
    /// Checks the whole journal, never trusting the checkpoint: every line's hash and its link
    /// to the line before, every event's sense, and that no client id is used twice. The
    /// checkpoint is then compared with the replay up to its own line; it is rebuilt after.
    /// `keptSeq` asks for the hash of one line back, to confirm a head published earlier.
    public func verify(keepingHashOf keptSeq: Int64? = nil) throws -> Verification {
        let found = journal.isLargeEnoughForCheckpoint ? Checkpoint.read(forJournal: journal) : .absent
        var image: CheckpointImage?
        if case .image(let opened) = found { image = opened }
        var yearMarks: [(mark: YearMark, head: JournalHead)] = []
        // With no checkpoint to compare, the fresh one is written while the ids are checked, and
        // waited for before this returns or throws. One to compare is replaced only after.
        let writing = CheckpointWrites()
        defer { writing.waitForAll() }
        var writesEarly = false
        if case .absent = found { writesEarly = true }
        let writeEarly: ((JournalSummary, Set<String>) -> Void)? = writesEarly ? { [journal] summary, suspects in
            writing.start { Checkpoint.write(summary, suspects: suspects, forJournal: journal) }
        } : nil
        let scanned = try scanEveryLine(keepingHashOf: keptSeq, snapshotAt: image?.position.head.seq, checkingIDs: true,
                                        visitingPayments: false, whenSummarised: writeEarly) { event, end in
            if let mark = event.body.yearMark { yearMarks.append((mark, end.head)) }
        }
        var verdict = CheckpointVerdict.none
        switch found {
        case .absent: break
        case .refused(let path): verdict = .refused(path: path, movedTo: Checkpoint.setAside(path))
        case .image(let image):
            guard let snapshot = scanned.snapshot, snapshot.position == image.position else {
                verdict = .stale(path: image.path)
                break
            }
            let contents: JournalSummary.Contents
            let sameIndexes: Bool
            do {
                let checkpointed = JournalSummary(base: image)
                contents = try checkpointed.contents(indexes: false)
                sameIndexes = try checkpointed.sameIndexes(as: snapshot)
            } catch is CheckpointUnusable {
                // A page that does not match its digest: not the user's checkpoint, whatever its
                // table says. Anything else (the replay's own keys unreadable) fails the verify.
                verdict = .refused(path: image.path, movedTo: image.movedTo)
                break
            }
            guard sameIndexes, contents == (try snapshot.contents(indexes: false)) else {
                throw CheckpointDisagrees(path: image.path, seq: snapshot.position.head.seq, movedTo: Checkpoint.setAside(image.path))
            }
            verdict = .agrees(path: image.path, seq: snapshot.position.head.seq)
        }
        if !writesEarly { Checkpoint.write(scanned.summary, suspects: scanned.source.book.violations.projects, forJournal: journal) }
        return Verification(head: scanned.source.head, kept: scanned.kept, checkpoint: verdict, violations: scanned.source.book.violations,
                            yearMarks: yearMarks)
    }
}
