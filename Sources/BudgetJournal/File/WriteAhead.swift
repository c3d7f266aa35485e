import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Lines of a batch written while the batch is still being checked, by the thread that encodes
/// them ahead (`BatchEncoder.Ahead`): an import's check keeps one core busy for tens of
/// milliseconds, and the other, once it has encoded what it may hold, sat idle while the
/// writes waited for the check. Written ahead, most of the batch is in the page cache when the
/// check ends.
///
/// Nothing written ahead is ever seen as a batch unless the batch is admitted:
/// - the append holds the journal's exclusive lock, so no reader sees these lines meanwhile;
/// - the batch's last chunk is never written ahead, so a crash leaves a batch its first line
///   shows to be incomplete, which every command refuses until `repair` moves it aside whole
///   (as after a crash while writing);
/// - a batch refused, or written otherwise than encoded ahead, has the file cut back to the size
///   it had (`cutBack`), and synced: byte for byte what it was.
///
/// The append closes it once the check is done: from then on only the append writes.
final class WriteAhead: @unchecked Sendable {
    let file: JournalFile
    let fd: Int32
    /// The journal's size before the batch: where its first line goes, and where a cut goes back to.
    let start: Int64
    private let lock = DispatchSemaphore(value: 1)
    private var isOpen = true
    /// Bytes written ahead and still in the file.
    private var written: Int64 = 0
    /// Why a write ahead failed, if one did.
    private var failed: JournalError?
    /// Interrupts are held from the first line written ahead, as from the first line written
    /// (see `JournalFile.append`); the append takes them over.
    private var held: HeldInterrupts?

    init(file: JournalFile, fd: Int32, start: Int64) {
        self.file = file; self.fd = fd; self.start = start
    }

    /// Writes `bytes` after what was written ahead before, unless closed; whether they were
    /// written. A failed write closes it, and the append fails with it (see `failure`).
    func write(_ bytes: [UInt8]) -> Bool {
        lock.wait()
        defer { lock.signal() }
        guard isOpen else { return false }
        if held == nil { held = HeldInterrupts() }
        do {
            try file.writeAll(fd, chunks: [bytes])
        } catch {
            isOpen = false
            failed = error
            return false
        }
        written += Int64(bytes.count)
        return true
    }

    /// Why a write ahead failed (the disk full, say): part of a chunk may be in the file, so
    /// the append cuts back and fails with it rather than write after it.
    var failure: JournalError? {
        lock.wait()
        defer { lock.signal() }
        return failed
    }

    /// No line is written ahead once this returns (one being written is finished first).
    func close() {
        lock.wait()
        isOpen = false
        lock.signal()
    }

    /// Closes it, and cuts the file back to its size before the batch if anything was written
    /// ahead: the lines written ahead are not the batch's after all.
    func cutBack() {
        lock.wait()
        defer { lock.signal() }
        isOpen = false
        guard written > 0 || failed != nil else { return }
        _ = ftruncate(fd, off_t(start))
        _ = fsync(fd)
        written = 0
    }

    /// Bytes written ahead and still in the file.
    var bytesKept: Int64 {
        lock.wait()
        defer { lock.signal() }
        return written
    }

    /// The interrupts held since the first line written ahead, if any: the append releases them.
    func takeHeldInterrupts() -> HeldInterrupts? {
        lock.wait()
        defer { lock.signal() }
        let taken = held
        held = nil
        return taken
    }
}
