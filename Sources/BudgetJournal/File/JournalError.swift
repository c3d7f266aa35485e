import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// Operating errors of the journal file: each names the file or the line, because the person
/// reading it has to find and fix the problem.
public enum JournalError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case alreadyExists(path: String)
    case system(path: String, operation: String, errno: Int32)
    case damaged(line: Int, reason: String)
    /// The last line has no newline: a write was cut short, by a crash or a full disk.
    case tornTail(line: Int)
    /// An append of several events was cut short: the journal ends inside it. None of it was
    /// acknowledged; `budget repair` moves it aside whole.
    case incompleteBatch(firstLine: Int, count: Int, read: Int, offset: Int64)
    case tooLarge(path: String)
    /// Anything but a regular file where the journal should be.
    case notRegular(path: String, kind: String)
    case lineTooLong(bytes: Int)
    /// An event the reader would refuse, caught before it was written.
    case invalidEvent(seq: Int64, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "journal \(path) does not exist (create it with `budget init`, or pass --journal PATH)"
        case .alreadyExists(let path):
            return "journal \(path) already exists; init never overwrites a journal"
        case .system(let path, let operation, let code):
            return "\(path): \(operation) failed: \(String(cString: strerror(code)))"
        case .damaged(let line, let reason):
            return "journal line \(line): \(reason)"
        case .tornTail(let line):
            return "journal line \(line): incomplete last line (the journal was cut short); run `budget verify`, then `budget repair`"
        case .incompleteBatch(let first, let count, let read, _):
            return "journal line \(first): a batch of \(count) events ends after \(read) of them (the journal was cut short while it was written; none of it was acknowledged); run `budget verify`, then `budget repair`"
        case .notRegular(let path, let kind):
            return "journal \(path) is \(kind), not a regular file; a journal is a file of its own"
        case .tooLarge(let path):
            return "journal \(path) is larger than the limit of \(Limits.journalBytesMax >> 30) GiB"
        case .invalidEvent(let seq, let reason):
            return "event #\(seq) cannot be written: \(reason)"
        case .lineTooLong(let bytes):
            return "the event would take \(bytes) bytes, over the line limit of \(Limits.lineBytesMax)"
        }
    }
}
