import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections
@testable import BudgetReports
@testable import BudgetCLI

/// Output that is safe to open: hostile names, payees and texts recorded through the command
/// line go through every format of `budget form` (and `report --format csv`) as text — escaped
/// in HTML and Markdown, inline strings in the workbook, neutralised in CSV — and the command's
/// own contract (xlsx needs --output, the journal is never overwritten).
final class FormSafetyTests: XCTestCase {
    static let script = "<script>alert(1)</script>"
    static let formulas = ["=1+1", "@SUM(A1)", "-2+3", "+cmd"]

    /// A project whose every text on the form is hostile: its name, department and unit, an
    /// indicator's level-2 class, name, target, actual and reason, and both goal texts.
    func hostileScenario() -> Scenario {
        let scenario = Scenario()
        scenario.ok(["project", "add", "evil", "--name", Self.script, "--department", "=1+1", "--unit", "@SUM(A1)", "--year", "2023"])
        scenario.ok(["approve", "evil", "100", "--source", "current", "--date", "2023-01-10"])
        scenario.ok(["pay", "evil", "10", "--source", "current", "--date", "2023-02-01", "--payee", "=1+1", "--memo", "@SUM(A1)"])
        scenario.indicator("evil", "out-01", level2: "+cmd", name: "-2+3", target: "=HYPERLINK(\"http://x\",\"y\")", weight: "50",
                           actual: "@SUM(A1)", score: "40", reason: "<img src=x onerror=alert(1)> | pipe & amp")
        scenario.ok(["goal", "evil", "--expected", "=1+1 " + Self.script, "--outcome", "-2+3", "--date", "2023-12-31"])
        return scenario
    }

    func testHTMLShowsHostileTextAsEscapedText() {
        let html = hostileScenario().ok(["form", "--format", "html"])
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertTrue(html.contains("<td class=\"text\" colspan=\"7\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; | pipe &amp; amp"))
        XCTAssertTrue(html.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"))
        XCTAssertTrue(html.contains(">=1+1 &lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        XCTAssertTrue(html.contains("id=\"form-evil\""))
    }

    func testMarkdownEscapesTablePipesAndMarkup() {
        let markdown = hostileScenario().ok(["form", "--format", "md", "--review"])
        XCTAssertFalse(markdown.contains("<script"))
        XCTAssertFalse(markdown.contains("<img"))
        XCTAssertTrue(markdown.hasPrefix("## &lt;script&gt;alert(1)&lt;/script&gt;（evil）\n"))
        XCTAssertTrue(markdown.contains("&lt;img src=x onerror=alert(1)&gt; \\| pipe &amp; amp"))
        // Every table row still has its ten cells: no pipe from the journal split one.
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }
        XCTAssertTrue(rows.allSatisfy { $0.components(separatedBy: " | ").count == 10 }, rows.joined(separator: "\n"))
        // The benefit and satisfaction classes have no rows, so their weight findings mark the total weight.
        // (Note 1 is the execution rate's missing reason: an indicator row's reason does not answer it.)
        XCTAssertTrue(markdown.contains("| 总分 |  |  |  |  |  | 60 \\[3\\]\\[4\\]\\[5\\] | 41 |  | \\[3\\] level-weight · 效益指标 weights"), markdown)
    }

    func testCSVNeutralisesEveryFormulaLikeCell() throws {
        let csv = hostileScenario().ok(["form", "--format", "csv"])
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}"))
        let cells = try csvCells(String(csv.dropFirst()))
        for text in Self.formulas + ["=HYPERLINK(\"http://x\",\"y\")", "=1+1 " + Self.script] {
            XCTAssertTrue(cells.contains("'" + text), "\(text) is not neutralised")
        }
        // No cell starts with a character a spreadsheet evaluates.
        XCTAssertEqual(cells.filter { SpreadsheetText.isFormulaLike($0) }, [])
        XCTAssertTrue(cells.contains("<script>alert(1)</script>"), "CSV is not markup: the text stays as it is")
    }

    func testReportCSVNeutralisesProjectNames() throws {
        let scenario = Scenario()
        scenario.project("p")
        scenario.ok(["project", "add", "q", "--name", "=1+1", "--department", "d", "--unit", "u", "--year", "2023"])
        let cells = try csvCells(scenario.ok(["report", "--format", "csv"]))
        XCTAssertTrue(cells.contains("'=1+1"))
        XCTAssertFalse(cells.contains("=1+1"))
        XCTAssertTrue(cells.contains("项目p"), "other names are unchanged")
        XCTAssertEqual(cells.filter { SpreadsheetText.isFormulaLike($0) }, [])
    }

    /// In the workbook every hostile text is an inline string — never a formula — escaped in the
    /// XML, and read back verbatim.
    func testWorkbookCellsAreTextNotFormulas() throws {
        let scenario = hostileScenario()
        let file = scenario.directory.path("evil.xlsx")
        XCTAssertTrue(scenario.ok(["form", "--format", "xlsx", "--output", file]).hasPrefix("wrote 1 form(s) to \(file) (xlsx, "))
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
        XCTAssertEqual(Array(bytes.prefix(4)), [0x50, 0x4B, 0x03, 0x04], "a zip")
        let text = String(decoding: bytes, as: UTF8.self)  // stored, uncompressed: the XML is in the bytes
        XCTAssertFalse(text.contains("<f>"))
        XCTAssertFalse(text.contains("<script"))
        XCTAssertTrue(text.contains("<t xml:space=\"preserve\">&lt;script&gt;alert(1)&lt;/script&gt;</t>"))
        for formula in Self.formulas {
            XCTAssertTrue(text.contains("t=\"inlineStr\"><is><t xml:space=\"preserve\">\(formula)</t>"), formula)
        }

        let sheet = FormWorkbook.workbook(try hostileForms(scenario)).sheets[0]
        XCTAssertEqual(sheet.name, "evil")
        let texts = sheet.rows.flatMap { $0 }.compactMap { cell -> String? in
            if case .text(let text, _) = cell { return text }
            return nil
        }
        for hostile in Self.formulas + [Self.script] { XCTAssertTrue(texts.contains(hostile), hostile) }
    }

    func hostileForms(_ scenario: Scenario) throws -> FormReport {
        let events = try JournalParserEvents.read(scenario.journal)
        return FormReport(report: LedgerReport(events: events, options: ReportOptions()), check: CrossCheck.run(events), onlyProjectsWithForms: true)
    }

    // MARK: The command's contract

    func testXLSXNeedsAnOutputFileAndNeverTheJournal() throws {
        let scenario = hostileScenario()
        scenario.refused(["form", "--format", "xlsx"], "give --output FILE.xlsx", status: 2)
        scenario.refused(["form", "--format", "xlsx", "--output", scenario.journal], "is the journal", status: 2)
        scenario.refused(["form", "--format", "pdf"], "--format 'pdf' is not one of html, xlsx, csv, md", status: 2)
        scenario.refused(["form", "nope"], "unknown project 'nope'", status: 1)
        scenario.refused(["form", "--output", scenario.directory.path("missing/dir/f.html")], "--output", status: 2)
        let html = scenario.directory.path("forms.html")
        scenario.ok(["form", "evil", "--output", html])
        XCTAssertEqual(try String(contentsOfFile: html, encoding: .utf8), scenario.ok(["form", "evil"]))
    }

    /// --as-of replays the form to a date: before the goal and the score were recorded, the form
    /// shows neither, and the payment made by then.
    func testTheFormReplaysToADate() {
        let scenario = hostileScenario()
        let early = scenario.ok(["form", "--as-of", "2023-06-30", "--format", "csv", "--review"])
        XCTAssertTrue(early.contains(",,年度资金总额,0.01,0.01,0.00,10,10.00% [1],1,"), early)
        XCTAssertFalse(early.contains("'-2+3\r\n") || early.contains("=1+1 <script>"))
        // After the payment and the indicator's definition (#4), before its actual and score.
        let partway = scenario.ok(["form", "--at", "4", "--format", "md", "--review"])
        XCTAssertTrue(partway.contains("| 年度资金总额 | 0.01 | 0.01 | 0.00 | 10 | 10.00% \\[1\\] | 1 |"), partway)
        XCTAssertTrue(partway.contains("| -2+3 | =HYPERLINK(\"http://x\",\"y\") |  | 50 |  |  |"), partway)
        // A project with nothing but money has no form to hand in.
        XCTAssertEqual(scenario.ok(["form", "--at", "3", "--format", "md"]), "没有可出具的自评表。\n")
    }

    /// The cells of a CSV text (RFC 4180, as `CSVWriter` writes it).
    func csvCells(_ text: String) throws -> [String] {
        var cells: [String] = [], cell = "", quoted = false
        var iterator = Array(text).makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    guard let next = iterator.next() else { quoted = false; break }
                    if next == "\"" { cell.append("\"") } else {
                        quoted = false
                        if next == "," || next == "\r\n" || next == "\n" { cells.append(cell); cell = "" } else { cell.append(next) }
                    }
                } else { cell.append(character) }
            } else if character == "\"" && cell.isEmpty {
                quoted = true
            } else if character == "," || character == "\r\n" || character == "\n" {
                cells.append(cell); cell = ""
            } else {
                cell.append(character)
            }
        }
        if !cell.isEmpty { cells.append(cell) }
        return cells
    }
}

/// The events of a journal file, read and parsed as the commands read them.
enum JournalParserEvents {
    static func read(_ path: String) throws -> [Event] {
        try JournalParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: path)))[...]).events
    }
}
