import XCTest
import Foundation
@testable import BudgetCLI

/// The README's tour, replayed command by command with its sample export and map: every command
/// succeeds, and the final `check` passes. A tour that breaks its own rules fails here.
final class TourTests: XCTestCase {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The fenced blocks after the tour's heading: the commands, the export, the map.
    static func tourBlocks(after heading: String = "## A short tour") throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let tour = try XCTUnwrap(text.components(separatedBy: heading).dropFirst().first)
        let fences = tour.components(separatedBy: "```")
        // fences: [prose, "sh\n…", prose, "\n…export…", prose, "\n…map…", …]
        return [fences[1], fences[3], fences[5]].map { block in
            block.hasPrefix("sh\n") ? String(block.dropFirst(3)) : String(block.drop { $0 == "\n" })
        }
    }

    /// A shell line's words, as bash splits them: single quotes group, a `#` after a space starts
    /// a comment.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quoted = false, inWord = false
        var previous: Character = " "
        for character in line {
            if quoted {
                if character == "'" { quoted = false } else { current.append(character) }
            } else if character == "'" {
                quoted = true; inWord = true
            } else if character == "#" && previous == " " {
                break
            } else if character == " " {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(character); inWord = true
            }
            previous = character
        }
        if inWord { words.append(current) }
        return words
    }

    func testTheTourRunsAndEndsWithACheckThatPasses() throws {
        try replay(heading: "## A short tour", environment: [:], passed: "all cross-checks pass: 1 project(s) checked")
    }

    /// The Chinese section's tour, in the Chinese interface: the same project, the same end.
    func testTheChineseTourRunsInChinese() throws {
        try replay(heading: "### 快速上手", environment: ["LANG": "zh_CN.UTF-8"], passed: "勾稽核查全部通过：共核查 1 个项目")
    }

    func replay(heading: String, environment: [String: String], passed: String) throws {
        let blocks = try Self.tourBlocks(after: heading)
        XCTAssertTrue(blocks[1].hasPrefix("2023年国库集中支付明细表"), blocks[1])
        XCTAssertTrue(blocks[2].hasPrefix("# treasury.map"), blocks[2])
        let cli = LedgerCLI()
        try blocks[1].write(toFile: cli.directory.path("支付明细.csv"), atomically: false, encoding: .utf8)
        try blocks[2].write(toFile: cli.directory.path("treasury.map"), atomically: false, encoding: .utf8)
        var lastCheck: CommandResult?
        var ran = 0
        for line in blocks[0].split(separator: "\n") {
            var words = Self.words(String(line))
            guard words.first == "budget" else { continue }
            words.removeFirst()
            // Relative paths are the tour's working directory.
            words = words.map { ["支付明细.csv", "treasury.map", "自评表.html", "books.beancount"].contains($0) ? cli.directory.path($0) : $0 }
            let result = cli.run(words, environment: ["BUDGET_NOW": "2024-01-15T09:00:00Z"].merging(environment) { $1 })
            ran += 1
            if words.first == "check" {
                lastCheck = result
                // Mid-year the check reports notes only; at the end, nothing.
                XCTAssertEqual(result.status, 0, "budget \(words.joined(separator: " ")):\n\(result.stdout)\(result.stderr)")
            } else {
                XCTAssertEqual(result.status, 0, "budget \(words.joined(separator: " ")): \(result.stderr)")
            }
        }
        XCTAssertGreaterThan(ran, 40)
        let final = try XCTUnwrap(lastCheck)
        XCTAssertTrue(final.stdout.contains(passed), final.stdout)
        let report = try cli.json(["report", "px-2023", "--format", "json"])
        let project = try XCTUnwrap((report["projects"] as? [[String: Any]])?.first)
        XCTAssertEqual(project["totalScore"] as? String, "98")
        XCTAssertEqual(project["computedTotalScore"] as? String, "98")
        XCTAssertEqual(project["grade"] as? String, "优")
        let cost = (project["indicators"] as? [[String: Any]])?.first { $0["id"] as? String == "cost-01" }
        XCTAssertEqual(cost?["actual"] as? String, "3668.4元/人")
    }
}
