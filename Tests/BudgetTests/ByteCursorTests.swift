import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJSON
@testable import BudgetJournal

final class ByteCursorTests: XCTestCase {
    /// Writes `body` through a cursor into room for `most` bytes, and gives what it wrote.
    private func written(most: Int, _ body: (inout ByteCursor) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: most) { buffer, initialized in
            var cursor = ByteCursor(buffer)
            body(&cursor)
            initialized = cursor.at - buffer.baseAddress!
            precondition(initialized <= most, "the test's room was overrun")
        }
    }

    /// A text is quoted through the cursor exactly as the JSON writer quotes it, whether it is
    /// copied whole or escaped, and never takes more than its bound.
    func testQuotedIsTheJSONWritersQuoting() {
        var texts = ["", "proj-01", "供应商", "a\"b", "back\\slash", "tab\there", "\u{01}\u{1F}\u{7F}", "line\nbreak",
                     "\u{85}next line", "\u{2028}\u{2029}", "\u{200E}\u{200F}\u{061C}", "\u{202E}over", "\u{2066}isolate\u{2069}",
                     "©版权", "–破折号", "ؠعربي", "e\u{301}", "é", String(repeating: "\"", count: 300), String(repeating: "\u{2028}", count: 100)]
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "\"", "\\", "\u{0}", "\u{1B}", "中", "\u{2028}", "\u{85}", "©", "ؠ", "–", "\u{FEFF}"]
        for _ in 0..<500 { texts.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()) }
        for text in texts {
            var expected: [UInt8] = []
            JSONWriter.appendQuoted(text, to: &expected)
            let most = ByteCursor.quotedBytesMax(text)
            let bytes = written(most: most) { $0.quoted(text) }
            XCTAssertEqual(bytes, expected, text.debugDescription)
            XCTAssertLessThanOrEqual(expected.count, most, text.debugDescription)
        }
    }

    /// A payment at its longest — the largest seq, amount and amended seq, and every text at its
    /// limit in the character that escapes longest — is written whole within its bound, and
    /// the batch's line is the line encoder's.
    func testAPaymentAtItsLongestIsWrittenWithinItsBound() throws {
        let quotes = String(repeating: "\"", count: Limits.textBytesMax)
        let payment = Disbursement(project: String(repeating: "p", count: Limits.idBytesMax), source: .carryover,
                                   amount: Money(fen: Limits.amountFenMax), voucher: String(repeating: "\\", count: Limits.voucherBytesMax),
                                   economicClass: "30211", functionalClass: "20106", payee: quotes, memo: quotes,
                                   amends: Int64(Limits.eventsMax))
        let event = Event(seq: Int64(Limits.eventsMax), id: String(repeating: "k", count: Limits.idBytesMax), date: BusinessDate("2100-12-31")!,
                          recorded: "2100-12-31T23:59:59Z", body: .disbursed(payment))
        let line = PaymentLine(event, payment)
        var writer = PaymentLineWriter()
        XCTAssertNil(writer.problem(ofNext: line, recorded: event.recorded))
        let most = PaymentLineWriter.bytesMax(line, recorded: event.recorded)
        let body = written(most: most) { writer.write(line, recorded: event.recorded, to: &$0) }
        XCTAssertEqual(body, EventEncoder.unchainedBody(for: event))
        XCTAssertLessThanOrEqual(body.count, most)
        // Two payments, the second at its longest: the batch's lines are the line encoder's.
        let first = Event(seq: event.seq - 1, id: "k-1", date: event.date, recorded: event.recorded,
                          body: .disbursed(Disbursement(project: "p", source: .current, amount: Money(fen: 1))))
        let lines = try BatchEncoder.lines(for: [first, event], after: JournalHead(seq: event.seq - 2, hash: .zero))
        let one = EventEncoder.line(for: first, prev: .zero, batch: 2)
        let two = EventEncoder.line(for: event, prev: one.hash)
        XCTAssertTrue(String(decoding: lines.bytes, as: UTF8.self) == one.text + "\n" + two.text + "\n")
    }

    /// A piece whose payments are made as their lines are encoded writes the bytes of the events
    /// given whole, each payment made once, and hands each chunk's facts with its lines: the
    /// first line's event (it announces the batch), then each payment's figures.
    func testAPieceMadeAsItIsEncodedIsThePieceGivenWhole() throws {
        let recorded = "2024-01-02T03:04:05Z"
        let events = JournalScannerTests.payments(5_000, seed: 9, written: true).map { event in
            Event(seq: event.seq, id: event.id, date: event.date, recorded: recorded, body: event.body)
        }
        let made = UnsafeMutableBufferPointer<Int32>.allocate(capacity: events.count)
        made.initialize(repeating: 0)
        defer { made.deallocate() }
        let piece = EventPiece(payments: events.count, recorded: recorded) { index in
            // Each index is made by one thread only: counting without a lock is safe.
            made[index] += 1
            guard case .disbursed(let payment) = events[index].body else { preconditionFailure("a payment") }
            return PaymentLine(events[index], payment)
        }
        var bytes: [UInt8] = []
        var handed: [LineFact] = []
        try BatchEncoder.forEachChunk(of: piece, after: .empty, batch: events.count, announcing: true, chunkEvents: 300) { lines throws(JournalError) in
            bytes += lines.chunks.joined()
            handed += lines.facts
            XCTAssertEqual(lines.facts.count, lines.heads.count)
        }
        XCTAssertEqual(bytes, try BatchEncoder.lines(for: events, after: .empty).bytes)
        XCTAssertEqual(handed.map(\.seq), events.map(\.seq))
        guard case .event(let first) = handed.first else { return XCTFail("the first line is handed as its event") }
        XCTAssertEqual(first, events[0])
        XCTAssertEqual(handed.dropFirst().filter { if case .payment = $0 { true } else { false } }.count, events.count - 1)
        XCTAssertEqual(Set(made), [1])
    }

    /// A piece of payments, given as their parts with one recorded time, writes the journal of
    /// the same payments given as events, and leaves the same checkpoint: each line hands its
    /// figures, which the summary takes in as it takes in the event.
    func testAPieceOfPaymentsWritesWhatItsEventsWrite() throws {
        let directory = TemporaryDirectory()
        let recorded = "2024-01-02T03:04:05Z"
        // Derived and client keys, vouchers and codes, in the batch's order.
        let events = JournalScannerTests.payments(3_000, seed: 21, written: true).map { event in
            Event(seq: event.seq, id: event.id, date: event.date, recorded: recorded, body: event.body)
        }
        XCTAssertTrue(events.contains { $0.id.hasPrefix("@") } && events.contains { !$0.id.hasPrefix("@") })
        XCTAssertTrue(events.contains { $0.body.voucher != nil })
        var written: [Data] = []
        for asPayments in [false, true] {
            let path = directory.path(asPayments ? "payments.jsonl" : "events.jsonl")
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
            let journal = JournalFile(path: path, checkpointBytesMin: 0, checkpointKeys: CheckpointKeyring(key: Fixture.checkpointKey))
            try journal.append { _ in
                AppendPlan(count: events.count, pieces: { write in
                    if asPayments {
                        let piece = EventPiece(payments: events.count, recorded: recorded) { index in
                            guard case .disbursed(let payment) = events[index].body else { preconditionFailure("a payment") }
                            return PaymentLine(seq: events[index].seq, id: events[index].id, date: events[index].date, payment: payment)
                        }
                        XCTAssertEqual(piece.event(at: 17), events[17])
                        try write(piece)
                    } else {
                        try write(EventPiece(events))
                    }
                }, checkpointSuspects: [])
            }
            written.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            written.append(try Data(contentsOf: URL(fileURLWithPath: Checkpoint.path(for: path, owner: Fixture.checkpointKey.owner))))
        }
        XCTAssertEqual(written[0], written[2], "the journal")
        XCTAssertEqual(written[1], written[3], "the checkpoint")
        XCTAssertGreaterThan(written[1].count, 1_000)
    }

    /// Two texts are the same bytes, or not, whether they are short (held in the String itself)
    /// or long (held in storage, shared or not), and canonically equivalent texts of other bytes
    /// are not the same.
    func testSameBytesComparesTheBytes() {
        let long = String(repeating: "供应商", count: 10)
        let longCopy = String(decoding: Array(long.utf8), as: UTF8.self)
        let cases: [(String, String, Bool)] = [
            ("", "", true), ("proj-01", "proj-01", true), ("proj-01", "proj-02", false), ("proj-01", "proj-01 ", false),
            (long, long, true), (long, longCopy, true), (long, long + "x", false), (long, String(long.dropLast()) + "司", false),
            ("é", "e\u{301}", false), ("2026-12-07T09:33:08Z", String("x2026-12-07T09:33:08Z".dropFirst()), true),
        ]
        for (one, other, same) in cases {
            XCTAssertEqual(PaymentLineWriter.sameBytes(one, other), same, "\(one.debugDescription) \(other.debugDescription)")
            XCTAssertEqual(PaymentLineWriter.sameBytes(other, one), same, "\(other.debugDescription) \(one.debugDescription)")
        }
    }

    /// Numbers are written in place as `String` spells them, zero-padded to the digits asked
    /// for, into an array or through a cursor.
    func testDigitsAreTheNumbersSpelling() {
        let values: [UInt64] = [0, 1, 9, 10, 99, 100, 12_345, 1_000_000, 4_294_967_296, UInt64(Int64.max), UInt64.max]
        for value in values {
            for minimum in [1, 2, 4, 20, 24] {
                let spelled = String(value)
                let expected = Array((String(repeating: "0", count: max(0, minimum - spelled.count)) + spelled).utf8)
                var array: [UInt8] = [0x41]
                DecimalDigits.append(value, minimumDigits: minimum, to: &array)
                XCTAssertEqual(array, [0x41] + expected, "\(value), \(minimum)")
                XCTAssertEqual(written(most: 24) { DecimalDigits.append(value, minimumDigits: minimum, to: &$0) }, expected, "\(value), \(minimum)")
            }
        }
        for value in [Int64.min + 1, -1, 0, 7, Int64.max] {
            XCTAssertEqual(written(most: 24) { DecimalDigits.append(value, to: &$0) }, Array(String(value).utf8))
        }
    }

    /// The word-at-a-time test finds a byte to escape exactly where the byte-at-a-time one
    /// does: every byte value, at every place in texts of 1 to 20 bytes, among bytes that need
    /// no escape (some just above or below those that do).
    func testMayEscapeAnyIsTheByteTest() {
        let plain: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x41, 0x7F, 0x80, 0xC1, 0xC3, 0xD7, 0xD9, 0xE1, 0xE3, 0xE4, 0xFF]
        var random = SplitMix64(seed: 5)
        for length in 1...20 {
            for place in 0..<length {
                for byte in 0...255 {
                    var bytes = (0..<length).map { _ in plain[random.next(plain.count)] }
                    bytes[place] = UInt8(byte)
                    let expected = bytes.contains(where: JSONWriter.mayEscape)
                    XCTAssertEqual(bytes.withUnsafeBufferPointer { ByteCursor.mayEscapeAny($0) }, expected, "\(bytes)")
                }
            }
        }
        XCTAssertFalse([UInt8]().withUnsafeBufferPointer { ByteCursor.mayEscapeAny($0) })
    }
}
