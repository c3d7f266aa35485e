import XCTest
import Foundation
@testable import BudgetCLI

/// `report --by department|unit`: each department's projects of one year summed, checked against
/// sums computed here from the per-project report.
final class DepartmentRollupTests: XCTestCase {
    func testEachDepartmentAndYearIsTheSumOfItsProjects() throws {
        let cli = YearCloseTests.threeYears()
        cli.ok(["indicator", "actual", "a23", "i1", "10次", "--date", "2023-12-31"])
        cli.ok(["indicator", "score", "a23", "i1", "50", "--date", "2023-12-31"])
        cli.ok(["project", "add", "c23", "--name", "c", "--department", "财政厅", "--unit", "国库处", "--year", "2023"])
        cli.ok(["approve", "c23", "3000.5", "--source", "current", "--date", "2023-01-05"])
        cli.ok(["pay", "c23", "2999", "--source", "current", "--date", "2023-10-01"])
        for asOf in ["2023-06-30", "2023-12-31"] {
            let report = try cli.json(["report", "--as-of", asOf, "--format", "json"])
            let projects = try XCTUnwrap(report["projects"] as? [[String: Any]])
            for by in ["department", "unit"] {
                let rollup = try cli.json(["report", "--by", by, "--as-of", asOf, "--format", "json"])
                XCTAssertEqual(rollup["by"] as? String, by)
                let groups = try XCTUnwrap(rollup["groups"] as? [[String: Any]])
                // Independently: group the per-project report by (name, year) and add its figures.
                var expected: [String: (fullYear: Decimal, executed: Decimal, count: Int, grades: [String: Int], weighted: Decimal)] = [:]
                for project in projects {
                    let name = project[by] as! String
                    let key = "\(name) \(project["year"]!)"
                    let total = (project["funds"] as! [String: Any])["total"] as! [String: Any]
                    let fullYear = Decimal(string: total["fullYear"] as! String)!, executed = Decimal(string: total["executed"] as! String)!
                    var entry = expected[key] ?? (0, 0, 0, [:], 0)
                    entry.fullYear += fullYear; entry.executed += executed; entry.count += 1
                    entry.grades[project["grade"] as! String, default: 0] += 1
                    entry.weighted += Decimal(string: project["totalScore"] as! String)! * fullYear
                    expected[key] = entry
                }
                XCTAssertEqual(Set(groups.map { "\($0["name"]!) \($0["year"]!)" }), Set(expected.keys), "\(by) \(asOf)")
                for group in groups {
                    let entry = try XCTUnwrap(expected["\(group["name"]!) \(group["year"]!)"])
                    let total = (group["funds"] as! [String: Any])["total"] as! [String: Any]
                    XCTAssertEqual(Decimal(string: total["fullYear"] as! String), entry.fullYear)
                    XCTAssertEqual(Decimal(string: total["executed"] as! String), entry.executed)
                    XCTAssertEqual((group["projects"] as? [String])?.count, entry.count)
                    let grades = group["grades"] as! [String: Int]
                    XCTAssertEqual(grades.filter { $0.value > 0 }, entry.grades)
                    if entry.fullYear > 0 {
                        var average = entry.weighted / entry.fullYear, rounded = Decimal()
                        NSDecimalRound(&rounded, &average, 2, .plain)
                        XCTAssertEqual(Decimal(string: group["weightedScore"] as! String), rounded, "\(group["name"]!)")
                    }
                }
            }
        }
        // Mid-year, progress is judged at the replay date: c23 has paid nothing by 30 June.
        let midYear = try cli.json(["report", "--by", "department", "--as-of", "2023-06-30", "--format", "json"])
        let finance = try XCTUnwrap((midYear["groups"] as? [[String: Any]])?.first { $0["name"] as? String == "财政厅" && $0["year"] as? Int == 2023 })
        XCTAssertEqual(finance["behind"] as? [String], ["b23", "c23"])
        XCTAssertTrue(cli.ok(["report", "--by", "unit", "--year", "2023"]).contains("国库处"))
    }
}
