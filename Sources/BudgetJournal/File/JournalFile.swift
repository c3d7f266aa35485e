import BudgetText
import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// The journal on disk. Readers take a shared lock and writers an exclusive one, so a reader
/// never sees half of an append. Every append writes whole lines at once (write or writev), then fsyncs,
/// and an append that fails is cut back, so the file holds either all of it or none.
public struct JournalFile: Sendable {
    public let path: String
    /// Journals smaller than this are read whole and get no checkpoint (see `Checkpoint`).
    public let checkpointBytesMin: Int64
    /// Where the key this user's checkpoint is authenticated with is found; without one there is
    /// no checkpoint, and every command reads the whole journal.
    public let checkpointKeys: CheckpointKeyring?
    /// Hears what a reader noticed and did on its own, such as a refused checkpoint set aside.
    public let notice: @Sendable (Message) -> Void
    /// Where a read leaves the fresh checkpoint it writes, to go on meanwhile; without it, a read
    /// waits for its checkpoint before it returns.
    public let checkpointWrites: CheckpointWrites?

    public init(path: String, checkpointBytesMin: Int64 = Checkpoint.journalBytesMin, checkpointKeys: CheckpointKeyring? = nil,
                checkpointWrites: CheckpointWrites? = nil, notice: @escaping @Sendable (Message) -> Void = { _ in }) {
        self.path = path
        self.checkpointBytesMin = checkpointBytesMin
        self.checkpointKeys = checkpointKeys
        self.checkpointWrites = checkpointWrites
        self.notice = notice
    }

    /// Whether the journal is large enough to have a checkpoint (see `checkpointBytesMin`).
    public var isLargeEnoughForCheckpoint: Bool {
        var info = stat()
        return stat(path, &info) == 0 && Int64(info.st_size) >= checkpointBytesMin
    }

    /// The key this user's checkpoint is authenticated with, read on first use.
    public var checkpointKey: CheckpointKey? { checkpointKeys?.key }

    /// Creates an empty journal. Never overwrites one. The directory is synced too, so the new
    /// file's name survives a crash.
    public func create() throws(JournalError) {
        // A link there, dangling or not, is not followed: the journal is a file of its own.
        var existing = stat()
        if lstat(path, &existing) == 0, existing.st_mode & S_IFMT != S_IFREG { throw .notRegular(path: path, kind: FileKind.of(existing)) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw .alreadyExists(path: path) }
            throw .system(path: path, operation: "create", errno: code)
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .system(path: path, operation: "fsync", errno: errno) }
        try syncDirectory()
    }

    /// Opens the journal, which must be a regular file: a FIFO would hang every reader (and a
    /// writer holding the lock), a device or a file of /proc reads as something it is not. It is
    /// opened without waiting (a FIFO without a writer would block the open itself), checked,
    /// and then read and written as usual.
    func openExisting(flags: Int32) throws(JournalError) -> Int32 {
        // A checkpoint this process is still writing is finished first: the read or append that
        // follows finds it in place, as it would have were the write waited for when it began.
        checkpointWrites?.waitForAll()
        let fd = open(path, flags | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw .notFound(path: path) }
            if code == EISDIR { throw .notRegular(path: path, kind: Message(.aDirectory)) }
            throw .system(path: path, operation: "open", errno: code)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { let code = errno; close(fd); throw .system(path: path, operation: "stat", errno: code) }
        guard info.st_mode & S_IFMT == S_IFREG else { close(fd); throw .notRegular(path: path, kind: FileKind.of(info)) }
        // A file of /proc or /sys says it is empty and yet holds bytes: it is no journal.
        if info.st_size == 0 {
            var byte: UInt8 = 0
            if pread(fd, &byte, 1, 0) > 0 { close(fd); throw .notRegular(path: path, kind: Message(.fileOfKernelSIt)) }
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    func lock(_ fd: Int32, _ mode: Int32) throws(JournalError) {
        while flock(fd, mode) != 0 {
            guard errno == EINTR else { throw .system(path: path, operation: "lock", errno: errno) }
        }
    }

    func readAll(_ fd: Int32) throws(JournalError) -> [UInt8] {
        let size = try size(of: fd)
        guard size <= Limits.journalBytesMax else { throw .tooLarge(path: path) }
        // A file that shrank under us is parsed as far as it goes.
        do { return try FileBytes.read(fd, count: Int(size), at: 0) } catch { throw .system(path: path, operation: "read", errno: error.errno) }
    }

    /// Linux's IOV_MAX: the most buffers one `writev` takes.
    static let vectorsPerWriteMax = 1_024

    /// Writes the chunks one after another with as few system calls as the kernel allows (one
    /// `writev` for up to 1,024 chunks). The caller syncs, and cuts the file back on failure.
    func writeAll(_ fd: Int32, chunks: [[UInt8]]) throws(JournalError) {
        var failure: JournalError?
        var vectors: [iovec] = []
        vectors.reserveCapacity(chunks.count)
        // Each chunk's storage is borrowed in place, nested, so that every pointer is used within
        // its own scope and nothing is copied.
        func borrowing(_ rest: ArraySlice<[UInt8]>, _ body: () -> Void) {
            guard let chunk = rest.first else { return body() }
            chunk.withUnsafeBytes { bytes in
                if bytes.count > 0 { vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count)) }
                borrowing(rest.dropFirst(), body)
            }
        }
        borrowing(chunks[...]) {
            var first = 0
            while first < vectors.count {
                let group = min(vectors.count - first, Self.vectorsPerWriteMax)
                let count = vectors.withUnsafeBufferPointer { writev(fd, $0.baseAddress! + first, Int32(group)) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { failure = .system(path: path, operation: "write", errno: errno); return }
                // Past what was written: whole vectors dropped, a partly written one advanced.
                var rest = count
                while rest > 0 && rest >= vectors[first].iov_len { rest -= vectors[first].iov_len; first += 1 }
                if rest > 0 {
                    vectors[first].iov_base = vectors[first].iov_base! + rest
                    vectors[first].iov_len -= rest
                }
            }
        }
        if let failure { throw failure }
    }

    func syncDirectory() throws(JournalError) {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .system(path: directory, operation: Message(.openDirectory), errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .system(path: directory, operation: Message(.fsyncDirectory), errno: errno) }
    }
}

/// What a file is, in words, for the error that refuses it.
public enum FileKind {
    public static func of(_ info: stat) -> Message {
        switch info.st_mode & S_IFMT {
        case S_IFIFO: return Message(.fIFONamedPipe)
        case S_IFCHR: return Message(.characterDevice)
        case S_IFBLK: return Message(.blockDevice)
        case S_IFDIR: return Message(.aDirectory)
        case S_IFSOCK: return Message(.aSocket)
        case S_IFLNK: return Message(.symbolicLink)
        default: return Message(.notRegularFile)
        }
    }
}
