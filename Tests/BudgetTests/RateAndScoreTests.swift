import XCTest
@testable import BudgetModel
@testable import BudgetProjections

final class RateAndScoreTests: XCTestCase {
    func yuan(_ text: String) -> Money { try! AmountParser.parse(text) }

    func project(fullYear: String, executed: String, scores: [(weight: Int64, score: Int64?)] = []) -> ProjectState {
        var state = ProjectState(registration: ProjectRegistration(project: "p", name: "n", department: "d", unit: "u", year: 2023), seq: 1)
        state.funds.current.initial = yuan(fullYear)
        state.funds.current.executed = yuan(executed)
        for (index, row) in scores.enumerated() {
            var indicator = IndicatorState(definition: IndicatorDefinition(
                project: "p", indicator: "i\(index)", level1: .output, level2: "数量指标", name: "n", target: "t",
                weight: Points(hundredths: row.weight)), definedSeq: 2)
            if let score = row.score { indicator.scores.append((3, Points(hundredths: score), nil)) }
            state.indicators.append(indicator)
        }
        return state
    }

    /// The issue's own check: 133.43 ÷ 185.58 gives 71.90% and 7.2 (form 1).
    func testFormOneRateAndScore() {
        let card = Scorecard(project(fullYear: "185.58万", executed: "133.43万"))
        XCTAssertEqual(card.rate?.percentText, "71.90")
        XCTAssertEqual(card.executionScore.text, "7.2")
    }

    /// Form 4 prints 100% and 10, but 541.60 ÷ 547.98 = 0.98836… → 98.84% → 9.884 → 9.9.
    func testFormFourRateIsNotAHundredPercent() {
        let card = Scorecard(project(fullYear: "547.98万", executed: "541.6万"))
        XCTAssertEqual(card.rate?.percentText, "98.84")
        XCTAssertEqual(card.executionScore.text, "9.9")
    }

    func testRateRoundsHalfUpAtTheHundredthOfAPercent() {
        // 1 ÷ 8 = 12.5% exactly; 1 ÷ 3 = 33.333…%; 2 ÷ 3 = 66.666…%; 1 ÷ 20000 = 0.005% → 0.01%.
        XCTAssertEqual(Rate.of(Money(fen: 1), over: Money(fen: 8))?.percentText, "12.50")
        XCTAssertEqual(Rate.of(Money(fen: 1), over: Money(fen: 3))?.percentText, "33.33")
        XCTAssertEqual(Rate.of(Money(fen: 2), over: Money(fen: 3))?.percentText, "66.67")
        XCTAssertEqual(Rate.of(Money(fen: 1), over: Money(fen: 20_000))?.percentText, "0.01")
        XCTAssertEqual(Rate.of(Money(fen: 1), over: Money(fen: 20_001))?.percentText, "0.00")
        XCTAssertNil(Rate.of(Money(fen: 5), over: .zero))
    }

    func testExecutionScoreRoundsHalfUpAtATenthAndCapsAtTen() {
        // 72.45% → 7.245 → 7.2; 72.50% → 7.25 → 7.3 (half-up, not half-even).
        XCTAssertEqual(Scorecard(project(fullYear: "10000", executed: "7245")).executionScore.text, "7.2")
        XCTAssertEqual(Scorecard(project(fullYear: "10000", executed: "7250")).executionScore.text, "7.3")
        XCTAssertEqual(Scorecard(project(fullYear: "10000", executed: "7350")).executionScore.text, "7.4")
        XCTAssertEqual(Scorecard(project(fullYear: "10000", executed: "10000")).executionScore.text, "10")
        XCTAssertEqual(Scorecard(project(fullYear: "0.01", executed: "0")).executionScore.text, "0")
    }

    func testTotalAndGradeBoundaries() {
        // 80 indicator points + 10 execution = 90 → 优; 89.9 → 良 (form 4's drop).
        let full = Scorecard(project(fullYear: "100", executed: "100", scores: [(90_00, 80_00)]))
        XCTAssertEqual(full.total.text, "90")
        XCTAssertEqual(full.grade, .excellent)
        let form4 = Scorecard(project(fullYear: "547.98万", executed: "541.6万", scores: [(90_00, 80_00)]))
        XCTAssertEqual(form4.total.text, "89.9")
        XCTAssertEqual(form4.grade, .good)
        XCTAssertEqual(Grade(total: Points(hundredths: 80_00)), .good)
        XCTAssertEqual(Grade(total: Points(hundredths: 79_99)), .fair)
        XCTAssertEqual(Grade(total: Points(hundredths: 60_00)), .fair)
        XCTAssertEqual(Grade(total: Points(hundredths: 59_99)), .poor)
    }

    func testUnscoredIndicatorsCountZeroButKeepTheirWeight() {
        let card = Scorecard(project(fullYear: "100", executed: "0", scores: [(50_00, nil), (40_00, 12_50)]))
        XCTAssertEqual(card.indicatorScore.text, "12.5")
        XCTAssertEqual(card.indicatorWeight.text, "90")
        XCTAssertEqual(card.total.text, "12.5")
    }

    func testPointsParseAndPrintAsTheFormsDo() throws {
        XCTAssertEqual(try Points.parse("12.5").text, "12.5")
        XCTAssertEqual(try Points.parse("10").text, "10")
        XCTAssertEqual(try Points.parse("1.25").text, "1.25")
        XCTAssertEqual(try Points.parse("100").hundredths, 100_00)
        XCTAssertThrowsError(try Points.parse("100.01"))
        XCTAssertThrowsError(try Points.parse("1.255"))
        XCTAssertThrowsError(try Points.parse("-1"))
        XCTAssertThrowsError(try Points.parse(""))
        XCTAssertThrowsError(try Points.parse("1."))
    }
}
