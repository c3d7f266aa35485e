import XCTest
import Foundation
@testable import BudgetCLI

/// `budget check` on the shipped Journal/2023.jsonl, whose six forms are declared exactly as
/// printed. Every finding is listed with the arithmetic behind its expected figure, worked by
/// hand from the forms (README, "What budget check finds in the 2023 forms"). The list is
/// exact: a finding more or less fails the test.
final class SeedCheckTests: XCTestCase {
    /// (project, rule, indicator id or subject, expected, found)
    static let expected: [(String, String, String, String, String)] = [
        // Form 1. 27522 ÷ 32000 × 2 = 1.720… → 1.72.
        ("bzgl-2023", "rule-score", "out-04", "1.72", "2"),
        // 461100元/项 is a cost cap: 4 × (1 − (534253.73 − 461100) ÷ 461100) = 4 × 0.84135… → 3.37.
        ("bzgl-2023", "rule-score", "out-12", "3.37", "4"),
        // 4 × (1 − (95894.6 − 53600) ÷ 53600) = 4 × 0.21092… = 0.8437 → 0.84.
        ("bzgl-2023", "rule-score", "out-14", "0.84", "4"),
        // 133.43 ÷ 185.58 = 71.90% < 90%, and the form gives no 偏差原因 at all.
        ("bzgl-2023", "execution-reason", "执行率 71.90%", "a 偏差原因", "none"),
        // 128 + 68.81 = 196.81, printed 196.8.
        ("bzgl-2023", "fund-total", "年度资金总额 年初预算数", "196.81万", "196.80万"),
        ("bzgl-2023", "declared-differs", "年度资金总额 年初预算数", "196.81万", "196.80万"),
        // Form 2. 0 of 1 项: 0 ÷ 1 × 3 = 0, scored 2 and 1.5.
        ("sbgz-2023", "rule-score", "out-03", "0", "2"),
        ("sbgz-2023", "rule-score", "out-04", "0", "1.5"),
        // A cost of 0元/项 is within its 64700元/项 cap: full 4, self-assessed 2.
        ("sbgz-2023", "rule-score", "out-11", "4", "2"),
        // Form 3. 0 of 1 项: 0, scored 5. 0人 of 1人 (and 1年 of 1年): the weaker part, 0, scored 5.
        ("xxyw-2023", "rule-score", "out-01", "0", "5"),
        ("xxyw-2023", "rule-score", "out-02", "0", "5"),
        // 180000元/年 against 0元/项: not the same unit.
        ("xxyw-2023", "unit-mismatch", "out-06", "180000元/年", "0元/项"),
        // Form 4. A bare 0 against the 3000元 and 20000元 caps: within them, full 10; self-assessed 5.
        ("jbhjz-2023", "rule-score", "out-04", "10", "5"),
        ("jbhjz-2023", "rule-score", "out-06", "10", "5"),
        // 541.6 ÷ 547.98 = 98.8357…% → 98.84%, printed 100%.
        ("jbhjz-2023", "rate", "年度资金总额 执行率", "98.84%", "100.00%"),
        // 10 × 98.84% = 9.884 → 9.9, printed 10.
        ("jbhjz-2023", "execution-score", "执行得分", "9.9", "10"),
        // 80 (indicator scores) + 9.9 = 89.9, 良; printed 90, which would be 优.
        ("jbhjz-2023", "total-score", "总分", "89.9 (良)", "90 (优)"),
        // Form 5. 47 ÷ 50 × 5 = 4.7, scored 5.
        ("gbpx-2023", "rule-score", "out-01", "4.7", "5"),
        // 2023年5月13日完 is no quantity the parser knows, and the actual says 完成.
        ("gbpx-2023", "unparseable", "out-05", "2023年5月13日完", "2023年5月13日完成"),
        // Form 6. 0 of 1 台: 0 ÷ 1 × 12.5 = 0, scored 12.5.
        ("xcsb-2023", "rule-score", "out-01", "0", "12.5"),
        // 高质量完成 against 正在推进, with no grade recorded.
        ("xcsb-2023", "grade-missing", "out-02", "a grade (achieved, partial or not-achieved)", "none"),
        // 2023年12月 is no quantity; the actual is 0.
        ("xcsb-2023", "unparseable", "out-03", "2023年12月", "0"),
        // 0 ÷ 3.5 = 0% < 90%, no 偏差原因.
        ("xcsb-2023", "execution-reason", "执行率 0.00%", "a 偏差原因", "none"),
        // The carry-over rules (issue 13): 上年结转资金 unspent at the end of 2023 has been unspent
        // two years. Form 1: 68.81万 carried in, 46.25万 spent: 22.56万 left. Form 4: 19.52万 in,
        // 15.91万 spent: 3.61万 left.
        ("bzgl-2023", "carryover-two-years", "上年结转资金 结余", "0.00元 (交回财政)", "225,600.00元"),
        ("jbhjz-2023", "carryover-two-years", "上年结转资金 结余", "0.00元 (交回财政)", "36,100.00元"),
        // A rate under 90% needs its own reason; the reasons forms 2 and 3 give for indicator rows
        // answer those rows only (issue 13). Form 2: 64.72 ÷ 75.27 = 85.98%. Form 3: 0 ÷ 33 = 0%.
        ("sbgz-2023", "execution-reason", "执行率 85.98%", "a 偏差原因", "none"),
        ("xxyw-2023", "execution-reason", "执行率 0.00%", "a 偏差原因", "none"),
        // A deadline read as a date (issue 13): 2023年底 done by 2023年底, full 6; the form scored 5
        // (a note: below the rules).
        ("sbgz-2023", "rule-score", "out-08", "6", "5"),
    ]

    /// A self-assessed score below the rules' one is a note, not an error.
    static let notes: Set<String> = ["sbgz-2023 out-08", "sbgz-2023 out-11", "jbhjz-2023 out-04", "jbhjz-2023 out-06"]

    func testCheckFindsEveryDepartureOfTheSeedForms() throws {
        let (status, stdout) = try Self.run(["check", "--format", "json"])
        XCTAssertEqual(status, 1, "the seed forms have findings, so check exits 1")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        let found = findings.map { finding -> String in
            let subject = finding["subject"] as? String ?? ""
            let key = subject.hasPrefix("indicator ") ? String(subject.split(separator: " ")[1]) : subject
            return [finding["project"] as? String ?? "", finding["rule"] as? String ?? "", key,
                    finding["expected"] as? String ?? "", finding["found"] as? String ?? ""].joined(separator: " | ")
        }
        let wanted = Self.expected.map { [$0.0, $0.1, $0.2, $0.3, $0.4].joined(separator: " | ") }
        XCTAssertEqual(found.sorted(), wanted.sorted())
        let notes = findings.filter { $0["severity"] as? String == "note" }.map { "\($0["project"]!) \(($0["subject"] as! String).split(separator: " ")[1])" }
        XCTAssertEqual(Set(notes), Self.notes)
        XCTAssertEqual(object["errors"] as? Int, Self.expected.count - Self.notes.count)
        XCTAssertEqual(object["checked"] as? [String], ["bzgl-2023", "sbgz-2023", "xxyw-2023", "jbhjz-2023", "gbpx-2023", "xcsb-2023"])
    }

    func testTheTableNamesTheFindingsAndTheGradeDrop() throws {
        let (status, stdout) = try Self.run(["check", "jbhjz-2023", "--as-of", "2023-12-31"])
        XCTAssertEqual(status, 1)
        // Form 4's six: two rule scores, the rate, the execution score, the total, and the
        // 上年结转资金 left at year end.
        XCTAssertTrue(stdout.contains("6 finding(s) in 1 of 1 project(s) checked"), stdout)
        XCTAssertTrue(stdout.contains("the grade drops from 优 to 良"), stdout)
    }

    /// The rules' totals beside the self-assessed ones, worked from the findings above: each
    /// form's indicator total with every rule-score finding's expected figure in place of the
    /// found one (unit-mismatch, unparseable and grade-missing rows keep their own score).
    ///   bzgl: 90 − 2 − 4 − 4 + 1.72 + 3.37 + 0.84 = 85.93; + 7.2 = 93.13 (优)
    ///   sbgz: 84.5 − 2 − 1.5 − 2 − 5 + 0 + 0 + 4 + 6 = 84; + 8.6 = 92.6 (优) (out-08: a deadline met)
    ///   xxyw: 90 − 5 − 5 = 80; + 0 = 80 (良)
    ///   jbhjz: 80 − 5 − 5 + 10 + 10 = 90; + 9.9 = 99.9 (优)
    ///   gbpx: 90 − 5 + 4.7 = 89.7; + 10 = 99.7 (优)
    ///   xcsb: 90 − 12.5 + 0 = 77.5; + 0 = 77.5 (中)
    func testReportCarriesTheComputedScores() throws {
        let (status, stdout) = try Self.run(["report", "--as-of", "2023-12-31", "--year", "2023", "--format", "json"])
        XCTAssertEqual(status, 0)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let projects = try XCTUnwrap(object["projects"] as? [[String: Any]])
        let totals = Dictionary(uniqueKeysWithValues: projects.map {
            ($0["id"] as? String ?? "", "\($0["computedIndicatorScore"] as? String ?? "") \($0["computedTotalScore"] as? String ?? "") \($0["computedGrade"] as? String ?? "")")
        })
        XCTAssertEqual(totals, ["bzgl-2023": "85.93 93.13 优", "sbgz-2023": "84 92.6 优", "xxyw-2023": "80 80 良",
                                "jbhjz-2023": "90 99.9 优", "gbpx-2023": "89.7 99.7 优", "xcsb-2023": "77.5 77.5 中"])
        let form6 = try XCTUnwrap(projects.first { $0["id"] as? String == "xcsb-2023" })
        let devices = try XCTUnwrap((form6["indicators"] as? [[String: Any]])?.first)
        XCTAssertEqual(devices["score"] as? String, "12.5")
        XCTAssertEqual(devices["computedScore"] as? String, "0")
        XCTAssertEqual(devices["computedRule"] as? String, "quantitative")
        let declared = try XCTUnwrap(form6["declared"] as? [String: Any])
        XCTAssertEqual(declared["totalScore"] as? String, "90")
        XCTAssertEqual(declared["fundUnit"] as? String, "万元")
    }

    func testTraceShowsTheComputedTotalBesideTheSelfAssessedOne() throws {
        let (status, stdout) = try Self.run(["trace", "jbhjz-2023", "--format", "json"])
        XCTAssertEqual(status, 0)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        // The declared form is the last step that moves a score; the year's close comes after it.
        let last = try XCTUnwrap((object["steps"] as? [[String: Any]])?.last { $0["type"] as? String == "form.declared" })
        XCTAssertEqual(last["totalScore"] as? String, "89.9")
        XCTAssertEqual(last["computedTotalScore"] as? String, "99.9")
    }

    /// Runs `budget` on a copy of the committed journal, so the test leaves nothing beside it.
    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let journal = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Journal/2023.jsonl")
        let directory = TemporaryDirectory()
        let copy = directory.path("2023.jsonl")
        try FileManager.default.copyItem(atPath: journal.path, toPath: copy)
        let result = BudgetCommandLine.run(["--journal", copy] + arguments)
        XCTAssertEqual(result.stderr, "")
        return (result.status, result.stdout)
    }
}
