import BudgetText
#if canImport(Glibc)
import Glibc
#endif

/// A report written to a file (`--output PATH`): the bytes go to a temporary file beside it,
/// which is synced and then renamed over PATH, so a reader never sees half a workbook and a
/// failed write leaves the old file as it was. The temporary file is made with `mkstemp`
/// (exclusively, under a name no one can guess), and only a regular file is ever replaced, with
/// its mode kept.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String, journal: String) throws {
        let file = try Writer(path: path, journal: journal)
        try file.write(bytes)
        try file.commit()
    }

    /// A file being written piece by piece; it takes PATH's place only on `commit()`.
    final class Writer {
        let path: String
        private let temporary: String
        private var fd: Int32
        private var held: [UInt8] = []
        private var committed = false

        init(path: String, journal: String) throws {
            guard !path.isEmpty else { throw UsageError(.outputNeedsFileName) }
            // The journal is the one file a report must never replace.
            if let target = OutputFile.realPath(path), let journalPath = OutputFile.realPath(journal), target == journalPath {
                throw UsageError(.outputIsJournalChooseAnother, path)
            }
            var existing = stat()
            var mode: mode_t = 0o644
            if lstat(path, &existing) == 0 {
                guard existing.st_mode & S_IFMT == S_IFREG else {
                    throw UsageError(.outputIsNotRegularFile, path)
                }
                mode = existing.st_mode & 0o7777
            }
            var template = Array((path + ".tmp-XXXXXX").utf8CString)
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { throw OutputFile.failure(path) }
            temporary = String(cString: template)
            self.path = path
            fchmod(fd, mode)
        }

        deinit {
            if !committed {
                if fd >= 0 { close(fd) }
                unlink(temporary)
            }
        }

        func write(_ text: String) throws { try write(Array(text.utf8)) }

        func write(_ bytes: [UInt8]) throws {
            held += bytes
            if held.count >= Output.heldBytesMax { try flush() }
        }

        func commit() throws {
            try flush()
            guard fsync(fd) == 0 else { throw OutputFile.failure(path) }
            let closed = close(fd)
            fd = -1
            guard closed == 0, rename(temporary, path) == 0 else { throw OutputFile.failure(path) }
            committed = true
        }

        private func flush() throws {
            do { try Output.writeAll(held, to: fd) } catch { throw OutputFile.failure(path) }
            held.removeAll(keepingCapacity: true)
        }
    }

    static func failure(_ path: String) -> UsageError {
        UsageError("--output \(path): \(Message.system(errno))")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
