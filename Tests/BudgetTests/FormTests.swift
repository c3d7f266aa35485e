import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections
@testable import BudgetReports
@testable import BudgetCLI

/// `budget form`: the model of each 项目支出绩效自评表 against the seed forms, the grid every
/// renderer draws, and the essential structure of each format.
final class FormTests: XCTestCase {
    /// The six forms of the shipped journal, replayed to its end, as `budget form` builds them.
    static let seed: FormReport = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Journal/2023.jsonl")
        let bytes = try! Array(Data(contentsOf: url))
        let events = try! JournalParser.parse(bytes[...]).events
        let report = LedgerReport(events: events, options: ReportOptions())
        return FormReport(report: report, check: CrossCheck.run(events), onlyProjectsWithForms: true)
    }()

    func form(_ id: String) throws -> SelfEvaluationForm { try XCTUnwrap(Self.seed.forms.first { $0.project == id }) }

    // MARK: The model against the seed forms

    func testTheSixSeedFormsAndNotTheirPredecessors() {
        XCTAssertEqual(Self.seed.forms.map(\.project), ["bzgl-2023", "sbgz-2023", "xxyw-2023", "jbhjz-2023", "gbpx-2023", "xcsb-2023"])
    }

    /// Form 1's fund block as printed, in 万元 (but 196.81, the sum the form got wrong).
    func testForm1FundBlock() throws {
        let form = try form("bzgl-2023")
        XCTAssertEqual(form.name, "机构编制管理事务经费")
        XCTAssertEqual(form.department, "中国共产党宁夏回族自治区委员会机构编制委员会办公室")
        let rows = form.funds.map { [$0.label, $0.initial?.wanText, $0.fullYear?.wanText, $0.executed?.wanText, $0.rate?.description] }
        XCTAssertEqual(rows, [
            ["年度资金总额", "196.81", "185.58", "133.43", "71.90%"],
            ["其中：当年财政拨款", "128.00", "116.77", "87.18", "74.66%"],
            ["上年结转资金", "68.81", "68.81", "46.25", "67.21%"],
            ["其他资金", nil, nil, nil, nil],
        ])
        XCTAssertEqual(form.executionWeight.text, "10")
        XCTAssertEqual(form.executionScore.text, "7.2")
        XCTAssertEqual(form.totalWeight.text, "100")
        XCTAssertEqual(form.totalScore.text, "97.2")
        XCTAssertEqual(form.grade, .excellent)
    }

    /// Form 4: the ledger's 98.84% and 9.9 where the form printed 100% and 10, and every source used.
    func testForm4FundBlockAndItsFlaggedCells() throws {
        let form = try form("jbhjz-2023")
        XCTAssertEqual(form.funds.map { $0.fullYear?.wanText }, ["547.98", "524.54", "19.52", "3.92"])
        XCTAssertEqual(form.funds.map { $0.executed?.wanText }, ["541.60", "524.54", "15.91", "1.15"])
        XCTAssertEqual(form.funds[0].rate?.description, "98.84%")
        XCTAssertEqual(form.executionScore.text, "9.9")
        XCTAssertEqual(form.totalScore.text, "89.9")
        XCTAssertEqual(form.grade.rawValue, "良")
        XCTAssertEqual(form.notes(on: .fund(.total, .rate)), [1])
        XCTAssertEqual(form.notes(on: .executionScore), [2])
        XCTAssertEqual(form.notes.first?.text(.en), "[1] rate · 年度资金总额 执行率: expected 98.84%, found 100.00% — 541.6 ÷ 547.98 = 98.8357…% → 98.84%")
        XCTAssertEqual(form.notes.map(\.finding.rule.rawValue), ["rate", "execution-score", "carryover-two-years", "rule-score", "rule-score", "total-score"])
    }

    func testGoalsAreTheSeedTextsWithoutForm2sParagraphTags() throws {
        XCTAssertEqual(try form("gbpx-2023").expectedGoal, "在厦门大学举办宁夏机构编制干部综合能力提升培训班,项目预算14万元,用于保障培训班培训费的60%,以提高宁夏机构编制系统干部的综合能力为目标,着力建设高素质专业化机构编制干部队伍。")
        XCTAssertEqual(try form("xcsb-2023").outcome, "根据办内设备实际运行情况,采购计划和内容发生调整,设备将于2024年购置,确保项目经费落实到位。")
        let form2 = try form("sbgz-2023")
        XCTAssertEqual(form2.expectedGoal?.hasPrefix("对办会议室、机要室、2个办公室进行设备购置"), true)
        XCTAssertEqual(form2.outcome?.hasSuffix("相应资金已主动交回财政。"), true)
        for form in Self.seed.forms {
            XCTAssertNotNil(form.expectedGoal, form.project)
            XCTAssertNotNil(form.outcome, form.project)
            XCTAssertFalse((form.expectedGoal ?? "").contains("<p>") || (form.outcome ?? "").contains("</p>"), form.project)
        }
    }

    /// Consecutive rows of a 一级指标, and within it of a 二级指标, share one cell, as on paper.
    func testIndicatorsAreGroupedAsOnPaper() throws {
        let levels = try form("bzgl-2023").levels
        XCTAssertEqual(levels.map(\.label), ["产出指标（50分）", "效益指标（30分）", "满意度指标（10分）"])
        XCTAssertEqual(levels.map(\.rowCount), [14, 3, 1])
        XCTAssertEqual(levels[0].classes.map(\.name), ["数量指标", "质量指标", "时效指标", "成本指标"])
        XCTAssertEqual(levels[0].classes.map(\.rows.count), [5, 3, 1, 5])
        let row = levels[0].classes[0].rows[3]
        XCTAssertEqual([row.id, row.name, row.target, row.actual, row.weight.text, row.score?.text], ["out-04", "改革调研租车", "32000公里", "27522公里", "2", "2"])
    }

    /// Every finding of `budget check` on the seed is on its form, beside a cell of it, and the
    /// notes are numbered in reading order.
    func testEveryFindingIsANoteOnACell() throws {
        let check = Self.seed.forms.flatMap(\.notes)
        XCTAssertEqual(check.count, SeedCheckTests.expected.count)
        XCTAssertTrue(check.allSatisfy { $0.finding.cell != nil })
        let form1 = try form("bzgl-2023")
        XCTAssertEqual(form1.notes.map(\.finding.rule.rawValue), ["fund-total", "declared-differs", "execution-reason", "carryover-two-years", "rule-score", "rule-score", "rule-score"])
        XCTAssertEqual(form1.notes(on: .fund(.total, .initial)), [1, 2])
        XCTAssertEqual(form1.notes(on: .fund(.carryover, .executed)), [4], "the 上年结转资金 left unspent marks its 全年执行数")
        XCTAssertEqual(form1.notes(on: .indicator("out-04", .score)), [5])
        XCTAssertEqual(try form("xxyw-2023").notes(on: .indicator("out-06", .actual)).count, 1, "unit-mismatch marks the actual value")
    }

    // MARK: The grid

    /// The areas tile the grid: every cell is covered once, nothing overlaps or runs off it.
    func testTheGridIsTiledExactlyOnce() {
        for grid in Self.seed.grids {
            var covered = Array(repeating: Array(repeating: 0, count: grid.columnCount), count: grid.rowCount)
            for area in grid.areas {
                for row in area.row..<(area.row + area.rowSpan) {
                    for column in area.column..<(area.column + area.columnSpan) { covered[row][column] += 1 }
                }
            }
            XCTAssertEqual(Set(covered.flatMap { $0 }), [1])
            XCTAssertEqual(grid.columnCount, 10, "every seed form has notes, so a 核查意见 column")
        }
    }

    func testTheGridPlacesTheFundBlockAndTheFootAsPrinted() throws {
        let grid = try XCTUnwrap(Self.seed.grids.first)
        let rows = grid.rows
        let total = try XCTUnwrap(rows.first { $0.contains { $0.value == .label("年度资金总额") } })
        XCTAssertEqual(total.filter { $0.column >= 3 && $0.column <= 8 }.map(\.value.text), ["196.81", "185.58", "133.43", "10", "71.90%", "7.2"])
        XCTAssertEqual(total.first { $0.column == 3 }?.marks, [1, 2])
        let foot = try XCTUnwrap(rows.first { $0.first?.value == .label("总分") })
        XCTAssertEqual(foot.first?.columnSpan, 6)
        XCTAssertEqual(foot.filter { $0.column == 6 || $0.column == 7 }.map(\.value.text), ["100", "97.2"])
        XCTAssertTrue(foot.last?.value.text.hasPrefix("[1] fund-total") == false)
        let output = try XCTUnwrap(grid.areas.first { $0.value == .label("产出指标（50分）") })
        XCTAssertEqual([output.column, output.rowSpan], [1, 14])
        XCTAssertEqual(grid.areas.first { $0.value == .label("成本指标") }?.rowSpan, 5)
        XCTAssertEqual(grid.areas.first { $0.value == .label("绩效指标") }?.rowSpan, 19)
    }

    // MARK: Renderers

    func testHTMLIsOneSelfContainedPageWithMergedCells() {
        let html = FormHTML.render(Self.seed)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("@page { size: A4 landscape;"))
        XCTAssertTrue(html.contains("\"Noto Serif CJK SC\""))
        XCTAssertEqual(html.components(separatedBy: "<section class=\"form\"").count - 1, 6)
        XCTAssertTrue(html.contains(".form { break-after: page; page-break-after: always; }"))
        XCTAssertTrue(html.contains("<td class=\"label\" rowspan=\"14\">产出指标（50分）</td>"))
        XCTAssertTrue(html.contains("<td class=\"label\" rowspan=\"5\">成本指标</td>"))
        XCTAssertTrue(html.contains("<td class=\"label\" rowspan=\"5\" colspan=\"2\">项目资金（万元）</td>"))
        XCTAssertTrue(html.contains("<td class=\"figure flagged\">196.81<sup class=\"mark\">[1][2]</sup></td>"))
        XCTAssertTrue(html.contains("<td class=\"figure flagged\">98.84%<sup class=\"mark\">[1]</sup></td>"))
        // Self-contained: no script, no link, nothing fetched.
        for forbidden in ["<script", "<link", "src=", "http://", "https://", "@import", "url("] {
            XCTAssertFalse(html.contains(forbidden), forbidden)
        }
        // A long form is zoomed to fit its page in print, never below 80%.
        XCTAssertTrue(html.contains("id=\"form-bzgl-2023\" style=\"--print-zoom: 0.8"))
        XCTAssertTrue(html.contains("id=\"form-xcsb-2023\">"))
    }

    func testMarkdownIsATablePerForm() {
        let markdown = FormMarkdown.render(Self.seed)
        XCTAssertEqual(markdown.components(separatedBy: "\n## ").count, 6)
        let lines = markdown.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.hasPrefix("| --- |") }.count, 6)
        let tableRows = lines.filter { $0.hasPrefix("|") }
        XCTAssertTrue(tableRows.allSatisfy { $0.components(separatedBy: " | ").count == 10 || $0.hasPrefix("| --- |") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("|  |  | 年度资金总额 | 196.81 \\[1\\]\\[2\\] | 185.58 | 133.43 | 10 | 71.90% \\[3\\] | 7.2 | \\[1\\] fund-total") })
        XCTAssertTrue(lines.contains("|  |  |  | 改革调研租车 | 32000公里 | 27522公里 | 2 | 2 \\[5\\] |  | \\[5\\] rule-score · indicator out-04 改革调研租车: expected 1.72, found 2 — 27522公里 &lt; 32000公里: 27522 ÷ 32000 × 2 = 1.72; full marks while the target was missed (tolerance 0.05) |"))
        XCTAssertTrue(lines.contains("| 总分 |  |  |  |  |  | 100 | 97.2 |  |  |"))
    }

    func testCSVHasABOMAndAGridRowPerLine() {
        let csv = FormCSV.render(Self.seed)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}项目支出绩效自评表,"))
        XCTAssertEqual(Array(csv.utf8.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertTrue(csv.contains("\r\n,,年度资金总额,196.81 [1][2],185.58,133.43,10,71.90% [3],7.2,\"[1] fund-total"))
        XCTAssertTrue(csv.contains("\r\n,,其中：当年财政拨款,128.00,116.77,87.18,—,74.66%,—,\r\n"))
        XCTAssertTrue(csv.contains("\r\n总分,,,,,,100,97.2,,\r\n"))
    }

    /// The workbook as an outside reader sees it: one sheet per form named by its project,
    /// merges, widths, numbers as numbers and text as inline strings.
    func testWorkbookSheetsMergesAndNumbers() throws {
        let workbook = FormWorkbook.workbook(Self.seed)
        XCTAssertEqual(workbook.sheetNames, ["bzgl-2023", "sbgz-2023", "xxyw-2023", "jbhjz-2023", "gbpx-2023", "xcsb-2023"])
        let sheet = workbook.sheets[0]
        XCTAssertTrue(sheet.landscape)
        XCTAssertEqual(sheet.columnWidths[3], 24)
        let merges = Set(sheet.merges.map(\.a1))
        XCTAssertTrue(merges.isSuperset(of: ["A5:B9", "A10:B11", "A12:A30", "B13:B26", "C22:C26", "A31:F31", "C11:E11", "F11:I11"]), "\(merges.sorted())")
        XCTAssertEqual(sheet.rows[5][3], .number("196.81", style: .flaggedMoney))
        XCTAssertEqual(sheet.rows[5][7], .number("0.7190", style: .flaggedPercent))
        XCTAssertEqual(sheet.rows[5][8], .number("7.2", style: .bordered))
        XCTAssertEqual(sheet.rows[6][3], .number("128.00", style: .money))
        XCTAssertEqual(sheet.rows[6][6], .text("—", style: .bordered))
        XCTAssertEqual(FormWorkbook.fraction(Rate(basisPoints: 9884)), "0.9884")
        XCTAssertEqual(FormWorkbook.fraction(Rate(basisPoints: 10000)), "1.0000")
        XCTAssertEqual(FormWorkbook.fraction(Rate(basisPoints: 5)), "0.0005")

        let parts = try workbook.parts()
        let xml = String(decoding: try XCTUnwrap(parts.first { $0.path == "xl/worksheets/sheet1.xml" }).bytes, as: UTF8.self)
        XCTAssertTrue(xml.contains("<c r=\"D6\" s=\"8\"><v>196.81</v></c>"), "a number, flagged")
        XCTAssertTrue(xml.contains("<mergeCell ref=\"B13:B26\"/>"))
        XCTAssertFalse(xml.contains("<f>"))
    }

    /// openpyxl reads the figures back as numbers (skipped where python3 or openpyxl is missing;
    /// `Scripts/form-readback` checks every figure).
    func testWorkbookReadsBackWithOpenpyxl() throws {
        let directory = TemporaryDirectory()
        let file = directory.path("forms.xlsx")
        try Data(FormWorkbook.render(Self.seed)).write(to: URL(fileURLWithPath: file))
        let output = try python("""
        import sys
        try:
            import openpyxl
        except ImportError:
            print("NO-OPENPYXL"); sys.exit(0)
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb["jbhjz-2023"]
        print(wb.sheetnames[0], ws["E6"].data_type, repr(ws["E6"].value), ws["H6"].number_format, repr(ws["H6"].value), ws["H6"].fill.fgColor.rgb,
              ws["C6"].value, ",".join(sorted(str(r) for r in ws.merged_cells.ranges if r.min_col == 2)))
        """, file)
        if output.hasPrefix("NO-OPENPYXL") { throw XCTSkip("openpyxl is not importable") }
        XCTAssertEqual(output.trimmingCharacters(in: .whitespacesAndNewlines),
                       "bzgl-2023 n 547.98 0.00% 0.9884 FFFFC7CE 年度资金总额 B13:B18,B19:B20")
    }

    func python(_ script: String, _ file: String) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python = path else { throw XCTSkip("python3 is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return String(decoding: data, as: UTF8.self)
    }
}
