import XCTest
import Foundation
@testable import BudgetCLI

/// The HTML form carries each project's execution curve as an inline SVG chart.
final class FormCurveTests: XCTestCase {
    func testEachHTMLFormHasItsCurveAndOtherFormatsDoNot() throws {
        let journal = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Journal/2023.jsonl").path
        let html = BudgetCommandLine.run(["--journal", journal, "form", "--format", "html", "--review"])
        XCTAssertEqual(html.status, 0, html.stderr)
        let forms = html.stdout.components(separatedBy: "<section class=\"form\"").dropFirst()
        XCTAssertEqual(forms.count, 6)
        for form in forms {
            XCTAssertEqual(form.components(separatedBy: "<svg ").count - 1, 1, String(form.prefix(120)))
            XCTAssertTrue(form.contains("as of 2023-12-31"))
        }
        // Form 4 ends the year at 541.60 ÷ 547.98 = 98.84%: the curve's last point says so.
        let form4 = try XCTUnwrap(forms.first { $0.contains("jbhjz-2023") })
        XCTAssertTrue(form4.contains("98.84%"))
        XCTAssertFalse(html.stdout.contains("<script"))
        let md = BudgetCommandLine.run(["--journal", journal, "form", "--format", "md"])
        XCTAssertFalse(md.stdout.contains("<svg"))
    }
}
