import XCTest
@testable import BudgetModel
@testable import BudgetJournal

final class BatchEncoderTests: XCTestCase {
    /// The batch encoder writes exactly the bytes of encoding one line after another.
    func testTheBatchWritesTheSameBytesAsLineByLine() {
        let kinds = JournalFormatTests.bodies.enumerated().map { index, body in
            Event(seq: Int64(index + 1), id: "@\(index + 1)", date: Fixture.date("2023-06-01"), recorded: "2023-06-01T08:00:00Z", body: body)
        }
        let payments = JournalScannerTests.payments(1_500, seed: 4).map { event in
            Event(seq: event.seq + Int64(kinds.count), id: event.id.hasPrefix("@") ? "@\(event.seq + Int64(kinds.count))" : event.id,
                  date: event.date, recorded: event.recorded, body: event.body)
        }
        let events = kinds + payments
        let start = JournalHead(seq: 0, hash: .zero)
        let batch = BatchEncoder.lines(for: events, after: start)
        XCTAssertEqual(batch.bytes, JournalScannerTests.encode(events))
        XCTAssertEqual(batch.heads.map(\.seq), events.map(\.seq))
        // The head hashes are the lines' own.
        let parsed = try? JournalParser.parse(batch.bytes[...])
        XCTAssertEqual(parsed?.head, batch.heads.last)
        // In small chunks, handed between the two threads, the bytes are the same; each chunk
        // holds whole lines, and the lengths add up to them.
        for chunkEvents in [1, 7, 100, 5_000] {
            let chunked = BatchEncoder.lines(for: events, after: start, chunkEvents: chunkEvents)
            XCTAssertEqual(chunked.bytes, batch.bytes, "chunks of \(chunkEvents)")
            XCTAssertEqual(chunked.heads, batch.heads, "chunks of \(chunkEvents)")
            XCTAssertEqual(chunked.chunks.count, (events.count + chunkEvents - 1) / chunkEvents)
            XCTAssertTrue(chunked.chunks.allSatisfy { $0.last == 0x0A })
            XCTAssertEqual(chunked.lengths.reduce(0, +) + events.count, chunked.byteCount)
        }
    }
}
