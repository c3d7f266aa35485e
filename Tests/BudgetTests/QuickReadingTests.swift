import XCTest
@testable import BudgetModel
@testable import BudgetJournal

/// The word-at-a-time tricks the quick payment reader relies on, each against the plain answer.
final class QuickReadingTests: XCTestCase {
    static func ends(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F
    }

    /// The first byte that ends a plain string, as `stringEnds` marks it, for every byte value
    /// at every place, after and before every kind of byte.
    func testStringEndsMarksTheFirstByteThatEndsAString() {
        for filler in [UInt8(ascii: "a"), 0xE4, 0x80, 0xFF, 0x20, 0x7E] {
            for value in 0...255 {
                for place in 0..<8 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[place] = UInt8(value)
                    let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
                    let found = FastPaymentDecoder.Cursor.stringEnds(word)
                    let expected = bytes.firstIndex(where: Self.ends)
                    XCTAssertEqual(found == 0 ? nil : found.trailingZeroBitCount >> 3, expected, "\(bytes)")
                }
            }
        }
        var random = SplitMix64(seed: 3)
        for _ in 0..<100_000 {
            let bytes = (0..<8).map { _ in UInt8(random.next(256)) }
            let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            let found = FastPaymentDecoder.Cursor.stringEnds(word)
            XCTAssertEqual(found == 0 ? nil : found.trailingZeroBitCount >> 3, bytes.firstIndex(where: Self.ends), "\(bytes)")
        }
    }

    /// A plain string's range, read eight bytes at a time, is the one a byte loop finds.
    func testPlainRangesAreFoundWhateverTheirLength() {
        for length in 0..<40 {
            for stop in [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x1F, 0x7F] {
                let text = Array(String(repeating: "差", count: length).utf8.prefix(length))
                let line = text + [stop] + Array("tail\"".utf8)
                line.withUnsafeBytes { bytes in
                    var cursor = FastPaymentDecoder.Cursor(bytes: bytes)
                    let range = cursor.plainRange()
                    XCTAssertEqual(range, stop == UInt8(ascii: "\"") ? 0..<length : nil, "length \(length), stop \(stop)")
                    if range != nil { XCTAssertEqual(cursor.index, length + 1) }
                }
            }
        }
    }

    /// An amount is read from its bytes as the general reader reads the encoder's spelling: a
    /// stray byte in either part, a missing point, a leading zero, zero, or past the limit is no
    /// amount; the longest spelling reads exactly.
    func testAnAmountIsReadOnlyAsTheEncoderSpellsIt() {
        let read: [(String, Int64?)] = [("12.34", 1234), ("0.01", 1), ("1000000000000.00", 100_000_000_000_000), ("1000000000000.01", nil),
                                        ("99999999999999.99", nil), ("12a.34", nil), ("12.3a", nil), ("/2.34", nil), ("12.:4", nil),
                                        ("1234", nil), ("1.234", nil), ("0.00", nil), ("01.00", nil), ("1.2", nil), (".12", nil), ("1 .12", nil),
                                        ("999999999999999.99", nil)]
        for (text, fen) in read {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { raw in
                XCTAssertEqual(FastPaymentDecoder.amount(raw, 0..<raw.count)?.fen, fen, text)
            }
        }
        // Every byte value in every place of a well-spelled amount.
        for place in 0..<7 {
            for value in UInt8(0)...UInt8(255) {
                var bytes = Array("4321.56".utf8)
                bytes[place] = value
                let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
                let wellSpelled = bytes[4] == UInt8(ascii: ".") && bytes[0] != UInt8(ascii: "0")
                    && bytes.indices.allSatisfy { $0 == 4 || isDigit(bytes[$0]) }
                let expected = wellSpelled ? Int64(String(decoding: bytes.filter { $0 != UInt8(ascii: ".") }, as: UTF8.self)) : nil
                bytes.withUnsafeBytes { raw in
                    XCTAssertEqual(FastPaymentDecoder.amount(raw, 0..<raw.count)?.fen, expected, "\(bytes)")
                }
            }
        }
    }

    /// The identifier check a read makes of every client key agrees with the one that names the
    /// problem, for every byte in every place and at the length limit.
    func testAnIdentifierIsWellFormedExactlyWhenItHasNoProblem() {
        var cases: [[UInt8]] = [[], Array(repeating: UInt8(ascii: "a"), count: Limits.idBytesMax),
                                Array(repeating: UInt8(ascii: "a"), count: Limits.idBytesMax + 1)]
        for place in 0..<3 {
            for value in UInt8(0)...UInt8(255) {
                var bytes = Array("p-1".utf8)
                bytes[place] = value
                cases.append(bytes)
            }
        }
        for bytes in cases {
            bytes.withUnsafeBufferPointer { buffer in
                XCTAssertEqual(Identifier.isWellFormed(utf8: buffer), Identifier.problem(utf8: buffer) == nil, "\(bytes)")
            }
        }
        XCTAssertEqual(cases.filter { bytes in bytes.withUnsafeBufferPointer { Identifier.isWellFormed(utf8: $0) } }.count,
                       1 + 64 + 65 + 65, "one long id, and each place's letters, digits, '-', '_' and '.' (no '-' first)")
    }

    /// A position hint is taken only where its slot still holds the project: a hint for another
    /// project, past the end, or at a slot whose project was removed leads to a lookup by id.
    func testAPositionHintIsCheckedAgainstTheProject() {
        var table = ProjectPositions()
        let a = table.add("proj-a"), b = table.add("proj-b")
        XCTAssertEqual(table.position(of: "proj-a", hint: a), a)
        XCTAssertEqual(table.position(of: "proj-a", hint: b), a, "a hint naming another project is not taken")
        XCTAssertEqual(table.position(of: "proj-b", hint: 99), b)
        XCTAssertEqual(table.position(of: "proj-b", hint: -1), b)
        XCTAssertNil(table.position(of: "proj-c", hint: a), "an unknown project has no position, whatever the hint")
        table.remove("proj-a")
        XCTAssertNil(table.position(of: "proj-a", hint: a), "a removed project's old slot does not hold it")
    }

    /// Values set and found by fingerprint, as a dictionary keeps them, through growth and
    /// through fingerprints that share their slot's bits.
    func testAQuickTableKeepsWhatADictionaryKeeps() {
        var random = SplitMix64(seed: 12)
        var table = QuickTable<UInt64, Int>()
        var expected: [UInt64: Int] = [:]
        for round in 0..<20_000 {
            // Low bits alike, high bits alike, or anything: every kind of probe sequence.
            let fingerprint: UInt64 = switch round % 3 {
            case 0: UInt64(random.next(50)) << 40
            case 1: UInt64(random.next(50))
            default: UInt64(random.next(1 << 30)) &* 0x1234_5678_9ABC_DEF1
            }
            if random.next(3) == 0 {
                XCTAssertEqual(table[fingerprint], expected[fingerprint])
            } else {
                table.set(round, for: fingerprint)
                expected[fingerprint] = round
            }
        }
        XCTAssertEqual(table.count, expected.count)
        for (fingerprint, value) in expected { XCTAssertEqual(table[fingerprint], value) }
        XCTAssertNil(table[0xDEAD_BEEF_0000_0001])
    }

    /// A line's `prev` is taken as the hash of the line before only when it spells it exactly:
    /// in capitals it is the same number, but not the journal's spelling, and the line is refused.
    func testAPrevSpelledInCapitalsIsRefused() throws {
        let events = JournalScannerTests.payments(3, seed: 2, written: true)
        var lines = Fixture.chain(events)
        let hash = String(lines[0].suffix(66).prefix(64))
        XCTAssertNotEqual(hash, hash.uppercased(), "the hash has letters to capitalise")
        lines[1] = lines[1].replacingOccurrences(of: "\"prev\":\"\(hash)\"", with: "\"prev\":\"\(hash.uppercased())\"")
        XCTAssertThrowsError(try JournalParser.parse(Array((lines.joined(separator: "\n") + "\n").utf8)[...])) { error in
            XCTAssertTrue("\(error)".contains("line 2"), "\(error)")
        }
    }

    /// UTF-8 is checked eight ASCII bytes at a time: a byte that is not ASCII anywhere in a run,
    /// at any place of the word, is looked at as `String(validating:)` would.
    func testUTF8IsJudgedWhereverTheFirstNonASCIIByteFalls() {
        let strangers: [[UInt8]] = [[0x80], [0xC0, 0x80], [0xE4, 0xBE], [0xE4, 0xBE, 0x9B], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                    [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xC3, 0xA9]]
        var checked = 0
        for length in 0..<40 {
            for place in 0...length {
                for stranger in strangers {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes.insert(contentsOf: stranger, at: place)
                    bytes.withUnsafeBufferPointer { buffer in
                        XCTAssertEqual(UTF8Bytes.isValid(buffer), String(validating: buffer, as: UTF8.self) != nil, "\(bytes)")
                    }
                    checked += 1
                }
            }
        }
        XCTAssertEqual(checked, 820 * 9)
    }

    /// Three-byte characters (most Chinese) are taken whole when their lead is not E0 or ED:
    /// every lead from E0 to EF, with every second byte and the edges of the third, at the end
    /// of a text and before more, is judged as `String(validating:)` judges it.
    func testThreeByteCharactersAreJudgedAsTheStandardLibraryDoes() {
        var checked = 0
        for lead in UInt8(0xE0)...0xEF {
            for second in UInt8(0)...0xFF {
                for third: UInt8 in [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xE4, 0xFF] {
                    for bytes in [[lead, second, third], [UInt8(ascii: "x"), lead, second, third, UInt8(ascii: "y")], [lead, second]] {
                        bytes.withUnsafeBufferPointer { buffer in
                            XCTAssertEqual(UTF8Bytes.isValid(buffer), String(validating: buffer, as: UTF8.self) != nil, "\(bytes)")
                        }
                        checked += 1
                    }
                }
            }
        }
        XCTAssertEqual(checked, 16 * 256 * 8 * 3)
    }

    /// A key index is sorted where it lies, by buckets of the fingerprint's top bits: the same
    /// order as the library's sort, whatever the fingerprints, spread or crowded into one bucket,
    /// repeated, in buckets just under and over the size sorted by insertion, or many on one.
    func testKeyEntriesSortedInPlaceAsTheLibrarySortsThem() {
        var random = SystemRandomNumberGenerator()
        let top = UInt64(0xABCD) << 48
        let shapes: [(String, Int, () -> UInt64)] = [
            ("spread", 300_000, { random.next() }),
            ("repeated", 200_000, { UInt64.random(in: 0..<50_000, using: &random) &* 0x9E37_79B9_7F4A_7C15 }),
            ("one bucket", 100_000, { top | UInt64.random(in: 0..<(1 << 48), using: &random) }),
            ("buckets of about 48", 70_000 * 2, { UInt64.random(in: 0..<1_500, using: &random) << 48 | UInt64.random(in: 0..<1_000, using: &random) }),
            ("few", 1_000, { random.next() }),
            // Equal fingerprints sorted by seq at the last byte, in a bucket above and below the
            // room a bucket is sorted through.
            ("a third on one fingerprint", 60_000, { random.next() % 3 == 0 ? 0x1234_5678_9ABC_DEF0 : random.next() }),
            ("5,000 on one fingerprint", 80_000, { random.next() % 16 == 0 ? 0x1234_5678_9ABC_DEF0 : random.next() }),
        ]
        for (shape, count, fingerprint) in shapes {
            var entries = (0..<count).map { _ in KeyIndex.Entry(fingerprint: fingerprint(), seq: Int64.random(in: 1...1_000_000, using: &random)) }
            let expected = entries.sorted()
            KeyIndex.sortInPlace(&entries)
            XCTAssertEqual(entries, expected, shape)
        }
    }

    /// A digest's hex digits are compared with a line's eight at a time: its own spelling
    /// matches, and any one digit changed, to another digit or to a capital, does not.
    func testADigestKnowsItsOwnSpelling() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let digest = SHA256.hash((0..<Int.random(in: 0...100, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
            var text = Array(digest.hex.utf8)
            XCTAssertTrue(text.withUnsafeBytes { digest.isSpelled(at: $0.baseAddress!) }, digest.hex)
            let place = Int.random(in: 0..<64, using: &random)
            let original = text[place]
            for other in Array("0123456789abcdefABCDEF\"g".utf8) where other != original {
                text[place] = other
                XCTAssertFalse(text.withUnsafeBytes { digest.isSpelled(at: $0.baseAddress!) }, "\(digest.hex) with \(other) at \(place)")
            }
            text[place] = original
        }
        for byte in UInt8.min...UInt8.max {
            let expected = String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
            let digits = SHA256Digest.hexDigits(UInt64(byte))
            XCTAssertEqual(String(decoding: withUnsafeBytes(of: digits.littleEndian) { Array($0.prefix(2)) }, as: UTF8.self), expected)
        }
    }

    /// The encoder and the checkpoint write dates digit by digit, as `BusinessDate.text` spells
    /// them, for every day the ledger accepts; and the reader takes them back.
    func testEveryDateIsWrittenAsItsTextAndReadBack() {
        var days = 0
        for year in Limits.yearRange {
            for month in 1...12 {
                for day in 1...BusinessDate.daysIn(month: month, year: year) {
                    let date = BusinessDate(year: year, month: month, day: day)!
                    var bytes: [UInt8] = []
                    PaymentLineWriter.date(date, &bytes)
                    XCTAssertEqual(String(decoding: bytes, as: UTF8.self), date.text)
                    XCTAssertEqual(bytes.withUnsafeBufferPointer { BusinessDate(utf8: $0) }, date)
                    days += 1
                }
            }
        }
        XCTAssertEqual(days, 111 * 365 + 27, "1990 to 2100, 27 leap days (2100 is not leap)")
    }

    /// A fund source read from an import's bytes is the one its text names, and nothing else is.
    func testAFundSourceIsReadFromItsBytesAsFromItsText() {
        let texts = FundSource.allCases.map(\.rawValue) + ["", "Current", "current ", " other", "carry", "carryover2", "其他", "curren", "otherr"]
        for text in texts {
            let bytes = Array(text.utf8)
            XCTAssertEqual(bytes.withUnsafeBufferPointer { FundSource(utf8: $0) }, FundSource(rawValue: text), text.debugDescription)
        }
        XCTAssertEqual(Array("carryover".utf8).withUnsafeBufferPointer { FundSource(utf8: $0) }, .carryover)
    }
}
