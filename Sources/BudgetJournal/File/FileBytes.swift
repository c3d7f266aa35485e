import BudgetText
#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing a file's bytes, the one read loop and the one write loop: retried when a
/// signal interrupts them, a read stopped at the end of the file, a write continued until all is
/// written. Callers name the file in their own errors; this says only the errno.
public enum FileBytes {
    public struct ReadFailed: Error {
        public let errno: Int32
        public var reason: Message { Message.system(errno) }
    }

    /// Fills `buffer` from `offset` (from the file's position, for a pipe, when nil) until it is
    /// full or the file ends; returns how many bytes were read.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64? = nil) throws(ReadFailed) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = offset.map { pread(fd, buffer.baseAddress! + filled, buffer.count - filled, off_t($0 + Int64(filled))) }
                ?? Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ReadFailed(errno: errno) }
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    /// `count` bytes from `offset`, or fewer where the file ends, read straight into uninitialised
    /// storage: zeroing a large buffer first costs as much as reading it.
    public static func read(_ fd: Int32, count: Int, at offset: Int64? = nil) throws(ReadFailed) -> [UInt8] {
        var failure: ReadFailed?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(ReadFailed) { initialized = try read(fd, into: UnsafeMutableRawBufferPointer(buffer), at: offset) } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Every byte until the end of the file or pipe, or nil when there are more than `limit`:
    /// it reads one byte past the limit, no further.
    public static func readAll(_ fd: Int32, limit: Int) throws(ReadFailed) -> [UInt8]? {
        var info = stat()
        let sizeHint = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
        var bytes: [UInt8] = []
        var chunk = min(max(sizeHint + 1, 64 * 1024), limit + 1)
        while bytes.count <= limit {
            let more = try read(fd, count: min(chunk, limit + 1 - bytes.count))
            bytes += more
            if more.isEmpty || bytes.count > limit { break }
            chunk = min(bytes.count, limit + 1)
        }
        return bytes.count > limit ? nil : bytes
    }

    /// Writes every byte of `bytes` to `fd`, from its position.
    public static func write(_ bytes: [UInt8], to fd: Int32) throws(ReadFailed) {
        var failure: ReadFailed?
        bytes.withUnsafeBytes { raw in
            do throws(ReadFailed) { try write(raw, to: fd) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes every byte of `bytes` to `fd`, from its position.
    public static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws(ReadFailed) {
        var written = 0
        while written < bytes.count {
            let count = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw ReadFailed(errno: count < 0 ? errno : EIO) }
            written += count
        }
    }
}
