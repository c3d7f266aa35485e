import XCTest
import Foundation
@testable import BudgetCLI

/// 年终结账 and the carry-over rules, driven through the command line on a journal of three years
/// and two departments.
final class YearCloseTests: XCTestCase {
    /// 2022 → 2023 → 2024 of department 编办, and a 2023 project of 财政厅.
    func ledger() -> LedgerCLI { Self.threeYears() }

    static func threeYears() -> LedgerCLI {
        let cli = LedgerCLI()
        cli.ok(["init"])
        for (id, year, department) in [("a22", "2022", "编办"), ("a23", "2023", "编办"), ("a24", "2024", "编办"), ("b23", "2023", "财政厅")] {
            cli.ok(["project", "add", id, "--name", id, "--department", department, "--unit", department, "--year", year, "--date", "\(Int(year)! - 1)-12-01"])
        }
        cli.ok(["approve", "a22", "1000", "--source", "current", "--date", "2022-01-05"])
        cli.ok(["pay", "a22", "600", "--source", "current", "--date", "2022-05-01"])
        cli.ok(["carryover", "a22", "400", "--source", "current", "--to", "a23", "--date", "2022-12-31"])    // #7
        cli.ok(["approve", "a23", "2000", "--source", "current", "--date", "2023-01-05"])
        cli.ok(["approve", "b23", "500", "--source", "current", "--date", "2023-01-05"])
        cli.ok(["pay", "a23", "1500", "--source", "current", "--date", "2023-03-01", "--id", "p1"])              // #10
        cli.ok(["pay", "a23", "100", "--source", "carryover", "--date", "2023-04-01"])                          // #11
        cli.ok(["indicator", "add", "a23", "i1", "--level1", "output", "--level2", "数量指标", "--name", "n", "--target", "10次", "--weight", "50"])
        return cli
    }

    func head(_ verify: String, _ prefix: String) -> String? {
        verify.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    func testAClosedYearsMoneyIsSealedAndItsScoresAreNot() throws {
        let cli = ledger()
        cli.refused(["close", "2023", "--date", "2023-12-30"], ["2023-12-30 is before the end of fiscal year 2023"], status: 1)
        let before = try cli.json(["report", "--year", "2023", "--as-of", "2023-12-31", "--format", "json"])
        let closed = cli.ok(["close", "2023", "--date", "2024-01-10", "--reason", "决算"])
        XCTAssertTrue(closed.hasPrefix("closed 2023 as #13–#15: 2 projects of 2023 sealed\nhead 15:"), closed)
        XCTAssertTrue(closed.contains("a23: 300.00 of 上年结转资金 left unspent at the end of 2023"), closed)
        // Nothing that moves money dated in 2023, nor the undoing of it, nor a new 2023 project.
        let sealed = "falls in 2023, which is closed (#15 year.closed on 2024-01-10)"
        cli.refused(["pay", "a23", "1", "--source", "current", "--date", "2023-12-31"], [sealed], status: 1)
        cli.refused(["approve", "a23", "1", "--source", "current", "--date", "2023-12-31"], [sealed], status: 1)
        cli.refused(["adjust", "a23", "-1", "--source", "current", "--date", "2023-12-31", "--reason", "r"], [sealed], status: 1)
        cli.refused(["refund", "a23", "300", "--source", "carryover", "--date", "2023-12-31", "--reason", "交回"], [sealed], status: 1)
        cli.refused(["carryover", "a23", "1", "--source", "current", "--to", "a24", "--date", "2023-12-31"], [sealed], status: 1)
        cli.refused(["reverse", "10", "--date", "2023-12-31", "--reason", "r"], [sealed], status: 1)
        cli.refused(["amend", "10", "--amount", "1400", "--reason", "r"], ["falls in 2023, which is closed"], status: 1)
        cli.refused(["project", "add", "c23", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023", "--date", "2023-06-01"], [sealed], status: 1)
        cli.refused(["close", "2023", "--date", "2024-01-11"], ["2023 is already closed (#15 on 2024-01-10)"], status: 1)
        // The self-evaluation comes after the books close.
        cli.ok(["indicator", "actual", "a23", "i1", "9次", "--date", "2023-12-31"])
        cli.ok(["indicator", "score", "a23", "i1", "45", "--date", "2023-12-31", "--reason", "少1次"])
        cli.ok(["goal", "a23", "--outcome", "完成", "--date", "2023-12-31"])
        cli.ok(["declare", "a23", "--total-score", "90", "--date", "2024-01-20"])
        // 2024 goes on.
        cli.ok(["approve", "a24", "100", "--source", "current", "--date", "2024-01-05"])
        let after = try cli.json(["report", "--year", "2023", "--as-of", "2023-12-31", "--format", "json"])
        func funds(_ report: [String: Any]) -> [String] {
            (report["projects"] as! [[String: Any]]).map { project in
                let total = (project["funds"] as! [String: Any])["total"] as! [String: Any]
                return "\(project["id"]!) " + total.keys.sorted().map { "\($0)=\(total[$0]!)" }.joined(separator: " ")
            }
        }
        XCTAssertEqual(funds(after), funds(before), "the year's money as of its last day never changes after the close")
        // verify names the head at the close; it is a prefix of the journal later.
        let verify = cli.ok(["verify"])
        let published = try XCTUnwrap(head(verify, "closed 2023 at "), verify)
        XCTAssertTrue(published.hasPrefix("15:"), published)
        XCTAssertTrue(cli.ok(["verify", "--head", published]).contains("published head 15 is a prefix of this journal"))
        XCTAssertTrue(cli.ok(["report", "a23"]).contains("2023年度 closed (年终结账) at #15 on 2024-01-10"))
    }

    func testAReopenIsOnTheRecordAndACloseSealsAgain() throws {
        let cli = ledger()
        cli.refused(["reopen", "2023", "--date", "2024-02-01", "--reason", "审计"], ["2023 is not closed"], status: 1)
        cli.ok(["close", "2023", "--date", "2024-01-10"])
        cli.ok(["reopen", "2023", "--date", "2024-02-01", "--reason", "审计调整"])                                 // #16
        XCTAssertTrue(cli.ok(["report", "a23"]).contains("2023年度 REOPENED on 2024-02-01 (#16: 审计调整) after its close at #15 on 2024-01-10"))
        let json = try cli.json(["report", "a23", "--format", "json"])
        let year = try XCTUnwrap((json["years"] as? [[String: Any]])?.first)
        XCTAssertEqual(year["status"] as? String, "reopened")
        XCTAssertEqual(year["reopenedDate"] as? String, "2024-02-01")
        cli.ok(["refund", "a23", "300", "--source", "carryover", "--date", "2023-12-31", "--reason", "交回财政"])  // #17
        let closed = cli.ok(["close", "2023", "--date", "2024-02-02"])
        XCTAssertFalse(closed.contains("上年结转资金 left unspent"), "recovered: nothing to list\n" + closed)
        let verify = cli.ok(["verify"])
        XCTAssertEqual(verify.split(separator: "\n").filter { $0.hasPrefix("closed 2023 at ") || $0.hasPrefix("reopened 2023 at ") }.map { String($0.split(separator: ":")[0]) },
                       ["closed 2023 at 15", "reopened 2023 at 16", "closed 2023 at 20"])
        cli.refused(["pay", "a23", "1", "--source", "current", "--date", "2023-12-31"], ["which is closed (#20 year.closed on 2024-02-02)"], status: 1)
    }

    /// Found in review: paths by which money reached a closed year, and a reclose after a reopen.
    func testNoPathMovesMoneyIntoAClosedYear() throws {
        let cli = ledger()
        cli.ok(["close", "2023", "--date", "2024-01-10", "--id", "close-2023"])
        // A retry of the close is acknowledged, not refused.
        XCTAssertTrue(cli.ok(["close", "2023", "--date", "2024-01-10", "--id", "close-2023"]).hasPrefix("already recorded as #15"))
        // An import row dated in the closed year, as a payment would be.
        let file = cli.directory.path("late.csv")
        try "id,project,amount,source,date\nk1,a23,10,current,2023-06-01\n".write(toFile: file, atomically: false, encoding: .utf8)
        let before = FileManager.default.contents(atPath: cli.journal)
        let imported = cli.run(["import", file])
        XCTAssertEqual(imported.status, 1, imported.stdout)
        XCTAssertTrue(imported.stderr.contains("falls in 2023, which is closed"), imported.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: cli.journal), before)
        // A carry-over dated in the open 2022 that lands in a 2023 project.
        cli.ok(["approve", "a22", "50", "--source", "current", "--date", "2022-06-01"])
        cli.refused(["carryover", "a22", "50", "--source", "current", "--to", "a23", "--date", "2022-12-31"],
                    ["moving money of a23 (2023)", "falls in 2023, which is closed"], status: 1)
        // A carry-over made before the close cannot be reversed into it either.
        cli.refused(["reverse", "7", "--date", "2022-12-31", "--reason", "r"], ["falls in 2023, which is closed"], status: 1)
        // A project is judged by its year, not its registration date.
        cli.refused(["project", "add", "c23", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023", "--date", "2022-11-01"],
                    ["registering c23 of 2023 falls in 2023, which is closed"], status: 1)
        cli.ok(["project", "add", "c24", "--name", "n", "--department", "d", "--unit", "u", "--year", "2024", "--date", "2023-12-05"])
        // Reopened for an audit long after, the year closes again on the day, not before it.
        cli.ok(["reopen", "2023", "--date", "2025-03-02", "--reason", "审计调整"])
        cli.refused(["close", "2023", "--date", "2024-06-01"], ["comes before its reopen of 2025-03-02"], status: 1)
        XCTAssertTrue(cli.ok(["close", "2023", "--date", "2025-03-02"]).hasPrefix("closed 2023 as #"))
        cli.ok(["verify"])
    }

    func testAChainShowsWhereEachYuanOfALineOfProjectsWent() {
        let cli = ledger()
        cli.ok(["carryover", "a23", "300", "--source", "current", "--to", "a24", "--date", "2023-12-31"])        // #13
        let chain = cli.ok(["report", "--chain", "a24"])
        let rows = chain.split(separator: "\n").filter { $0.hasPrefix("a2") }.map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        // 1000 = 600 paid + 400 carried; 400 + 2000 = 1600 paid + 300 carried + 500 left; 300 carried in.
        XCTAssertEqual(rows, ["a22 2022 1,000.00 0.00 0.00 600.00 0.00 400.00 0.00 #7 400.00 → a23",
                              "a23 2023 2,400.00 400.00 0.00 1,600.00 0.00 300.00 500.00 #13 300.00 → a24",
                              "a24 2024 300.00 300.00 0.00 0.00 0.00 0.00 300.00 —"], chain)
        XCTAssertFalse(chain.contains("b23"), "a project of another line is not in it")
        cli.refused(["report", "--chain", "nobody"], ["unknown project 'nobody'"], status: 1)
    }

    func testCarryoverMoneyUnspentTwoYearsIsAFindingAtYearEndOnly() throws {
        let cli = ledger()
        func findings(_ arguments: [String]) throws -> [[String: Any]] {
            let result = cli.run(["check", "--format", "json"] + arguments)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
            return (object["findings"] as? [[String: Any]] ?? []).filter { ($0["rule"] as? String ?? "").hasPrefix("carryover-") }
        }
        // Mid-year, 300 of the carried 400 still may be spent.
        XCTAssertEqual(try findings(["--as-of", "2023-06-30"]).count, 0)
        let yearEnd = try findings(["--as-of", "2023-12-31"])
        XCTAssertEqual(yearEnd.map { "\($0["project"]!) \($0["rule"]!) \($0["found"]!)" }, ["a23 carryover-two-years 300.00元"])
        XCTAssertEqual(yearEnd.first?["seqs"] as? [Int], [7], "names the carry-over that brought it in")
        // Carrying it on again is a finding too, whatever the date; so is a carry-over to another
        // department's project, or to a project that is not of the next year.
        cli.ok(["carryover", "a23", "300", "--source", "carryover", "--to", "a24", "--date", "2023-12-31"])       // #13
        cli.ok(["carryover", "b23", "100", "--source", "current", "--to", "a24", "--date", "2023-12-31"])         // #14
        cli.ok(["approve", "a22", "1", "--source", "current", "--date", "2022-06-01"])                              // #15
        cli.ok(["carryover", "a22", "0.5", "--source", "current", "--to", "b23", "--date", "2022-12-31"])         // #16
        let again = try findings(["--as-of", "2023-12-31"]).map { "\($0["project"]!) \($0["rule"]!) \($0["subject"]!)" }
        XCTAssertEqual(again.sorted(), ["a22 carryover-receiver carry-over #16 to b23", "a23 carryover-two-years 上年结转资金 carried again",
                                        "b23 carryover-receiver carry-over #14 to a24",
                                        // the 0.50 that reached b23 is unspent at the end of 2023 too
                                        "b23 carryover-two-years 上年结转资金 结余"].sorted())
    }
}
