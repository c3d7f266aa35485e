import BudgetText
import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// Operating errors of the journal file: each names the file or the line, because the person
/// reading it has to find and fix the problem.
public enum JournalError: Error, Equatable, CustomStringConvertible, Explained {
    case notFound(path: String)
    case alreadyExists(path: String)
    case system(path: String, operation: Message, errno: Int32)
    case damaged(line: Int, reason: Message)
    /// The last line has no newline: a write was cut short, by a crash or a full disk.
    case tornTail(line: Int)
    /// An append of several events was cut short: the journal ends inside it. None of it was
    /// acknowledged; `budget repair` moves it aside whole.
    case incompleteBatch(firstLine: Int, count: Int, read: Int, offset: Int64)
    case tooLarge(path: String)
    /// Anything but a regular file where the journal should be.
    case notRegular(path: String, kind: Message)
    case lineTooLong(bytes: Int)
    /// The file grew shorter while it was read: another program cut it.
    case changedWhileRead(path: String)
    /// An event the reader would refuse, caught before it was written.
    case invalidEvent(seq: Int64, reason: Message)

    public var description: String { explanation.description }

    /// This error with the line it names counted from `first` rather than from 0: a reader that
    /// numbers the lines of a block before it knows where the block begins.
    func numbered(from first: Int) -> JournalError {
        switch self {
        case .damaged(let line, let reason): .damaged(line: first + line, reason: reason)
        case .tornTail(let line): .tornTail(line: first + line)
        default: self
        }
    }

    public var explanation: Message {
        switch self {
        case .notFound(let path):
            return Message(.journalDoesNotExistCreate, path)
        case .alreadyExists(let path):
            return Message(.journalAlreadyExistsInitNever, path)
        case .system(let path, let operation, let code):
            return Message(.systemCallFailed, path, operation, Message.system(code))
        case .damaged(let line, let reason):
            return Message(.journalLine, line, reason)
        case .tornTail(let line):
            return Message(.journalLineIncompleteLastLine, line)
        case .incompleteBatch(let first, let count, let read, _):
            return Message(.journalLineBatchOfEvents, first, count, read)
        case .notRegular(let path, let kind):
            return Message(.journalIsNotRegularFile, path, kind)
        case .tooLarge(let path):
            return Message(.journalIsLargerThanLimit, path, Limits.journalBytesMax >> 30)
        case .invalidEvent(let seq, let reason):
            return Message(.eventCannotBeWritten, seq, reason)
        case .lineTooLong(let bytes):
            return Message(.eventWouldTakeBytesOver, bytes, Limits.lineBytesMax)
        case .changedWhileRead(let path):
            return Message(.journalShrankWhileRead, path)
        }
    }
}
