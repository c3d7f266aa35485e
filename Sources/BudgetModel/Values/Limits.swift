/// Every input has an explicit bound, so that no journal or argument can make the ledger
/// trap, hang or grow without limit. The README states each one; tests probe each at the
/// limit and one past it.
public enum Limits {
    /// One journal line, newline excluded. Generous for any real event, small enough that a
    /// damaged file with no newlines is rejected after reading this much, not after gigabytes.
    public static let lineBytesMax = 16 * 1024
    /// Names, departments, targets, memos and reasons.
    public static let textBytesMax = 2 * 1024
    /// A treasury voucher number (支付凭证号).
    public static let voucherBytesMax = 64
    /// Project, indicator and event ids.
    public static let idBytesMax = 64
    /// One amount: 1,000,000,000,000.00 yuan (一万亿元), far above any project budget, and small
    /// enough that a million of them still sum inside Int64 fen (9.2e18).
    public static let amountFenMax: Int64 = 100_000_000_000_000
    /// Events in one journal. Sums of `eventsMax × amountFenMax` would overflow Int64, so the
    /// folds use checked arithmetic and reject a journal whose totals would overflow.
    public static let eventsMax = 50_000_000
    /// A journal file as a whole (8 GiB): past this a reader refuses rather than exhausting memory.
    public static let journalBytesMax: Int64 = 8 << 30
    /// Indicator weights and scores, in hundredths of a point: a form has 100 points in all.
    public static let pointsHundredthsMax: Int64 = 100_00
    /// Fiscal years the ledger accepts.
    public static let yearRange = 1990...2100
}

extension Limits {
    /// The sum of the magnitudes of all amounts that move one project (一千万亿元 in fen): far
    /// past any real project, and 9× inside Int64, so no running sum of a project can overflow.
    public static let projectGrossFenMax: Int64 = 1_000_000_000_000_000_000
}
