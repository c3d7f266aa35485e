import BudgetModel
import Dispatch

/// A summary absorbing an append's events, and encoded as a checkpoint, on another thread.
final class CheckpointInProgress: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: [UInt8]?

    init(_ summary: JournalSummary?, absorbing events: [Event], endingAt ends: [JournalPosition], for journal: JournalFile) {
        guard let summary, let last = ends.last, last.offset >= journal.checkpointBytesMin, let key = journal.checkpointKey else { return }
        group.enter()
        DispatchQueue.global().async { [self] in
            var summary = summary
            for (event, end) in zip(events, ends) { summary.absorb(event, endingAt: end) }
            result = Checkpoint.encode(summary, key: key)
            group.leave()
        }
    }

    func wait() { group.wait() }

    func encoded() -> [UInt8]? {
        group.wait()
        return result
    }
}
