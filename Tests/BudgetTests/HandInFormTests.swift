import XCTest
import Foundation
@testable import BudgetCLI

/// `budget form` prints what is handed in: titled as the seed (附件5, 自治区项目支出绩效自评表,
/// (2023年度)) from the journal's settings, with the seed's footnote, and no review marks; the
/// marks come with --review.
final class HandInFormTests: XCTestCase {
    static let journal = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Journal/2023.jsonl").path

    func form(_ arguments: [String]) throws -> String {
        let directory = TemporaryDirectory()
        let copy = directory.path("2023.jsonl")
        try FileManager.default.copyItem(atPath: Self.journal, toPath: copy)
        let result = BudgetCommandLine.run(["--journal", copy, "form"] + arguments, environment: ["BUDGET_STATE_DIR": directory.path("state")])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }

    func testTheFormHandedInIsTitledAsTheSeedAndCarriesNoReviewMarks() throws {
        let markdown = try form(["bzgl-2023", "--format", "md"])
        let lines = markdown.split(separator: "\n").map(String.init)
        let top = try XCTUnwrap(lines.firstIndex(of: "| 附件5 |  |  |  |  |  |  |  |  |"))
        XCTAssertEqual(Array(lines[top...(top + 3)]), ["| 附件5 |  |  |  |  |  |  |  |  |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
                                             "| **自治区项目支出绩效自评表** |  |  |  |  |  |  |  |  |", "| (2023年度) |  |  |  |  |  |  |  |  |"])
        XCTAssertEqual(lines.last, "注意事项:总分100=绩效指标90分+资金执行情况10,请大家务必按照勾稽关系准确计分。")
        for mark in ["\\#", "核查", "budget", "[1]", "\\[1\\]", "rule-score"] { XCTAssertFalse(markdown.contains(mark), mark) }
        let html = try form(["--format", "html"])
        XCTAssertFalse(html.contains("<svg"), "the chart is a review mark")
        XCTAssertFalse(html.contains(" flagged\""), "so is a tinted cell")
        XCTAssertFalse(html.contains("style=\"--print-zoom"), "the form prints at 100%")
        XCTAssertEqual(html.components(separatedBy: "<section class=\"form\"").count - 1, 6)
        // With --review: the findings beside their cells, the event numbers, the chart.
        // The review marks are in the reader's language; the form itself is Chinese in both.
        let review = try form(["bzgl-2023", "--format", "md", "--review", "--lang", "zh"])
        XCTAssertTrue(review.contains("核查意见") && review.contains("\\[1\\] fund-total") && review.contains("核查稿：项目 bzgl-2023"), review)
        let english = try form(["bzgl-2023", "--format", "md", "--review", "--lang", "en"])
        XCTAssertTrue(english.contains("Review (budget check)") && english.contains("Review copy: project bzgl-2023"), english)
        XCTAssertTrue(english.contains("项目支出绩效自评表") && !english.contains("核查稿"), english)
        XCTAssertTrue(try form(["bzgl-2023", "--review"]).contains("<svg"))
        // An option overrides the journal's setting for one form.
        XCTAssertTrue(try form(["bzgl-2023", "--format", "md", "--region", "市级", "--attachment", "附件3"]).contains("| **市级项目支出绩效自评表** |"))
    }

    func testSettingsAreAnEventAndALaterOneSupersedesWhatItStates() throws {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        cli.ok(["goal", "p", "--expected", "目标", "--date", "2023-01-02"])
        XCTAssertTrue(cli.ok(["form", "--format", "md"]).contains("| **项目支出绩效自评表** |"))
        cli.ok(["settings", "set", "--region", "自治区", "--attachment", "附件5", "--date", "2023-01-01"])
        cli.ok(["settings", "set", "--attachment", "附件6", "--date", "2023-02-01"])
        let md = cli.ok(["form", "--format", "md"])
        XCTAssertTrue(md.contains("| 附件6 |") && md.contains("| **自治区项目支出绩效自评表** |"), md)
        cli.refused(["settings", "set", "--date", "2023-01-01"], ["give --region, --attachment or both"], status: 2)
    }
}
