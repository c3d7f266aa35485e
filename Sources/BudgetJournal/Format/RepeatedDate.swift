import BudgetModel

/// Dates read from lines that come in runs of one date (a journal's payments, a checkpoint's
/// totals): the last date read, with its ten bytes as two words, is compared before a date is
/// parsed again.
struct RepeatedDate {
    private var last: (head: UInt64, tail: UInt16, date: BusinessDate)?

    /// The date `bytes` spell as YYYY-MM-DD; nil when they spell none.
    mutating func date(_ bytes: UnsafeRawBufferPointer) -> BusinessDate? {
        guard bytes.count == 10 else { return nil }
        let head = bytes.loadUnaligned(as: UInt64.self), tail = bytes.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if let last, last.head == head, last.tail == tail { return last.date }
        guard let date = BusinessDate(utf8: bytes.bindMemory(to: UInt8.self)) else { return nil }
        last = (head, tail, date)
        return date
    }
}
