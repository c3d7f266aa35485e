import XCTest
@testable import BudgetModel
@testable import BudgetProjections

final class AdmissionTests: XCTestCase {
    func rejection(_ book: LedgerBook, _ date: String, _ body: EventBody, key: String? = nil) -> String? {
        do { _ = try book.admit(EventDraft(key: key, date: Fixture.date(date), body: body), recorded: "2023-12-31T00:00:00Z"); return nil }
        catch { return error.message }
    }

    func testAPaymentMayUseExactlyWhatRemainsAndNotAFenMore() {
        let book = Fixture.book([("2023-01-01", Fixture.register("p")), ("2023-01-02", Fixture.approve("p", "100.00")),
                                 ("2023-02-01", Fixture.pay("p", "40.00"))])
        XCTAssertNil(rejection(book, "2023-03-01", Fixture.pay("p", "60.00")))
        let refused = rejection(book, "2023-03-01", Fixture.pay("p", "60.01"))
        XCTAssertEqual(refused, "payment of 60.01 exceeds the budget (无预算不支出): only 60.00 of the current budget of 'p' remains unspent on 2023-03-01")
    }

    func testAPaymentBeforeItsBudgetIsRefusedEvenIfTheBudgetComesLater() {
        // Approved on 1 March: as of 1 February there is nothing to pay from.
        let book = Fixture.book([("2023-01-01", Fixture.register("p")), ("2023-03-01", Fixture.approve("p", "100"))])
        XCTAssertNotNil(rejection(book, "2023-02-01", Fixture.pay("p", "10")))
        XCTAssertNil(rejection(book, "2023-03-01", Fixture.pay("p", "10")))
    }

    func testABackDatedPaymentMayNotOverdrawAnyLaterDate() {
        // 100 on 1 Jan, 60 paid on 1 Mar, +50 on 1 Sep. Paying 60 on 1 Feb leaves 40 on 1 Feb,
        // but −20 on 1 Mar, before the increase arrives.
        let book = Fixture.book([
            ("2023-01-01", Fixture.register("p")), ("2023-01-01", Fixture.approve("p", "100")),
            ("2023-03-01", Fixture.pay("p", "60")),
            ("2023-09-01", .budgetAdjusted(BudgetAdjustment(project: "p", source: .current, amount: Fixture.yuan("50"), reason: "追加"))),
        ])
        XCTAssertEqual(rejection(book, "2023-02-01", Fixture.pay("p", "60")),
                       "payment of 60.00 exceeds the budget (无预算不支出): only 40.00 of the current budget of 'p' remains unspent on 2023-03-01")
        XCTAssertNil(rejection(book, "2023-02-01", Fixture.pay("p", "40")))
        XCTAssertNil(rejection(book, "2023-09-01", Fixture.pay("p", "90")))
    }

    func testSourcesAreSeparateBudgets() {
        let book = Fixture.book([("2023-01-01", Fixture.register("p")), ("2023-01-01", Fixture.approve("p", "100", .current))])
        XCTAssertNotNil(rejection(book, "2023-02-01", Fixture.pay("p", "1", .other)))
    }

    func testCutsRefundsAndCarryOversAreBoundedByTheUnspentBalance() {
        let book = Fixture.book([
            ("2023-01-01", Fixture.register("p")), ("2023-01-01", Fixture.register("q", year: 2024)),
            ("2023-01-01", Fixture.approve("p", "100")), ("2023-05-01", Fixture.pay("p", "70")),
        ])
        let cut = BudgetAdjustment(project: "p", source: .current, amount: Fixture.yuan("-30.01"), reason: "压减")
        XCTAssertEqual(rejection(book, "2023-06-01", .budgetAdjusted(cut))?.hasPrefix("cutting 30.01 would leave less budget"), true)
        XCTAssertEqual(rejection(book, "2023-06-01", .refunded(TreasuryRefund(project: "p", source: .current, amount: Fixture.yuan("30.01"), reason: "r")))?
            .hasPrefix("refund of 30.01 exceeds the unspent balance"), true)
        XCTAssertEqual(rejection(book, "2023-12-31", .carriedOver(CarryOver(project: "p", source: .current, amount: Fixture.yuan("30.01"), toProject: "q")))?
            .hasPrefix("carry-over of 30.01 exceeds the unspent balance"), true)
        XCTAssertNil(rejection(book, "2023-12-31", .carriedOver(CarryOver(project: "p", source: .current, amount: Fixture.yuan("30"), toProject: "q"))))
    }

    func testUnknownNamesDatesAndYears() {
        let book = Fixture.book([("2023-01-01", Fixture.register("p")), ("2022-01-01", Fixture.register("old", year: 2022))])
        XCTAssertEqual(rejection(book, "2023-01-05", Fixture.approve("nope", "1")), "unknown project 'nope'")
        XCTAssertEqual(rejection(book, "2024-01-01", Fixture.approve("p", "1")), "date 2024-01-01 is outside fiscal year 2023 of project 'p'")
        XCTAssertEqual(rejection(book, "2023-01-05", .indicatorActualRecorded(IndicatorActual(project: "p", indicator: "x", value: "1"))),
                       "unknown indicator 'x' of project 'p'")
        XCTAssertEqual(rejection(book, "2023-01-05", Fixture.register("p")), "project 'p' is already registered")
        // Carry-overs go forward in time only.
        XCTAssertNotNil(rejection(book, "2023-12-31", .carriedOver(CarryOver(project: "p", source: .current, amount: Fixture.yuan("1"), toProject: "old"))))
        XCTAssertNotNil(rejection(book, "2023-12-31", .carriedOver(CarryOver(project: "p", source: .current, amount: Fixture.yuan("1"), toProject: "p"))))
    }

    func testAScoreAboveItsWeightIsRefused() {
        let definition = IndicatorDefinition(project: "p", indicator: "o1", level1: .output, level2: "数量指标", name: "n", target: "1台", weight: Points(hundredths: 12_50))
        let book = Fixture.book([("2023-01-01", Fixture.register("p")), ("2023-01-01", .indicatorDefined(definition))])
        XCTAssertNil(rejection(book, "2023-12-31", .indicatorScored(IndicatorScore(project: "p", indicator: "o1", score: Points(hundredths: 12_50)))))
        XCTAssertNotNil(rejection(book, "2023-12-31", .indicatorScored(IndicatorScore(project: "p", indicator: "o1", score: Points(hundredths: 12_51)))))
    }

    func testReversals() {
        let book = Fixture.book([
            ("2023-01-01", Fixture.register("p")), ("2023-01-01", Fixture.approve("p", "100")),
            ("2023-03-01", Fixture.pay("p", "100")),
            ("2023-04-01", .reversed(Reversal(targetSeq: 3, reason: "录错", original: Fixture.pay("p", "100")))),
        ])
        XCTAssertEqual(rejection(book, "2023-05-01", .reversed(Reversal(targetSeq: 3, reason: "r", original: Fixture.pay("p", "100")))), "event #3 is already reversed")
        XCTAssertEqual(rejection(book, "2023-05-01", .reversed(Reversal(targetSeq: 99, reason: "r", original: Fixture.pay("p", "100")))), "there is no event #99 to reverse")
        XCTAssertNotNil(rejection(book, "2023-05-01", .reversed(Reversal(targetSeq: 4, reason: "r", original: book.event(seq: 4)!.body))))
        XCTAssertNotNil(rejection(book, "2023-05-01", .reversed(Reversal(targetSeq: 1, reason: "r", original: Fixture.register("p")))))
        // Reversing the approval would leave the 1 March payment unfunded, had it not been reversed;
        // since it was, the approval may go.
        XCTAssertNil(rejection(book, "2023-05-01", .reversed(Reversal(targetSeq: 2, reason: "r", original: Fixture.approve("p", "100")))))
        // A reversal may not be dated before what it reverses.
        XCTAssertNotNil(rejection(book, "2023-02-01", .reversed(Reversal(targetSeq: 2, reason: "r", original: Fixture.approve("p", "99")))))
    }

    func testReversingAnApprovalThatWasSpentIsRefused() {
        let book = Fixture.book([
            ("2023-01-01", Fixture.register("p")), ("2023-01-01", Fixture.approve("p", "100")), ("2023-03-01", Fixture.pay("p", "10")),
        ])
        XCTAssertNotNil(rejection(book, "2023-05-01", .reversed(Reversal(targetSeq: 2, reason: "r", original: Fixture.approve("p", "100")))))
    }

    func testIdempotencyKeys() {
        var book = Fixture.book([("2023-01-01", Fixture.register("p")), ("2023-01-01", Fixture.approve("p", "100"))])
        let draft = EventDraft(key: "pay-1", date: Fixture.date("2023-02-01"), body: Fixture.pay("p", "10"))
        guard case .append(let event)? = try? book.admit(draft, recorded: "2023-12-31T00:00:00Z") else { return XCTFail("not appended") }
        XCTAssertEqual(event.id, "pay-1")
        book.record(event)
        XCTAssertEqual(try book.admit(draft, recorded: "2024-01-01T00:00:00Z"), .alreadyRecorded(event))
        XCTAssertEqual(rejection(book, "2023-02-01", Fixture.pay("p", "11"), key: "pay-1"),
                       "--id 'pay-1' was already used by event #3 (disbursement.made on 2023-02-01) with a different body")
        XCTAssertNotNil(rejection(book, "2023-02-02", Fixture.pay("p", "10"), key: "pay-1"))
    }

    /// A payment read back is held to the facts a payment recorded now is held to, and breaking
    /// one is said in the same words, naming its line: a journal read back takes its payments by
    /// a path of their own (one search of the project per payment), which must not drift.
    func testAPaymentReadBackIsHeldToTheFactsOfAdmission() {
        let head: [(String, EventBody)] = [("2023-03-01", Fixture.register("p")), ("2023-03-01", Fixture.approve("p", "100.00"))]
        let book = Fixture.book(head)
        let bad: [(date: String, body: EventBody, violations: Int)] = [
            ("2023-04-01", Fixture.pay("ghost", "1.00"), 1),       // no such project
            ("2024-01-02", Fixture.pay("p", "1.00"), 1),           // outside the project's year
            ("2023-02-01", Fixture.pay("p", "1.00"), 2),           // before the project was registered, so before its budget too
        ]
        for (date, body, violations) in bad {
            let said = rejection(book, date, body)
            XCTAssertNotNil(said, "\(date) is refused when recorded")
            var reading = LedgerBook.reading()
            for event in book.events { try? reading.take(event) }
            XCTAssertTrue(reading.violations.isEmpty)
            try? reading.take(Event(seq: 3, id: "@3", date: Fixture.date(date), recorded: "t", body: body))
            reading.finishReading()
            XCTAssertEqual(reading.violations.count, violations, date)
            XCTAssertEqual(reading.violations.first.first?.message, "journal line 3: \(said ?? "")")
            XCTAssertEqual(reading.violations.projects, [body.project ?? ""])
        }
        // A payment that stands is taken: its money moves, and a later one over the rest is the overdraft named.
        var reading = LedgerBook.reading()
        for event in book.events { try? reading.take(event) }
        try? reading.take(Event(seq: 3, id: "@3", date: Fixture.date("2023-04-01"), recorded: "t", body: Fixture.pay("p", "60.00")))
        try? reading.take(Event(seq: 4, id: "@4", date: Fixture.date("2023-04-02"), recorded: "t", body: Fixture.pay("p", "40.01")))
        reading.finishReading()
        XCTAssertEqual(reading.violations.count, 1)
        XCTAssertEqual(reading.violations.first.first?.message.hasPrefix("journal line 4: "), true, reading.violations.first.first?.message ?? "")
    }

    func testAJournalWhoseEventsMakeNoSenseIsRefusedOnRead() {
        let register = Event(seq: 1, id: "@1", date: Fixture.date("2023-01-01"), recorded: "t", body: Fixture.register("p"))
        let orphan = Event(seq: 2, id: "@2", date: Fixture.date("2023-01-01"), recorded: "t", body: Fixture.approve("ghost", "1"))
        XCTAssertThrowsError(try LedgerBook.fold([register, orphan])) { error in
            XCTAssertEqual((error as? Rejection)?.message, "journal line 2: unknown project 'ghost'")
        }
    }
}

final class IndicatorReversalTests: XCTestCase {
    func testAnIndicatorWithLiveScoresCannotBeUndefined() throws {
        let definition = IndicatorDefinition(project: "p", indicator: "o", level1: .output, level2: "数量指标", name: "n", target: "1台", weight: Points(hundredths: 5_00))
        let score = IndicatorScore(project: "p", indicator: "o", score: Points(hundredths: 5_00))
        var book = Fixture.book([
            ("2023-01-01", Fixture.register("p")), ("2023-01-01", .indicatorDefined(definition)),
            ("2023-12-31", .indicatorScored(score)),
        ])
        let undefine = EventDraft(date: Fixture.date("2023-12-31"), body: .reversed(Reversal(targetSeq: 2, reason: "r", original: .indicatorDefined(definition))))
        XCTAssertThrowsError(try book.admit(undefine, recorded: "t")) { error in
            XCTAssertEqual((error as? Rejection)?.message, "indicator 'o' still has actual values or scores (#3); reverse those first")
        }
        // Once the score is reversed, the definition may go.
        let unscore = EventDraft(date: Fixture.date("2023-12-31"), body: .reversed(Reversal(targetSeq: 3, reason: "r", original: .indicatorScored(score))))
        guard case .append(let event) = try book.admit(unscore, recorded: "t") else { return XCTFail("not appended") }
        book.record(event)
        guard case .append = try book.admit(undefine, recorded: "t") else { return XCTFail("not appended") }
    }
}

final class ReadBackBalanceTests: XCTestCase {
    /// A journal rewritten with a valid chain but an overspent budget (the chain has no key, so
    /// anyone can recompute it) is refused on read, naming a line.
    func testAnOverspentJournalIsRefusedOnRead() {
        let events = [
            Event(seq: 1, id: "@1", date: Fixture.date("2023-01-01"), recorded: "t", body: Fixture.register("p")),
            Event(seq: 2, id: "@2", date: Fixture.date("2023-01-02"), recorded: "t", body: Fixture.approve("p", "100")),
            Event(seq: 3, id: "@3", date: Fixture.date("2023-02-01"), recorded: "t", body: Fixture.pay("p", "500")),
            Event(seq: 4, id: "@4", date: Fixture.date("2023-03-01"), recorded: "t", body: Fixture.approve("p", "1000")),
        ]
        XCTAssertThrowsError(try LedgerBook.fold(events)) { error in
            XCTAssertEqual((error as? Rejection)?.message,
                           "journal line 3: the current budget of 'p' is overspent as of 2023-02-01 (-400.00 remains)")
        }
        XCTAssertNoThrow(try LedgerBook.fold(Array(events.prefix(2))))
    }
}
