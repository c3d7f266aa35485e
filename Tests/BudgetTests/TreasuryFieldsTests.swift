import XCTest
import Foundation
@testable import BudgetCLI
@testable import BudgetJournal
@testable import BudgetModel

/// A payment as the treasury records it: its voucher, its classification codes; and corrections
/// in one step (`amend`, `annotate`).
final class TreasuryFieldsTests: XCTestCase {
    func ledger(checkpointing: Bool = false) -> LedgerCLI {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        cli.ok(["approve", "p", "1000", "--source", "current", "--date", "2023-01-02", "--memo", "财预〔2023〕1号"])
        return cli
    }

    func testAPaymentCarriesItsVoucherAndClassificationInItsLine() throws {
        let cli = ledger()
        let out = cli.ok(["pay", "p", "100", "--source", "current", "--date", "2023-03-01", "--voucher", "2023-0417",
                          "--class", "30211 差旅费", "--function", "财政事务", "--payee", "张三"])
        XCTAssertEqual(out, "recorded #3 disbursement.made p 2023-03-01 current 100.00 凭证 2023-0417 30211 差旅费 功能 20106 财政事务 张三 (id @3)\n")
        let line = try String(contentsOfFile: cli.journal, encoding: .utf8).split(separator: "\n")[2]
        XCTAssertTrue(line.contains(#""amount":"100.00","voucher":"2023-0417","class":"30211","function":"20106","payee":"张三""#), String(line))
        cli.ok(["refund", "p", "50", "--source", "current", "--date", "2023-11-01", "--voucher", "R-1", "--class", "30211", "--reason", "结余"])
        cli.ok(["verify"])
    }

    func testACodeTheCatalogueLacksIsRefusedWithTheClosest() {
        let cli = ledger()
        let pay = ["pay", "p", "100", "--source", "current", "--date", "2023-03-01"]
        cli.refused(pay + ["--class", "30212x"], ["--class '30212x' is not a code of the economic classification", "did you mean", "30212 因公出国（境）费用"], status: 2)
        cli.refused(pay + ["--class", "30221"], ["--class '30221' is not a code", "30211 差旅费"], status: 2)
        cli.refused(pay + ["--class", "302"], ["'302' is a 类", "30201 办公费"], status: 2)
        cli.refused(pay + ["--class", "差旅"], ["did you mean 30211 差旅费?"], status: 2)
        cli.refused(pay + ["--class", "30211 培训费"], ["30211 is 差旅费", "not 培训费"], status: 2)
        cli.refused(pay + ["--function", "99999"], ["functional classification"], status: 2)
        cli.refused(pay + ["--voucher", " "], ["--voucher is blank"], status: 2)
        cli.refused(pay + ["--voucher", "a\u{202E}b"], ["--voucher", "U+202E"], status: 2)
        XCTAssertTrue(cli.ok(["classes", "差旅"]).contains("  30211  差旅费\n"))
        XCTAssertTrue(cli.ok(["classes", "--function", "201"]).hasPrefix("201  一般公共服务支出\n  20101  人大事务\n"))
    }

    func testAVoucherIsOnOnePaymentThatStands() {
        let cli = ledger()
        cli.ok(["pay", "p", "100", "--source", "current", "--date", "2023-03-01", "--voucher", "V-1"])
        cli.refused(["pay", "p", "200", "--source", "current", "--date", "2023-03-02", "--voucher", "V-1"],
                    ["voucher 'V-1' is already on event #3 (disbursement.made of 100.00 on 2023-03-01)"], status: 1)
        // A refund may carry the same number: vouchers are unique among payments, and among refunds.
        cli.ok(["refund", "p", "10", "--source", "current", "--date", "2023-03-02", "--voucher", "V-1", "--reason", "r"])
        cli.ok(["reverse", "3", "--date", "2023-03-05", "--reason", "错"])
        cli.ok(["pay", "p", "200", "--source", "current", "--date", "2023-03-06", "--voucher", "V-1"])
        cli.refused(["pay", "p", "1", "--source", "current", "--date", "2023-03-07", "--voucher", "V-1"], ["already on event #6"], status: 1)
        // An import is held to it too, within the batch as against the journal.
        try? "id,project,amount,source,date,payee,memo,voucher\na,p,1,current,2023-04-01,,,V-2\nb,p,2,current,2023-04-02,,,V-2\n"
            .write(toFile: cli.directory.path("v.csv"), atomically: false, encoding: .utf8)
        let imported = cli.run(["import", cli.directory.path("v.csv")])
        XCTAssertEqual(imported.status, 1, imported.stderr)
        XCTAssertTrue(imported.stderr.contains("line 3: voucher 'V-2' is already used on line 2"), imported.stderr)
    }

    func testAnAmendIsAReversalAndTheCorrectedEventInOneBatch() throws {
        let cli = ledger()
        cli.ok(["pay", "p", "100", "--source", "current", "--date", "2023-03-01", "--voucher", "V-1", "--class", "30211", "--memo", "调研"])
        let out = cli.ok(["amend", "3", "--amount", "120", "--class", "30216", "--reason", "金额录入错误"])
        XCTAssertEqual(out, """
            recorded #4 event.reversed p 2023-03-01 reverses #3 disbursement.made: 金额录入错误 (id @4)
            recorded #5 disbursement.made p 2023-03-01 current 120.00 凭证 V-1 30216 培训费 调研 (更正 #3) (id @5)

            """)
        let lines = try String(contentsOfFile: cli.journal, encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(lines[3].contains(#""batch":2"#), String(lines[3]))
        XCTAssertTrue(lines[4].contains(#""amends":3"#), String(lines[4]))
        let report = try cli.json(["report", "p", "--format", "json"])
        let total = (((report["projects"] as? [[String: Any]])?.first?["funds"]) as? [String: Any])?["total"] as? [String: Any]
        XCTAssertEqual(total?["executed"] as? String, "120.00")
        // log and trace show the two as one correction.
        let log = cli.ok(["log"]).split(separator: "\n").filter { $0.hasPrefix("4+5") }
        XCTAssertEqual(log.count, 1)
        XCTAssertEqual(log.first?.split(separator: " ", omittingEmptySubsequences: true).prefix(5).joined(separator: " "), "4+5 2023-03-01 amended p 20.00")
        XCTAssertTrue(log.first?.contains("更正 #3: 100.00 → 120.00, 经济分类 30211 差旅费 → 30216 培训费: 金额录入错误") == true)
        let trace = cli.ok(["trace", "p"])
        XCTAssertTrue(trace.contains("4+5  2023-03-01  更正"), trace)
        XCTAssertFalse(trace.contains("\n  4  "), "the reversal is no step of its own")
        // The corrected one cannot be amended through its reversed original, nor a budget at all.
        cli.refused(["amend", "3", "--amount", "1", "--reason", "x"], ["#3 is already reversed"], status: 1)
        cli.refused(["amend", "2", "--amount", "1", "--reason", "x"], ["#2 is budget.approved: only a payment or a refund is amended"], status: 1)
        cli.refused(["amend", "5", "--reason", "x"], ["nothing to correct"], status: 2)
        cli.refused(["amend", "5", "--amount", "5000", "--reason", "x"], ["exceeds the budget"], status: 1)
        // A retry under the same id is recorded once.
        cli.ok(["amend", "5", "--memo", "培训", "--reason", "y", "--id", "fix-1"])
        XCTAssertEqual(cli.ok(["amend", "5", "--memo", "培训", "--reason", "y", "--id", "fix-1"]), "already recorded as #7 (id fix-1); nothing appended\n")
        cli.ok(["verify"])
    }

    /// A crash between the two events of an amend leaves both or neither: the batch is cut short,
    /// every command refuses the journal until `repair` moves both lines aside.
    func testAnAmendCutShortIsMovedAsideWhole() throws {
        let cli = ledger()
        cli.ok(["pay", "p", "100", "--source", "current", "--date", "2023-03-01"])
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.journal))
        cli.ok(["amend", "3", "--amount", "120", "--reason", "r"])
        let after = try Data(contentsOf: URL(fileURLWithPath: cli.journal))
        // Cut after the reversal's line: a whole line, yet half the batch.
        let reversalEnd = after[before.count...].firstIndex(of: 0x0A)! + 1
        try after[..<reversalEnd].write(to: URL(fileURLWithPath: cli.journal))
        let report = cli.run(["report", "p"])
        XCTAssertEqual(report.status, 1)
        XCTAssertTrue(report.stderr.contains("a batch of 2 events ends after 1 of them"), report.stderr)
        XCTAssertTrue(cli.ok(["repair"]).contains("1 of its 2 events"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cli.journal)), before)
        cli.ok(["verify"])
    }

    func testAnAnnotationCorrectsAMemoAndMovesNoMoney() throws {
        let cli = ledger()
        func funds() throws -> String {
            let report = try cli.json(["report", "p", "--format", "json"])
            let funds = try XCTUnwrap((report["projects"] as? [[String: Any]])?.first?["funds"])
            return String(decoding: try JSONSerialization.data(withJSONObject: funds, options: [.sortedKeys]), as: UTF8.self)
        }
        let before = try funds()
        XCTAssertEqual(cli.ok(["annotate", "2", "--memo", "财预〔2023〕12号", "--reason", "批复文号录入错误"]),
                       "recorded #3 event.annotated p 2023-01-02 memo of #2 → 财预〔2023〕12号: 批复文号录入错误 (id @3)\n")
        XCTAssertEqual(try funds(), before)
        cli.refused(["annotate", "9", "--memo", "x", "--reason", "y"], ["there is no event #9"], status: 1)
        cli.refused(["annotate", "3", "--memo", "x", "--reason", "y"], ["#3 is an annotation: annotate #2"], status: 1)
        XCTAssertTrue(cli.ok(["log"]).contains("event.annotated"))
        cli.ok(["verify"])
    }

    /// A journal rewritten so that two payments standing share a voucher fails verify.
    func testTwoStandingPaymentsWithOneVoucherFailVerify() throws {
        let cli = ledger()
        cli.ok(["pay", "p", "100", "--source", "current", "--date", "2023-03-01", "--voucher", "V-1"])
        var events = try JournalParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: cli.journal)))[...]).events
        events.append(Event(seq: 4, id: "@4", date: Fixture.date("2023-03-02"), recorded: "2023-12-31T00:00:00Z",
                            body: .disbursed(Disbursement(project: "p", source: .current, amount: Money(fen: 100), voucher: "V-1"))))
        try (Fixture.chain(events).joined(separator: "\n") + "\n").write(toFile: cli.journal, atomically: false, encoding: .utf8)
        let verified = cli.run(["verify"])
        XCTAssertEqual(verified.status, 1)
        XCTAssertEqual(verified.stderr, "budget: error: journal line 4: voucher 'V-1' is already on line 3, which still stands\n")
    }
}
