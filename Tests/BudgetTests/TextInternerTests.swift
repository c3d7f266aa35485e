import XCTest
@testable import BudgetModel

final class TextInternerTests: XCTestCase {
    private func interner(entriesMax: Int = 4_096) -> TextInterner<Int> {
        TextInterner(entriesMax: entriesMax) { bytes in bytes.isEmpty ? nil : (String(decoding: bytes, as: UTF8.self), bytes.count) }
    }

    private func numbered(_ interner: inout TextInterner<Int>, _ text: String) -> (text: String, note: Int, number: Int)? {
        Array(text.utf8).withUnsafeBytes { interner.numbered($0) }
    }

    /// Each text kept is numbered from 0 in the order first met, and the same bytes get their
    /// number again, whether they were the last text or not; a refused text gets none.
    func testTextsAreNumberedInTheOrderFirstMet() {
        var texts = interner()
        let sequence = ["p-2", "p-1", "p-1", "p-2", "", "p-3", "p-1", "供应商", "p-3"]
        let got = sequence.map { numbered(&texts, $0)?.number }
        XCTAssertEqual(got, [0, 1, 1, 0, nil, 2, 1, 3, 2])
        XCTAssertEqual(numbered(&texts, "供应商")?.text, "供应商")
        XCTAssertEqual(numbered(&texts, "供应商")?.note, 9)
    }

    /// Past its limit the table keeps no more texts: those are still made, unnumbered (-1), and
    /// those kept keep their numbers, so that one number never names two texts.
    func testAFullTableNumbersNoMore() {
        var texts = interner(entriesMax: 3)
        let got = ["a", "b", "c", "d", "e", "d", "a", "c"].map { numbered(&texts, $0)!.number }
        XCTAssertEqual(got, [0, 1, 2, -1, -1, -1, 0, 2])
        XCTAssertEqual(numbered(&texts, "e")?.text, "e")
    }
}
