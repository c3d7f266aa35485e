import BudgetText
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The secret a user's checkpoints are authenticated with: 32 random bytes in a file of the
/// user's own, outside every journal's folder (`$XDG_STATE_HOME/budget/checkpoint.key`, mode 0600),
/// made on first use. Whoever can write a journal's folder but not the user's home can neither
/// read it nor recompute it, so a checkpoint they forge fails authentication and is never trusted.
public struct CheckpointKey: Sendable {
    public static let bytesCount = 32
    public static let fileName = "checkpoint.key"

    let bytes: [UInt8]
    /// Whose key it is: each user who shares a journal keeps a checkpoint of their own.
    public let owner: UInt32

    init(bytes: [UInt8], owner: UInt32) { self.bytes = bytes; self.owner = owner }

    /// Why no key could be had: the checkpoint is then not used, and every command reads the
    /// whole journal.
    public struct Unavailable: Error, CustomStringConvertible, Explained {
        public let reason: Message
        public var explanation: Message { reason }
        public var description: String { reason.description }
    }

    /// The key in `directory`, made there (with the directory, mode 0700) when there is none. A
    /// key file that is not a regular file of this user's, or that others may read, is refused.
    public static func load(directory: String) -> Result<CheckpointKey, Unavailable> {
        let owner = geteuid()
        makeDirectories(directory)
        let path = directory + "/" + fileName
        if let key = read(path, owner: owner) { return key }
        if let problem = create(path, in: directory) { return .failure(Unavailable(reason: problem)) }
        return read(path, owner: owner) ?? .failure(Unavailable(reason: Message(.couldNotBeReadBack, path)))
    }

    /// The key at `path`, or nil when there is no file there yet.
    private static func read(_ path: String, owner: uid_t) -> Result<CheckpointKey, Unavailable>? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ENOENT ? nil : .failure(Unavailable(reason: Message(.pathThenReason, path, Message.system(errno))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .failure(Unavailable(reason: Message(.isNotRegularFile, path))) }
        guard info.st_uid == owner, info.st_mode & 0o077 == 0 else {
            return .failure(Unavailable(reason: Message(.mustBelongToYouAlone, path)))
        }
        guard let bytes = try? FileBytes.read(fd, count: bytesCount + 1, at: 0), bytes.count == bytesCount else {
            return .failure(Unavailable(reason: Message(.doesNotHoldKeyOf, path, bytesCount)))
        }
        return .success(CheckpointKey(bytes: bytes, owner: owner))
    }

    /// Makes the key file whole or not at all: written to a temporary file, synced, then linked
    /// to its name, which fails if another process made it first (whose key then stands).
    private static func create(_ path: String, in directory: String) -> Message? {
        var generator = SystemRandomNumberGenerator()
        var key: [UInt8] = []
        while key.count < bytesCount { withUnsafeBytes(of: generator.next() as UInt64) { key += $0 } }
        var template = Array((directory + "/.key-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return Message(.pathThenReason, directory, Message.system(errno)) }
        let temporary = String(cString: template)
        defer { unlink(temporary) }
        fchmod(fd, 0o600)
        let written = (try? FileBytes.write(key, to: fd)) != nil
        let synced = fsync(fd) == 0
        close(fd)
        guard written, synced else { return Message(.keyCouldNotBeWritten, directory) }
        guard link(temporary, path) == 0 || errno == EEXIST else { return Message(.pathThenReason, path, Message.system(errno)) }
        return nil
    }

    /// `mkdir -p`, each new directory readable by the user alone.
    private static func makeDirectories(_ directory: String) {
        var path = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/") {
            path += "/" + part
            _ = mkdir(path, 0o700)
        }
    }

    /// The key's own file, for tests.
    static func path(in directory: String) -> String { directory + "/" + fileName }
}

/// Where a user's checkpoint key is found, read only when a checkpoint is first needed: a small
/// journal, read whole every time, never touches it.
public final class CheckpointKeyring: @unchecked Sendable {
    private let load: () -> CheckpointKey?
    private var loaded: CheckpointKey??
    /// One reader at a time: the first loads the key, the rest wait for it.
    private let serial = DispatchQueue(label: "budget.checkpoint-keyring")

    public init(_ load: @escaping () -> CheckpointKey?) { self.load = load }

    /// The key in `directory` (see `CheckpointKey.load`), or none when it cannot be had.
    public convenience init(directory: String) {
        self.init { try? CheckpointKey.load(directory: directory).get() }
    }

    /// A keyring holding `key`, for tests.
    public convenience init(key: CheckpointKey) { self.init { key } }

    public var key: CheckpointKey? {
        serial.sync {
            if let loaded { return loaded }
            let key = load()
            loaded = .some(key)
            return key
        }
    }
}
