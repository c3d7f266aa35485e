import BudgetText
import BudgetJournal
import BudgetStore
#if canImport(Glibc)
import Glibc
#endif

/// What a command may touch: the journal's store, the environment, the clock, and where its
/// output goes. Commands get them from here rather than from globals, so tests can supply their own.
struct CommandContext {
    let store: LedgerStore
    let environment: [String: String]
    let output: Output
    /// Where long commands report progress: stderr when it is a terminal, nowhere otherwise.
    var progress: Progress? = nil
    /// Whether output may be coloured: stdout is a terminal and NO_COLOR is not set.
    var colour = false
    /// The terminal's width when stdout is one (`COLUMNS`, else the tty's): tables fit it. Nil for
    /// a pipe or a file, which get the full lines.
    var terminalWidth: Int? = nil
    /// The language messages, help and headings are said in (`--lang`, else the locale).
    var language = Language.en

    func write(_ text: String) { output.write(text) }
    /// Says `message` in the reader's language.
    func write(_ message: Message) { output.write(message.text(language)) }

    /// The moment an event is recorded, RFC 3339 in UTC. `BUDGET_NOW` overrides the clock, so
    /// that scripts and tests can build a journal whose bytes do not depend on when they ran.
    func now() throws(UsageError) -> String {
        if let fixed = environment["BUDGET_NOW"] {
            guard RecordedTime.isValid(fixed) else { throw UsageError(.bUDGETNOWIsNotTime, fixed) }
            return fixed
        }
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

extension CommandContext {
    /// The bytes of an input file a command was given (`--file`), at most `limit` of them. The
    /// error names the option, since that is what the person typed.
    func readInput(_ path: String, option: String, limit: Int) throws(UsageError) -> [UInt8] {
        // Opened without waiting, and refused at once unless a regular file: a FIFO would hang.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw UsageError("--\(option) \(path): \(Message.system(errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw UsageError(.isNotRegularFile2, option, path, FileKind.of(info))
        }
        let read: [UInt8]?
        do { read = try FileBytes.readAll(fd, limit: limit) } catch { throw UsageError("--\(option) \(path): \(error.reason)") }
        guard let read else { throw UsageError(.largerThanLimitOfBytes, option, path, limit) }
        return read
    }
}

enum RecordedTime {
    /// `YYYY-MM-DDTHH:MM:SSZ`, digits where digits belong.
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 else { return false }
        let pattern = Array("0000-00-00T00:00:00Z".utf8)
        return zip(bytes, pattern).allSatisfy { byte, shape in
            shape == UInt8(ascii: "0") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == shape
        }
    }
}
