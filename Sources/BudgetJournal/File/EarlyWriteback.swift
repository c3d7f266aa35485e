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
/// declared here by its C name, as `mallopt` is in `main.swift`. Found with `dlsym`, it was
/// missing from the static executable a release build makes, and nothing was started early.
/// Elsewhere than Linux nothing is.
struct EarlyWriteback {
    /// SYNC_FILE_RANGE_WRITE: start writing the range's dirty pages, wait for nothing.
    private static let startWriting: UInt32 = 2
    private static let pageBytes: Int64 = 4_096

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
        guard end > startedThrough else { return }
        #if os(Linux)
        _ = linuxSyncFileRange(fd, startedThrough, end - startedThrough, Self.startWriting)
        #endif
        startedThrough = end
    }
}

#if os(Linux)
@_silgen_name("sync_file_range") private func linuxSyncFileRange(_ fd: Int32, _ offset: Int64, _ bytes: Int64, _ flags: UInt32) -> Int32
#endif
