#if canImport(Glibc)
import Glibc
#endif

/// Starts writing a file's appended pages to disk while more are being appended, so that the
/// fsync that follows waits for the last few only. An import of 100,000 rows (18 MB, in chunks
/// of 370 KB): the fsync went from 14 to 0.3 ms, and the writes took a few ms more, on the
/// thread that writes them. A hint only: durability is still the fsync's, and a failure here is
/// the fsync's to report.
///
/// Linux's `sync_file_range` is not in Swift's Glibc module (it needs `_GNU_SOURCE`): it is
/// found by name, as `mallopt` is in `main.swift`. Elsewhere, or if it is missing, nothing is
/// started early.
struct EarlyWriteback {
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    /// SYNC_FILE_RANGE_WRITE: start writing the range's dirty pages, wait for nothing.
    private static let startWriting: UInt32 = 2
    private static let pageBytes: Int64 = 4_096
    private static let syncFileRange: SyncFileRange? = {
        #if os(Linux)
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range").map { unsafeBitCast($0, to: SyncFileRange.self) }
        #else
        nil
        #endif
    }()

    private let fd: Int32
    /// Where the pages not yet started begin.
    private var startedThrough: Int64

    init(fd: Int32, from offset: Int64) {
        self.fd = fd
        startedThrough = offset / Self.pageBytes * Self.pageBytes
    }

    /// Starts writing the whole pages below `offset` not yet started; the partly written last
    /// page waits for the next call, which will write it whole.
    mutating func start(through offset: Int64) {
        let end = offset / Self.pageBytes * Self.pageBytes
        guard end > startedThrough, let syncFileRange = Self.syncFileRange else { return }
        _ = syncFileRange(fd, startedThrough, end - startedThrough, Self.startWriting)
        startedThrough = end
    }
}
