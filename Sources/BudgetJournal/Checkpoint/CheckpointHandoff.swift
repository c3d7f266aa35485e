import Dispatch

/// The checkpoint an append leaves, written to its temporary file on the other core while the
/// journal's fsync runs (the fsync leaves this one idle for about as long as the writing takes),
/// and put in place only once the fsync has succeeded: a checkpoint never covers lines that
/// are not durable.
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
