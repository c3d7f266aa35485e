import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal

final class JournalScannerTests: XCTestCase {
    /// Payments of every shape the encoder can write: client and derived ids, payees and memos
    /// absent, plain, Chinese, or needing escapes. `written` leaves out the texts an append now
    /// refuses (U+2028, which older versions wrote and every reader still reads).
    static func payments(_ count: Int, seed: UInt64, written: Bool = false) -> [Event] {
        var random = SplitMix64(seed: seed)
        let texts: [String?] = [nil, "厦门大学", "差旅 \"引号\"", "back\\slash", "tab-free ≥90%", "😀 emoji", "", written ? "a b" : "a\u{2028}b", "x"]
        return (1...count).map { index in
            let amount = Int64(random.next(1_000_000_00)) + 1
            let body = EventBody.disbursed(Disbursement(
                project: ["p", "bzgl-2023", "x.y_z"][random.next(3)], source: FundSource.allCases[random.next(3)],
                amount: Money(fen: random.next(5) == 0 ? Limits.amountFenMax : amount),
                voucher: [nil, "2023-0001", "凭证 No.7", "v\"q"][random.next(4)],
                economicClass: [nil, "30211", "302"][random.next(3)],
                functionalClass: [nil, "20106", "229"][random.next(3)],
                payee: texts[random.next(texts.count)] ?? nil, memo: texts[random.next(texts.count)] ?? nil,
                amends: random.next(6) == 0 ? Int64(random.next(1000) + 1) : nil))
            return Event(seq: Int64(index), id: random.next(2) == 0 ? "@\(index)" : "key-\(index)",
                         date: BusinessDate(year: 2023, month: random.next(12) + 1, day: random.next(28) + 1)!,
                         recorded: "2023-12-31T00:00:00Z", body: body)
        }
    }

    static func encode(_ events: [Event]) -> [UInt8] {
        Array(Fixture.chain(events).map { $0 + "\n" }.joined().utf8)
    }

    /// The fast decoder either declines a line or reads exactly what the general decoder reads.
    func testTheFastDecoderAgreesWithTheGeneralOne() {
        var fastHits = 0
        for event in Self.payments(2_000, seed: 11) {
            let line = Array(EventEncoder.line(for: event, prev: .zero).text.utf8)
            line.withUnsafeBytes { bytes in
                let general = try? EventDecoder.decode(bytes)
                XCTAssertEqual(general?.event, event)
                if let fast = FastPaymentDecoder.decode(bytes) {
                    fastHits += 1
                    XCTAssertEqual(fast.event, general?.event)
                    XCTAssertEqual(fast.prev, general?.prev)
                    XCTAssertEqual(fast.hash, general?.hash)
                }
            }
        }
        XCTAssertGreaterThan(fastHits, 500, "most plain payments take the fast path")
    }

    /// Damaged payment lines: whatever the fast decoder accepts, the general one accepts the same.
    func testTheFastDecoderNeverAcceptsWhatTheGeneralOneRefuses() {
        var random = SplitMix64(seed: 5)
        let events = Self.payments(200, seed: 3)
        for _ in 0..<20_000 {
            var line = Array(EventEncoder.line(for: events[random.next(events.count)], prev: .zero).text.utf8)
            line[random.next(line.count)] = UInt8(random.next(256))
            line.withUnsafeBytes { bytes in
                guard let fast = FastPaymentDecoder.decode(bytes) else { return }
                let general = try? EventDecoder.decode(bytes)
                XCTAssertEqual(general?.event, fast.event)
                XCTAssertEqual(general?.hash, fast.hash)
            }
        }
    }

    /// An event's id is a client's key or `@SEQ` as the ledger derives it: the fast decoder,
    /// which checks the derived form on the bytes, takes exactly the ids the general one takes.
    func testBothDecodersTakeTheSameIds() {
        let payment = EventBody.disbursed(Disbursement(project: "p", source: .current, amount: Money(fen: 123)))
        var accepted: [String] = []
        for id in ["@7", "@07", "@8", "@", "@7x", "k-7", "@-7", "@70", "7", "@77777777777777777777", "@9223372036854775815"] {
            let event = Event(seq: 7, id: id, date: BusinessDate("2023-03-01")!, recorded: "2024-01-01T00:00:00Z", body: payment)
            let line = Array(EventEncoder.line(for: event, prev: .zero).text.utf8)
            line.withUnsafeBytes { bytes in
                let fast = FastPaymentDecoder.decode(bytes)
                let general = try? EventDecoder.decode(bytes)
                XCTAssertEqual(fast?.event, general?.event, id)
                if general != nil { XCTAssertNotNil(fast, "\(id): a payment line the fast decoder leaves to the general one") }
                if fast != nil { accepted.append(id) }
            }
        }
        XCTAssertEqual(accepted, ["@7", "k-7", "7"])
    }

    func scan(_ bytes: [UInt8], blockBytes: Int = JournalScanner.blockBytes) throws -> ([Event], JournalPosition) {
        let directory = TemporaryDirectory()
        let path = directory.path("j.jsonl")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var events: [Event] = []
        let end = try JournalScanner.scan(fd: fd, path: path, blockBytes: blockBytes) { events.append($0) }.end
        return (events, end)
    }

    func testScanningInBlocksOfAnySizeReadsEveryEventInOrder() throws {
        let events = Self.payments(500, seed: 9)
        let bytes = Self.encode(events)
        for block in [64, 500, 4_096, 1 << 20] {
            let (scanned, end) = try scan(bytes, blockBytes: block)
            XCTAssertEqual(scanned, events, "block \(block)")
            XCTAssertEqual(end.offset, Int64(bytes.count))
            XCTAssertEqual(end.head.seq, 500)
        }
    }

    /// The scanner names the same line as the whole-file parser for every kind of damage.
    func testDamageIsReportedOnTheSameLineAsByTheParser() throws {
        let bytes = Self.encode(Self.payments(40, seed: 21))
        var random = SplitMix64(seed: 8)
        for round in 0..<300 {
            var copy = bytes
            if round % 3 == 0 {
                copy = Array(copy.prefix(random.next(copy.count)))
            } else {
                copy[random.next(copy.count)] = UInt8(random.next(256))
            }
            let parsed = Result { try JournalParser.parse(copy[...]) }
            let scanned = Result { try scan(copy, blockBytes: 1_000) }
            switch (parsed, scanned) {
            case (.success(let a), .success(let b)): XCTAssertEqual(a.events, b.0)
            case (.failure(let a), .failure(let b)): XCTAssertEqual("\(a)", "\(b)", "round \(round)")
            default: XCTFail("round \(round): parser \(parsed), scanner \(scanned)")
            }
        }
    }

    /// The scanner reads a file in blocks and the parser reads bytes in memory; both must find
    /// the same events in an intact journal of every kind of line, and name the same first
    /// damaged line with the same reason, whatever the damage and the block size.
    func testTheScannerAndTheParserAgreeOnEveryKindOfLineAndDamage() throws {
        var random = SplitMix64(seed: 31)
        var bodies = Self.payments(60, seed: 5).map(\.body)
        for body in JournalFormatTests.bodies { bodies.insert(body, at: random.next(bodies.count + 1)) }
        let events = bodies.enumerated().map { index, body in
            Event(seq: Int64(index + 1), id: index % 3 == 0 ? "k-\(index)" : "@\(index + 1)", date: Fixture.date("2023-03-01"),
                  recorded: "2023-03-01T00:00:00Z", body: body)
        }
        let lines = Fixture.chain(events)
        for round in 0..<120 {
            var damaged = lines
            switch round % 6 {
            case 0: break
            case 1: damaged.remove(at: random.next(damaged.count))
            case 2: damaged.swapAt(random.next(damaged.count), random.next(damaged.count))
            case 3: damaged.insert(damaged[random.next(damaged.count)], at: random.next(damaged.count))
            default: break
            }
            var bytes = Array(damaged.map { $0 + "\n" }.joined().utf8)
            if round % 6 == 4 { bytes = Array(bytes.prefix(random.next(bytes.count))) }
            if round % 6 == 5 {
                for _ in 0..<2 { bytes[random.next(bytes.count)] = UInt8(random.next(256)) }
            }
            let parsed = Result { try JournalParser.parse(bytes[...]) }
            for blockBytes in [97, 4_096, 1 << 20] {
                let scanned = Result { try scan(bytes, blockBytes: blockBytes) }
                switch (parsed, scanned) {
                case (.success(let a), .success(let b)): XCTAssertEqual(a.events, b.0, "round \(round), blocks of \(blockBytes)")
                case (.failure(let a), .failure(let b)): XCTAssertEqual("\(a)", "\(b)", "round \(round), blocks of \(blockBytes)")
                default: XCTFail("round \(round), blocks of \(blockBytes): parser \(parsed), scanner \(scanned)")
                }
            }
            if round % 6 == 0 { XCTAssertEqual(try parsed.get().events, events) }
        }
    }
}

extension JournalScannerTests {
    /// A scan stopped early, by its caller or at a damaged line, returns only once the blocks it
    /// started ahead are done: they read the caller's descriptor, which the caller then closes,
    /// and whose number the next file opened may take (a `verify` crashed that way).
    func testAScanStoppedEarlyLeavesNoBlockReading() throws {
        struct Stop: Error {}
        // Several blocks of payments, so that those after the first are still being read and
        // decoded when the scan stops in the first.
        var bytes = Self.encode(Self.payments(12_000, seed: 8, written: true))
        let directory = TemporaryDirectory()
        let path = directory.path("j.jsonl")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        bytes[200] = UInt8(ascii: "#")
        let damaged = directory.path("damaged.jsonl")
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        // Blocks slow to read, so that those started ahead are surely not done when the scan stops.
        JournalScanner.Decoding.readDelay.sync { $0 = 20_000 }
        defer { JournalScanner.Decoding.readDelay.sync { $0 = 0 } }
        for round in 0..<3 {
            for file in [path, damaged] {
                let fd = open(file, O_RDONLY)
                XCTAssertThrowsError(try JournalScanner.scanFigures(fd: fd, path: file, event: { _, _ in throw Stop() },
                                                                    payment: { _, _ in throw Stop() }))
                XCTAssertEqual(JournalScanner.Decoding.inFlight, 0, "round \(round), \(file)")
                close(fd)
            }
        }
    }

    /// A file cut short after its size was taken is refused, not read past its end.
    func testABlockOfAFileCutShortWhileReadIsRefused() throws {
        let bytes = Self.encode(Self.payments(50, seed: 1, written: true))
        let directory = TemporaryDirectory()
        let path = directory.path("j.jsonl")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let size = Int64(bytes.count)
        for (from, to, told) in [(0, size, size + 10), (1_000, size + 50, size + 50), (1_000, size, size + 1)] {
            XCTAssertThrowsError(try JournalScanner.Decoding.lines(fd: fd, path: path, from: Int64(from), to: to, first: from == 0, size: told)) { error in
                XCTAssertEqual(error as? JournalError, .changedWhileRead(path: path), "\(from)..<\(to) of \(told)")
            }
        }
        XCTAssertNoThrow(try JournalScanner.Decoding.lines(fd: fd, path: path, from: 0, to: size, first: true, size: size))
    }

    /// A line near or past the length limit, anywhere, ended or torn: every block finds the lines
    /// that begin in it whatever their length, and the scanner names the line the parser names,
    /// with the same reason, for blocks smaller than a line and larger than the file.
    func testLongLinesAreReportedAsTheParserReportsThemWhateverTheBlocks() throws {
        let lines = Fixture.chain(Self.payments(30, seed: 4, written: true)).map { Array(($0 + "\n").utf8) }
        var random = SplitMix64(seed: 19)
        for round in 0..<24 {
            let length = [Limits.lineBytesMax - 5, Limits.lineBytesMax, Limits.lineBytesMax + 1, 2 * Limits.lineBytesMax + 7][round % 4]
            var all = lines
            let at = round < 12 ? random.next(lines.count + 1) : lines.count
            all.insert([UInt8](repeating: UInt8(ascii: "x"), count: length) + (round % 3 == 0 && at == lines.count ? [] : [0x0A]), at: at)
            let bytes = Array(all.joined())
            let parsed = Result { try JournalParser.parse(bytes[...]) }
            for blockBytes in [97, 4_096, 20_000, 1 << 20] {
                let scanned = Result { try scan(bytes, blockBytes: blockBytes) }
                switch (parsed, scanned) {
                case (.failure(let a), .failure(let b)): XCTAssertEqual("\(a)", "\(b)", "round \(round), blocks of \(blockBytes)")
                default: XCTFail("round \(round), blocks of \(blockBytes): parser \(parsed), scanner \(scanned)")
                }
            }
        }
    }
}

final class KeyLookupTests: XCTestCase {
    /// A batch's keys are looked up in one pass (`events(withKeys:)`), a single key on its own
    /// (`events(withKey:)`): both find the same events, for keys present, absent and repeated,
    /// whether the key index came from the checkpoint or from the lines after it.
    func testLookingUpManyKeysFindsWhatLookingUpEachFinds() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("j.jsonl")
        var random = SplitMix64(seed: 12)
        let events = JournalScannerTests.payments(300, seed: 4).enumerated().map { index, event in
            Event(seq: event.seq, id: random.next(4) == 0 ? "@\(event.seq)" : "key-\(index)", date: event.date, recorded: event.recorded, body: event.body)
        }
        try Data(JournalScannerTests.encode(events)).write(to: URL(fileURLWithPath: path))
        for checkpointed in [false, true] {
            let journal = JournalFile(path: path, checkpointBytesMin: checkpointed ? 0 : Int64.max, checkpointKeys: CheckpointKeyring(key: Fixture.checkpointKey))
            if checkpointed {
                // A checkpoint of the first 200 lines: the rest are read after it.
                let prefix = try JournalFile(path: path).reading { try $0.summary(upTo: 200) }
                Checkpoint.write(prefix, suspects: [], forJournal: journal)
            }
            try journal.reading { reader in
                let summary = try reader.summary()
                XCTAssertEqual(summary.base != nil, checkpointed)
                let access = reader.access(summary)
                for _ in 0..<5 {
                    let keys = (0..<random.next(30)).map { _ in random.next(5) == 0 ? "absent-\(random.next(100))" : "key-\(random.next(300))" }
                    let batch = try access.events(withKeys: keys)
                    var single: [String: Event] = [:]
                    for key in keys { if let found = try access.events(withKey: key).first { single[key] = found } }
                    XCTAssertEqual(batch, single, "checkpointed \(checkpointed)")
                }
            }
        }
    }
}
