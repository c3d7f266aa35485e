import BudgetText
import BudgetModel

/// The checkpoint file beside a journal (`PATH.uUID.checkpoint`, one for each user): a
/// `JournalSummary` written out in pages, so that the next command need not read the whole
/// journal, and a command about one project reads one page. It is derived and disposable. It
/// names the seq, hash and offset of the journal line it covers, and is used only if that line
/// is still there, unchanged (see `JournalFile.summary()`).
///
/// Format (version 4): pages, then the page table, then the footer.
///
///     <pages, each of about 8 KiB, of seven kinds:>
///       S  projects' parts, ascending by the fingerprint of the project's id, then the id:
///            p ID                                   (tab-separated, one line each)
///            e SEQ OFFSET LENGTH HASH16             (an event that is not a payment: its journal line)
///            t SOURCE DATE FEN COUNT LASTSEQ CLASS FUNCTION  (the payments of one source on one date
///                                                   and of one classification, `-` for none, summed)
///          a fingerprint's parts never span two pages
///       K  client keys: 16 bytes each, fingerprint then seq, little-endian, ascending
///       U  treasury vouchers, as K: the events that carry each (payments, refunds, their reversals)
///       L  the line index: the position before every 1,024th event; 48 bytes each:
///            offset, seq (little-endian), hash
///       W  journal-wide events: e lines
///       V  suspects: ids of the projects whose events broke a rule when the checkpoint was made
///       D  dates: DATE SEQ, the last seq of the events of each business date, ascending by date
///     budget-checkpoint 4 SEQ HASH OFFSET          (the page table: the journal line covered,)
///     P KIND OFFSET LENGTH FIRSTKEY DIGEST          (then one line a page, in file order; FIRSTKEY
///                                                    is the first fingerprint of an S or K page, the
///                                                    first entry's number of an L page, else 0)
///     mac TABLEOFFSET HMAC                          (20 digits, 64 hex digits: the footer)
///
/// The footer's HMAC-SHA-256, under the user's secret key (see `CheckpointKey`), authenticates
/// the page table; the table holds each page's SHA-256. So a reader checks the table once, then
/// each page it reads against its digest, and a page that fails is never used: the checkpoint is
/// set aside and the journal read whole. A writer copies the pages nothing changed, with their
/// digests, and writes anew only the pages of the projects that changed.
public enum Checkpoint {
    public static let version = 4

    /// Journals smaller than this are always read whole, and get no checkpoint: reading them
    /// costs a few tens of milliseconds, and a full read checks every line of them every time.
    /// Past it, a command trusts the checkpoint up to the line it names (checked, with every
    /// line after it of the projects it reads) and leaves the full check to `budget verify`.
    public static let journalBytesMin: Int64 = 8 << 20

    /// A page is sealed once it holds this much; one project's part larger than this gets a page
    /// of its own. Small, so that a checkpoint written after a few thousand payments to as many
    /// projects of a million writes anew a few thousand small pages, not most of the file; large
    /// enough that the table of a million projects' pages stays near a megabyte.
    static let pageBytesTarget = 8 * 1024
    /// The most the page table may take: 16 MiB is a quarter of a million pages, 16 GiB of them.
    static let tableBytesMax = 16 << 20
    /// `mac ` + 20 digits + ` ` + 64 hex digits + newline.
    static let footerBytes = 4 + 20 + 1 + 64 + 1

    /// The kinds of page.
    enum PageKind: UInt8, CaseIterable {
        case sections = 0x53   // S
        case keys = 0x4B       // K
        case vouchers = 0x55   // U
        case lines = 0x4C      // L
        case wide = 0x57       // W
        case suspects = 0x56   // V
        case dates = 0x44      // D
    }

    /// One page, as the table lists it.
    struct Page: Equatable {
        let kind: PageKind
        let offset: Int64
        let length: Int
        let firstKey: UInt64
        let digest: SHA256Digest
    }

    /// A line index entry: offset, seq, hash.
    static let lineEntryBytes = 48
    static let keyEntriesPerPage = pageBytesTarget / KeyIndex.Entry.bytes
    static let lineEntriesPerPage = pageBytesTarget / lineEntryBytes
}

/// Why a checkpoint could not be used after all: a page that does not match its digest, or
/// whose content does not fit the journal. The checkpoint is set aside, and the journal read whole.
public struct CheckpointUnusable: Error, CustomStringConvertible, Explained {
    public let path: String
    public let reason: Message
    public var explanation: Message { Message(.checkpointPathReason, path, reason) }
    public var description: String { explanation.description }
}
