import XCTest
@testable import BudgetCLI
@testable import BudgetModel
@testable import BudgetReports

/// Long listings are kept on disk past a bound: read back, they are what was kept, in order.
final class SpoolTests: XCTestCase {
    /// Sorted in memory or in runs merged from disk, the texts come back in key order, equal keys
    /// in the order they came: what a stable sort of them all gives.
    func testASortedSpoolGivesWhatAStableSortGives() throws {
        var random = SplitMix64(seed: 17)
        // Runs cut by count and by bytes: one record a run (a thousand runs to merge), a few, none.
        for (count, memoryMax, bytesMax) in [(0, 10, 1 << 20), (9, 10, 1 << 20), (10, 10, 1 << 20), (1_000, 10, 1 << 20), (1_000, 1, 1 << 20),
                                             (2_500, 333, 1 << 20), (2_500, 100_000, 2_000), (1_000, 100_000, 1), (3_000, 100_000, 1 << 30)] {
            let spool = SortedSpool(memoryBytesMax: bytesMax, memoryRecordsMax: memoryMax)
            var records: [(key: SortedSpool.Key, text: String)] = []
            for index in 0..<count {
                // Few distinct dates, as in a journal: many equal majors.
                let key = SortedSpool.Key(major: Int64(random.next(40)), minor: Int64(random.next(5)))
                let text = "#\(index) " + String(repeating: "支", count: random.next(30))
                records.append((key, text))
                spool.append(key, text)
            }
            var read: [String] = []
            try spool.forEach { read.append($0) }
            let expected = records.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element.text)
            XCTAssertEqual(read, expected, "\(count) records, \(memoryMax) or \(bytesMax) bytes in memory")
        }
    }

    /// A text spool gives back its lines in order whether they stayed in memory or went to disk,
    /// and a table spooled to disk renders as the same table held in memory.
    func testSpooledLinesAndTablesComeBackAsKept() throws {
        var random = SplitMix64(seed: 23)
        let lines = (0..<5_000).map { index in "line \(index) " + String(repeating: "预算", count: random.next(40)) }
        // A text may span lines, as a trace's JSON step does, and be longer than a block.
        let texts = lines.map { line in random.next(4) == 0 ? "{\n    \"text\": \"\(line)\",\n}" : random.next(100) == 0 ? String(repeating: line, count: 40) : line }
        for memoryMax in [1, 1_000, 1 << 30] {
            for blockBytes in [TextSpool.blockBytesDefault, 1_000] {
                let spool = TextSpool(memoryBytesMax: memoryMax, blockBytes: blockBytes)
                for text in texts { spool.append(text) }
                var read: [String] = []
                try spool.forEach { read.append($0) }
                XCTAssertTrue(read == texts, "\(memoryMax) bytes in memory, blocks of \(blockBytes)")
                XCTAssertEqual(spool.count, texts.count)
            }
        }
        // Lines moved to the file once memory is full go a block at a time, not gathered whole.
        let blocked = TextSpool(memoryBytesMax: 200_000, blockBytes: 4_096)
        for line in lines { blocked.append(line) }
        XCTAssertLessThan(blocked.pendingBytesMax, 4_096 + 8 + 300, "a block and a line waiting at most")
        var readBack: [String] = []
        try blocked.forEach { readBack.append($0) }
        XCTAssertEqual(readBack, lines)
        let columns: [TableLayout.Column] = [.init("seq", alignRight: true), .init("text"), .init("amount", alignRight: true)]
        var inMemory = TextTable(columns)
        var spooled = SpooledTable(columns, memoryBytesMax: 100)
        for (index, line) in lines.prefix(300).enumerated() {
            let cells = [String(index), line, Money(fen: Int64(random.next(1_000_000))).groupedYuanText]
            inMemory.add(cells)
            spooled.add(cells)
        }
        let output = Output()
        try spooled.write(to: output)
        XCTAssertEqual(output.finish(), inMemory.render())
    }
}
