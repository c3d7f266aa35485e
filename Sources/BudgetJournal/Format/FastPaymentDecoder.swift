import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// A decoder for the one kind of line that makes up nearly all of a large journal: a payment, as
/// the encoder writes it, member by member in its fixed order. It reads fields straight from the
/// line's bytes and builds no JSON tree and almost no strings, which makes reading a million-line
/// journal several times faster. Anything it does not recognise exactly — another type, an
/// escape, an unusual spelling — it leaves to `EventDecoder`, which decides; so both always agree
/// on what a line means (tested on random payments).
enum FastPaymentDecoder {
    static func decode(_ line: UnsafeRawBufferPointer) -> EventDecoder.Decoded? {
        var texts = TextCache()
        return decode(line, texts: &texts)
    }

    /// Lines in a row mostly share their `recorded` time (a batch, a day's entries) and often a
    /// payee: the last of each is kept, so its String is made once, not once a line.
    struct TextCache {
        var recorded: (bytes: [UInt8], text: String)?
        var payee: (bytes: [UInt8], text: String)?

        static func reuse(_ slot: inout (bytes: [UInt8], text: String)?, _ bytes: UnsafeRawBufferPointer, _ make: () -> String?) -> String? {
            if let slot, slot.bytes.count == bytes.count, slot.bytes.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
                return slot.text
            }
            guard let text = make() else { return nil }
            slot = (Array(bytes), text)
            return text
        }
    }

    static func decode(_ line: UnsafeRawBufferPointer, texts: inout TextCache, computedHash: SHA256Digest? = nil) -> EventDecoder.Decoded? {
        var cursor = Cursor(bytes: line)
        guard cursor.expect("{\"v\":1,\"seq\":"), let seq = cursor.integer(), seq <= Int64(Limits.eventsMax),
              cursor.expect(",\"id\":\""), let idRange = cursor.plainRange(),
              cursor.expect(",\"type\":\"disbursement.made\",\"date\":\""), let dateRange = cursor.plainRange(),
              let date = Self.date(cursor.bytes, dateRange),
              cursor.expect(",\"recorded\":\""), let recordedRange = cursor.plainRange(),
              cursor.expect(",\"project\":\""), let projectRange = cursor.plainRange(),
              cursor.expect(",\"source\":\""), let source = cursor.source(),
              cursor.expect(",\"amount\":\""), let amountRange = cursor.plainRange(),
              let amount = Self.amount(cursor.bytes, amountRange)
        else { return nil }
        var payee: String?
        var memo: String?
        if cursor.expect(",\"payee\":\"") {
            guard let range = cursor.plainRange(),
                  let text = TextCache.reuse(&texts.payee, UnsafeRawBufferPointer(rebasing: cursor.bytes[range]), { cursor.freeText(range) })
            else { return nil }
            payee = text
        }
        if cursor.expect(",\"memo\":\"") {
            guard let range = cursor.plainRange(), let text = cursor.freeText(range) else { return nil }
            memo = text
        }
        guard cursor.expect(",\"prev\":\""), let prevRange = cursor.plainRange(),
              let prev = SHA256Digest(lowercaseHexBytes: UnsafeRawBufferPointer(rebasing: cursor.bytes[prevRange])),
              cursor.atHashSuffix,
              let id = cursor.ascii(idRange), Identifier.problem(with: id) == nil || id == "@\(seq)",
              let project = cursor.ascii(projectRange), Identifier.problem(with: project) == nil,
              let recorded = TextCache.reuse(&texts.recorded, UnsafeRawBufferPointer(rebasing: cursor.bytes[recordedRange]), { cursor.freeText(recordedRange) }),
              let hash = try? EventDecoder.verifiedHash(of: line, computed: computedHash)
        else { return nil }
        let body = EventBody.disbursed(Disbursement(project: project, source: source, amount: amount, payee: payee, memo: memo))
        return EventDecoder.Decoded(event: Event(seq: seq, id: id, date: date, recorded: recorded, body: body), prev: prev, hash: hash)
    }

    /// "534253.73": digits, a point, two digits, no leading zero, positive, within the limit; as
    /// the encoder writes it.
    static func amount(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Money? {
        guard range.count >= 4, range.count <= 18, bytes[range.upperBound - 3] == UInt8(ascii: "."),
              bytes[range.lowerBound] != UInt8(ascii: "0") || range.count == 4 else { return nil }
        var fen: Int64 = 0
        for index in range where index != range.upperBound - 3 {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            fen = fen * 10 + Int64(digit)
        }
        guard fen > 0, fen <= Limits.amountFenMax else { return nil }
        return Money(fen: fen)
    }

    static func date(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> BusinessDate? {
        guard range.count == 10, bytes[range.lowerBound + 4] == UInt8(ascii: "-"), bytes[range.lowerBound + 7] == UInt8(ascii: "-") else { return nil }
        func number(_ offset: Int, _ length: Int) -> Int? {
            var value = 0
            for index in (range.lowerBound + offset)..<(range.lowerBound + offset + length) {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
        return BusinessDate(year: year, month: month, day: day)
    }

    /// Reads forward through a line, matching literals and plain strings.
    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        mutating func expect(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count,
                  memcmp(bytes.baseAddress! + index, literal.utf8Start, count) == 0 else { return false }
            index += count
            return true
        }

        mutating func integer() -> Int64? {
            var value: Int64 = 0
            let start = index
            while index < bytes.count, index - start < 12 {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                value = value * 10 + Int64(digit)
                index += 1
            }
            // At least one digit and no leading zero: the encoder's spelling of a positive integer.
            guard index > start, bytes[start] != UInt8(ascii: "0") else { return nil }
            return value
        }

        /// The bytes of a string whose opening quote was matched, up to its closing quote, which is
        /// consumed. Nil when it holds an escape or a control character.
        mutating func plainRange() -> Range<Int>? {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }
            index += 1
            return start..<(index - 1)
        }

        mutating func source() -> FundSource? {
            if expect("current\"") { return .current }
            if expect("carryover\"") { return .carryover }
            if expect("other\"") { return .other }
            return nil
        }

        func ascii(_ range: Range<Int>) -> String? {
            guard bytes[range].allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// Valid UTF-8 within the text limit. `plainRange` already refused every control
        /// character (all of them are single bytes), which is the rest of `FreeText`'s rule.
        func freeText(_ range: Range<Int>) -> String? {
            guard range.count <= Limits.textBytesMax else { return nil }
            return String(validating: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        var atHashSuffix: Bool { bytes.count - index == EventDecoder.hashSuffixBytes }
    }
}
