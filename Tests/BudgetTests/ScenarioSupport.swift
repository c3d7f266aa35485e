import XCTest
import Foundation
@testable import BudgetCLI

/// A journal in a temporary directory, driven through the in-process command line with a fixed
/// clock: the scenarios of the scoring tests are built exactly as a person would build them.
final class Scenario {
    let directory = TemporaryDirectory()
    var journal: String { directory.path("budget.jsonl") }

    init(file: StaticString = #filePath, line: UInt = #line) {
        ok(["init"], file: file, line: line)
    }

    @discardableResult
    func run(_ arguments: [String]) -> CommandResult {
        BudgetCommandLine.run(["--journal", journal] + arguments, environment: ["BUDGET_NOW": "2024-01-15T09:00:00Z"])
    }

    /// Runs a command that must succeed; returns its stdout.
    @discardableResult
    func ok(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) -> String {
        let result = run(arguments)
        XCTAssertEqual(result.status, 0, "budget \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return result.stdout
    }

    /// Runs a command that must be refused with one line on stderr holding `fragment`, leaving
    /// the journal byte-for-byte as it was.
    func refused(_ arguments: [String], _ fragment: String, status: Int32? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let before = FileManager.default.contents(atPath: journal)
        let result = run(arguments)
        XCTAssertNotEqual(result.status, 0, "should be refused: \(arguments)", file: file, line: line)
        if let status { XCTAssertEqual(result.status, status, "status of \(arguments)", file: file, line: line) }
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "one line: \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.contains(fragment), "\(result.stderr) lacks \(fragment)", file: file, line: line)
        XCTAssertEqual(FileManager.default.contents(atPath: journal), before, "the journal changed", file: file, line: line)
    }

    /// `project add` and an approval of `budget` yuan on 2023-01-10.
    func project(_ id: String, budget: String = "100", year: Int = 2023, file: StaticString = #filePath, line: UInt = #line) {
        ok(["project", "add", id, "--name", "项目\(id)", "--department", "部门", "--unit", "单位", "--year", String(year)], file: file, line: line)
        ok(["approve", id, budget, "--source", "current", "--date", "\(year)-01-10"], file: file, line: line)
    }

    /// One indicator row: defined, its actual recorded and its score given (with a reason when
    /// points are lost, so that only the rule under test can fail).
    func indicator(_ project: String, _ id: String, level1: String = "output", level2: String = "数量指标", name: String = "指标",
                   target: String, weight: String, actual: String?, score: String?, grade: String? = nil, reason: String? = "偏差说明",
                   file: StaticString = #filePath, line: UInt = #line) {
        ok(["indicator", "add", project, id, "--level1", level1, "--level2", level2, "--name", name, "--target", target,
            "--weight", weight], file: file, line: line)
        if let actual {
            ok(["indicator", "actual", project, id, actual, "--date", "2023-12-31"] + (grade.map { ["--grade", $0] } ?? []), file: file, line: line)
        }
        if let score {
            ok(["indicator", "score", project, id, score, "--date", "2023-12-31"] + (reason.map { ["--reason", $0] } ?? []), file: file, line: line)
        }
    }

    /// The full 90 points of a form in three rows that pass every check: output 50, benefit 30,
    /// satisfaction 10, each met word for word or by number, at full marks, with no 偏差原因
    /// (so that a low execution rate is not answered by accident).
    func completeForm(_ project: String, output: String = "50", file: StaticString = #filePath, line: UInt = #line) {
        indicator(project, "out-01", target: "10个", weight: output, actual: "10个", score: output, reason: nil, file: file, line: line)
        indicator(project, "ben-01", level1: "benefit", level2: "社会效益指标", target: "长效", weight: "30", actual: "长效", score: "30",
                  reason: nil, file: file, line: line)
        indicator(project, "sat-01", level1: "satisfaction", level2: "服务对象满意度指标", target: "≥90%", weight: "10", actual: "95%", score: "10",
                  reason: nil, file: file, line: line)
    }

    /// `budget check … --format json`: the status and the findings.
    func check(_ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> (status: Int32, findings: [[String: Any]]) {
        let result = run(["check", "--format", "json"] + extra)
        XCTAssertEqual(result.stderr, "", file: file, line: line)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
        XCTAssertNotNil(object, "check printed no JSON: \(result.stdout.prefix(200))", file: file, line: line)
        // Only errors fail the check; notes are reported (all fail it with --strict).
        let failing = extra.contains("--strict") ? object?["passed"] as? Bool == false : (object?["errors"] as? Int ?? 0) > 0
        XCTAssertEqual(failing, result.status != 0, "errors agree with the status", file: file, line: line)
        return (result.status, object?["findings"] as? [[String: Any]] ?? [])
    }

    /// `report ID --format json`'s project object.
    func report(_ project: String, _ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
        let stdout = ok(["report", project, "--format", "json"] + extra, file: file, line: line)
        let object = (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        return (object?["projects"] as? [[String: Any]])?.first ?? [:]
    }
}

extension Array where Element == [String: Any] {
    /// The findings of `rule` (and `subject`, when given), each as "EXPECTED | FOUND".
    func of(_ rule: String, _ subjectFragment: String? = nil) -> [String] {
        filter { finding in
            finding["rule"] as? String == rule
                && (subjectFragment.map { (finding["subject"] as? String ?? "").contains($0) } ?? true)
        }
            .map { "\($0["expected"] as? String ?? "") | \($0["found"] as? String ?? "")" }
    }

    var rules: [String] { compactMap { $0["rule"] as? String } }
}
