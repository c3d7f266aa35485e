import Dispatch

/// The checkpoint an append leaves, written to its temporary file on the other core while the
/// journal's fsync runs, and put in place only once the fsync has succeeded: a checkpoint never
/// covers lines that are not durable. Since a batch's lines are written back as they are
/// written (`EarlyWriteback`), its fsync takes well under a millisecond, and the append then
/// waits for the rest of the writing: 4–11 ms after an import of 100,000 rows (strace), with the
/// summary it writes complete only once the last line is encoded.
final class CheckpointHandoff: @unchecked Sendable {
    private let writing = DispatchGroup()
    /// Set on the other thread, read once `writing` is done.
    private var pending: Checkpoint.Pending?

    init(_ summary: JournalSummary, suspects: Set<String>, forJournal journal: JournalFile) {
        DispatchQueue.global().async(group: writing) { [self] in
            pending = Checkpoint.writePending(summary, suspects: suspects, forJournal: journal)
        }
    }

    /// Waits for the writing, then puts the checkpoint in place if the lines are `durable`, or
    /// drops it.
    func finish(durable: Bool) {
        writing.wait()
        guard let pending else { return }
        if durable { pending.install() } else { pending.drop() }
    }
}
