import BudgetText
#if canImport(Glibc)
import Glibc
#endif

/// An anonymous temporary file: created exclusively by `mkstemp` in $TMPDIR (or /tmp) and
/// unlinked at once, so that no other process can find it and it is gone when closed. What a
/// long read cannot hold in memory goes here: a listing, a piped import, the runs of a key index.
public final class SpoolFile {
    private let fd: Int32
    public var descriptor: Int32 { fd }
    public private(set) var size: Int64 = 0
    /// A write failed (or the file could not be made): what it holds is not what was appended.
    public private(set) var failed = false

    public init() {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/budget-spool-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } } else { failed = true }
    }

    deinit { if fd >= 0 { close(fd) } }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard !failed else { return }
        do { try FileBytes.write(bytes, to: fd) } catch { failed = true }
        size += Int64(bytes.count)
    }

    /// `count` bytes from `offset`.
    public func read(at offset: Int64, count: Int) throws(SpoolFailed) -> [UInt8] {
        guard !failed, let bytes = try? FileBytes.read(fd, count: count, at: offset), bytes.count == count else { throw SpoolFailed() }
        return bytes
    }

    /// Fills `buffer` from `offset`.
    public func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(SpoolFailed) {
        guard !failed, (try? FileBytes.read(fd, into: buffer, at: offset)) == buffer.count else { throw SpoolFailed() }
    }

    public struct SpoolFailed: Error, CustomStringConvertible, Explained {
        public init() {}
        public var explanation: Message { Message(.temporaryFileCouldNotBe) }
        public var description: String { explanation.description }
    }
}
