import XCTest
import Foundation
@testable import BudgetReports
@testable import BudgetCLI

/// Tables line up by display width (CJK and full-width forms two columns, combining marks and
/// format characters none), and colour appears only on a terminal when NO_COLOR is not set.
final class TextAlignmentTests: XCTestCase {
    func testDisplayWidthOfMixedText() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("项目"), 4)                 // CJK ideographs: two each
        XCTAssertEqual(DisplayWidth.of("ＡＢ１"), 6)               // full-width forms: two each
        XCTAssertEqual(DisplayWidth.of("（）：，"), 8)              // full-width punctuation
        XCTAssertEqual(DisplayWidth.of("　"), 2)                   // the ideographic space
        XCTAssertEqual(DisplayWidth.of("cafe\u{301}"), 4)          // e + combining acute: one column
        XCTAssertEqual(DisplayWidth.of("a\u{20DD}"), 1)            // an enclosing mark
        XCTAssertEqual(DisplayWidth.of("a\u{200B}b\u{200D}c"), 3)  // zero-width space and joiner
        XCTAssertEqual(DisplayWidth.of("한국"), 4)                  // Hangul syllables
        XCTAssertEqual(DisplayWidth.of("\u{1100}\u{1161}"), 2)     // a leading jamo and the vowel that joins it
        XCTAssertEqual(DisplayWidth.of("½€"), 2)
        XCTAssertEqual(DisplayWidth.of("年度2023ＦＹ"), 4 + 4 + 4)
    }

    /// Laid out by hand: column widths 6 (ＡＢＣ) and 5 (10.00), two spaces between, numbers right.
    func testTableLayoutByHand() {
        var table = TextTable([.init("项目"), .init("金额", alignRight: true)])
        table.add(["ab", "1.00"])
        table.add(["中文", "10.00"])
        table.add(["ＡＢＣ", "0.5"])
        XCTAssertEqual(table.render(), """
        项目     金额
        ──────  ─────
        ab       1.00
        中文    10.00
        ＡＢＣ    0.5

        """)
    }

    /// Every line of the table, padded back to the table's width, has the same display width; and
    /// each column's cell starts at the same display column on every line.
    func testTableColumnsLineUpWithMixedScripts() {
        var table = TextTable([.init("项目"), .init("名称"), .init("备注"), .init("金额", alignRight: true)])
        let rows = [
            ["bzgl-2023", "机构编制管理事务经费", "ASCII only", "1,968,100.00"],
            ["ＡＢＣ-2023", "café and cafe\u{301}", "全角：（１２３）", "0.00"],
            ["x", "混合mixed中文text", "　indented", "35,000.00"],
            ["长长长长长长长长长长长长", "e\u{301}\u{301}", "", "-3.73"],
        ]
        for row in rows { table.add(row) }
        let lines = table.render().split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2 + rows.count)
        // The last column is right-aligned, so nothing trails: every line is exactly as wide.
        XCTAssertEqual(Set(lines.map(DisplayWidth.of)).count, 1, lines.joined(separator: "\n"))
        var widths = [0, 0, 0, 0]
        for cells in [["项目", "名称", "备注", "金额"]] + rows {
            for (index, cell) in cells.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        for (rowIndex, row) in rows.enumerated() {
            let line = lines[2 + rowIndex]
            var columnStart = 0
            for (index, cell) in row.enumerated() {
                defer { columnStart += widths[index] + 2 }
                guard !cell.isEmpty else { continue }
                let start = index == 3 ? columnStart + widths[3] - DisplayWidth.of(cell) : columnStart
                XCTAssertEqual(displayColumn(of: cell, in: line, from: start), start, "row \(rowIndex) column \(index): \(line)")
            }
        }
    }

    /// The display column at which `cell` occurs in `line`, searching from display column `from`.
    private func displayColumn(of cell: String, in line: String, from column: Int) -> Int? {
        var width = 0
        var index = line.startIndex
        while index < line.endIndex {
            if width >= column, line[index...].hasPrefix(cell) { return width }
            width += DisplayWidth.of(String(line[index]))
            index = line.index(after: index)
        }
        return nil
    }

    func testReportFundBlockLinesUpWithAFullWidthName() {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "w-2023", "--name", "ＡＢＣ项目 café", "--department", "部门", "--unit", "单位", "--year", "2023", "--date", "2023-01-01"])
        cli.ok(["approve", "w-2023", "1234567.89", "--source", "current", "--date", "2023-01-01"])
        cli.ok(["pay", "w-2023", "1000", "--source", "current", "--date", "2023-02-01", "--payee", "供应商Ａ"])
        let out = cli.ok(["report"])
        let lines = out.split(separator: "\n").map(String.init)
        let header = try! XCTUnwrap(lines.firstIndex { $0.hasPrefix("项目资金(元)") })
        let block = Array(lines[header..<(header + 6)])   // title, rule, 年度资金总额 and the three sources
        XCTAssertEqual(Set(block.map(DisplayWidth.of)).count, 1, block.joined(separator: "\n"))
    }

    // MARK: - Colour

    private static let escape = "\u{1B}"

    /// A journal with a project behind 序时进度 and a failing cross-check.
    private func behindJournal() -> LedgerCLI {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "c-2023", "--name", "色彩", "--department", "d", "--unit", "u", "--year", "2023", "--date", "2023-01-01"])
        cli.ok(["approve", "c-2023", "1000", "--source", "current", "--date", "2023-01-01"])
        cli.ok(["indicator", "add", "c-2023", "out-01", "--level1", "output", "--level2", "数量指标", "--name", "人数", "--target", "50人", "--weight", "90"])
        cli.ok(["indicator", "actual", "c-2023", "out-01", "40人", "--date", "2023-12-31"])
        cli.ok(["indicator", "score", "c-2023", "out-01", "90", "--date", "2023-12-31"])
        return cli
    }

    private func outputs(_ cli: LedgerCLI, environment: [String: String], terminal: Bool) -> [String] {
        let commands = [["curve", "c-2023", "--as-of", "2023-06-30"], ["report", "--behind", "--as-of", "2023-06-30"], ["check"]]
        return commands.map { cli.run($0, environment: environment, terminal: terminal).stdout }
    }

    func testColourOnlyOnATerminalWithoutNoColor() {
        let cli = behindJournal()
        let coloured = outputs(cli, environment: [:], terminal: true)
        for out in coloured { XCTAssertTrue(out.contains(Self.escape + "[31m"), "a terminal gets colour:\n\(out)") }
        for (environment, terminal) in [([String: String](), false), (["NO_COLOR": "1"], true), (["NO_COLOR": ""], true), (["TERM": "dumb"], true)] {
            for out in outputs(cli, environment: environment, terminal: terminal) {
                XCTAssertFalse(out.contains(Self.escape), "no escape codes with \(environment), terminal \(terminal):\n\(out)")
            }
        }
        // Colour changes nothing else: without its codes the coloured text is the plain text.
        let plain = outputs(cli, environment: [:], terminal: false)
        for (colour, plain) in zip(coloured, plain) {
            XCTAssertEqual(withoutEscapes(colour), plain)
        }
    }

    /// `text` without its SGR sequences (ESC [ digits m).
    private func withoutEscapes(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else { out.unicodeScalars.append(scalar); continue }
            while let next = scalars.next(), next != "m" {}
        }
        return out
    }

    func testTintPaintsOnlyWhenAsked() {
        XCTAssertEqual(Tint.red.paint("落后", colour: false), "落后")
        XCTAssertEqual(Tint.red.paint("落后", colour: true), "\u{1B}[31m落后\u{1B}[0m")
        XCTAssertEqual(Tint.green.paint("", colour: true), "")
        XCTAssertFalse(wantsColour(terminal: true, environment: ["NO_COLOR": "0"]))
        XCTAssertTrue(wantsColour(terminal: true, environment: ["TERM": "xterm-256color"]))
        XCTAssertFalse(wantsColour(terminal: false, environment: [:]))
    }
}
