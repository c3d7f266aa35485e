import XCTest
import Foundation
@testable import BudgetCLI
@testable import BudgetReports

/// On a terminal, tables fit its width (`COLUMNS`): long texts wrap within their column. A pipe
/// or a file gets the full lines.
final class TerminalWidthTests: XCTestCase {
    static let journal = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Journal/2023.jsonl").path

    func run(_ arguments: [String], terminal: Bool, columns: Int = 120) throws -> [String] {
        let directory = TemporaryDirectory()
        let copy = directory.path("2023.jsonl")
        try FileManager.default.copyItem(atPath: Self.journal, toPath: copy)
        let result = BudgetCommandLine.run(["--journal", copy] + arguments,
                                           environment: ["COLUMNS": String(columns), "NO_COLOR": "1", "BUDGET_STATE_DIR": directory.path("state")],
                                           terminal: terminal)
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func testCheckLogAndTraceFitTheTerminalAndKeepEveryWord() throws {
        for arguments in [["check"], ["log"], ["trace", "jbhjz-2023"]] {
            for columns in [100, 160] {
                let fitted = try run(arguments, terminal: true, columns: columns)
                let widest = fitted.map(DisplayWidth.of).max() ?? 0
                XCTAssertLessThanOrEqual(widest, columns, "\(arguments) at \(columns)")
                // Nothing is cut: every character of the full output is still there, wrapped.
                let full = try run(arguments, terminal: false)
                let characters = { (lines: [String]) in lines.joined().filter { $0 != " " && $0 != "─" }.sorted() }
                XCTAssertEqual(characters(fitted), characters(full), "\(arguments) at \(columns) lost or gained text")
            }
            let piped = try run(arguments, terminal: false)
            XCTAssertGreaterThan(piped.map(DisplayWidth.of).max() ?? 0, 160, "a pipe gets the full lines: \(arguments)")
        }
    }

    func testWrappingBreaksAtSpacesAndCountsWideCharactersTwice() {
        XCTAssertEqual(TableLayout.wrap("0项 < 1项: 0 ÷ 1 × 5 = 0", to: 12), ["0项 < 1项:", "0 ÷ 1 × 5 =", "0"])
        XCTAssertEqual(TableLayout.wrap("机构编制信息管理平台", to: 6), ["机构编", "制信息", "管理平", "台"])
        XCTAssertEqual(TableLayout.wrap("short", to: 10), ["short"])
    }
}
