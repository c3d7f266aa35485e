import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// The checkpoint's text records, read without allocating.
extension Checkpoint {
    /// The lines of a buffer, found with memchr, without an array of them.
    struct LineSequence {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) { self.bytes = bytes; index = bytes.startIndex }

        mutating func next() -> ArraySlice<UInt8>? {
            guard index < bytes.endIndex else { return nil }
            let end = bytes.withUnsafeBytes { buffer -> Int in
                let start = index - bytes.startIndex
                guard let found = memchr(buffer.baseAddress! + start, 0x0A, buffer.count - start) else { return bytes.endIndex }
                return bytes.startIndex + (UnsafeRawPointer(found) - buffer.baseAddress!)
            }
            defer { index = end + 1 }
            return bytes[index..<end]
        }
    }

    /// The lines of a page as it lies in memory, each without its newline.
    struct RawLines {
        private var at: UnsafeRawPointer
        private let end: UnsafeRawPointer

        init(_ bytes: UnsafeRawBufferPointer) {
            at = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            end = at + bytes.count
        }

        mutating func next() -> UnsafeRawBufferPointer? {
            guard at < end else { return nil }
            let start = at
            let found = memchr(start, 0x0A, end - start).map { UnsafeRawPointer($0) } ?? end
            at = found == end ? end : found + 1
            return UnsafeRawBufferPointer(start: start, count: found - start)
        }
    }

    /// Tab-separated fields of one line as it lies in memory: a part's tens of thousands of
    /// total lines are read this way, where a slice for each field retained the page.
    struct RawFieldCursor {
        private var at: UnsafeRawPointer
        private let end: UnsafeRawPointer
        private(set) var atEnd = false

        init(_ line: UnsafeRawBufferPointer) {
            at = line.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            end = at + line.count
        }

        mutating func next() -> UnsafeRawBufferPointer? {
            guard !atEnd else { return nil }
            let start = at
            while at < end && at.load(as: UInt8.self) != 0x09 { at += 1 }
            let field = UnsafeRawBufferPointer(start: start, count: at - start)
            if at == end { atEnd = true } else { at += 1 }
            return field
        }
    }
}

extension Checkpoint {
    /// Appends text and numbers as bytes: a checkpoint has hundreds of thousands of short lines.
    struct ByteWriter {
        var bytes: [UInt8] = []

        mutating func text(_ text: String) { bytes.append(contentsOf: text.utf8) }

        /// A line of at most `bytesMax` bytes, written through a cursor into room on the stack
        /// and appended once: a part's totals are tens of thousands of lines of six numbers, and
        /// each number appended to the array by itself cost more than the line.
        mutating func line(bytesMax: Int, _ write: (inout ByteCursor) -> Void) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytesMax) { room in
                var cursor = ByteCursor(room)
                write(&cursor)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: room[..<cursor.written(since: room.baseAddress!)]))
            }
        }
        mutating func byte(_ byte: UInt8) { bytes.append(byte) }
        mutating func tab() { bytes.append(0x09) }
        mutating func newline() { bytes.append(0x0A) }
        mutating func integer(_ value: Int64) { DecimalDigits.append(value, to: &bytes) }
        /// YYYY-MM-DD, written without making its String (a checkpoint has a date for each total).
        mutating func date(_ date: BusinessDate) { PaymentLineWriter.date(date, &bytes) }

        /// Sixteen lowercase hex digits.
        static func hex(_ value: UInt64, to out: inout some ByteSink) {
            for shift in stride(from: 60, through: 0, by: -4) {
                let nibble = UInt8((value >> UInt64(shift)) & 0xF)
                out.append(nibble < 10 ? 0x30 + nibble : 0x57 + nibble)
            }
        }
    }

    /// Up to 18 digits: every count, seq, offset and sum of fen the checkpoint writes.
    static func integer(_ digits: ArraySlice<UInt8>) -> Int64? { digits.withUnsafeBytes(integer) }

    static func integer(_ digits: UnsafeRawBufferPointer) -> Int64? {
        guard digits.count <= 18, let value = unsignedInteger(digits) else { return nil }
        return Int64(value)
    }

    /// Up to 20 digits, refusing what does not fit in 64 bits: a fingerprint.
    static func unsignedInteger(_ digits: ArraySlice<UInt8>) -> UInt64? { digits.withUnsafeBytes(unsignedInteger) }

    static func unsignedInteger(_ digits: UnsafeRawBufferPointer) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// Exactly sixteen lowercase hex digits.
    static func hex64(_ digits: ArraySlice<UInt8>) -> UInt64? { digits.withUnsafeBytes(hex64) }

    static func hex64(_ digits: UnsafeRawBufferPointer) -> UInt64? {
        guard digits.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    /// Compared in place (`FundSource(utf8:)`): the generic `elementsEqual` of a slice with a
    /// String's bytes, for each of a checkpoint's totals, was a twelfth of reading its parts.
    static func fundSource(_ bytes: ArraySlice<UInt8>) -> FundSource? { bytes.withUnsafeBytes(fundSource) }

    static func fundSource(_ bytes: UnsafeRawBufferPointer) -> FundSource? { FundSource(utf8: bytes.bindMemory(to: UInt8.self)) }
}
