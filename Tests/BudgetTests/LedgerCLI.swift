import XCTest
import Foundation
@testable import BudgetCLI

/// A journal in its own temporary directory, driven through `BudgetCommandLine.run` with a fixed
/// clock: the harness of the curve, export, colour and completion tests.
final class LedgerCLI {
    static let now = "2023-12-31T00:00:00Z"
    let directory = TemporaryDirectory()
    var journal: String { directory.path("budget.jsonl") }

    /// A journal holding project `p` of 2023 and its current budget, approved on `date`.
    static func withProject(budget: String, approvedOn date: String) -> LedgerCLI {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        cli.ok(["approve", "p", budget, "--source", "current", "--date", date])
        return cli
    }

    func run(_ arguments: [String], environment: [String: String] = [:], terminal: Bool = false) -> CommandResult {
        // The user's own state (the checkpoint key) is the test's, never the home directory's.
        BudgetCommandLine.run(["--journal", journal] + arguments,
                              environment: ["BUDGET_NOW": Self.now, "BUDGET_STATE_DIR": directory.path("state")].merging(environment) { $1 },
                              terminal: terminal)
    }

    /// Runs a command that must succeed, and returns its stdout.
    @discardableResult
    func ok(_ arguments: [String], environment: [String: String] = [:], terminal: Bool = false,
            file: StaticString = #filePath, line: UInt = #line) -> String {
        let result = run(arguments, environment: environment, terminal: terminal)
        XCTAssertEqual(result.status, 0, "budget \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr, "", file: file, line: line)
        return result.stdout
    }

    /// Runs `arguments`, which must fail with one line on stderr naming every fragment, leaving
    /// the journal's bytes as they were.
    func refused(_ arguments: [String], _ fragments: [String], status: Int32, file: StaticString = #filePath, line: UInt = #line) {
        let before = FileManager.default.contents(atPath: journal)
        let result = run(arguments)
        XCTAssertEqual(result.status, status, "budget \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "one line: \(result.stderr)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "\(result.stderr) does not name \(fragment)", file: file, line: line)
        }
        XCTAssertEqual(FileManager.default.contents(atPath: journal), before, "the journal changed", file: file, line: line)
    }

    func json(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let out = ok(arguments, file: file, line: line)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], file: file, line: line)
    }
}
