import XCTest
import Foundation
@testable import BudgetCLI

/// Declared forms (`budget declare`) checked against their own arithmetic and against the
/// ledger. The ledger of every scenario: 100 yuan approved, 95 paid, so 执行率 95.00% and an
/// execution score of 10 × 95% = 9.5; indicators 50 + 30 + 10 = 90 at full marks; total 99.5.
final class DeclaredFormCheckTests: XCTestCase {
    var scenario: Scenario!

    override func setUp() {
        super.setUp()
        scenario = Scenario()
        scenario.project("p")
        scenario.ok(["pay", "p", "95", "--source", "current", "--date", "2023-03-01"])
        scenario.completeForm("p")
    }

    // XCTest keeps every test case until the process ends: let go of the scenario, and its
    // directory is removed.
    override func tearDown() {
        scenario = nil
        super.tearDown()
    }

    static let correct = ["--unit", "元", "--fund-total", "100 100 95 95%", "--fund-current", "100 100 95 95.00%",
                          "--execution-weight", "10", "--execution-score", "9.5", "--scores", "out-01=50,ben-01=30,sat-01=10",
                          "--total-score", "99.5", "--grade", "优"]

    func declare(_ options: [String], file: StaticString = #filePath, line: UInt = #line) {
        scenario.ok(["declare", "p"] + options + ["--date", "2023-12-31"], file: file, line: line)
    }

    /// `options` with the value of `option` replaced.
    func replacing(_ option: String, with value: String, in options: [String] = correct) -> [String] {
        var copy = options
        copy[copy.firstIndex(of: option)! + 1] = value
        return copy
    }

    func testAFormAsTheLedgerHasItPasses() {
        declare(Self.correct)
        let check = scenario.check()
        XCTAssertEqual(check.findings.count, 0, "\(check.findings)")
        XCTAssertEqual(check.status, 0)
    }

    /// Form 4's mistake: the rate printed as 100%, and the score and total carried from it.
    func testAWrongRateIsReportedWithEveryFigureItCarriedInto() {
        declare(replacing("--total-score", with: "100", in: replacing("--execution-score", with: "10",
                in: replacing("--fund-total", with: "100 100 95 100%"))))
        let check = scenario.check()
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.findings.of("rate"), ["95.00% | 100.00%"])          // 95 ÷ 100 = 95%
        XCTAssertEqual(check.findings.of("execution-score"), ["9.5 | 10"])       // 10 × 95% = 9.5
        XCTAssertEqual(check.findings.of("total-score"), ["99.5 | 100"])         // 90 + 9.5; both 优, so no grade shown
        XCTAssertEqual(check.findings.count, 3)
    }

    func testATotalThatCrossesAGradeLineSaysSo() {
        // The ledger's out-01 self-assessed 40 of 50 instead (8 of 10 reached: 8 ÷ 10 × 50 = 40),
        // so indicators 80, total 80 + 9.5 = 89.5, 良; the form prints 90 and 优.
        scenario.ok(["indicator", "actual", "p", "out-01", "8个", "--date", "2023-12-31"])
        scenario.ok(["indicator", "score", "p", "out-01", "40", "--date", "2023-12-31", "--reason", "两项未完成"])
        declare(replacing("--scores", with: "out-01=40,ben-01=30,sat-01=10", in: replacing("--total-score", with: "90")))
        let check = scenario.check()
        XCTAssertEqual(check.findings.of("total-score"), ["89.5 (良) | 90 (优)"])
        XCTAssertEqual(check.findings.of("grade"), ["良 | 优"])
        XCTAssertEqual(check.findings.count, 2)
        let detail = check.findings.first { $0["rule"] as? String == "total-score" }?["detail"] as? String ?? ""
        XCTAssertTrue(detail.contains("the grade drops from 优 to 良"), detail)
    }

    /// Form 1's mistake: a total column that is not the sum of its sources.
    func testAColumnTotalMustBeTheSumOfItsSources() {
        declare(replacing("--fund-current", with: "99 100 95 95%"))
        let check = scenario.check()
        XCTAssertEqual(check.findings.of("fund-total"), ["99.00元 | 100.00元"])                  // 99 + 0 + 0 = 99 ≠ 100
        XCTAssertEqual(check.findings.of("declared-differs", "当年财政拨款 年初预算数"), ["100.00元 | 99.00元"])
        XCTAssertEqual(check.findings.count, 2)
    }

    /// In a 万元 block the ledger's figure is rounded half-up to 0.01 万元 before comparing:
    /// 1,234,567.89 yuan is 123.456789万 → 123.46万. 1,200,000 ÷ 1,234,567.89 = 97.2000…% → 97.20%;
    /// on the form 120 ÷ 123.46 = 97.1975…% → 97.20% too, and 10 × 97.20% = 9.72 → 9.7.
    func testWanFiguresAreComparedAtTheFormsPrecision() {
        let other = Scenario()
        other.project("w", budget: "1234567.89")
        other.ok(["pay", "w", "1200000", "--source", "current", "--date", "2023-03-01"])
        other.completeForm("w")
        let form = ["--fund-total", "123.46 123.46 120 97.20%", "--fund-current", "123.46 123.46 120 97.20%", "--execution-score", "9.7",
                    "--total-score", "99.7"]
        other.ok(["declare", "w"] + form + ["--date", "2023-12-31"])
        XCTAssertEqual(other.check().findings.count, 0)
        // A second declaration supersedes the first: 123.45 in the total's 年初 is now off by 0.01万.
        other.ok(["declare", "w"] + replacing("--fund-total", with: "123.45 123.46 120 97.20%", in: form) + ["--date", "2024-01-20"])
        let check = other.check()
        XCTAssertEqual(check.findings.of("declared-differs"), ["123.46万 | 123.45万"])
        XCTAssertEqual(check.findings.of("fund-total"), ["123.46万 | 123.45万"])      // the source row still says 123.46
        XCTAssertEqual(check.findings.count, 2)
        other.refused(["declare", "w", "--fund-total", "123.456 123.46 120 -", "--date", "2023-12-31"], "more than two decimals of 万元", status: 2)
    }

    func testDeclaredScoresAgainstTheLedgerAndTheWeights() {
        declare(replacing("--scores", with: "out-01=51,ben-01=30", in: replacing("--execution-weight", with: "20")))
        let check = scenario.check()
        XCTAssertEqual(check.findings.of("score-over-weight"), ["at most 50 | 51"])
        XCTAssertEqual(check.findings.of("declared-differs", "out-01"), ["50 | 51"])
        XCTAssertEqual(check.findings.of("declared-differs", "sat-01"), ["10 | not declared"])
        XCTAssertEqual(check.findings.of("declared-differs", "分值"), ["10 | 20"])
        // 51 + 30 = 81 declared, + 9.5 = 90.5, not the 99.5 printed.
        XCTAssertEqual(check.findings.of("total-score"), ["90.5 | 99.5"])
    }

    /// A form can print what the ledger refuses: more executed than budgeted. The other-funds
    /// row prints 5 executed of a 3 full-year budget; the total row adds up (100 + 3 = 103
    /// budgeted, 95 + 5 = 100 executed) and is within its budget.
    func testAFormThatPrintsMoreExecutedThanBudgetedIsReported() {
        declare(replacing("--fund-total", with: "100 103 100 -", in: Self.correct) + ["--fund-other", "- 3 5 -"])
        let check = scenario.check()
        XCTAssertEqual(check.findings.of("overspent"), ["at most 3.00元 | 5.00元"])
    }

    func testAPrintedIndicatorTotalMustAddUp() {
        declare(Self.correct + ["--indicator-score", "89"])
        XCTAssertEqual(scenario.check().findings.of("indicator-score"), ["90 | 89"])   // 50 + 30 + 10 = 90
    }

    func testTheSameFormFromAFile() throws {
        let path = scenario.directory.path("form.json")
        let json = """
        {"unit": "元", "funds": {"total": {"initial": 100, "fullYear": "100", "executed": "95.00", "rate": "95%"},
                                "current": {"initial": "100", "fullYear": "100", "executed": "95", "rate": null}},
         "executionWeight": "10", "executionScore": 9.5, "indicators": {"out-01": "50", "ben-01": 30, "sat-01": "10"},
         "totalScore": "99.5", "grade": "优"}
        """
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(json.utf8)))
        declare(["--file", path])
        XCTAssertEqual(scenario.check().status, 0)
        let declared = try XCTUnwrap(scenario.report("p")["declared"] as? [String: Any])
        XCTAssertEqual(declared["totalScore"] as? String, "99.5")
        XCTAssertEqual(declared["fundUnit"] as? String, "元")
        XCTAssertEqual(((declared["funds"] as? [String: Any])?["total"] as? [String: Any])?["rate"] as? String, "95.00")
        XCTAssertTrue(((declared["funds"] as? [String: Any])?["other"] as? [String: Any])?["initial"] is NSNull)
        XCTAssertEqual((declared["indicators"] as? [String: Any])?["ben-01"] as? String, "30")
    }

    func testBadDeclarationsAreRefusedAndLeaveTheJournalAlone() {
        let bad = scenario.directory.path("bad.json")
        XCTAssertTrue(FileManager.default.createFile(atPath: bad, contents: Data(#"{"totalScore": "99.5", "fundz": {}}"#.utf8)))
        scenario.refused(["declare", "p", "--file", bad, "--date", "2023-12-31"], "unexpected member \"fundz\"", status: 2)
        XCTAssertTrue(FileManager.default.createFile(atPath: bad, contents: Data(#"{"totalScore": }"#.utf8)))
        scenario.refused(["declare", "p", "--file", bad, "--date", "2023-12-31"], "not valid JSON", status: 2)
        scenario.refused(["declare", "p", "--file", scenario.directory.path("missing.json"), "--date", "2023-12-31"], "--file", status: 2)
        scenario.refused(["declare", "p", "--file", bad, "--total-score", "90", "--date", "2023-12-31"], "not both", status: 2)
        scenario.refused(["declare", "p", "--scores", "zzz=1", "--date", "2023-12-31"], "unknown indicator 'zzz'", status: 1)
        scenario.refused(["declare", "p", "--total-score", "90", "--date", "2025-01-01"], "outside fiscal year 2023", status: 1)
        scenario.refused(["declare", "p", "--total-score", "90"], "--date", status: 2)
        scenario.refused(["declare", "p", "--date", "2023-12-31"], "nothing to declare", status: 2)
        scenario.refused(["declare", "p", "--fund-total", "100 100", "--date", "2023-12-31"], "--fund-total", status: 2)
        scenario.refused(["declare", "p", "--grade", "A", "--date", "2023-12-31"], "--grade", status: 2)
        scenario.refused(["declare", "nope", "--total-score", "90", "--date", "2023-12-31"], "unknown project 'nope'", status: 1)
    }

    func testAReversedDeclarationIsNoLongerChecked() {
        declare(replacing("--total-score", with: "100"))
        XCTAssertEqual(scenario.check().status, 1)
        let lines = (FileManager.default.contents(atPath: scenario.journal) ?? Data()).filter { $0 == 0x0A }.count
        scenario.ok(["reverse", String(lines), "--date", "2024-01-20", "--reason", "重报"])
        XCTAssertEqual(scenario.check().status, 0)
        XCTAssertNil(scenario.report("p")["declared"])
    }
}
