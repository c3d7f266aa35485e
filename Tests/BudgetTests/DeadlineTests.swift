import XCTest
@testable import BudgetProjections
@testable import BudgetModel

/// A deadline target (`2024年12月31日前`, `年底前`, `12月底`) against a dated actual is compared as
/// dates, not accepted as text.
final class DeadlineTests: XCTestCase {
    func reading(_ text: String, deadline: Bool = false) -> String {
        switch deadline ? DeadlineText.deadline(text, year: 2024) : DeadlineText.date(in: text, year: 2024) {
        case .date(let date): return date.text
        case .unreadable: return "unreadable"
        case .none: return "none"
        }
    }

    func testDatesInTheFormsWords() {
        XCTAssertEqual(reading("2024年12月31日前", deadline: true), "2024-12-31")
        XCTAssertEqual(reading("年底前", deadline: true), "2024-12-31")
        XCTAssertEqual(reading("2023年底", deadline: true), "2023-12-31")
        XCTAssertEqual(reading("12月底", deadline: true), "2024-12-31")
        XCTAssertEqual(reading("6月之前", deadline: true), "2024-06-30")
        XCTAssertEqual(reading("2月底前", deadline: true), "2024-02-29")
        XCTAssertEqual(reading("9月30日以前完成", deadline: true), "2024-09-30")
        XCTAssertEqual(reading("2024年12月31日", deadline: true), "none", "no 前 or 底: a date, not a deadline")
        XCTAssertEqual(reading("全面推进", deadline: true), "none")
        XCTAssertEqual(reading("2024年12月20日完成"), "2024-12-20")
        XCTAssertEqual(reading("2024-11-02已完成"), "2024-11-02")
        XCTAssertEqual(reading("3月5号"), "2024-03-05")
        XCTAssertEqual(reading("2024年13月5日完成"), "unreadable")
        XCTAssertEqual(reading("2024年2月30日"), "unreadable")
        XCTAssertEqual(reading("2024年完成"), "none", "a year with no month is no date to compare")
        XCTAssertEqual(reading("2023年度已完成"), "none")
        XCTAssertEqual(reading("12345元已于11月支付"), "2024-11-30", "an amount is passed over")
        XCTAssertEqual(reading("12月底前完成培训100人", deadline: true), "none", "a quantity with a deadline is scored by its quantity")
        XCTAssertEqual(reading("年底前完成率100%", deadline: true), "none")
        XCTAssertEqual(reading("前三季度", deadline: true), "none")
        XCTAssertEqual(reading("提前完成", deadline: true), "none")
        XCTAssertEqual(reading("100%"), "none")
    }

    func testOnTimeIsFullWeightLateNeedsAGradeAndAnUnreadableDateIsReported() {
        let definition = IndicatorDefinition(project: "p", indicator: "t", level1: .output, level2: "时效指标", name: "完成时间",
                                             target: "2024年12月31日前", weight: Points(hundredths: 500))
        func score(_ actual: String, _ grade: Achievement? = nil, self selfScore: Int64 = 500) -> RuleScore {
            RuleScore.evaluate(definition, actual: actual, grade: grade, selfScore: Points(hundredths: selfScore), policy: .standard, year: 2024)
        }
        XCTAssertEqual(score("2024年12月20日完成").score, Points(hundredths: 500))
        XCTAssertEqual(score("2024年12月31日完成").score, Points(hundredths: 500))
        XCTAssertEqual(score("2025年1月5日完成").problem, .gradeMissing)
        let late = score("2025年1月5日完成", .partial, self: 500)
        XCTAssertEqual(late.score, Points(hundredths: 400), "partial is 60–80% of 5: the 5 claimed is brought to 4")
        XCTAssertTrue(late.working.description.hasPrefix("done 2025-01-05, after the deadline 2024-12-31"), late.working.description)
        XCTAssertEqual(score("2024年13月5日完成").problem, .unparseable)
        // Without the fiscal year (as before deadlines were read), the date is no quantity the parser knows.
        XCTAssertEqual(RuleScore.evaluate(definition, actual: "2024年12月20日完成", grade: nil, selfScore: nil, policy: .standard).problem, .unparseable)
    }
}
