import XCTest
import Foundation

/// Runs the real `budget` executable, as a user's script would: exit status, stdout and stderr
/// through a real process boundary, and a crash would show as a signal, not a status.
final class ProcessTests: XCTestCase {
    /// The executable SwiftPM builds beside the test bundle.
    static var executable: URL {
        // On Linux the test runner is `.build/<config>/budgetPackageTests.xctest`, beside `budget`.
        let runner = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        return runner.deletingLastPathComponent().appendingPathComponent("budget")
    }

    struct Outcome { let status: Int32; let reason: Process.TerminationReason; let stdout: String; let stderr: String }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        try run(executable, arguments, environment: environment)
    }

    /// Runs any program to its end, collecting what it printed.
    static func run(_ program: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, reason: process.terminationReason,
                       stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func testTheExecutableRecordsReportsAndRefusesThroughARealProcess() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.executable.path), "no budget executable at \(Self.executable.path)")
        let directory = TemporaryDirectory()
        let journal = directory.path("j.jsonl")
        let env = ["BUDGET_JOURNAL": journal, "BUDGET_NOW": "2023-12-31T00:00:00Z"]
        XCTAssertEqual(try Self.run(["init"], environment: env).status, 0)
        XCTAssertEqual(try Self.run(["project", "add", "p", "--name", "项目", "--department", "d", "--unit", "u", "--year", "2023"], environment: env).status, 0)
        XCTAssertEqual(try Self.run(["approve", "p", "10万", "--source", "current", "--date", "2023-01-02"], environment: env).status, 0)
        let paid = try Self.run(["pay", "p", "7,190.00", "--source", "current", "--date", "2023-02-01"], environment: env)
        XCTAssertEqual(paid.stdout, "recorded #3 disbursement.made p 2023-02-01 current 7190.00 (id @3)\n")

        let before = try Data(contentsOf: URL(fileURLWithPath: journal))
        let refused = try Self.run(["pay", "p", "100000", "--source", "current", "--date", "2023-02-01"], environment: env)
        XCTAssertEqual(refused.reason, .exit)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stdout, "")
        XCTAssertTrue(refused.stderr.hasPrefix("budget: error: payment of 100000.00 exceeds the budget"))
        XCTAssertEqual(refused.stderr.filter { $0 == "\n" }.count, 1)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: journal)), before)

        let usage = try Self.run(["pay", "p", "1.234", "--source", "current", "--date", "2023-02-01"], environment: env)
        XCTAssertEqual(usage.status, 2)
        XCTAssertEqual(usage.stderr, "budget: error: AMOUNT: '1.234' has more than 2 decimals\n")

        // 7,190 ÷ 100,000 = 7.19% → 0.719 → 0.7 points.
        let report = try Self.run(["report", "--format", "json"], environment: env)
        XCTAssertEqual(report.status, 0)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let project = try XCTUnwrap((json["projects"] as? [[String: Any]])?.first)
        XCTAssertEqual((project["funds"] as? [String: [String: Any]])?["total"]?["rate"] as? String, "7.19")
        XCTAssertEqual(project["executionScore"] as? String, "0.7")
    }
}
