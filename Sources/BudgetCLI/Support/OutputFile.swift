#if canImport(Glibc)
import Glibc
#endif

/// A report written to a file (`--output PATH`): the bytes go to a temporary file beside it,
/// which is synced and then renamed over PATH, so a reader never sees half a workbook and a
/// failed write leaves the old file as it was.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String, journal: String) throws(UsageError) {
        guard !path.isEmpty else { throw UsageError("--output needs a file name") }
        // The journal is the one file a report must never replace.
        if let target = realPath(path), let journalPath = realPath(journal), target == journalPath {
            throw UsageError("--output \(path) is the journal; choose another file")
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { let error = failure(path); close(fd); unlink(temporary); throw error }
            written += count
        }
        guard fsync(fd) == 0, close(fd) == 0 else { let error = failure(path); unlink(temporary); throw error }
        guard rename(temporary, path) == 0 else { let error = failure(path); unlink(temporary); throw error }
    }

    private static func failure(_ path: String) -> UsageError {
        UsageError("--output \(path): \(String(cString: strerror(errno)))")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
