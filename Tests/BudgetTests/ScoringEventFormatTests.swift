import XCTest
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections

/// The journal lines of the scoring events: `policy.set`, `form.declared` and the optional
/// `grade` of `indicator.actual_recorded`. Each round-trips to the same bytes, is spelled one
/// way only, and is read as strictly as it is written.
final class ScoringEventFormatTests: XCTestCase {
    static let wan = DeclaredFundUnit.wan
    static func wan(_ text: String) -> Money { try! AmountParser.parse(text + "万") }

    static let declaration = FormDeclaration(
        project: "p1", fundUnit: .wan,
        funds: [.total: DeclaredFigures(initial: wan("196.8"), fullYear: wan("185.58"), executed: wan("133.43"), rate: Rate(basisPoints: 71_90)),
                .current: DeclaredFigures(initial: wan("128"), fullYear: wan("116.77"), executed: wan("87.18"), rate: Rate(basisPoints: 74_66)),
                .other: DeclaredFigures(fullYear: wan("0"), rate: nil)],
        executionWeight: Points(hundredths: 10_00), executionScore: Points(hundredths: 7_20),
        indicatorScores: [DeclaredScore(indicator: "out-02", score: Points(hundredths: 2_00)),
                          DeclaredScore(indicator: "out-01", score: Points(hundredths: 1_50))],
        indicatorScore: Points(hundredths: 3_50), totalScore: Points(hundredths: 97_20), grade: .excellent,
        executionReason: "项目暂未支出", memo: "报送稿")

    static let bodies: [EventBody] = [
        .policySet(PolicySetting.standard),
        .policySet(PolicySetting(executionWeight: Points(hundredths: 20_00), outputWeight: Points(hundredths: 40_00),
                                 benefitWeight: Points(hundredths: 30_00), satisfactionWeight: Points(hundredths: 10_00),
                                 rateDecimals: 1, executionScoreDecimals: 2, indicatorScoreDecimals: 0, lowerIsBetter: .ratio,
                                 tolerance: Points(hundredths: 50), memo: "新办法")),
        .formDeclared(declaration),
        .formDeclared(FormDeclaration(project: "p1", fundUnit: .yuan, funds: [:], totalScore: Points(hundredths: 90_00))),
        .indicatorActualRecorded(IndicatorActual(project: "p1", indicator: "ben-01", value: "较好", note: "n", grade: .partial)),
        .indicatorActualRecorded(IndicatorActual(project: "p1", indicator: "ben-01", value: "较差", grade: .notAchieved)),
        .reversed(Reversal(targetSeq: 1, reason: "录错", original: .policySet(PolicySetting.standard))),
        .reversed(Reversal(targetSeq: 3, reason: "重报", original: .formDeclared(declaration))),
    ]

    func lines(_ bodies: [EventBody]) -> [String] {
        Fixture.chain(bodies.enumerated().map { index, body in
            Event(seq: Int64(index + 1), id: "@\(index + 1)", date: Fixture.date("2023-12-31"), recorded: "2024-01-15T09:00:00Z", body: body)
        })
    }

    func testEveryScoringEventRoundTripsExactly() throws {
        let text = lines(Self.bodies).joined(separator: "\n") + "\n"
        let parsed = try JournalParser.parse(Array(text.utf8)[...])
        XCTAssertEqual(parsed.events.map(\.body), Self.bodies)
        let again = Fixture.chain(parsed.events)
        XCTAssertEqual(again.joined(separator: "\n") + "\n", text)
    }

    /// The spelling is the contract: written out by hand here, member by member.
    func testThePolicyLineIsSpelledAsDocumented() {
        let line = lines([.policySet(PolicySetting.standard)])[0]
        XCTAssertTrue(line.hasPrefix("""
        {"v":1,"seq":1,"id":"@1","type":"policy.set","date":"2023-12-31","recorded":"2024-01-15T09:00:00Z",\
        "executionWeight":"10","outputWeight":"50","benefitWeight":"30","satisfactionWeight":"10",\
        "rateDecimals":2,"executionScoreDecimals":1,"indicatorScoreDecimals":2,"lowerIsBetter":"linear","tolerance":"0.05",\
        "prev":"
        """), line)
        XCTAssertFalse(line.contains("\"project\""), "a policy names no project")
    }

    func testTheDeclaredFormLineIsSpelledAsDocumented() {
        let line = lines([.formDeclared(Self.declaration)])[0]
        // Rows in the order total, current, carryover, other; blank cells left out; amounts in
        // yuan with two decimals; indicators in the form's order, not sorted.
        XCTAssertTrue(line.contains("""
        "project":"p1","fundUnit":"万元",\
        "funds":{"total":{"initial":"1968000.00","fullYear":"1855800.00","executed":"1334300.00","rate":"71.90"},\
        "current":{"initial":"1280000.00","fullYear":"1167700.00","executed":"871800.00","rate":"74.66"},\
        "other":{"fullYear":"0.00"}},\
        "executionWeight":"10","executionScore":"7.2","indicators":{"out-02":"2","out-01":"1.5"},\
        "indicatorScore":"3.5","totalScore":"97.2","grade":"优","executionReason":"项目暂未支出","memo":"报送稿","prev":
        """), line)
    }

    func testAGradedActualAddsOneOptionalMember() {
        let line = lines([.indicatorActualRecorded(IndicatorActual(project: "p1", indicator: "b", value: "较好", grade: .achieved))])[0]
        XCTAssertTrue(line.contains("\"value\":\"较好\",\"grade\":\"achieved\",\"prev\""), line)
    }

    /// A line written before grades existed still reads, with no grade.
    func testAnActualWithoutGradeStillReads() throws {
        let body = "{\"v\":1,\"seq\":1,\"id\":\"@1\",\"type\":\"indicator.actual_recorded\",\"date\":\"2023-12-31\",\"recorded\":\"2023-12-31T00:00:00Z\",\"project\":\"p\",\"indicator\":\"o\",\"value\":\"600本\",\"prev\":\"\(SHA256Digest.zero.hex)\""
        let parsed = try JournalParser.parse(Array(sealed(body).utf8)[...])
        XCTAssertEqual(parsed.events.first?.body, .indicatorActualRecorded(IndicatorActual(project: "p", indicator: "o", value: "600本")))
    }

    func sealed(_ body: String) -> String { body + ",\"hash\":\"\(SHA256.hash(body).hex)\"}\n" }

    func reason(_ text: String) -> String? {
        do { _ = try JournalParser.parse(Array(text.utf8)[...]); return nil } catch {
            if case .damaged(_, let reason) = error { return reason.description }
            return "\(error)"
        }
    }

    /// Each variant is re-sealed with a valid hash, so only the decoder's strictness can refuse it.
    func testScoringLinesAreReadStrictly() {
        let policy = lines([.policySet(PolicySetting.standard)])[0]
        let declared = lines([.formDeclared(Self.declaration)])[0]
        let actual = lines([.indicatorActualRecorded(IndicatorActual(project: "p1", indicator: "b", value: "较好", grade: .achieved))])[0]
        func body(_ line: String) -> String { String(line[..<line.range(of: ",\"hash\":\"")!.lowerBound]) }
        let variants: [(String, String, String)] = [
            (policy, "\"tolerance\":\"0.05\"", "\"tolerance\":\"0.05\",\"extra\":1"),
            (policy, ",\"tolerance\":\"0.05\"", ""),
            (policy, "\"rateDecimals\":2", "\"rateDecimals\":3"),
            (policy, "\"lowerIsBetter\":\"linear\"", "\"lowerIsBetter\":\"cubic\""),
            (policy, "\"outputWeight\":\"50\"", "\"outputWeight\":\"50.0\""),
            (declared, "\"fundUnit\":\"万元\"", "\"fundUnit\":\"千元\""),
            (declared, "\"rate\":\"71.90\"", "\"rate\":\"71.9\""),
            (declared, "\"initial\":\"1968000.00\"", "\"initial\":\"1968000.50\""),
            (declared, "\"initial\":\"1968000.00\"", "\"initial\":\"-1968000.00\""),
            (declared, "\"other\":{\"fullYear\":\"0.00\"}", "\"others\":{\"fullYear\":\"0.00\"}"),
            (declared, "\"other\":{\"fullYear\":\"0.00\"}", "\"other\":{\"fullYear\":\"0.00\",\"spent\":\"1.00\"}"),
            (declared, "\"other\":{\"fullYear\":\"0.00\"}", "\"other\":{}"),
            (declared, "\"grade\":\"优\"", "\"grade\":\"A\""),
            (declared, "\"out-01\":\"1.5\"", "\"out-01\":\"1.50\""),
            (declared, "\"out-01\":\"1.5\"", "\"out 01\":\"1.5\""),
            (actual, "\"grade\":\"achieved\"", "\"grade\":\"done\""),
        ]
        for (line, from, to) in variants {
            let edited = body(line).replacingOccurrences(of: from, with: to)
            XCTAssertNotEqual(edited, body(line), "the variant \(to) did not apply")
            XCTAssertNotNil(reason(sealed(edited)), "accepted: \(to)")
        }
        // A declaration that states no figure is refused, though every member is well formed.
        let empty = "{\"v\":1,\"seq\":1,\"id\":\"@1\",\"type\":\"form.declared\",\"date\":\"2023-12-31\",\"recorded\":\"2023-12-31T00:00:00Z\",\"project\":\"p\",\"fundUnit\":\"元\",\"prev\":\"\(SHA256Digest.zero.hex)\""
        XCTAssertEqual(reason(sealed(empty)), "a declared form states nothing")
    }
}

