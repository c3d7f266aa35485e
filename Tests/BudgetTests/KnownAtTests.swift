import XCTest
import Foundation
@testable import BudgetCLI

/// "As known then": `--known-at` replays only the events recorded by a time, whatever their
/// business date and wherever they stand in the journal; `trace` marks late entries.
final class KnownAtTests: XCTestCase {
    func ledger() -> LedgerCLI {
        let cli = LedgerCLI()
        func at(_ time: String, _ arguments: [String]) { cli.ok(arguments, environment: ["BUDGET_NOW": time]) }
        at("2023-01-02T01:00:00Z", ["init"])
        at("2023-01-02T01:00:00Z", ["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        at("2023-01-02T01:00:00Z", ["approve", "p", "1000", "--source", "current", "--date", "2023-01-02"])             // #2
        at("2023-12-20T02:00:00Z", ["pay", "p", "300", "--source", "current", "--date", "2023-12-20"])                  // #3
        // The form is declared on 10 January 2024 (Beijing); a December payment is posted in March.
        at("2024-01-10T03:00:00Z", ["declare", "p", "--total-score", "80", "--date", "2024-01-10"])                    // #4
        at("2024-03-05T02:00:00Z", ["pay", "p", "200", "--source", "current", "--date", "2023-12-31"])                  // #5
        // A clock set back: recorded "before" #5, though written after it.
        at("2024-01-10T15:59:59Z", ["pay", "p", "50", "--source", "current", "--date", "2023-12-30"])                   // #6
        at("2024-01-10T16:00:00Z", ["pay", "p", "7", "--source", "current", "--date", "2023-12-30"])                    // #7: 11 January in Beijing
        return cli
    }

    func executed(_ cli: LedgerCLI, _ arguments: [String]) throws -> String? {
        let json = try cli.json(["report", "p", "--format", "json"] + arguments)
        let project = (json["projects"] as? [[String: Any]])?.first
        return ((project?["funds"] as? [String: Any])?["total"] as? [String: Any])?["executed"] as? String
    }

    func testWhatTheLedgerSaidAbout31DecemberOnTheDayTheFormWasDeclared() throws {
        let cli = ledger()
        XCTAssertEqual(try executed(cli, ["--as-of", "2023-12-31"]), "557.00")
        // A date is the end of that day in Beijing: 15:59:59Z is in, 16:00:00Z is not.
        XCTAssertEqual(try executed(cli, ["--as-of", "2023-12-31", "--known-at", "2024-01-10"]), "350.00")
        XCTAssertEqual(try executed(cli, ["--as-of", "2023-12-31", "--known-at", "2024-01-10T15:59:58Z"]), "300.00")
        // Not a prefix of the journal: #6 (recorded earlier) counts, #5 (written before it) does not.
        XCTAssertEqual(try executed(cli, ["--known-at", "2024-03-01"]), "357.00")
        let json = try cli.json(["report", "p", "--format", "json", "--known-at", "2024-01-10"])
        XCTAssertEqual(json["knownAt"] as? String, "2024-01-10T15:59:59Z")
        XCTAssertTrue(cli.ok(["report", "p", "--known-at", "2024-01-10"]).hasPrefix("项目支出绩效自评表 — all dates, as known at 2024-01-10T15:59:59Z"))
        // check, trace, form and curve take it too.
        let trace = cli.ok(["trace", "p", "--known-at", "2024-01-10", "--format", "json"])
        XCTAssertFalse(trace.contains("\"seq\": 5,"), trace)
        XCTAssertTrue(trace.contains("\"seq\": 6,"), trace)
        XCTAssertTrue(cli.ok(["curve", "p", "--as-of", "2023-12-31", "--known-at", "2024-01-10", "--format", "json"]).contains("350.00"))
        _ = cli.run(["check", "p", "--known-at", "2024-01-10"])
        cli.refused(["report", "--known-at", "2024-13-01"], ["--known-at '2024-13-01' is neither a UTC time"], status: 2)
        cli.refused(["report", "--known-at", "2024-01-10 08:00"], ["--known-at"], status: 2)
    }

    func testTraceMarksEntriesRecordedAfterTheirMonthEnded() throws {
        let cli = ledger()
        let json = try cli.json(["trace", "p", "--format", "json"])
        let steps = try XCTUnwrap(json["steps"] as? [[String: Any]])
        let late = steps.filter { $0["late"] as? Bool == true }.compactMap { $0["seq"] as? Int }
        // #5 (December, posted in March), #6 and #7 (December, posted 10–11 January); the
        // declaration is dated the day it was recorded.
        XCTAssertEqual(late, [5, 6, 7])
        XCTAssertTrue(cli.ok(["trace", "p"]).contains("迟录 late entry, recorded 2024-03-05"))
    }
}
