import Dispatch

/// Checkpoints a command writes behind its back: a read that leaves a fresh checkpoint hands
/// the writing here and goes on, so that the command renders its output on one core while the
/// checkpoint is written on the other (a cold report of a million payments with ids waited
/// 16–29 ms for it, then rendered for 13–21 ms). Whoever made it waits for them all before the
/// process ends (`waitForAll`); a journal that knows of it waits before it opens the journal or
/// its checkpoint again (`JournalFile.openExisting`, `Checkpoint.read`), so that every read of
/// this process finds the checkpoint in place, as if the write had been waited for, and writes
/// are never two at once.
public final class CheckpointWrites: Sendable {
    private let group = DispatchGroup()

    public init() {}

    /// Runs `work` on another thread: the writing, then whatever must be said after it.
    public func start(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue.global().async(group: group, execute: work)
    }

    /// Returns once every write started has ended.
    public func waitForAll() { group.wait() }
}
