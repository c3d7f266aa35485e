import XCTest
import Foundation
@testable import BudgetCLI

/// `report --by class|function`: the executed money by classification code, checked against sums
/// computed here from the journal's own lines.
final class ClassReportTests: XCTestCase {
    /// Sums by code computed straight from the journal lines: a payment adds, a reversal of one
    /// takes away, under the code its line states ("" when none).
    func independentSums(_ journal: String, key: String, through date: String = "9999-12-31") throws -> [String: Decimal] {
        var sums: [String: Decimal] = [:]
        for line in try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n") {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard let eventDate = object["date"] as? String, eventDate <= date else { continue }
            if object["type"] as? String == "disbursement.made" {
                sums[object[key] as? String ?? "", default: 0] += Decimal(string: object["amount"] as! String)!
            } else if object["type"] as? String == "event.reversed", let original = object["reverses"] as? [String: Any],
                      original["type"] as? String == "disbursement.made" {
                sums[original[key] as? String ?? "", default: 0] -= Decimal(string: original["amount"] as! String)!
            }
        }
        return sums.filter { $0.value != 0 }
    }

    func ledger() -> LedgerCLI {
        let cli = MappedImportTests.ledger()
        let map = cli.directory.path("treasury.map")
        try! MappedImportTests.treasuryMap.write(toFile: map, atomically: false, encoding: .utf8)
        cli.ok(["import", MappedImportTests.fixture("treasury-libreoffice.xlsx"), "--map", map])   // #6–#9
        cli.ok(["pay", "P-TRAIN", "500", "--source", "current", "--date", "2023-05-01"])                                  // #10, no code
        cli.ok(["pay", "P-EQUIP", "2000.5", "--source", "current", "--date", "2023-06-01", "--class", "30211", "--function", "20103"]) // #11
        cli.ok(["amend", "7", "--class", "30216", "--reason", "科目错"])                                                     // #12, #13
        cli.ok(["reverse", "8", "--date", "2023-07-01", "--reason", "退票"])                                                 // #14
        return cli
    }

    func testTheGroupsAreTheJournalsOwnSumsByCode() throws {
        let cli = ledger()
        for (by, key) in [("class", "class"), ("function", "function")] {
            for asOf in ["2023-03-31", "2023-06-30", "2023-12-31"] {
                let json = try cli.json(["report", "--by", by, "--as-of", asOf, "--format", "json"])
                XCTAssertEqual(json["by"] as? String, by)
                let groups = try XCTUnwrap(json["groups"] as? [[String: Any]])
                var reported: [String: Decimal] = [:]
                for group in groups {
                    let amount = Decimal(string: group["amount"] as! String)!
                    reported[group["code"] as? String ?? ""] = amount
                    let projects = try XCTUnwrap(group["projects"] as? [[String: Any]])
                    XCTAssertEqual(projects.reduce(Decimal(0)) { $0 + Decimal(string: $1["amount"] as! String)! }, amount, "\(by) \(asOf)")
                    if let code = group["code"] as? String { XCTAssertNotNil(group["name"] as? String, code) } else { XCTAssertTrue(group["name"] is NSNull) }
                }
                XCTAssertEqual(reported, try independentSums(cli.journal, key: key, through: asOf), "\(by) as of \(asOf)")
                // The groups add up to the projects' 全年执行数.
                let report = try cli.json(["report", "--as-of", asOf, "--format", "json"])
                let executed = (report["projects"] as! [[String: Any]]).reduce(Decimal(0)) {
                    $0 + Decimal(string: (($1["funds"] as! [String: Any])["total"] as! [String: Any])["executed"] as! String)!
                }
                XCTAssertEqual(Decimal(string: json["total"] as! String), executed)
            }
        }
    }

    func testTheTableShowsEachCodeWithItsNameAndItsProjects() {
        let cli = ledger()
        XCTAssertEqual(cli.ok(["report", "--by", "class", "P-TRAIN"]), """
            支出经济分类明细 — all dates, through event #14

            经济分类      项目      金额(元)
            ────────────  ───────  ─────────
            30216 培训费           87,370.10
                          P-TRAIN  87,370.10
            （未分类）                500.00
                          P-TRAIN     500.00
            合计                   87,870.10

            """)
        // As of 30 June: the 0.07 of 印刷费 is not yet paid, the 1,234.56 not yet reversed.
        XCTAssertEqual(cli.ok(["report", "--by", "class", "--format", "csv", "--as-of", "2023-06-30", "P-EQUIP"]), """
            code,name,project,amount\r
            30211,差旅费,P-EQUIP,2000.50\r
            30211,差旅费,,2000.50\r
            31002,办公设备购置,P-EQUIP,1234.56\r
            31002,办公设备购置,,1234.56\r
            ,合计,,3235.06\r

            """)
        cli.refused(["report", "--by", "colour"], ["--by"], status: 2)
        cli.refused(["report", "--by", "class", "--behind"], ["--by and --behind cannot be given together"], status: 2)
    }
}
