import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections
@testable import BudgetReports
@testable import BudgetCLI

/// The execution curve, `budget curve` and `budget report --behind`. Every figure is worked by
/// hand in the comment beside it: 序时进度 = day of the year ÷ 365 in 2023, rates executed ÷
/// full-year, both rounded half-up to 0.01%.
final class ExecutionCurveTests: XCTestCase {
    // MARK: - 序时进度

    func testElapsedShareCountsTheDayItselfAndRoundsHalfUp() {
        func share(_ date: String, _ year: Int = 2023) -> String { ElapsedShare.of(Fixture.date(date), inYear: year).percentText }
        XCTAssertEqual(share("2023-01-01"), "0.27")     // 1 ÷ 365 = 0.2739…%
        XCTAssertEqual(share("2023-01-31"), "8.49")     // 31 ÷ 365 = 8.4931…%
        XCTAssertEqual(share("2023-06-30"), "49.59")    // 181 ÷ 365 = 49.5890…%
        XCTAssertEqual(share("2023-12-31"), "100.00")   // 365 ÷ 365
        XCTAssertEqual(share("2024-02-29", 2024), "16.39")  // leap year: 60 ÷ 366 = 16.3934…%
        XCTAssertEqual(share("2022-12-31"), "0.00")     // before the year
        XCTAssertEqual(share("2024-01-01"), "100.00")   // after it
    }

    func testCurveDatesAreTheMonthEndsThenTheReplayDate() {
        func dates(_ asOf: String) -> [String] { ExecutionCurve.dates(ofYear: 2023, through: Fixture.date(asOf)).map(\.text) }
        XCTAssertEqual(dates("2023-05-13"), ["2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30", "2023-05-13"])
        XCTAssertEqual(dates("2023-04-30"), ["2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30"])
        XCTAssertEqual(dates("2023-01-01"), ["2023-01-01"])
        XCTAssertEqual(dates("2022-12-31"), [])
        XCTAssertEqual(dates("2024-03-01").count, 12)
        XCTAssertEqual(dates("2024-03-01").last, "2023-12-31")
    }

    // MARK: - The journal of these tests

    /// p-2023: 120,000 approved on 1 January; pays 10,000 (15 Jan), 20,000 (10 Mar, reversed on
    /// 5 Aug) and 30,000 (31 Jul); cut by 20,000 on 30 June. q-2023: 100,000, pays 45,000 on 1 June.
    private func scenario() -> LedgerCLI {
        let cli = LedgerCLI()
        cli.ok(["init"])
        for (id, name) in [("p-2023", "测试项目"), ("q-2023", "对照项目")] {
            cli.ok(["project", "add", id, "--name", name, "--department", "部门", "--unit", "单位", "--year", "2023", "--date", "2023-01-01"])
        }
        cli.ok(["approve", "p-2023", "120000", "--source", "current", "--date", "2023-01-01"])
        cli.ok(["approve", "q-2023", "100000", "--source", "current", "--date", "2023-01-01"])
        cli.ok(["pay", "p-2023", "10000", "--source", "current", "--date", "2023-01-15"])
        let recorded = cli.ok(["pay", "p-2023", "20000", "--source", "current", "--date", "2023-03-10"])
        let seq = recorded.split(separator: " ")[1].dropFirst()   // "recorded #6 …"
        cli.ok(["adjust", "p-2023", "-20000", "--source", "current", "--date", "2023-06-30", "--reason", "调减"])
        cli.ok(["pay", "p-2023", "30000", "--source", "current", "--date", "2023-07-31"])
        cli.ok(["pay", "q-2023", "45000", "--source", "current", "--date", "2023-06-01"])
        cli.ok(["reverse", String(seq), "--date", "2023-08-05", "--reason", "重复支付"])
        return cli
    }

    private func curve(_ cli: LedgerCLI, asOf: String) throws -> ExecutionCurve {
        let items = try JournalFile(path: cli.journal).condensed(asOf: Fixture.date(asOf))
        return try XCTUnwrap(curves(of: items, asOf: Fixture.date(asOf)).curve(of: "p-2023"))
    }

    func testEachPointIsTheProjectAsOfThatDate() throws {
        let curve = try curve(scenario(), asOf: "2023-08-10")
        let rows = curve.points.map { [$0.date.text, $0.fullYear.yuanText, $0.executed.yuanText, $0.rate?.percentText ?? "—",
                                       $0.elapsed.percentText, $0.lagBasisPoints.map { Rate(basisPoints: $0).percentText } ?? "—"] }
        XCTAssertEqual(rows, [
            ["2023-01-31", "120000.00", "10000.00", "8.33", "8.49", "0.16"],    // 10,000 ÷ 120,000 = 8.333…%
            ["2023-02-28", "120000.00", "10000.00", "8.33", "16.16", "7.83"],   // 59 ÷ 365 = 16.164…%
            ["2023-03-31", "120000.00", "30000.00", "25.00", "24.66", "-0.34"], // 90 ÷ 365 = 24.657…%: ahead
            ["2023-04-30", "120000.00", "30000.00", "25.00", "32.88", "7.88"],  // 120 ÷ 365 = 32.876…%
            ["2023-05-31", "120000.00", "30000.00", "25.00", "41.37", "16.37"], // 151 ÷ 365 = 41.369…%
            ["2023-06-30", "100000.00", "30000.00", "30.00", "49.59", "19.59"], // cut to 100,000: 30%
            ["2023-07-31", "100000.00", "60000.00", "60.00", "58.08", "-1.92"], // 212 ÷ 365 = 58.082…%
            ["2023-08-10", "100000.00", "40000.00", "40.00", "60.82", "20.82"], // the 20,000 reversed on 5 Aug; 222 ÷ 365 = 60.821…%
        ])
        XCTAssertEqual(curve.name, "测试项目")
        XCTAssertEqual(curve.year, 2023)
    }

    func testEveryPointAgreesWithTheReportAsOfItsDate() throws {
        let cli = scenario()
        let json = try cli.json(["curve", "p-2023", "--as-of", "2023-08-10", "--format", "json"])
        let points = try XCTUnwrap(json["points"] as? [[String: Any]])
        XCTAssertEqual(points.count, 8)
        for point in points {
            let date = try XCTUnwrap(point["date"] as? String)
            let report = try cli.json(["report", "p-2023", "--as-of", date, "--format", "json"])
            let total = try XCTUnwrap((((report["projects"] as? [[String: Any]])?.first?["funds"]) as? [String: Any])?["total"] as? [String: Any])
            for key in ["fullYear", "executed", "rate"] {
                XCTAssertEqual(point[key] as? String, total[key] as? String, "\(date) \(key)")
            }
        }
    }

    func testTheShippedJournalsCurvesAgreeWithItsReports() throws {
        let journal = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Journal/2023.jsonl").standardized.path
        let file = JournalFile(path: journal)
        for id in ["bzgl-2023", "sbgz-2023", "xxyw-2023", "jbhjz-2023", "gbpx-2023", "xcsb-2023"] {
            let curve = try XCTUnwrap(curves(of: try file.condensed(), asOf: Fixture.date("2023-12-31")).curve(of: id))
            XCTAssertEqual(curve.points.count, 12, id)
            for point in curve.points {
                let report = LedgerReport(projection: projection(of: try file.condensed(asOf: point.date)), options: ReportOptions(projects: [id], point: ReplayPoint(asOf: point.date)))
                let total = try XCTUnwrap(report.projects.first).state.funds.total
                XCTAssertEqual(point.executed, total.executed, "\(id) \(point.date)")
                XCTAssertEqual(point.fullYear, total.fullYear, "\(id) \(point.date)")
                XCTAssertEqual(point.rate, total.rate, "\(id) \(point.date)")
            }
        }
        // Form 1 as printed: 133.43 ÷ 185.58 = 71.90% at year end, and 序时进度 100%.
        let bzgl = try XCTUnwrap(curves(of: try file.condensed(), asOf: Fixture.date("2024-06-30")).curve(of: "bzgl-2023"))
        XCTAssertEqual(bzgl.points.last?.rate?.percentText, "71.90")
        XCTAssertEqual(bzgl.points.last?.elapsed.percentText, "100.00")
    }

    // MARK: - budget curve

    func testCurveTableDrawsTheRateInBlocksAndTheShortfallShaded() {
        let out = scenario().ok(["curve", "p-2023", "--as-of", "2023-08-10"])
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "执行进度  测试项目  [p-2023, 2023年度]  as of 2023-08-10")
        // ▁ under 12.5%, ▃ 25–37.5%, ▅ 50–62.5%, ▄ 37.5–50%: 8.33 8.33 25 25 25 30 60 40.
        XCTAssertTrue(lines[1].hasPrefix("执行率 ▁▁▃▃▃▃▅▄   序时进度 "), lines[1])
        // 8.33% of 40 cells = 26.66 eighths → 27: three cells and ▍; 序时进度 8.49% → cell 3, already drawn.
        XCTAssertTrue(lines.contains { $0.hasPrefix("2023-01-31") && $0.hasSuffix("0.16  ███▍") }, out)
        // 40% = 16 cells; 序时进度 60.82% of 40 = 24.3 → 24: 8 cells shaded.
        XCTAssertTrue(lines.contains { $0.hasPrefix("2023-08-10") && $0.hasSuffix("20.82  " + String(repeating: "█", count: 16) + String(repeating: "░", count: 8)) }, out)
        XCTAssertFalse(out.contains("\u{1B}"), "no colour when not a terminal")
        let widths = Set(lines.filter { $0.hasPrefix("2023-") }.map { DisplayWidth.of(String($0.prefix(while: { $0 != "█" && $0 != "░" && $0 != "▍" }))) })
        XCTAssertEqual(widths.count, 1, "the bars start in one column:\n\(out)")
    }

    func testCurveSVGPlotsEachPointAtItsShareOfTheYear() throws {
        let curve = try curve(scenario(), asOf: "2023-08-10")
        let svg = ExecutionCurveSVG.render(curve)
        // Plot 576 × 216 at (48, 36): x = 48 + 序时进度 × 576, y = 252 − rate × 216, each rounded half-up.
        // 31 Jan: 8.49% → 48.9 → 97; 8.33% → 17.99 → 18 → 234.  31 Jul: 58.08% → 334.5 → 383; 60% → 129.6 → 130 → 122.
        XCTAssertTrue(svg.contains("points=\"48,252 97,234 141,234 190,198 237,198 286,198 334,187 383,122 398,166\""), svg)
        XCTAssertTrue(svg.contains("<line x1=\"48\" y1=\"252\" x2=\"624\" y2=\"36\""), "序时进度: corner to corner")
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertFalse(svg.contains("<script") || svg.contains("href") || svg.contains("<style") || svg.contains(" id="))
        try assertWellFormed(svg)
    }

    func testCurveSVGEscapesEveryTextFromTheJournal() throws {
        let cli = LedgerCLI()
        cli.ok(["init"])
        let hostile = "<script>alert(\"x\")</script> & 'q'"
        cli.ok(["project", "add", "h-2023", "--name", hostile, "--department", "d", "--unit", "u", "--year", "2023", "--date", "2023-01-01"])
        cli.ok(["approve", "h-2023", "100", "--source", "current", "--date", "2023-01-01"])
        let svg = cli.ok(["curve", "h-2023", "--as-of", "2023-03-01", "--format", "svg"])
        XCTAssertFalse(svg.contains("<script"), svg)
        XCTAssertTrue(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"), svg)
        try assertWellFormed(svg)
        XCTAssertEqual(ExecutionCurveSVG.escape("a\u{1}b<"), "ab&lt;", "control characters are dropped: XML forbids them")
    }

    private func assertWellFormed(_ svg: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))", file: file, line: line)
    }

    func testCurveRefusesWhatItCannotChart() {
        let cli = scenario()
        cli.refused(["curve", "nope-2023"], ["unknown project 'nope-2023'"], status: 1)
        cli.refused(["curve"], ["missing ID"], status: 2)
        cli.refused(["curve", "p-2023", "--as-of", "2023-02-30"], ["--as-of", "2023-02-30"], status: 2)
        cli.refused(["curve", "p-2023", "--behind-points", "ten"], ["--behind-points", "ten"], status: 2)
        cli.refused(["curve", "p-2023", "--behind-points", "100.5"], ["--behind-points", "100.5"], status: 2)
        cli.refused(["curve", "p-2023", "--format", "png"], ["--format", "png"], status: 2)
        cli.refused(["curve", "p-2023", "q-2023"], ["unexpected argument 'q-2023'"], status: 2)
    }

    func testCurveWithoutAsOfRunsToToday() {
        // BUDGET_NOW is 2023-12-31 in these tests: twelve month ends.
        let out = scenario().ok(["curve", "p-2023", "--format", "json"])
        XCTAssertTrue(out.contains("\"asOf\": \"2023-12-31\""), out)
        XCTAssertEqual(out.components(separatedBy: "\"date\"").count - 1, 12)
    }

    // MARK: - report --behind

    func testBehindListsProjectsMoreThanTheThresholdBehind() throws {
        let cli = scenario()
        // As of 30 June, 序时进度 49.59%: p-2023 is at 30% (19.59 behind), q-2023 at 45% (4.59 behind).
        let json = try cli.json(["report", "--behind", "--as-of", "2023-06-30", "--format", "json"])
        XCTAssertEqual(json["behindPoints"] as? String, "10.00")
        let listed = try XCTUnwrap(json["projects"] as? [[String: Any]])
        XCTAssertEqual(listed.map { $0["id"] as? String }, ["p-2023"])
        XCTAssertEqual(listed.first?["rate"] as? String, "30.00")
        XCTAssertEqual(listed.first?["elapsed"] as? String, "49.59")
        XCTAssertEqual(listed.first?["behind"] as? String, "19.59")
        XCTAssertEqual(listed.first?["fullYear"] as? String, "100000.00")
        // "More than": 4.59 behind is not more than 4.59, and is more than 4.58.
        let at459 = try cli.json(["report", "--behind", "--behind-points", "4.59", "--as-of", "2023-06-30", "--format", "json"])
        XCTAssertEqual((at459["projects"] as? [[String: Any]])?.map { $0["id"] as? String }, ["p-2023"])
        let at458 = try cli.json(["report", "--behind-points", "4.58", "--behind", "--as-of", "2023-06-30", "--format", "json"])
        XCTAssertEqual((at458["projects"] as? [[String: Any]])?.map { $0["id"] as? String }, ["p-2023", "q-2023"])
        // On 31 July p-2023 is ahead (60% against 58.08%), q-2023 13.08 behind (45% against 58.08%).
        let july = cli.ok(["report", "--behind", "--as-of", "2023-07-31"])
        XCTAssertTrue(july.contains("q-2023") && !july.contains("p-2023"), july)
        XCTAssertTrue(july.contains("13.08"), july)
        // Named projects and --year narrow it like the report.
        let named = try cli.json(["report", "q-2023", "--behind", "--as-of", "2023-06-30", "--format", "json"])
        XCTAssertEqual((named["projects"] as? [[String: Any]])?.count, 0)
        XCTAssertTrue(cli.ok(["report", "q-2023", "--behind", "--as-of", "2023-06-30"]).contains("(no project is more than 10.00 points behind)"))
    }

    func testBehindRefusesWhatItCannotDo() {
        let cli = scenario()
        cli.refused(["report", "--behind-points", "5"], ["--behind-points needs --behind"], status: 2)
        cli.refused(["report", "--behind", "--format", "csv"], ["--format 'csv'"], status: 2)
        cli.refused(["report", "--behind=yes"], ["--behind takes no value"], status: 2)
        cli.refused(["report", "--behind", "--behind-points", "-1"], ["--behind-points"], status: 2)
        // A switch does not swallow the next word: --format is still read as an option.
        XCTAssertTrue(cli.ok(["report", "--behind", "--format", "json", "--as-of", "2023-06-30"]).hasPrefix("{"))
    }
}
