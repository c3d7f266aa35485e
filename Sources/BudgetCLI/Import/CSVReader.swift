import BudgetText
import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// RFC 4180 CSV, as Excel and WPS write it: an optional UTF-8 byte-order mark, CRLF or LF line
/// ends, fields quoted with `"` where they hold commas, quotes or line breaks. Each record keeps
/// the line number it starts on, so a bad row can be named.
///
/// `scan` hands each record to a visitor as the bytes of its fields, without making a String of
/// any: an import reads hundreds of thousands of rows, and most of its fields become numbers,
/// dates or the same few names again and again.
struct CSVReader {
    struct Record: Equatable {
        let line: Int
        let fields: [String]
    }

    struct Failure: Error, Equatable, CustomStringConvertible, Explained {
        let line: Int
        let reason: Message
        var explanation: Message { Message(.rowProblemAt, Message(.unitLine), line, reason) }
        var description: String { explanation.description }
    }

    /// Bounds that keep a hostile file from using unbounded memory.
    static let fieldBytesMax = 4 * 1024
    static let fieldsMax = 64

    /// Every record, its fields made into Strings.
    static func records(_ bytes: [UInt8]) throws(Failure) -> [Record] {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return try records(bytes, from: start, to: bytes.count, firstLine: 1)
    }

    static func records(_ bytes: [UInt8], from start: Int, to end: Int, firstLine: Int) throws(Failure) -> [Record] {
        var records: [Record] = []
        try bytes.withUnsafeBufferPointer { (input: UnsafeBufferPointer<UInt8>) throws(Failure) in
            _ = try scan(input, from: start, to: end, firstLine: firstLine) { line, fields in
                records.append(Record(line: line, fields: fields.map { String(decoding: $0, as: UTF8.self) }))
                return true
            }
        }
        return records
    }

    /// Just past the last line end of `bytes`, if there is one: where a file without quotes (or
    /// a file of JSON Lines) may be cut.
    static func lastLineEnd(_ bytes: [UInt8]) -> Int? { bytes.lastIndex(of: 0x0A).map { $0 + 1 } }

    /// How many line feeds `bytes` holds: counted on the thread that cuts a file's pieces,
    /// before they are parsed, so in a loop the compiler makes wide (a closure per byte, as
    /// `reduce` is, was a few milliseconds a 6 MB file).
    static func lineFeeds(in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { input in
            var count = 0
            for byte in input { count &+= byte == 0x0A ? 1 : 0 }
            return count
        }
    }

    /// Just past the last record's end in `bytes` (which begin at a record's start): the last
    /// line feed outside quotes. A quote opens or closes a quoted field, and a doubled one
    /// inside it closes and opens it again, so outside quotes is an even count of quotes before.
    /// Nil when no record ends in `bytes`.
    static func lastRecordEnd(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { input -> Int? in
            guard let base = input.baseAddress, memchr(base, Int32(UInt8(ascii: "\"")), input.count) != nil else {
                return lastLineEnd(bytes)
            }
            var quoted = false
            var last: Int?
            for index in 0..<input.count {
                let byte = input[index]
                if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == 0x0A && !quoted { last = index + 1 }
            }
            return last
        }
    }

    /// A byte of `word` (eight bytes of input, the first lowest) that is a comma, a quote, a
    /// line feed or a carriage return has its top bit set; the lowest such bit is the first such
    /// byte. (A byte above one that matches may be set too, by the borrow; never one below.)
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
        return zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(word ^ 0x2222_2222_2222_2222)
            | zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A) | zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D)
    }

    /// Reads the records of `input[start..<end]`, numbering lines from `firstLine`, and calls
    /// `visit` with each record's line and fields, until it returns false. The field buffers are
    /// valid only during the call. Blank lines carry no record. Returns where reading stopped:
    /// the offset and line just after the last record visited.
    static func scan(_ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, firstLine: Int,
                     _ visit: (Int, [UnsafeBufferPointer<UInt8>]) -> Bool) throws(Failure) -> (offset: Int, line: Int) {
        // Quoted fields are unescaped into scratch space; a record's fields fit in it by the bounds above.
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: fieldBytesMax * fieldsMax + fieldBytesMax)
        defer { scratch.deallocate() }
        var fields: [UnsafeBufferPointer<UInt8>] = []
        fields.reserveCapacity(fieldsMax)
        var scratchUsed = 0
        var line = firstLine
        var recordLine = firstLine
        var index = start

        func add(_ field: UnsafeBufferPointer<UInt8>, ascii: Bool) throws(Failure) {
            guard field.count <= fieldBytesMax else { throw Failure(line: line, reason: Message(.fieldIsLongerThanBytes, fieldBytesMax)) }
            guard ascii || UTF8Bytes.isValid(field) else { throw Failure(line: line, reason: Message(.notValidUTF)) }
            fields.append(field)
            guard fields.count <= fieldsMax else { throw Failure(line: line, reason: Message(.moreThanFields, fieldsMax)) }
        }

        while index < end {
            // One field, starting at `index`, ending before a comma or a line end.
            if input[index] == UInt8(ascii: "\"") {
                // Quoted: unescaped byte by byte into scratch, as the state machine of RFC 4180.
                let fieldStart = scratchUsed
                var quoted = true
                var ascii = true
                // Past the limit the bytes are no longer kept, but the field is still read to its
                // end, so that an unclosed quote is reported as such, on the line it opens.
                var overflowed = false
                index += 1
                while index < end {
                    let byte = input[index]
                    if quoted {
                        if byte == UInt8(ascii: "\"") {
                            if index + 1 < end && input[index + 1] == UInt8(ascii: "\"") { index += 1 } else { quoted = false; index += 1; continue }
                        } else if byte == 0x0A {
                            line += 1
                        }
                    } else {
                        if byte == UInt8(ascii: ",") || byte == 0x0A || (byte == 0x0D && index + 1 < end && input[index + 1] == 0x0A) { break }
                        if byte == UInt8(ascii: "\"") {
                            guard scratchUsed == fieldStart else { throw Failure(line: line, reason: Message(.quoteInsideUnquotedField)) }
                            quoted = true
                            index += 1
                            continue
                        }
                    }
                    if scratchUsed - fieldStart < fieldBytesMax {
                        scratch[scratchUsed] = byte
                        scratchUsed += 1
                        ascii = ascii && byte < 0x80
                    } else {
                        overflowed = true
                    }
                    index += 1
                }
                if quoted { throw Failure(line: recordLine, reason: Message(.quotedFieldIsNotClosed)) }
                if overflowed { throw Failure(line: line, reason: Message(.fieldIsLongerThanBytes, fieldBytesMax)) }
                try add(UnsafeBufferPointer(rebasing: scratch[fieldStart..<scratchUsed]), ascii: ascii)
            } else {
                // Unquoted: the field is the input's own bytes, up to the next comma or line end.
                // Eight bytes are looked at together, to the first that may end the field (or
                // be a stray quote), which is then judged alone, as is every byte of the last seven.
                let fieldStart = index
                var high: UInt8 = 0
                var highWord: UInt64 = 0
                while index < end {
                    if end - index >= 8 {
                        let word = UInt64(littleEndian: UnsafeRawPointer(input.baseAddress! + index).loadUnaligned(as: UInt64.self))
                        let special = Self.specialBytes(word)
                        guard special != 0 else { highWord |= word; index += 8; continue }
                        let before = special.trailingZeroBitCount >> 3
                        highWord |= word & ((1 << UInt64(before << 3)) &- 1)
                        index += before
                    }
                    let byte = input[index]
                    if byte == UInt8(ascii: ",") || byte == 0x0A || (byte == 0x0D && index + 1 < end && input[index + 1] == 0x0A) { break }
                    if byte == UInt8(ascii: "\"") {
                        guard index == fieldStart else { throw Failure(line: line, reason: Message(.quoteInsideUnquotedField)) }
                    }
                    high |= byte
                    index += 1
                }
                try add(UnsafeBufferPointer(rebasing: input[fieldStart..<index]), ascii: high < 0x80 && highWord & 0x8080_8080_8080_8080 == 0)
            }
            // What ends the field: a comma (another field follows), a line end or the input's end.
            if index < end && input[index] == UInt8(ascii: ",") {
                index += 1
                if index == end { try add(UnsafeBufferPointer(rebasing: input[index..<index]), ascii: true) }
                continue
            }
            if index < end && input[index] == 0x0D { index += 1 }
            if index < end { index += 1 }   // the line feed
            let goOn = fields.count == 1 && fields[0].isEmpty ? true : visit(recordLine, fields)
            fields.removeAll(keepingCapacity: true)
            scratchUsed = 0
            line += 1
            recordLine = line
            if !goOn { return (index, line) }
        }
        if !fields.isEmpty && !(fields.count == 1 && fields[0].isEmpty) { _ = visit(recordLine, fields) }
        return (index, line)
    }
}
