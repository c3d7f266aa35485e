#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Message {
    /// What the system said of an operation that failed, in the reader's language for the errors
    /// a person meets (a missing file, a full disk, no permission), else as the C library says it.
    public static func system(_ code: Int32) -> Message {
        switch code {
        case ENOENT: Message(.errnoNoEntry)
        case EACCES, EPERM: code == EACCES ? Message(.errnoAccess) : Message(verbatim: String(cString: strerror(code)))
        case EISDIR: Message(.errnoIsDirectory)
        case ENOTDIR: Message(.errnoNotDirectory)
        case ENOSPC: Message(.errnoNoSpace)
        case EEXIST: Message(.errnoExists)
        case EROFS: Message(.errnoReadOnly)
        case EIO: Message(.errnoIO)
        case EFBIG: Message(.errnoTooLarge)
        default: Message(verbatim: String(cString: strerror(code)))
        }
    }
}
