import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetProjections
@testable import BudgetCLI

/// `budget check` on journals built through the command line, one rule at a time. Each
/// scenario starts from a form that passes every check (`Scenario.completeForm`: 100 yuan
/// approved, 95 paid, so 执行率 95%; indicators output 50, benefit 30, satisfaction 10, all met
/// at full marks) and breaks exactly one thing, so that exactly the finding under test appears.
final class CrossCheckTests: XCTestCase {
    func passingProject(_ scenario: Scenario, _ id: String = "p", output: String = "50") {
        scenario.project(id)
        scenario.ok(["pay", id, "95", "--source", "current", "--date", "2023-03-01"])
        scenario.completeForm(id, output: output)
    }

    func testACleanFormPassesWithStatusZero() {
        let scenario = Scenario()
        passingProject(scenario)
        let result = scenario.run(["check"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("all cross-checks pass: 1 project(s) checked"), result.stdout)
        XCTAssertEqual(scenario.check().findings.count, 0)
    }

    func testWeightsMustAddUpToThePolicysShares() {
        let scenario = Scenario()
        passingProject(scenario, output: "45")
        let check = scenario.check()
        XCTAssertEqual(check.status, 1)
        // 产出 45 ≠ 50; all 45 + 30 + 10 = 85 ≠ 90.
        XCTAssertEqual(check.findings.of("level-weight"), ["50 | 45"])
        XCTAssertEqual(check.findings.of("indicator-weight"), ["90 | 85"])
        XCTAssertEqual(check.findings.count, 2)
    }

    /// 47 of 50 trainees (form 5): 47 ÷ 50 × 5 = 4.7. The tolerance is 0.05 point. A score
    /// above the rules' is an error; one below it is a note, which fails only with --strict.
    func testASelfAssessedScoreMustBeWithinToleranceOfTheRules() {
        for (score, severity) in [("5", "error"), ("4.7", nil), ("4.75", nil), ("4.76", "error"), ("4.65", nil), ("4.64", "note")] {
            let scenario = Scenario()
            passingProject(scenario, output: "45")
            scenario.indicator("p", "out-02", target: "50人", weight: "5", actual: "47人", score: score)
            let check = scenario.check()
            XCTAssertEqual(check.status, severity == "error" ? 1 : 0, "score \(score)")
            XCTAssertEqual(check.findings.of("rule-score"), severity != nil ? ["4.7 | \(score)"] : [], "score \(score)")
            XCTAssertEqual(check.findings.first?["severity"] as? String, severity, "score \(score)")
            XCTAssertEqual(scenario.check(["--strict"]).status, severity != nil ? 1 : 0, "score \(score) --strict")
        }
    }

    func testFullMarksWhileMissingTheTargetSaySo() throws {
        let scenario = Scenario()
        passingProject(scenario, output: "37.5")
        // Form 6: 0 of 1 device, 12.5 of 12.5. The rules: 0 ÷ 1 × 12.5 = 0.
        scenario.indicator("p", "out-02", target: "1台", weight: "12.5", actual: "0台", score: "12.5", reason: nil)
        let check = scenario.check()
        XCTAssertEqual(check.findings.of("rule-score"), ["0 | 12.5"])
        let detail = try XCTUnwrap(check.findings.first { $0["rule"] as? String == "rule-score" }?["detail"] as? String)
        XCTAssertTrue(detail.contains("full marks while the target was missed"), detail)
    }

    func testBoundariesThroughTheCommandLine() {
        // Each row is worth 10 of the 50 output points; the other 40 are out-01's.
        let scenario = Scenario()
        passingProject(scenario, output: "10")
        // Exactly on target: 100元/项 at 100: full 10, self 10 passes.
        scenario.indicator("p", "on", level2: "成本指标", target: "100元/项", weight: "10", actual: "100元/项", score: "10")
        // Twice the target: linear gives 0; a self-assessed 5 departs by 5.
        scenario.indicator("p", "twice", level2: "成本指标", target: "100元/项", weight: "10", actual: "200元/项", score: "5")
        // A zero target of a count: 0个 is met by anything, full 10; a self-assessed 8 departs by 2.
        scenario.indicator("p", "zero", target: "0个", weight: "10", actual: "3个", score: "8")
        // A date that is none (a 13th month): reported, never guessed. (A deadline met, such as
        // 2023年11月 against 2023年底前, is scored as a date: see DeadlineTests.)
        scenario.indicator("p", "text", level2: "时效指标", target: "2023年底前", weight: "10", actual: "2023年13月", score: "10")
        let check = scenario.check()
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.findings.of("rule-score", "on"), [])
        XCTAssertEqual(check.findings.of("rule-score", "twice"), ["0 | 5"])
        XCTAssertEqual(check.findings.of("rule-score", "zero"), ["10 | 8"])
        XCTAssertEqual(check.findings.of("unparseable", "text"), ["2023年底前 | 2023年13月"])
        XCTAssertEqual(check.findings.count, 3)
        let rows = scenario.report("p")["indicators"] as? [[String: Any]] ?? []
        let computed = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as? String ?? "", $0["computedScore"] as? String ?? "null") })
        XCTAssertEqual(computed["on"], "10")
        XCTAssertEqual(computed["twice"], "0")
        XCTAssertEqual(computed["zero"], "10")
        XCTAssertEqual(computed["text"], "null")
    }

    func testQualitativeBands() {
        let scenario = Scenario()
        scenario.project("p")
        scenario.ok(["pay", "p", "95", "--source", "current", "--date", "2023-03-01"])
        scenario.indicator("p", "out-01", target: "10个", weight: "50", actual: "10个", score: "50")
        // 达成 with 7.99 of 10: the band is 8–10.
        scenario.indicator("p", "ben-01", level1: "benefit", level2: "社会效益指标", target: "长效", weight: "10", actual: "较好", score: "7.99", grade: "achieved")
        // 部分达成 with exactly 8 of 10: on the shared edge, in the band.
        scenario.indicator("p", "ben-02", level1: "benefit", level2: "社会效益指标", target: "长效", weight: "10", actual: "一般", score: "8", grade: "partial")
        // 未达成 with 6.01 of 10: the band is 0–6.
        scenario.indicator("p", "ben-03", level1: "benefit", level2: "社会效益指标", target: "长效", weight: "10", actual: "未见", score: "6.01", grade: "not-achieved")
        // No grade and a different actual: not accepted.
        scenario.indicator("p", "sat-01", level1: "satisfaction", level2: "满意度", target: "满意", weight: "10", actual: "基本满意", score: "10")
        let check = scenario.check()
        XCTAssertEqual(check.findings.of("grade-band", "ben-01"), ["8–10 (达成) | 7.99"])
        XCTAssertEqual(check.findings.of("grade-band", "ben-02"), [])
        XCTAssertEqual(check.findings.of("grade-band", "ben-03"), ["0–6 (未达成) | 6.01"])
        XCTAssertEqual(check.findings.of("grade-missing", "sat-01").count, 1)
        XCTAssertEqual(check.findings.count, 3)
    }

    func testAGradeOnAQuantitativeIndicatorIsRefused() {
        let scenario = Scenario()
        scenario.project("p")
        scenario.indicator("p", "out-01", target: "600本", weight: "50", actual: nil, score: nil)
        scenario.refused(["indicator", "actual", "p", "out-01", "500本", "--date", "2023-12-31", "--grade", "partial"], "is a quantity", status: 1)
        scenario.refused(["indicator", "actual", "p", "out-01", "500本", "--date", "2023-12-31", "--grade", "half"], "--grade 'half'", status: 2)
    }

    func testUnitMismatchIncomparableAndMissingActual() {
        let scenario = Scenario()
        passingProject(scenario, output: "20")
        scenario.indicator("p", "unit", level2: "成本指标", target: "180000元/年", weight: "10", actual: "0元/项", score: "10")
        scenario.indicator("p", "parts", target: "1人、1年", weight: "10", actual: "1人", score: "10")
        scenario.indicator("p", "none", target: "5个", weight: "10", actual: nil, score: "10")
        let check = scenario.check()
        XCTAssertEqual(check.findings.of("unit-mismatch", "unit"), ["180000元/年 | 0元/项"])
        XCTAssertEqual(check.findings.of("incomparable", "parts"), ["1人、1年 | 1人"])
        XCTAssertEqual(check.findings.of("actual-missing", "none"), ["an actual value | none"])
        XCTAssertEqual(check.findings.count, 3)
    }

    func testLostPointsNeedAReason() {
        let scenario = Scenario()
        passingProject(scenario, output: "45")
        // 3 of 5 by the rules (3 ÷ 5 × 5 = 3) and self-assessed so, but with no reason.
        scenario.indicator("p", "out-02", target: "5个", weight: "5", actual: "3个", score: "3", reason: nil)
        let check = scenario.check()
        XCTAssertEqual(check.findings.of("deviation-reason"), ["a 偏差原因 | none"])
        XCTAssertEqual(check.findings.count, 1)
    }

    /// 执行率 under 90% needs a 偏差原因 somewhere on the form.
    func testALowExecutionRateNeedsAReason() {
        // 89.99 of 100 = 89.99% < 90%: reported. 90 of 100 = 90%: not.
        for (paid, fails) in [("89.99", true), ("90", false)] {
            let scenario = Scenario()
            scenario.project("p")
            scenario.ok(["pay", "p", paid, "--source", "current", "--date", "2023-03-01"])
            scenario.completeForm("p")
            XCTAssertEqual(scenario.check().findings.of("execution-reason").count, fails ? 1 : 0, paid)
        }
        // A reason declared for the rate answers it.
        let scenario = Scenario()
        scenario.project("p")
        scenario.completeForm("p")
        XCTAssertEqual(scenario.check().findings.of("execution-reason"), ["a 偏差原因 | none"])
        scenario.ok(["declare", "p", "--execution-reason", "项目推迟至次年", "--date", "2023-12-31"])
        let after = scenario.check()
        XCTAssertEqual(after.findings.count, 0, "\(after.findings)")
        XCTAssertEqual(after.status, 0)
    }

    /// 上年结转资金 is what earlier projects carried over: 30 arrived from p2022, but 20 more were
    /// approved straight into the carryover source, so it holds 50 where 30 arrived.
    func testCarryoverBudgetMustArriveByACarryOver() {
        let scenario = Scenario()
        scenario.project("p2022", budget: "30", year: 2022)
        scenario.project("p")
        scenario.ok(["carryover", "p2022", "30", "--source", "current", "--to", "p", "--date", "2022-12-31"])
        // 90 + 30 paid of 100 + 30: 120 ÷ 130 = 92.31%, no reason needed; the carried 30 all spent.
        scenario.ok(["pay", "p", "90", "--source", "current", "--date", "2023-03-01"])
        scenario.ok(["pay", "p", "30", "--source", "carryover", "--date", "2023-03-01"])
        scenario.completeForm("p")
        XCTAssertEqual(scenario.check().status, 0, "30 arrived as 30")
        scenario.ok(["approve", "p", "20", "--source", "carryover", "--date", "2023-01-10"])
        let check = scenario.check(["p"])
        XCTAssertEqual(check.findings.of("carryover-arrival"), ["30.00元 | 50.00元"])
        // 执行率 is now 120 ÷ 150 = 80% < 90%, with no reason on the form; and the 20 of the
        // carryover source is unspent at year end (carryover-two-years).
        XCTAssertEqual(check.findings.rules.sorted(), ["carryover-arrival", "carryover-two-years", "execution-reason"])
    }

    func testAnUnknownProjectOrFormatIsAnErrorNotAFinding() {
        let scenario = Scenario()
        passingProject(scenario)
        scenario.refused(["check", "nope"], "unknown project 'nope'", status: 1)
        scenario.refused(["check", "--format", "xml"], "--format", status: 2)
    }

    func testOverspendingIsCheckedAgainInTheFold() {
        // Admission never lets it happen, so the check is made on a hand-built state.
        var state = ProjectState(registration: ProjectRegistration(project: "p", name: "n", department: "d", unit: "u", year: 2023), seq: 1)
        state.funds.current.initial = Money(fen: 100_00)
        state.funds.current.executed = Money(fen: 100_01)
        let findings = LedgerChecks.overspent(state, CheckContext(policy: .standard, trail: EventTrail()))
        XCTAssertEqual(findings.map(\.found), ["100.01元"])      // 100.01 paid of a 100.00 budget
        XCTAssertEqual(findings.map(\.expected.description), ["at most 100.00元"])
    }
}
