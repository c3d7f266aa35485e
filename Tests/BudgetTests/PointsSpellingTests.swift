import XCTest
@testable import BudgetModel
@testable import BudgetJournal

/// Points in any line are spelled as the writer spells them. Before this was checked a weight of
/// "2.0" or "02" was read as 2: two valid spellings of one line, one of them never written.
final class PointsSpellingTests: XCTestCase {
    func testAWeightOrScoreSpelledOtherwiseIsRefused() {
        let zero = SHA256Digest.zero.hex
        func line(_ weight: String) -> String {
            let body = "{\"v\":1,\"seq\":1,\"id\":\"@1\",\"type\":\"indicator.defined\",\"date\":\"2023-01-01\",\"recorded\":\"2023-01-01T00:00:00Z\",\"project\":\"p\",\"indicator\":\"o\",\"level1\":\"output\",\"level2\":\"数量指标\",\"name\":\"n\",\"target\":\"1本\",\"weight\":\"\(weight)\",\"prev\":\"\(zero)\""
            return body + ",\"hash\":\"\(SHA256.hash(body).hex)\"}\n"
        }
        XCTAssertNoThrow(try JournalParser.parse(Array(line("2").utf8)[...]))
        XCTAssertNoThrow(try JournalParser.parse(Array(line("12.5").utf8)[...]))
        for spelling in ["2.0", "02", "12.50", "2."] {
            XCTAssertThrowsError(try JournalParser.parse(Array(line(spelling).utf8)[...]), spelling)
        }
    }
}
