import XCTest
import Foundation
@testable import BudgetCLI
@testable import BudgetModel

/// A cost indicator (成本指标) whose actual value is derived from the payments: it follows each
/// payment, and so does its rule score.
final class DerivedIndicatorTests: XCTestCase {
    func ledger() -> LedgerCLI {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "p", "--name", "干部培训", "--department", "d", "--unit", "u", "--year", "2023"])
        cli.ok(["approve", "p", "1000000", "--source", "current", "--date", "2023-01-02"])
        cli.ok(["indicator", "add", "p", "cost-01", "--level1", "output", "--level2", "成本指标", "--name", "举办培训班费用",
                "--target", "≤20000元/期", "--weight", "5", "--derived", "sum class=30216 / 5"])
        cli.ok(["indicator", "add", "p", "cost-02", "--level1", "output", "--level2", "成本指标", "--name", "调研费用",
                "--target", "≤5万元", "--weight", "4", "--derived", "sum class=302"])   // a 类: all its 款
        return cli
    }

    func indicator(_ cli: LedgerCLI, _ id: String, asOf: String? = nil) throws -> [String: Any] {
        let json = try cli.json(["report", "p", "--format", "json"] + (asOf.map { ["--as-of", $0] } ?? []))
        let indicators = try XCTUnwrap(((json["projects"] as? [[String: Any]])?.first?["indicators"]) as? [[String: Any]])
        return try XCTUnwrap(indicators.first { $0["id"] as? String == id })
    }

    /// The score the default rule gives an amount against a ceiling, computed here: full up to the
    /// ceiling, then weight × (1 − excess ÷ ceiling), half-up to 0.01, never below 0.
    func expectedScore(actual_fen: Int64, ceiling_fen: Int64, weight: Int64) -> String {
        if actual_fen <= ceiling_fen { return String(weight) }
        let hundredths_num = max(0, 2 * ceiling_fen - actual_fen) * weight * 100
        let hundredths = (hundredths_num * 2 + ceiling_fen) / (2 * ceiling_fen)
        let text = "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))"
        return text.hasSuffix(".00") ? String(text.dropLast(3)) : text.hasSuffix("0") ? String(text.dropLast()) : text
    }

    func testTheActualAndItsScoreFollowEachPayment() throws {
        let cli = ledger()
        XCTAssertEqual(try indicator(cli, "cost-01")["actual"] as? String, "0元/期")
        var training_fen: Int64 = 0, all302_fen: Int64 = 0
        let payments: [(String, Int64, String)] = [("30216", 4_000_000, "2023-03-01"), ("30211", 1_250_050, "2023-03-02"),
                                                   ("30216", 5_737_001, "2023-04-01"), ("31002", 99_999_00, "2023-04-02"),
                                                   ("30216", 2_000_000, "2023-05-01"), ("30202", 3_000_000, "2023-06-01")]
        for (code, fen, date) in payments {
            cli.ok(["pay", "p", Money(fen: fen).yuanText, "--source", "current", "--date", date, "--class", code])
            if code == "30216" { training_fen += fen }
            if code.hasPrefix("302") { all302_fen += fen }
            let perClass_fen = (training_fen * 2 + 5) / 10   // ÷ 5, half-up at the fen
            let cost01 = try indicator(cli, "cost-01"), cost02 = try indicator(cli, "cost-02")
            XCTAssertEqual(cost01["actual"] as? String, DerivedActual.plainDecimal(perClass_fen, decimals: 2) + "元/期", date)
            XCTAssertEqual(cost01["computedScore"] as? String, expectedScore(actual_fen: perClass_fen, ceiling_fen: 2_000_000, weight: 5), date)
            XCTAssertEqual(cost02["actual"] as? String, DerivedActual.plainDecimal(all302_fen, decimals: 6) + "万元", date)
            XCTAssertEqual(cost02["computedScore"] as? String, expectedScore(actual_fen: all302_fen, ceiling_fen: 5_000_000, weight: 4), date)
        }
        // 117,370.01 of 培训费 over five classes is 23,474.002 → 23,474.00 per class: 5 × (1 − 3474 ÷ 20000) = 4.13.
        XCTAssertEqual(try indicator(cli, "cost-01")["actual"] as? String, "23474元/期")
        XCTAssertEqual(try indicator(cli, "cost-01")["computedScore"] as? String, "4.13")
        // Replayed to an earlier date, the actual is that date's.
        XCTAssertEqual(try indicator(cli, "cost-01", asOf: "2023-03-31")["actual"] as? String, "8000元/期")
        // A reversal takes its payment back out.
        cli.ok(["reverse", "9", "--date", "2023-06-02", "--reason", "重复"])
        XCTAssertEqual(try indicator(cli, "cost-01")["actual"] as? String, "19474元/期")
        XCTAssertEqual(try indicator(cli, "cost-01")["computedScore"] as? String, "5")
    }

    func testTraceNamesThePaymentThatMovedTheCostScore() {
        let cli = ledger()
        cli.ok(["pay", "p", "100000", "--source", "current", "--date", "2023-03-01", "--class", "30216"])
        cli.ok(["pay", "p", "8000", "--source", "current", "--date", "2023-03-02", "--class", "30216"])
        let trace = cli.ok(["trace", "p"])
        let rows = trace.split(separator: "\n")
        XCTAssertTrue(rows.contains { $0.contains("  5  2023-03-01") && $0.contains("cost-01 实际 0元/期 → 20000元/期, 规则得分 5 → 5") }, trace)
        XCTAssertTrue(rows.contains { $0.contains("  6  2023-03-02") && $0.contains("cost-01 实际 20000元/期 → 21600元/期, 规则得分 5 → 4.6") }, trace)
        // 30216 is a 款 of 302: the same payment moves cost-02, summed over the whole 类.
        XCTAssertTrue(rows.contains { $0.contains("  6  2023-03-02") && $0.contains("cost-02 实际 10万元 → 10.8万元, 规则得分 0 → 0") }, trace)
    }

    func testADerivedActualIsNotTypedAndItsRuleIsChecked() {
        let cli = ledger()
        cli.refused(["indicator", "actual", "p", "cost-01", "18000元/期", "--date", "2023-12-01"],
                    ["the actual value of 'cost-01' is derived from the payments (sum class=30216 / 5); it is not typed"], status: 1)
        let add = ["indicator", "add", "p", "x", "--level1", "output", "--level2", "成本指标", "--name", "n", "--weight", "1"]
        cli.refused(add + ["--target", "10次", "--derived", "sum class=30211"], ["the target '10次' of 'x' is no amount of money"], status: 1)
        cli.refused(add + ["--target", "≤1元", "--derived", "sum class=3021"], ["--derived '3021' is not a code", "30211 差旅费"], status: 2)
        cli.refused(add + ["--target", "≤1元", "--derived", "total class=30211"], ["does not begin with `sum`"], status: 2)
        cli.refused(add + ["--target", "≤1元", "--derived", "sum class=30211 / 0"], ["'0' after `/` is not a count"], status: 2)
        cli.refused(add + ["--target", "≤1元", "--derived", "sum class=30211,30211"], ["named twice"], status: 2)
        // The rule is a member of the definition's line, and reads back.
        XCTAssertTrue((try? String(contentsOfFile: cli.journal, encoding: .utf8))?.contains(#""derived":"sum class=30216 / 5""#) == true)
        cli.ok(["verify"])
    }
}

/// Found in review: a definition taken back on a date may not be made again before that date, or
/// a replay between the two would hold both.
final class IndicatorRedefinitionTests: XCTestCase {
    func testADefinitionAgainIsDatedOnOrAfterTheReversalOfTheFirst() {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        let add = ["indicator", "add", "p", "out-01", "--level1", "output", "--level2", "数量指标", "--name", "n", "--target", "10个", "--weight", "20"]
        cli.ok(add + ["--date", "2023-02-01"])                                    // #2
        cli.ok(["reverse", "2", "--date", "2023-09-01", "--reason", "重设"])       // #3
        cli.refused(add + ["--date", "2023-04-01"], ["indicator 'out-01' was taken back on 2023-09-01"], status: 1)
        cli.ok(add + ["--date", "2023-09-01"])
    }
}
