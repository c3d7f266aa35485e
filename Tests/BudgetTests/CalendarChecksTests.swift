import XCTest
import Foundation
@testable import BudgetCLI

/// Checks that fit the calendar: the year-end rules only at a year-end replay, 序时进度 mid-year,
/// a rate's own reason, notes apart from errors, a printed rate read with its figures' rounding.
final class CalendarChecksTests: XCTestCase {
    /// A complete form of 100 points whose only weakness is a rate of 50%.
    func scenario() -> Scenario {
        let scenario = Scenario()
        scenario.project("p")
        scenario.completeForm("p")
        return scenario
    }

    func testTheNinetyPercentRuleIsAYearEndRuleAndMidYearIsJudgedBySchedule() {
        let scenario = Scenario()
        scenario.project("p", budget: "100")
        scenario.ok(["pay", "p", "10", "--source", "current", "--date", "2023-03-01"])
        scenario.completeForm("p")
        // On 30 June, 10% is executed where 49.59% of the year has passed: a note, not an error.
        let midYear = scenario.check(["--as-of", "2023-06-30"])
        XCTAssertEqual(midYear.findings.map { $0["rule"] as? String }, ["behind-schedule"])
        XCTAssertEqual(midYear.findings.first?["severity"] as? String, "note")
        XCTAssertEqual(midYear.status, 0)
        XCTAssertEqual(scenario.check(["--as-of", "2023-06-30", "--strict"]).status, 1)
        // At year end the 90% rule applies, and it needs the rate's own reason.
        let yearEnd = scenario.check(["--as-of", "2023-12-31"])
        XCTAssertTrue(yearEnd.findings.contains { $0["rule"] as? String == "execution-reason" }, "\(yearEnd.findings)")
        XCTAssertEqual(yearEnd.status, 1)
    }

    func testAnIndicatorsReasonDoesNotAnswerTheRateButItsOwnReasonDoes() {
        let scenario = Scenario()
        scenario.project("p", budget: "100")
        scenario.ok(["pay", "p", "10", "--source", "current", "--date", "2023-03-01"])
        scenario.completeForm("p")
        scenario.indicator("p", "extra", target: "10次", weight: "0", actual: "9次", score: "0", reason: "少开一次会")
        XCTAssertTrue(scenario.check().findings.contains { $0["rule"] as? String == "execution-reason" })
        let recorded = scenario.ok(["reason", "p", "--execution", "项目推迟至2024年", "--date", "2023-12-31"])
        XCTAssertFalse(scenario.check().findings.contains { $0["rule"] as? String == "execution-reason" })
        // It is printed in the fund block of every form format.
        for format in ["md", "csv", "html"] { XCTAssertTrue(scenario.ok(["form", "p", "--format", format]).contains("执行偏差原因"), format) }
        // Reversed, the finding is back.
        let seq = String(recorded.dropFirst("recorded #".count).prefix { $0.isNumber })
        scenario.ok(["reverse", seq, "--date", "2023-12-31", "--reason", "撤回"])
        XCTAssertTrue(scenario.check().findings.contains { $0["rule"] as? String == "execution-reason" })
    }

    func testARateConsistentWithTheRoundingOfItsPrintedFiguresIsAccepted() {
        let scenario = Scenario()
        scenario.project("q", budget: "620850.50")
        scenario.ok(["pay", "q", "540850.50", "--source", "current", "--date", "2023-05-01"])
        // 540,850.50 ÷ 620,850.50 = 87.114…% → 87.11%, printed beside 54.09 and 62.09 万元,
        // whose own quotient is 87.12%: both rates are consistent with the printed figures.
        for (rate, flagged) in [("87.11%", false), ("87.12%", false), ("87.10%", false), ("87.14%", true), ("87.08%", true)] {
            scenario.ok(["declare", "q", "--fund-total", "62.09 62.09 54.09 \(rate)", "--date", "2023-12-31"])
            XCTAssertEqual(scenario.check(["q"]).findings.contains { $0["rule"] as? String == "rate" }, flagged, rate)
        }
    }

    /// Found in review: a rate accepted for its rounding is the rate its score is checked by;
    /// a year not over by today is not judged by the year-end rules; below a grade's band is a
    /// note; --known-at takes digits only.
    func testReviewFindingsOfTheCalendarChecks() {
        let rounding = Scenario()
        rounding.project("p", budget: "1000000")
        rounding.ok(["pay", "p", "944900", "--source", "current", "--date", "2023-05-01"])
        rounding.completeForm("p")
        // 94.5 ÷ 100 is 94.50%, but 94.49% is within the rounding of 94.5万: its score is 9.449 → 9.4.
        rounding.ok(["declare", "p", "--fund-total", "100 100 94.5 94.49%", "--execution-score", "9.4", "--date", "2023-12-31"])
        XCTAssertFalse(rounding.check(["p"]).findings.contains { ["rate", "execution-score"].contains($0["rule"] as? String) })
        // BUDGET_NOW is 2024-01-15 in scenarios: a 2024 project's year is not over.
        let current = Scenario()
        current.project("q", budget: "100", year: 2024)
        XCTAssertFalse(current.check(["q"]).findings.contains { ["execution-reason", "carryover-two-years"].contains($0["rule"] as? String) })
        let band = Scenario()
        band.project("r")
        band.completeForm("r", output: "40")
        band.indicator("r", "q", level2: "质量指标", target: "高质量", weight: "10", actual: "较好", score: "5", grade: "achieved")
        let graded = band.check(["r"]).findings.first { $0["rule"] as? String == "grade-band" }
        XCTAssertEqual(graded?["severity"] as? String, "note")
        band.refused(["report", "--known-at", "2024-01-15T+0:00:00Z"], "--known-at", status: 2)
    }

    func testReportBehindLeavesOutProjectsWithNothingLeftAndClosedYears() {
        let scenario = Scenario()
        scenario.project("spent", budget: "100")
        scenario.ok(["pay", "spent", "10", "--source", "current", "--date", "2023-03-01"])
        scenario.ok(["adjust", "spent", "-90", "--source", "current", "--date", "2023-03-02", "--reason", "调减"])
        scenario.project("slow", budget: "100")
        scenario.ok(["pay", "slow", "10", "--source", "current", "--date", "2023-03-01"])
        let behind = scenario.ok(["report", "--behind", "--as-of", "2023-09-30"])
        XCTAssertTrue(behind.contains("slow") && !behind.contains("spent "), behind)
        scenario.ok(["close", "2023", "--date", "2024-01-05"])
        XCTAssertTrue(scenario.ok(["report", "--behind", "--as-of", "2024-01-05", "--year", "2023"]).contains("(no project is more than"))
    }
}
