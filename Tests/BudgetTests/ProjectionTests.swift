import XCTest
@testable import BudgetModel
@testable import BudgetProjections

final class ProjectionTests: XCTestCase {
    /// A year of one project and its predecessor, with a back-dated payment and a reversal.
    let events: [Event] = {
        let entries: [(String, EventBody)] = [
            ("2022-01-01", Fixture.register("old", year: 2022)),                                    // 1
            ("2022-01-01", Fixture.register("new")),                                                // 2
            ("2022-01-10", Fixture.approve("old", "100")),                                          // 3
            ("2022-06-01", Fixture.pay("old", "30")),                                               // 4
            ("2022-12-31", .carriedOver(CarryOver(project: "old", source: .current, amount: Fixture.yuan("70"), toProject: "new"))), // 5
            ("2023-01-10", Fixture.approve("new", "1000")),                                         // 6
            ("2023-05-01", Fixture.pay("new", "200")),                                              // 7
            ("2023-03-01", Fixture.pay("new", "100")),                                              // 8, recorded late
            ("2023-06-01", .reversed(Reversal(targetSeq: 7, reason: "重复", original: Fixture.pay("new", "200")))), // 9
            ("2023-07-01", .refunded(TreasuryRefund(project: "new", source: .current, amount: Fixture.yuan("50"), reason: "r"))), // 10
            ("2023-08-01", .budgetAdjusted(BudgetAdjustment(project: "new", source: .other, amount: Fixture.yuan("40"), reason: "利息"))), // 11
            ("2023-09-01", Fixture.pay("new", "20", .carryover)),                                   // 12
        ]
        return Fixture.book(entries).events
    }()

    func state(_ project: String, asOf: String? = nil, at: Int64? = nil) -> ProjectState? {
        Replay.projection(of: events, to: ReplayPoint(asOf: asOf.map(Fixture.date), atSeq: at)).projects[project]
    }

    func testYearEnd() throws {
        let new = try XCTUnwrap(state("new", asOf: "2023-12-31"))
        // current: 1000 − 50 refunded = 950 full-year, 100 executed (the 200 was reversed).
        XCTAssertEqual(new.funds.current.initial.yuanText, "1000.00")
        XCTAssertEqual(new.funds.current.fullYear.yuanText, "950.00")
        XCTAssertEqual(new.funds.current.executed.yuanText, "100.00")
        XCTAssertEqual(new.funds.current.refunded.yuanText, "50.00")
        // carryover: 70 arrived from `old` as both initial and full-year; 20 spent.
        XCTAssertEqual(new.funds.carryover.initial.yuanText, "70.00")
        XCTAssertEqual(new.funds.carryover.fullYear.yuanText, "70.00")
        XCTAssertEqual(new.funds.carryover.executed.yuanText, "20.00")
        // other: 0 initial, +40 adjusted.
        XCTAssertEqual(new.funds.other.initial.yuanText, "0.00")
        XCTAssertEqual(new.funds.other.fullYear.yuanText, "40.00")
        // total: 1070 initial; 950 + 70 + 40 = 1060 full-year; 120 executed; 120 ÷ 1060 = 11.32%.
        XCTAssertEqual(new.funds.total.initial.yuanText, "1070.00")
        XCTAssertEqual(new.funds.total.fullYear.yuanText, "1060.00")
        XCTAssertEqual(new.funds.total.executed.yuanText, "120.00")
        XCTAssertEqual(new.funds.total.rate?.percentText, "11.32")
        XCTAssertEqual(new.funds.total.remaining.yuanText, "940.00")
    }

    func testTheCarryOverKeepsTheSendersFullYearBudget() throws {
        let old = try XCTUnwrap(state("old"))
        XCTAssertEqual(old.funds.current.fullYear.yuanText, "100.00")
        XCTAssertEqual(old.funds.current.executed.yuanText, "30.00")
        XCTAssertEqual(old.funds.current.carriedOut.yuanText, "70.00")
        XCTAssertEqual(old.funds.current.remaining.yuanText, "0.00")
        XCTAssertEqual(old.funds.current.rate?.percentText, "30.00")
    }

    func testReplayAsOfADateCountsBackDatedEventsFromTheirDate() throws {
        // 1 April: the late-recorded 1 March payment counts; the 1 May one does not yet.
        XCTAssertEqual(state("new", asOf: "2023-04-01")?.funds.current.executed.yuanText, "100.00")
        // 15 May: both payments, before the reversal of 1 June.
        XCTAssertEqual(state("new", asOf: "2023-05-15")?.funds.current.executed.yuanText, "300.00")
        XCTAssertEqual(state("new", asOf: "2023-06-01")?.funds.current.executed.yuanText, "100.00")
        // The carry-over arrived on 2022-12-31, before the new project's own year.
        XCTAssertEqual(state("new", asOf: "2022-12-31")?.funds.carryover.initial.yuanText, "70.00")
        XCTAssertEqual(state("new", asOf: "2022-12-30")?.funds.carryover.initial.yuanText, "0.00")
    }

    func testReplayAtASeqFoldsThatPrefix() throws {
        XCTAssertEqual(state("new", at: 7)?.funds.current.executed.yuanText, "200.00")
        XCTAssertEqual(state("new", at: 8)?.funds.current.executed.yuanText, "300.00")
        XCTAssertEqual(state("new", at: 9)?.funds.current.executed.yuanText, "100.00")
        XCTAssertNil(state("new", at: 1))
        // Both limits together: the prefix up to #8, then only what is dated by 1 April.
        XCTAssertEqual(state("new", asOf: "2023-04-01", at: 8)?.funds.current.executed.yuanText, "100.00")
    }

    func testTheFoldIsPure() {
        let once = Replay.projection(of: events)
        let twice = Replay.projection(of: events)
        XCTAssertEqual(once, twice)
        var stepwise = LedgerProjection()
        var states: [LedgerProjection] = []
        for event in events {
            stepwise = stepwise.applying(event)
            states.append(stepwise)
        }
        XCTAssertEqual(stepwise, once)
        // The fold changes a project in place; each state kept along the way is still its
        // prefix's replay, untouched by the events folded after it.
        for (index, state) in states.enumerated() {
            XCTAssertEqual(state, Replay.projection(of: events, to: ReplayPoint(atSeq: events[index].seq)), "after #\(events[index].seq)")
        }
    }

    func testReversingAnActualBringsBackThePreviousOne() {
        let definition = IndicatorDefinition(project: "p", indicator: "o", level1: .output, level2: "数量指标", name: "n", target: "1台", weight: Points(hundredths: 5_00))
        let book = Fixture.book([
            ("2023-01-01", Fixture.register("p")), ("2023-01-01", .indicatorDefined(definition)),
            ("2023-06-01", .indicatorActualRecorded(IndicatorActual(project: "p", indicator: "o", value: "0台"))),
            ("2023-12-01", .indicatorActualRecorded(IndicatorActual(project: "p", indicator: "o", value: "2台"))),
            ("2023-12-02", .reversed(Reversal(targetSeq: 4, reason: "写错", original: .indicatorActualRecorded(IndicatorActual(project: "p", indicator: "o", value: "2台"))))),
        ])
        XCTAssertEqual(Replay.projection(of: book.events, to: ReplayPoint(atSeq: 4)).projects["p"]?.indicators.first?.actual, "2台")
        XCTAssertEqual(Replay.projection(of: book.events).projects["p"]?.indicators.first?.actual, "0台")
    }

    func testTraceListsOnlyTheProjectsEventsWithScoresAfterEach() {
        let steps = Trace.steps(of: "new", in: events)
        XCTAssertEqual(steps.map(\.event.seq), [2, 5, 6, 7, 8, 9, 10, 11, 12])
        // After #7: 200 ÷ (1000 + 70) = 18.69% → 1.869 → 1.9 points.
        XCTAssertEqual(steps[3].after.rate?.percentText, "18.69")
        XCTAssertEqual(steps[3].after.executionScore.text, "1.9")
        XCTAssertEqual(steps.last?.after.rate?.percentText, "11.32")
    }
}
