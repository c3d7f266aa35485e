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
        var texts = Texts()
        return decode(line, texts: &texts)
    }

    /// Lines in a row mostly share their `recorded` time (a batch, a day's entries) and often a
    /// payee: each is made into a String once (see `TextInterner`).
    struct Texts {
        var recorded = TextInterner<Void>(entriesMax: 256, make: Texts.freeText)
        var payee = TextInterner<Void>(make: Texts.freeText)

        /// Texts tables set aside between stretches of a read, each used by one thread at a time.
        static let pool = Pool()

        final class Pool: Sendable {
            private let kept = Locked<[Texts]>([])
            /// No more tables than threads that decode at once, whatever happens.
            static let keptMax = 8

            func take() -> Texts { kept.sync { $0.popLast() } ?? Texts() }

            func give(_ texts: Texts) { kept.sync { if $0.count < Self.keptMax { $0.append(texts) } } }
        }

        /// Lines come in runs of one date.
        var dates = RepeatedDate()

        mutating func date(_ bytes: UnsafeRawBufferPointer) -> BusinessDate? { dates.date(bytes) }

        /// Valid UTF-8 within the text limit. `plainRange` already refused every control
        /// character (all of them are single bytes), which is the rest of `FreeText`'s rule.
        static func freeText(_ bytes: UnsafeRawBufferPointer) -> (text: String, note: Void)? {
            guard isFreeText(bytes) else { return nil }
            return (String(decoding: bytes, as: UTF8.self), ())
        }

        /// `freeText`'s rule, judged without making the text: a read of figures needs no payee
        /// or recorded time, only to know that the line's are well formed.
        static func isFreeText(_ bytes: UnsafeRawBufferPointer) -> Bool {
            bytes.count <= Limits.textBytesMax && (isASCII(bytes) || UTF8Bytes.isValid(bytes.bindMemory(to: UInt8.self)))
        }

        /// Whether a text of eight bytes or more is all ASCII, and so valid UTF-8: its words
        /// taken together (the last overlapping the one before), without a branch a byte. Most
        /// recorded times and many payees are; a shorter text is left to `UTF8Bytes`.
        @inline(__always)
        static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
            let count = bytes.count
            guard count >= 8, let base = bytes.baseAddress else { return false }
            var highs = base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            var at = 0
            while at &+ 8 < count {
                highs |= base.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                at &+= 8
            }
            return highs & 0x8080_8080_8080_8080 == 0
        }
    }

    /// A payment line read and judged, its texts still where they lie in the line (`line`),
    /// except those that were judged by making them (voucher, memo).
    struct Parsed {
        let seq: Int64
        let idRange: Range<Int>
        /// The id is the `@seq` the ledger derives, not a client key.
        let derivedID: Bool
        let date: BusinessDate
        /// Judged free text, made by `decode` only.
        let recordedRange: Range<Int>
        let projectRange: Range<Int>
        let source: FundSource
        let amount: Money
        let voucher: String?
        let economicClassRange: Range<Int>?
        let functionalClassRange: Range<Int>?
        /// Judged free text, made by `decode` only.
        let payeeRange: Range<Int>?
        let memo: String?
        let amends: Int64?
        let prev: SHA256Digest
        let hash: SHA256Digest
    }

    static func decode(_ line: UnsafeRawBufferPointer, texts: inout Texts, computedHash: SHA256Digest? = nil,
                       previous: PreviousHash? = nil) -> EventDecoder.Decoded? {
        guard let parsed = parse(line, texts: &texts, computedHash: computedHash, previous: previous),
              let id = parsed.derivedID ? ascii(line, parsed.idRange) : identifier(line, parsed.idRange),
              let project = identifier(line, parsed.projectRange),
              let recorded = texts.recorded.text(UnsafeRawBufferPointer(rebasing: line[parsed.recordedRange]))?.text else { return nil }
        var payee: String?
        if let range = parsed.payeeRange {
            guard let text = texts.payee.text(UnsafeRawBufferPointer(rebasing: line[range]))?.text else { return nil }
            payee = text
        }
        let body = EventBody.disbursed(Disbursement(project: project, source: parsed.source, amount: parsed.amount, voucher: parsed.voucher,
                                                    economicClass: parsed.economicClassRange.map { ascii(line, $0)! },
                                                    functionalClass: parsed.functionalClassRange.map { ascii(line, $0)! },
                                                    payee: payee, memo: parsed.memo, amends: parsed.amends))
        return EventDecoder.Decoded(event: Event(seq: parsed.seq, id: id, date: parsed.date, recorded: recorded, body: body),
                                    prev: parsed.prev, hash: parsed.hash)
    }

    /// Reads a payment line that `decode` would read, and judges it as `decode` does; nil for
    /// every line `decode` declines. Nothing is made of its texts: the line's fields are read
    /// where they lie.
    /// `previous` is the line before in the same buffer, when it was read: its hash, and where
    /// its hash's text lies. A `prev` spelled as that text is that hash, without reading it digit
    /// by digit (a well-formed line names the line before it, so this is nearly every line).
    @inline(__always)
    static func parse(_ line: UnsafeRawBufferPointer, texts: inout Texts, computedHash: SHA256Digest? = nil,
                      previous: PreviousHash? = nil) -> Parsed? {
        var cursor = Cursor(bytes: line)
        guard cursor.expect("{\"v\":1,\"seq\":"), let seq = cursor.integer(), seq <= Int64(Limits.eventsMax),
              cursor.expect(",\"id\":\""), let idRange = cursor.plainRange(),
              cursor.expect(",\"type\":\"disbursement.made\",\"date\":\""), let dateRange = cursor.fixedRange(10),
              let date = texts.date(UnsafeRawBufferPointer(rebasing: line[dateRange])),
              cursor.expect(",\"recorded\":\""), let recordedRange = cursor.plainRange(),
              cursor.expect(",\"project\":\""), let projectRange = cursor.plainRange(),
              cursor.expect(",\"source\":\""), let source = cursor.source(),
              cursor.expect(",\"amount\":\""), let amountRange = cursor.plainRange(),
              let amount = Self.amount(cursor.bytes, amountRange)
        else { return nil }
        var voucher: String?
        var economicClass: Range<Int>?, functionalClass: Range<Int>?
        var payee: Range<Int>?
        var memo: String?
        var amends: Int64?
        if cursor.expect(",\"voucher\":\"") {
            guard let range = cursor.plainRange(), let text = Texts.freeText(UnsafeRawBufferPointer(rebasing: cursor.bytes[range])),
                  FieldCheck.voucher.problem(text.text) == nil else { return nil }
            voucher = text.text
        }
        if cursor.expect(",\"class\":\"") {
            guard let range = cursor.plainRange(), let code = ascii(line, range), ClassCode.isWellFormed(code) else { return nil }
            economicClass = range
        }
        if cursor.expect(",\"function\":\"") {
            guard let range = cursor.plainRange(), let code = ascii(line, range), ClassCode.isWellFormed(code) else { return nil }
            functionalClass = range
        }
        if cursor.expect(",\"payee\":\"") {
            guard let range = cursor.plainRange(), Texts.isFreeText(UnsafeRawBufferPointer(rebasing: cursor.bytes[range])) else { return nil }
            payee = range
        }
        if cursor.expect(",\"memo\":\"") {
            guard let range = cursor.plainRange(), let text = Texts.freeText(UnsafeRawBufferPointer(rebasing: cursor.bytes[range])) else { return nil }
            memo = text.text
        }
        if cursor.expect(",\"amends\":") {
            guard let seq = cursor.integer(), seq <= Int64(Limits.eventsMax) else { return nil }
            amends = seq
        }
        let derivedID = Self.isDerivedID(line, idRange, seq: seq)
        guard cursor.expect(",\"prev\":\""),
              let prev = cursor.previousHash(previous)
                ?? cursor.plainRange().flatMap({ SHA256Digest(lowercaseHexBytes: UnsafeRawBufferPointer(rebasing: line[$0])) }),
              cursor.atHashSuffix,
              derivedID || isIdentifier(line, idRange),
              Texts.isFreeText(UnsafeRawBufferPointer(rebasing: cursor.bytes[recordedRange])),
              let hash = try? EventDecoder.verifiedHash(of: line, computed: computedHash)
        else { return nil }
        return Parsed(seq: seq, idRange: idRange, derivedID: derivedID, date: date, recordedRange: recordedRange, projectRange: projectRange,
                      source: source, amount: amount, voucher: voucher, economicClassRange: economicClass, functionalClassRange: functionalClass,
                      payeeRange: payee, memo: memo, amends: amends, prev: prev, hash: hash)
    }

    /// The text of `range`, when it is a valid identifier (all ASCII, by the identifier's rule).
    static func identifier(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> String? {
        isIdentifier(line, range) ? String(decoding: UnsafeRawBufferPointer(rebasing: line[range]), as: UTF8.self) : nil
    }

    static func isIdentifier(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        Identifier.isWellFormed(utf8: UnsafeRawBufferPointer(rebasing: line[range]).bindMemory(to: UInt8.self))
    }

    static func ascii(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> String? {
        guard line[range].allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: line[range]), as: UTF8.self)
    }

    /// The hash of a line read just before, and its text as that line spells it.
    struct PreviousHash {
        let hash: SHA256Digest
        /// The 64 lowercase hex digits, in the buffer that holds both lines.
        let text: UnsafeRawPointer

        /// The hash, when `bytes` spell exactly its text.
        func spelled(by bytes: UnsafeRawBufferPointer) -> SHA256Digest? {
            guard bytes.count == 64 else { return nil }
            for offset in stride(from: 0, to: 64, by: 8) {
                guard bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == text.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                else { return nil }
            }
            return hash
        }
    }

    /// Whether the id is `@SEQ`, the one the ledger derives for an event without a client key,
    /// spelled as the encoder spells it — checked on the bytes, without making the text of `seq`.
    static func isDerivedID(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, seq: Int64) -> Bool {
        guard range.count >= 2, range.count <= 19, bytes[range.lowerBound] == UInt8(ascii: "@"),
              bytes[range.lowerBound + 1] != UInt8(ascii: "0") else { return false }
        var value: Int64 = 0
        for index in (range.lowerBound + 1)..<range.upperBound {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return false }
            value = value &* 10 &+ Int64(digit)
        }
        return value == seq
    }

    /// "534253.73": digits, a point, two digits, no leading zero, positive, within the limit; as
    /// the encoder writes it.
    static func amount(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Money? {
        guard range.count >= 4, range.count <= 18, bytes[range.upperBound - 3] == UInt8(ascii: "."),
              bytes[range.lowerBound] != UInt8(ascii: "0") || range.count == 4 else { return nil }
        // At most 17 digits, so no sum can overflow: wrapping arithmetic, without a check a digit.
        var fen: Int64 = 0, notDigits: UInt8 = 0
        for index in range.lowerBound..<(range.upperBound &- 3) {
            let digit = bytes[index] &- UInt8(ascii: "0")
            notDigits |= digit > 9 ? 1 : 0
            fen = fen &* 10 &+ Int64(digit)
        }
        for index in (range.upperBound &- 2)..<range.upperBound {
            let digit = bytes[index] &- UInt8(ascii: "0")
            notDigits |= digit > 9 ? 1 : 0
            fen = fen &* 10 &+ Int64(digit)
        }
        guard notDigits == 0 else { return nil }
        guard fen > 0, fen <= Limits.amountFenMax else { return nil }
        return Money(fen: fen)
    }

    /// Reads forward through a line, matching literals and plain strings.
    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        /// Matches `literal` here, eight bytes at a time: a line has a dozen of these literals,
        /// too short to be worth a call to `memcmp` each.
        @inline(__always)
        mutating func expect(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            let here = bytes.baseAddress! + index, wanted = UnsafeRawPointer(literal.utf8Start)
            var offset = 0
            while offset + 8 <= count {
                guard here.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == wanted.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                else { return false }
                offset += 8
            }
            while offset < count {
                guard here.load(fromByteOffset: offset, as: UInt8.self) == wanted.load(fromByteOffset: offset, as: UInt8.self) else { return false }
                offset += 1
            }
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
        /// Inlined, with the cursor's index in a register: called six times a line, as a call it
        /// cost more than the few words it reads.
        @inline(__always)
        mutating func plainRange() -> Range<Int>? {
            guard let base = bytes.baseAddress else { return nil }
            let start = index, count = bytes.count
            var at = start
            // Eight bytes at a time, to the first that is a quote, a backslash or a control character.
            while at &+ 8 <= count {
                let found = Self.stringEnds(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
                if found != 0 {
                    at &+= found.trailingZeroBitCount &>> 3
                    guard base.load(fromByteOffset: at, as: UInt8.self) == UInt8(ascii: "\"") else { return nil }
                    index = at &+ 1
                    return start..<at
                }
                at &+= 8
            }
            while at < count {
                let byte = base.load(fromByteOffset: at, as: UInt8.self)
                if byte == UInt8(ascii: "\"") {
                    index = at &+ 1
                    return start..<at
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F { return nil }
                at &+= 1
            }
            return nil
        }

        /// The `count` bytes of a string whose opening quote was matched, when its closing quote
        /// follows them, which is consumed. The bytes are not looked at: for a field whose reader
        /// refuses every quote, backslash and control byte (a date's digits and dashes).
        mutating func fixedRange(_ count: Int) -> Range<Int>? {
            guard index + count < bytes.count, bytes[index + count] == UInt8(ascii: "\"") else { return nil }
            defer { index += count + 1 }
            return index..<(index + count)
        }

        mutating func source() -> FundSource? {
            if expect("current\"") { return .current }
            if expect("carryover\"") { return .carryover }
            if expect("other\"") { return .other }
            return nil
        }

        /// The high bit of each byte of `word` (loaded little-endian: the first byte lowest) that is `"`, `\\`,
        /// below 0x20 or 0x7F, exact up to the first such byte: the lowest bit set marks it, and
        /// is zero when there is none. (Each test is exact for the lowest byte it finds; a borrow
        /// can only mark bytes above it.)
        @inline(__always)
        static func stringEnds(_ word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
            let quote = zeroBytes(word ^ (ones &* 0x22)), backslash = zeroBytes(word ^ (ones &* 0x5C))
            let delete = zeroBytes(word ^ (ones &* 0x7F)), control = (word &- ones &* 0x20) & ~word & highs
            return quote | backslash | delete | control
        }

        /// A `prev` that spells the hash of the line before (see `PreviousHash`), with its closing
        /// quote: consumed, and that hash returned; else nothing is consumed.
        mutating func previousHash(_ previous: PreviousHash?) -> SHA256Digest? {
            guard let previous, index + 65 <= bytes.count, bytes[index + 64] == UInt8(ascii: "\""),
                  let hash = previous.spelled(by: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + 64)])) else { return nil }
            index += 65
            return hash
        }

        var atHashSuffix: Bool { bytes.count - index == EventDecoder.hashSuffixBytes }
    }
}
