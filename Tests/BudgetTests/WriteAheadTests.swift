import XCTest
import Foundation
@testable import BudgetJournal
@testable import BudgetModel

/// An append's lines encoded ahead, while its batch is checked, are written ahead too: every
/// chunk but the last. They become the batch only when the batch is written as encoded. Else
/// the file is cut back to what it held, byte for byte.
final class WriteAheadTests: XCTestCase {
    /// Three events already in the journal, then a batch of 4,997: chunks of 2,048, 2,048 and 901.
    let events = JournalScannerTests.payments(5_000, seed: 31, written: true)
    var base: [Event] { Array(events.prefix(3)) }
    var batch: [Event] { Array(events.dropFirst(3)) }
    /// Made for each test and let go after it: XCTest keeps every test's instance until the
    /// process ends, so a directory held from the instance's start outlived the run.
    var directory: TemporaryDirectory!

    override func setUp() {
        super.setUp()
        directory = TemporaryDirectory()
    }

    override func tearDown() {
        directory = nil
        super.tearDown()
    }

    /// A journal holding the base events, its bytes, and the batch's lines as the line encoder
    /// writes them after it.
    func journal(_ name: String) throws -> (file: JournalFile, path: String, before: [UInt8], plain: [UInt8]) {
        let path = directory.path(name)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let file = JournalFile(path: path)
        try file.append { _ in AppendPlan(events: self.base) }
        let before = try bytes(path)
        let head = try file.summary().position.head
        XCTAssertEqual(head.seq, 3)
        return (file, path, before, try BatchEncoder.lines(for: batch, after: head).bytes)
    }

    func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Waits until the helper has encoded the last chunk: by then it has written every one before.
    func waitUntilEncoded(_ ahead: BatchEncoder.Ahead) {
        let last = ahead.pipeline.slots.count - 1
        XCTAssertEqual(last, 2, "three chunks")
        var waited = 0
        while !ahead.pipeline.isReady(last) && waited < 10_000 { usleep(1_000); waited += 1 }
        XCTAssertTrue(ahead.pipeline.isReady(last), "encoded ahead within ten seconds")
    }

    /// What the file holds past `before` while the batch is checked: the first two chunks'
    /// lines, not the last chunk's, so that a crash leaves a batch cut short.
    func assertWrittenAhead(_ during: [UInt8], before: [UInt8], plain: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(during.starts(with: before), "the journal's lines untouched", file: file, line: line)
        let ahead = during.dropFirst(before.count)
        XCTAssertTrue(plain.starts(with: ahead), "the batch's first lines, as the line encoder writes them", file: file, line: line)
        XCTAssertEqual(ahead.filter { $0 == 0x0A }.count, 4_096, "two chunks of lines, and not the last", file: file, line: line)
    }

    func testABatchRefusedAfterItsLinesWereWrittenAheadLeavesTheJournalAsItWas() throws {
        let (file, path, before, plain) = try journal("refused.jsonl")
        struct Refused: Error {}
        var during: [UInt8] = []
        XCTAssertThrowsError(try file.append { access in
            let ahead = access.linesAhead(EventPiece(self.batch), batch: self.batch.count)
            self.waitUntilEncoded(ahead)
            during = try self.bytes(path)
            throw Refused()
        }) { error in XCTAssertTrue(error is Refused, "\(error)") }
        assertWrittenAhead(during, before: before, plain: plain)
        XCTAssertTrue(try bytes(path) == before, "cut back, byte for byte")
        XCTAssertEqual(try file.summary().position.head.seq, 3)
    }

    func testLinesWrittenAheadAreTheBatchWhenItIsWrittenAsEncoded() throws {
        let (file, path, before, plain) = try journal("taken.jsonl")
        var during: [UInt8] = []
        let outcome = try file.append { access in
            let ahead = access.linesAhead(EventPiece(self.batch), batch: self.batch.count)
            self.waitUntilEncoded(ahead)
            during = try self.bytes(path)
            return AppendPlan(count: self.batch.count, pieces: { write in
                var piece = ahead.events
                piece.ahead = ahead
                try write(piece)
            })
        }
        assertWrittenAhead(during, before: before, plain: plain)
        XCTAssertTrue(try bytes(path) == before + plain, "each line once, in order")
        XCTAssertEqual(outcome.count, batch.count)
        XCTAssertEqual(outcome.head.seq, 5_000)
        XCTAssertEqual(try file.summary().position.head, outcome.head)
    }

    /// Lines written ahead for another batch (dropped by the builder, or handed to the writer
    /// with a piece they do not encode) are cut back before the piece's own lines are written.
    func testLinesWrittenAheadForAnotherBatchAreCutBackBeforeThePieceIsWritten() throws {
        for handedOver in [false, true] {
            let (file, path, before, plain) = try journal("other-\(handedOver).jsonl")
            var during: [UInt8] = []
            try file.append { access in
                // Encoded as a batch of one more line: its first line announces another size.
                let ahead = access.linesAhead(EventPiece(self.batch), batch: self.batch.count + 1)
                self.waitUntilEncoded(ahead)
                during = try self.bytes(path)
                if !handedOver { ahead.cancel() }
                return AppendPlan(count: self.batch.count, pieces: { write in
                    var piece = EventPiece(self.batch)
                    if handedOver { piece.ahead = ahead }
                    try write(piece)
                })
            }
            XCTAssertTrue(during.starts(with: before) && during.count > before.count + 4_096, "written ahead")
            XCTAssertFalse(plain.starts(with: during.dropFirst(before.count)), "not the batch's lines")
            XCTAssertTrue(try bytes(path) == before + plain, "handed over: \(handedOver)")
        }
    }

    /// A write ahead that fails (here the file size limit, reached inside the second chunk)
    /// fails the append with it, and the part written is cut back with the rest.
    func testAWriteAheadThatFailsFailsTheAppendAndLeavesTheJournalAsItWas() throws {
        let (file, path, before, plain) = try journal("full.jsonl")
        let firstChunk = plain.indices.filter { plain[$0] == 0x0A }[2_047] + 1
        let previous = signal(SIGXFSZ, SIG_IGN)
        var saved = rlimit()
        XCTAssertEqual(getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved), 0)
        var limit = saved
        limit.rlim_cur = rlim_t(before.count + firstChunk + 1_000)
        XCTAssertEqual(setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit), 0)
        var during: [UInt8] = []
        var thrown: Error?
        do {
            try file.append { access in
                let ahead = access.linesAhead(EventPiece(self.batch), batch: self.batch.count)
                self.waitUntilEncoded(ahead)
                during = try self.bytes(path)
                // The disk has room again by the time the batch is written: lines written after
                // the torn chunk would go in, and the append would say it succeeded.
                XCTAssertEqual(setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved), 0)
                return AppendPlan(count: self.batch.count, pieces: { write in
                    var piece = ahead.events
                    piece.ahead = ahead
                    try write(piece)
                })
            }
        } catch {
            thrown = error
        }
        XCTAssertEqual(setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &saved), 0)
        signal(SIGXFSZ, previous)
        guard case JournalError.system(_, let operation, _)? = thrown else { return XCTFail("\(String(describing: thrown))") }
        XCTAssertEqual(operation, "write")
        XCTAssertEqual(during.count, before.count + firstChunk + 1_000, "the first chunk, and the second in part")
        XCTAssertTrue(try bytes(path) == before, "cut back, byte for byte")
    }

    /// Interrupts are held from the first line written ahead, as from the first line written,
    /// and put back once the append is done, written or refused.
    func testInterruptsAreHeldFromTheFirstLineWrittenAhead() throws {
        let outside = Interrupts.ignored()
        XCTAssertEqual(outside, [false, false, false])
        for refusing in [false, true] {
            let (file, _, _, _) = try journal("held-\(refusing).jsonl")
            var beforeAhead: [Bool] = [], whileChecked: [Bool] = []
            _ = try? file.append { access in
                beforeAhead = Interrupts.ignored()
                let ahead = access.linesAhead(EventPiece(self.batch), batch: self.batch.count)
                self.waitUntilEncoded(ahead)
                whileChecked = Interrupts.ignored()
                if refusing { throw CancellationError() }
                return AppendPlan(count: self.batch.count, pieces: { write in
                    var piece = ahead.events
                    piece.ahead = ahead
                    try write(piece)
                })
            }
            XCTAssertEqual(beforeAhead, outside, "nothing written yet")
            XCTAssertEqual(whileChecked, [true, true, true], "lines written ahead")
            XCTAssertEqual(Interrupts.ignored(), outside, "refused: \(refusing)")
        }
    }
}
