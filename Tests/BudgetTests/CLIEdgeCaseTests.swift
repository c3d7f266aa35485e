import XCTest
import Foundation
@testable import BudgetCLI

/// Edge cases found by review, each with the behaviour a careful user expects.
final class CLIEdgeCaseTests: XCTestCase {
    var directory: TemporaryDirectory!
    var journal: String!

    override func setUp() {
        directory = TemporaryDirectory()
        journal = directory.path("j.jsonl")
    }

    // XCTest keeps every test case until the process ends, so a directory it holds would outlive
    // the test: let go of it here, and it is removed.
    override func tearDown() {
        directory = nil
        super.tearDown()
    }

    @discardableResult
    func run(_ arguments: [String]) -> CommandResult {
        BudgetCommandLine.run(["--journal", journal] + arguments, environment: ["BUDGET_NOW": "2023-12-31T00:00:00Z"])
    }

    func bytes() -> Data { (try? Data(contentsOf: URL(fileURLWithPath: journal))) ?? Data() }

    func testHelpWordsAreDataWhenTheyAreAnOptionsValue() {
        run(["init"])
        run(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        run(["approve", "p", "100", "--source", "current", "--date", "2023-01-02"])
        let memo = run(["pay", "p", "1", "--source", "current", "--date", "2023-02-01", "--memo", "--help"])
        XCTAssertEqual(memo.status, 0, memo.stderr)
        XCTAssertTrue(memo.stdout.hasPrefix("recorded #3"))
        let short = run(["pay", "p", "1", "--source", "current", "--date", "2023-02-01", "--payee", "-h"])
        XCTAssertTrue(short.stdout.hasPrefix("recorded #4"), short.stderr)
        XCTAssertTrue(String(decoding: bytes(), as: UTF8.self).contains("\"memo\":\"--help\""))
    }

    func testAnIndicatorOfAProjectRegisteredTheYearBeforeDefaultsToItsYear() {
        run(["init"])
        run(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023", "--date", "2022-12-01"])
        let added = run(["indicator", "add", "p", "o1", "--level1", "output", "--level2", "数量指标", "--name", "n", "--target", "1台", "--weight", "5"])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(added.stdout, "recorded #2 indicator.defined p 2023-01-01 o1 n target 1台 weight 5 (id @2)\n")
    }

    func testAnUnknownProjectIsARefusalForEveryCommand() {
        run(["init"])
        for arguments in [["report", "nope"], ["trace", "nope"], ["log", "--project", "nope"], ["pay", "nope", "1", "--source", "current", "--date", "2023-01-01"]] {
            let result = run(arguments)
            XCTAssertEqual(result.status, 1, "\(arguments)")
            XCTAssertEqual(result.stderr, "budget: error: unknown project 'nope'\n", "\(arguments)")
        }
    }

    func testNoCommandIsOneLine() {
        let result = BudgetCommandLine.run([])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "budget: error: no command given (see `budget help`)\n")
    }

    func testRepairRefusesAJournalDamagedBeforeItsTail() throws {
        run(["init"])
        run(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        run(["approve", "p", "100", "--source", "current", "--date", "2023-01-02"])
        var data = bytes()
        let middle = data.firstIndex(of: UInt8(ascii: "n"))!   // a byte inside line 1
        data[middle] = UInt8(ascii: "m")
        try data.write(to: URL(fileURLWithPath: journal))
        let repaired = run(["repair"])
        XCTAssertEqual(repaired.status, 1)
        XCTAssertTrue(repaired.stderr.contains("journal line 1"), repaired.stderr)
        XCTAssertEqual(bytes(), data)
    }

    func testRepairSaysWhenTheTornLineHeldACompleteEvent() throws {
        run(["init"])
        run(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        run(["approve", "p", "100", "--source", "current", "--date", "2023-01-02"])
        let whole = bytes()
        try whole.dropLast().write(to: URL(fileURLWithPath: journal))     // only the last newline is missing
        let repaired = run(["repair"])
        XCTAssertEqual(repaired.status, 0, repaired.stderr)
        XCTAssertTrue(repaired.stdout.contains("holds a complete event #2 (budget.approved)"), repaired.stdout)
        XCTAssertTrue(repaired.stdout.contains("never acknowledged"), repaired.stdout)
        XCTAssertEqual(run(["verify"]).status, 0)
    }

    /// A head published at year end still confirms after more events are appended; it fails
    /// when lines at or before it were removed from the end or rewritten.
    func testVerifyHeadConfirmsAPublishedPrefix() throws {
        run(["init"])
        run(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        run(["approve", "p", "100", "--source", "current", "--date", "2023-01-02"])
        let verified = run(["verify"])
        let head = try XCTUnwrap(verified.stdout.split(separator: "\n").first { $0.hasPrefix("head ") }).dropFirst(5)
        XCTAssertTrue(head.hasPrefix("2:"))
        let published = bytes()
        run(["pay", "p", "1", "--source", "current", "--date", "2023-02-01"])

        let confirmed = run(["verify", "--head", String(head)])
        XCTAssertEqual(confirmed.status, 0, confirmed.stderr)
        XCTAssertTrue(confirmed.stdout.contains("published head 2 is a prefix of this journal"))

        // Cut back to the first line: a valid journal, but shorter than what was published.
        let firstLine = published.prefix(through: published.firstIndex(of: 0x0A)!)
        try Data(firstLine).write(to: URL(fileURLWithPath: journal))
        XCTAssertEqual(run(["verify"]).status, 0)
        let shortened = run(["verify", "--head", String(head)])
        XCTAssertEqual(shortened.status, 1)
        XCTAssertEqual(shortened.stderr, "budget: error: --head 2: the journal ends at #1; events after it were removed since that head was published\n")

        let wrong = String(head.prefix(2)) + String(repeating: "0", count: 64)
        try published.write(to: URL(fileURLWithPath: journal))
        let rewritten = run(["verify", "--head", wrong])
        XCTAssertEqual(rewritten.status, 1)
        XCTAssertTrue(rewritten.stderr.contains("line 2 now hashes to \(head.dropFirst(2))"), rewritten.stderr)
        XCTAssertEqual(run(["verify", "--head", "2:XYZ"]).status, 2)
    }
}
