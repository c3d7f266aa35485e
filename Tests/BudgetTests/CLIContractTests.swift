import XCTest
import Foundation
@testable import BudgetCLI

/// Drives `budget` in-process through `BudgetCommandLine.run` and checks the command-line
/// contract of the issue: refusals (one line on stderr, nothing on stdout, journal untouched),
/// replays by --as-of and --at, back-dated admission, journal selection and help, trace, verify
/// and repair, and log.
///
/// Every expected figure is computed by hand in the comment beside it, never copied from the
/// program's output. Money is in yuan, rates are executed ÷ full-year rounded half-up to 0.01%,
/// the execution score is 10 × the rate rounded half-up to 0.1 point.
final class CLIContractTests: XCTestCase {
    private static let now = "2023-12-31T00:00:00Z"

    private var directory: URL!

    /// The journal each test works on, inside its own temporary directory.
    private var journal: String { directory.appendingPathComponent("budget.jsonl").path }

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        directory = nil
        try super.tearDownWithError()
    }

    // MARK: - Helpers

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs `budget --journal PATH arguments…` with the fixed clock.
    @discardableResult
    private func budget(_ arguments: [String], journal path: String? = nil) -> CommandResult {
        BudgetCommandLine.run(["--journal", path ?? journal] + arguments, environment: ["BUDGET_NOW": Self.now])
    }

    /// Runs a command that must succeed, and returns its stdout.
    @discardableResult
    private func ok(_ arguments: [String], journal path: String? = nil, file: StaticString = #filePath, line: UInt = #line) -> String {
        let result = budget(arguments, journal: path)
        XCTAssertEqual(result.status, 0, "budget \(arguments.joined(separator: " ")) failed: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr, "", "budget \(arguments.joined(separator: " "))", file: file, line: line)
        return result.stdout
    }

    private func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    private func lineCount(_ path: String) -> Int { (contents(path) ?? Data()).filter { $0 == 0x0A }.count }

    /// A failed run: non-zero status (exactly `status` when given), empty stdout, and exactly one
    /// line on stderr ending in a single "\n" that contains every fragment.
    private func assertOneLineError(_ result: CommandResult, _ fragments: [String], status: Int32? = nil, _ what: String,
                                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotEqual(result.status, 0, "\(what): should fail", file: file, line: line)
        if let status { XCTAssertEqual(result.status, status, "\(what): exit status", file: file, line: line) }
        XCTAssertEqual(result.stdout, "", "\(what): stdout should be empty", file: file, line: line)
        let bytes = Array(result.stderr.utf8)
        XCTAssertEqual(bytes.filter { $0 == 0x0A }.count, 1, "\(what): stderr should be one line: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(bytes.last, 0x0A, "\(what): stderr should end with a newline: \(result.stderr)", file: file, line: line)
        XCTAssertFalse(bytes.contains(0x0D), "\(what): stderr holds a carriage return", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "\(what): stderr \(result.stderr.debugDescription) does not name \(fragment.debugDescription)",
                          file: file, line: line)
        }
    }

    /// Runs `arguments`, which must be refused without touching the journal.
    private func assertRefused(_ arguments: [String], _ fragments: [String], status: Int32? = nil, journal path: String? = nil,
                               file: StaticString = #filePath, line: UInt = #line) {
        let path = path ?? journal
        let before = contents(path)
        XCTAssertNotNil(before, "the journal should exist before the refusal", file: file, line: line)
        let result = budget(arguments, journal: path)
        let what = "budget " + arguments.map { $0.isEmpty ? "''" : $0 }.joined(separator: " ")
        assertOneLineError(result, fragments, status: status, what, file: file, line: line)
        XCTAssertEqual(contents(path), before, "\(what): the journal changed", file: file, line: line)
    }

    private func parseJSON(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        } catch {
            XCTFail("not valid JSON: \(error)\n\(text)", file: file, line: line)
            throw error
        }
    }

    private func report(_ extra: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let out = ok(["report", "--format", "json"] + extra, file: file, line: line)
        return try XCTUnwrap(try parseJSON(out, file: file, line: line) as? [String: Any], file: file, line: line)
    }

    private func projects(_ report: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        try XCTUnwrap(report["projects"] as? [[String: Any]], "report has no projects array", file: file, line: line)
    }

    private func project(_ report: [String: Any], _ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try XCTUnwrap(try projects(report, file: file, line: line).first { $0["id"] as? String == id },
                      "report has no project \(id)", file: file, line: line)
    }

    private func number(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }

    private func assertFund(_ project: [String: Any], _ source: String, initial: String, fullYear: String, executed: String, rate: String?,
                            file: StaticString = #filePath, line: UInt = #line) {
        let id = project["id"] as? String ?? "?"
        guard let funds = project["funds"] as? [String: Any], let figures = funds[source] as? [String: Any] else {
            return XCTFail("\(id): no funds.\(source)", file: file, line: line)
        }
        XCTAssertEqual(figures["initial"] as? String, initial, "\(id) \(source) initial", file: file, line: line)
        XCTAssertEqual(figures["fullYear"] as? String, fullYear, "\(id) \(source) fullYear", file: file, line: line)
        XCTAssertEqual(figures["executed"] as? String, executed, "\(id) \(source) executed", file: file, line: line)
        if let rate {
            XCTAssertEqual(figures["rate"] as? String, rate, "\(id) \(source) rate", file: file, line: line)
        } else {
            XCTAssertTrue(figures["rate"] is NSNull, "\(id) \(source) rate should be null, is \(String(describing: figures["rate"]))", file: file, line: line)
        }
    }

    /// A figure of the fund block beyond the four of the contract (refunded, carriedOver, remaining, adjusted).
    private func fundField(_ project: [String: Any], _ source: String, _ field: String) -> String? {
        ((project["funds"] as? [String: Any])?[source] as? [String: Any])?[field] as? String
    }

    private func assertScores(_ project: [String: Any], execution: String, indicator: String, total: String, grade: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        let id = project["id"] as? String ?? "?"
        XCTAssertEqual(project["executionScore"] as? String, execution, "\(id) executionScore", file: file, line: line)
        XCTAssertEqual(project["indicatorScore"] as? String, indicator, "\(id) indicatorScore", file: file, line: line)
        XCTAssertEqual(project["totalScore"] as? String, total, "\(id) totalScore", file: file, line: line)
        XCTAssertEqual(project["grade"] as? String, grade, "\(id) grade", file: file, line: line)
    }

    private func register(_ id: String, year: Int, date: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        ok(["project", "add", id, "--name", "项目\(id)", "--department", "编办", "--unit", "编办", "--year", String(year)]
            + (date.map { ["--date", $0] } ?? []), file: file, line: line)
    }

    // MARK: - 1. Refusals

    func testBadInputsAreRefusedWithOneLineAndLeaveTheJournalUnchanged() throws {
        ok(["init"])
        register("p", year: 2023)                                                                        // #1, dated 2023-01-01
        register("q", year: 2024)                                                                        // #2
        ok(["approve", "p", "1000", "--source", "current", "--date", "2023-01-10"])                     // #3
        ok(["pay", "p", "300", "--source", "current", "--date", "2023-02-01", "--id", "k1"])            // #4
        ok(["indicator", "add", "p", "i1", "--level1", "output", "--level2", "数量指标", "--name", "培训",
            "--target", "10次", "--weight", "10"])                                                       // #5
        ok(["pay", "p", "1", "--source", "current", "--date", "2023-02-02"])                            // #6
        ok(["reverse", "6", "--date", "2023-02-03", "--reason", "录错"])                                   // #7
        // The current balance of p: +1000 (01-10) −300 (02-01) −1 (02-02) +1 (02-03) = 700 from 02-03 on.
        XCTAssertEqual(lineCount(journal), 7)

        let pay = { (amount: String) in ["pay", "p", amount, "--source", "current", "--date", "2023-12-31"] }

        // Unknown project and indicator.
        assertRefused(["pay", "nope", "10", "--source", "current", "--date", "2023-03-01"], ["unknown project", "nope"])
        assertRefused(["approve", "nope", "10", "--source", "current", "--date", "2023-03-01"], ["unknown project", "nope"])
        assertRefused(["indicator", "score", "p", "zz", "5", "--date", "2023-12-01"], ["unknown indicator", "zz"])
        assertRefused(["indicator", "actual", "p", "zz", "5次", "--date", "2023-12-01"], ["unknown indicator", "zz"])

        // Zero amounts, in each way of writing zero.
        assertRefused(pay("0"), ["AMOUNT", "'0'", "zero"])
        assertRefused(["approve", "p", "0.00", "--source", "current", "--date", "2023-03-01"], ["AMOUNT", "'0.00'", "zero"])
        assertRefused(["refund", "p", "0元", "--source", "current", "--date", "2023-03-01", "--reason", "r"], ["AMOUNT", "'0元'", "zero"])
        assertRefused(["carryover", "p", "0万", "--source", "current", "--to", "q", "--date", "2023-12-31"], ["AMOUNT", "'0万'", "zero"])
        // A negative payment.
        assertRefused(pay("-5"), ["AMOUNT", "'-5'"])
        // An adjustment of zero, signed or not.
        assertRefused(["adjust", "p", "0", "--source", "current", "--date", "2023-03-01", "--reason", "r"], ["±AMOUNT", "zero"])
        assertRefused(["adjust", "p", "+0.00", "--source", "current", "--date", "2023-03-01", "--reason", "r"], ["±AMOUNT", "zero"])
        // Three decimals.
        assertRefused(pay("12.345"), ["AMOUNT", "'12.345'", "decimals"])
        // Overflow, and one fen past the limit of 1,000,000,000,000.00 yuan.
        assertRefused(pay("99999999999999999999"), ["AMOUNT", "'99999999999999999999'", "limit"])
        assertRefused(pay("1000000000000.01"), ["AMOUNT", "'1000000000000.01'", "limit"])
        // Malformed amounts.
        assertRefused(pay("12a"), ["AMOUNT", "'12a'"])
        assertRefused(pay("1,23.00"), ["AMOUNT", "'1,23.00'"])
        assertRefused(pay(""), ["AMOUNT", "empty"])
        // A date that does not exist, and one outside the project's fiscal year (2023).
        assertRefused(["pay", "p", "10", "--source", "current", "--date", "2023-02-30"], ["--date", "2023-02-30"])
        assertRefused(["pay", "p", "10", "--source", "current", "--date", "2024-01-02"], ["2024-01-02", "fiscal year"])
        assertRefused(["approve", "p", "10", "--source", "current", "--date", "2022-12-31"], ["2022-12-31", "fiscal year"])
        // 700 remains: 700.01 is one fen too much, for a payment, a refund and a carry-over alike.
        assertRefused(pay("700.01"), ["700.01", "exceeds"], status: 1)
        assertRefused(["refund", "p", "700.01", "--source", "current", "--date", "2023-12-31", "--reason", "r"], ["refund", "700.01", "exceeds"], status: 1)
        assertRefused(["carryover", "p", "700.01", "--source", "current", "--to", "q", "--date", "2023-12-31"], ["carry-over", "700.01", "exceeds"], status: 1)
        // On 2023-02-02 only 1000 − 300 − 1 = 699 remained, so 700 dated then is refused.
        assertRefused(["pay", "p", "700", "--source", "current", "--date", "2023-02-02"], ["700.00", "2023-02-02"], status: 1)
        // A carry-over goes to a project of a later year, never to one of the same year.
        assertRefused(["carryover", "p", "1", "--source", "current", "--to", "p", "--date", "2023-12-31"], ["later year"])
        // A duplicate --id with a different body (301 instead of 300).
        assertRefused(["pay", "p", "301", "--source", "current", "--date", "2023-02-01", "--id", "k1"], ["'k1'"])
        // Reversal of an unknown seq, and of an already-reversed event.
        assertRefused(["reverse", "99", "--date", "2023-12-31", "--reason", "r"], ["99"])
        assertRefused(["reverse", "6", "--date", "2023-12-31", "--reason", "r"], ["#6", "already reversed"])
        // Unknown source, command and option.
        assertRefused(["pay", "p", "10", "--source", "bank", "--date", "2023-03-01"], ["--source", "'bank'"])
        assertRefused(["reprot"], ["reprot", "report"], status: 2)
        assertRefused(["pay", "p", "10", "--source", "current", "--date", "2023-03-01", "--payer", "x"], ["--payer"], status: 2)
        // init never overwrites.
        assertRefused(["init"], ["already exists"])
        XCTAssertEqual(lineCount(journal), 7)

        // The same id with the same body is accepted, says so, and adds no line.
        let before = contents(journal)
        let retry = budget(["pay", "p", "300", "--source", "current", "--date", "2023-02-01", "--id", "k1"])
        XCTAssertEqual(retry.status, 0, retry.stderr)
        XCTAssertEqual(retry.stderr, "")
        XCTAssertTrue(retry.stdout.contains("already recorded"), retry.stdout)
        XCTAssertEqual(contents(journal), before)

        // A payment of exactly what remains (700) is accepted, and appends one line.
        ok(pay("700"))
        XCTAssertEqual(lineCount(journal), 8)
        // Now nothing remains: even one fen is refused.
        assertRefused(pay("0.01"), ["0.01", "exceeds"], status: 1)
    }

    func testAmountLimitItselfIsAccepted() throws {
        ok(["init"])
        register("big", year: 2023)
        // 1,000,000,000,000.00 yuan is the limit: accepted, written plainly, with 万 and with separators.
        ok(["approve", "big", "1000000000000", "--source", "current", "--date", "2023-01-01"])
        ok(["approve", "big", "100000000万", "--source", "other", "--date", "2023-01-01"])       // 1e8 万 = 1e12 yuan
        assertRefused(["approve", "big", "1000000000000.01", "--source", "current", "--date", "2023-01-01"], ["'1000000000000.01'", "limit"])
        assertRefused(["approve", "big", "100000000.0001万", "--source", "current", "--date", "2023-01-01"], ["'100000000.0001万'", "limit"])
        ok(["pay", "big", "1,000,000,000,000.00", "--source", "current", "--date", "2023-06-01"])
        let big = try project(try report(["big"]), "big")
        // current: 1e12 approved, 1e12 paid → 100.00%; other: 1e12, nothing paid → 0.00%.
        assertFund(big, "current", initial: "1000000000000.00", fullYear: "1000000000000.00", executed: "1000000000000.00", rate: "100.00")
        assertFund(big, "other", initial: "1000000000000.00", fullYear: "1000000000000.00", executed: "0.00", rate: "0.00")
        // total: 2e12 budget, 1e12 paid → 50.00% → 10 × 0.5 = 5.
        assertFund(big, "total", initial: "2000000000000.00", fullYear: "2000000000000.00", executed: "1000000000000.00", rate: "50.00")
        assertScores(big, execution: "5", indicator: "0", total: "5", grade: "差")
    }

    func testDamagedLineIsNamedByReportAndVerify() throws {
        ok(["init"])
        register("p", year: 2023)
        ok(["approve", "p", "53.42万", "--source", "current", "--date", "2023-01-10"])
        ok(["pay", "p", "1234.5", "--source", "current", "--date", "2023-02-01"])
        let original = try XCTUnwrap(contents(journal))
        let copy = path("copy.jsonl")
        var damaged = original
        // Flip one byte in the middle of line 2.
        let lines = original.split(separator: 0x0A, omittingEmptySubsequences: false).map { $0.count }
        XCTAssertEqual(lines.count, 4)   // three lines and the empty remainder after the last newline
        let lineTwoStart = lines[0] + 1
        let middle = lineTwoStart + lines[1] / 2
        damaged[middle] ^= 0x01
        XCTAssertTrue(FileManager.default.createFile(atPath: copy, contents: damaged))

        assertRefused(["verify"], ["line 2"], status: 1, journal: copy)
        assertRefused(["report"], ["line 2"], status: 1, journal: copy)
        assertRefused(["report", "--format", "json"], ["line 2"], status: 1, journal: copy)
        assertRefused(["pay", "p", "1", "--source", "current", "--date", "2023-03-01"], ["line 2"], status: 1, journal: copy)
        // The original is untouched and still verifies.
        XCTAssertTrue(ok(["verify"]).contains("head 3:"))
        XCTAssertEqual(contents(journal), original)
    }

    // MARK: - 2. Replays

    func testReplaysByDateAndSeq() throws {
        ok(["init"])
        register("old", year: 2022)                                                                      // #1  2022-01-01
        register("p", year: 2023, date: "2022-12-01")                                                    // #2  planned the autumn before
        ok(["approve", "old", "100万", "--source", "current", "--date", "2022-01-10"])                    // #3  1,000,000.00
        ok(["pay", "old", "600,000", "--source", "current", "--date", "2022-06-30"])                     // #4    600,000.00
        ok(["carryover", "old", "30万", "--source", "current", "--to", "p", "--date", "2022-12-31"])       // #5    300,000.00
        ok(["approve", "p", "2,000,000.00元", "--source", "current", "--date", "2023-01-05"])              // #6  2,000,000.00
        ok(["pay", "p", "50万", "--source", "current", "--date", "2023-03-10"])                            // #7    500,000.00 (reversed by #10)
        ok(["pay", "p", "800000", "--source", "current", "--date", "2023-05-20", "--id", "pay-may"])     // #8    800,000.00
        ok(["pay", "p", "10万", "--source", "carryover", "--date", "2023-04-01"])                          // #9    100,000.00
        ok(["reverse", "7", "--date", "2023-06-15", "--reason", "重复支付"])                                  // #10
        ok(["adjust", "p", "-20万", "--source", "current", "--date", "2023-07-01", "--reason", "压减"])     // #11  −200,000.00
        ok(["refund", "p", "150000", "--source", "current", "--date", "2023-11-20", "--reason", "交回"])    // #12    150,000.00
        ok(["pay", "p", "12,345.67", "--source", "current", "--date", "2023-02-01"])                     // #13     12,345.67, back-dated
        ok(["refund", "old", "5万", "--source", "current", "--date", "2022-12-31", "--reason", "年终交回"])   // #14     50,000.00, recorded last, dated 2022
        XCTAssertTrue(ok(["verify"]).contains("head 14:"))

        // --- old, as of 2022-12-30: #1 #3 #4 (and #2). 600,000 of 1,000,000 → 60.00% → 6.
        var r = try report(["--as-of", "2022-12-30"])
        XCTAssertEqual(r["asOf"] as? String, "2022-12-30")
        XCTAssertEqual(number(r["seq"]), 4)   // the last event applied
        var old = try project(r, "old")
        XCTAssertEqual(old["name"] as? String, "项目old")
        XCTAssertEqual(number(old["year"]), 2022)
        assertFund(old, "total", initial: "1000000.00", fullYear: "1000000.00", executed: "600000.00", rate: "60.00")
        assertScores(old, execution: "6", indicator: "0", total: "6", grade: "差")
        var p = try project(r, "p")
        assertFund(p, "total", initial: "0.00", fullYear: "0.00", executed: "0.00", rate: nil)

        // --- as of 2022-12-31: + #5 (carry-over) and #14 (refund, recorded last but dated 2022-12-31).
        // old: full-year 1,000,000 − 50,000 refunded = 950,000 (the carry-over does not lower it);
        // rate 600,000 / 950,000 = 63.157…% → 63.16%; score 6.316 → 6.3; remaining 950,000 − 600,000 − 300,000 = 50,000.
        r = try report(["--as-of", "2022-12-31"])
        XCTAssertEqual(number(r["seq"]), 14)
        old = try project(r, "old")
        assertFund(old, "current", initial: "1000000.00", fullYear: "950000.00", executed: "600000.00", rate: "63.16")
        assertFund(old, "total", initial: "1000000.00", fullYear: "950000.00", executed: "600000.00", rate: "63.16")
        XCTAssertEqual(fundField(old, "total", "carriedOver"), "300000.00")
        XCTAssertEqual(fundField(old, "total", "refunded"), "50000.00")
        XCTAssertEqual(fundField(old, "total", "remaining"), "50000.00")
        assertScores(old, execution: "6.3", indicator: "0", total: "6.3", grade: "差")
        // p: 300,000 arrives in its carryover source as both initial and full-year; nothing spent → 0.00%.
        p = try project(r, "p")
        assertFund(p, "carryover", initial: "300000.00", fullYear: "300000.00", executed: "0.00", rate: "0.00")
        assertFund(p, "current", initial: "0.00", fullYear: "0.00", executed: "0.00", rate: nil)
        assertFund(p, "other", initial: "0.00", fullYear: "0.00", executed: "0.00", rate: nil)
        assertFund(p, "total", initial: "300000.00", fullYear: "300000.00", executed: "0.00", rate: "0.00")
        assertScores(p, execution: "0", indicator: "0", total: "0", grade: "差")

        // --- p as of 2023-03-31: #6 approve 2,000,000; #7 pay 500,000; #13 pay 12,345.67 (dated 02-01); not #9 (04-01).
        // current: 512,345.67 / 2,000,000 = 25.617…% → 25.62%.
        // total: 512,345.67 / 2,300,000 = 22.2759…% → 22.28%; score 2.228 → 2.2.
        r = try report(["p", "--as-of", "2023-03-31"])
        XCTAssertEqual(try projects(r).count, 1)
        p = try project(r, "p")
        assertFund(p, "current", initial: "2000000.00", fullYear: "2000000.00", executed: "512345.67", rate: "25.62")
        assertFund(p, "carryover", initial: "300000.00", fullYear: "300000.00", executed: "0.00", rate: "0.00")
        assertFund(p, "total", initial: "2300000.00", fullYear: "2300000.00", executed: "512345.67", rate: "22.28")
        assertScores(p, execution: "2.2", indicator: "0", total: "2.2", grade: "差")

        // --- as of 2023-06-14, the day before the reversal: #7 still counts.
        // current: 500,000 + 800,000 + 12,345.67 = 1,312,345.67 / 2,000,000 = 65.617…% → 65.62%.
        // carryover: 100,000 / 300,000 = 33.33%.
        // total: 1,412,345.67 / 2,300,000 = 61.4063…% → 61.41%; score 6.141 → 6.1.
        p = try project(try report(["p", "--as-of", "2023-06-14"]), "p")
        assertFund(p, "current", initial: "2000000.00", fullYear: "2000000.00", executed: "1312345.67", rate: "65.62")
        assertFund(p, "carryover", initial: "300000.00", fullYear: "300000.00", executed: "100000.00", rate: "33.33")
        assertFund(p, "total", initial: "2300000.00", fullYear: "2300000.00", executed: "1412345.67", rate: "61.41")
        assertScores(p, execution: "6.1", indicator: "0", total: "6.1", grade: "差")

        // --- as of 2023-06-15, the reversal's date: #7 no longer counts.
        // current: 812,345.67 / 2,000,000 = 40.617…% → 40.62%.
        // total: 912,345.67 / 2,300,000 = 39.6672…% → 39.67%; score 3.967 → 4.0, printed "4".
        p = try project(try report(["p", "--as-of", "2023-06-15"]), "p")
        assertFund(p, "current", initial: "2000000.00", fullYear: "2000000.00", executed: "812345.67", rate: "40.62")
        assertFund(p, "total", initial: "2300000.00", fullYear: "2300000.00", executed: "912345.67", rate: "39.67")
        assertScores(p, execution: "4", indicator: "0", total: "4", grade: "差")

        // --- as of 2023-12-31 (everything). p current: full-year 2,000,000 − 200,000 − 150,000 = 1,650,000;
        // 812,345.67 / 1,650,000 = 49.2330…% → 49.23%; remaining 1,650,000 − 812,345.67 = 837,654.33.
        // total: full-year 1,650,000 + 300,000 = 1,950,000; executed 912,345.67 → 46.7869…% → 46.79%; score 4.679 → 4.7.
        r = try report(["--as-of", "2023-12-31"])
        XCTAssertEqual(r["asOf"] as? String, "2023-12-31")
        XCTAssertEqual(number(r["seq"]), 14)
        XCTAssertEqual(try projects(r).compactMap { $0["id"] as? String }, ["old", "p"])   // registration order
        p = try project(r, "p")
        XCTAssertEqual(number(p["year"]), 2023)
        assertFund(p, "current", initial: "2000000.00", fullYear: "1650000.00", executed: "812345.67", rate: "49.23")
        XCTAssertEqual(fundField(p, "current", "adjusted"), "-200000.00")
        XCTAssertEqual(fundField(p, "current", "refunded"), "150000.00")
        XCTAssertEqual(fundField(p, "current", "remaining"), "837654.33")
        assertFund(p, "carryover", initial: "300000.00", fullYear: "300000.00", executed: "100000.00", rate: "33.33")
        assertFund(p, "other", initial: "0.00", fullYear: "0.00", executed: "0.00", rate: nil)
        assertFund(p, "total", initial: "2300000.00", fullYear: "1950000.00", executed: "912345.67", rate: "46.79")
        assertScores(p, execution: "4.7", indicator: "0", total: "4.7", grade: "差")
        // old in 2023 is as it was at the end of 2022.
        old = try project(r, "old")
        assertFund(old, "total", initial: "1000000.00", fullYear: "950000.00", executed: "600000.00", rate: "63.16")
        assertScores(old, execution: "6.3", indicator: "0", total: "6.3", grade: "差")
        // Without --as-of: the same figures, asOf null.
        r = try report([])
        XCTAssertTrue(r["asOf"] is NSNull)
        XCTAssertEqual(number(r["seq"]), 14)
        assertFund(try project(r, "p"), "total", initial: "2300000.00", fullYear: "1950000.00", executed: "912345.67", rate: "46.79")

        // --- --at 4: #1–#4. p registered with no budget (rate null); old 600,000 / 1,000,000 = 60.00%.
        r = try report(["--at", "4"])
        XCTAssertEqual(number(r["seq"]), 4)
        XCTAssertTrue(r["asOf"] is NSNull)
        assertFund(try project(r, "p"), "total", initial: "0.00", fullYear: "0.00", executed: "0.00", rate: nil)
        assertFund(try project(r, "old"), "total", initial: "1000000.00", fullYear: "1000000.00", executed: "600000.00", rate: "60.00")

        // --- --at 9: p current 500,000 + 800,000 = 1,300,000 / 2,000,000 = 65.00%;
        // total 1,400,000 / 2,300,000 = 60.869…% → 60.87%; score 6.087 → 6.1.
        r = try report(["p", "--at", "9"])
        XCTAssertEqual(number(r["seq"]), 9)
        p = try project(r, "p")
        assertFund(p, "current", initial: "2000000.00", fullYear: "2000000.00", executed: "1300000.00", rate: "65.00")
        assertFund(p, "total", initial: "2300000.00", fullYear: "2300000.00", executed: "1400000.00", rate: "60.87")
        assertScores(p, execution: "6.1", indicator: "0", total: "6.1", grade: "差")

        // --- --at 10: the reversal of #7. current 800,000 / 2,000,000 = 40.00%;
        // total 900,000 / 2,300,000 = 39.130…% → 39.13%; score 3.913 → 3.9.
        p = try project(try report(["p", "--at", "10"]), "p")
        assertFund(p, "current", initial: "2000000.00", fullYear: "2000000.00", executed: "800000.00", rate: "40.00")
        assertFund(p, "total", initial: "2300000.00", fullYear: "2300000.00", executed: "900000.00", rate: "39.13")
        assertScores(p, execution: "3.9", indicator: "0", total: "3.9", grade: "差")

        // --- --at 10 --as-of 2023-06-14: the reversal is in the prefix but dated after: as --at 9.
        r = try report(["p", "--at", "10", "--as-of", "2023-06-14"])
        XCTAssertEqual(number(r["seq"]), 9)
        assertFund(try project(r, "p"), "total", initial: "2300000.00", fullYear: "2300000.00", executed: "1400000.00", rate: "60.87")

        // --- --at 13: old without the refund #14: full-year 1,000,000, 60.00%, remaining 1,000,000 − 600,000 − 300,000 = 100,000.
        old = try project(try report(["old", "--at", "13"]), "old")
        assertFund(old, "total", initial: "1000000.00", fullYear: "1000000.00", executed: "600000.00", rate: "60.00")
        XCTAssertEqual(fundField(old, "total", "remaining"), "100000.00")
        assertScores(old, execution: "6", indicator: "0", total: "6", grade: "差")

        // --at past the end is a usage error.
        assertRefused(["report", "--at", "15"], ["--at", "15"], status: 2)
    }

    /// The carry-over into a project registered on 1 January (the default) and dated 31 December
    /// of the year before: as of year end, the receiver has it in its carryover source.
    func testCarryOverIntoProjectRegisteredOnFirstOfJanuary() throws {
        ok(["init"])
        register("a22", year: 2022)                                                                   // #1
        register("a23", year: 2023)                                                                   // #2 2023-01-01
        ok(["approve", "a22", "1000", "--source", "other", "--date", "2022-02-01"])                  // #3
        ok(["carryover", "a22", "400", "--source", "other", "--to", "a23", "--date", "2022-12-31"])  // #4
        ok(["pay", "a23", "100", "--source", "carryover", "--date", "2023-05-01"])                   // #5
        // a22 as of 2022-12-31: full-year 1000 (not lowered), executed 0 → 0.00%.
        let a22 = try project(try report(["a22", "--as-of", "2022-12-31"]), "a22")
        assertFund(a22, "other", initial: "1000.00", fullYear: "1000.00", executed: "0.00", rate: "0.00")
        XCTAssertEqual(fundField(a22, "other", "carriedOver"), "400.00")
        XCTAssertEqual(fundField(a22, "other", "remaining"), "600.00")
        // a23 as of 2023-12-31: carryover 400 / 400, 100 paid → 25.00% → 2.5.
        let a23 = try project(try report(["a23", "--as-of", "2023-12-31"]), "a23")
        assertFund(a23, "carryover", initial: "400.00", fullYear: "400.00", executed: "100.00", rate: "25.00")
        assertFund(a23, "total", initial: "400.00", fullYear: "400.00", executed: "100.00", rate: "25.00")
        assertScores(a23, execution: "2.5", indicator: "0", total: "2.5", grade: "差")
        // The receiver cannot spend more than was carried in: 300 remain.
        assertRefused(["pay", "a23", "300.01", "--source", "carryover", "--date", "2023-12-31"], ["300.01", "exceeds"], status: 1)
        // Reversing the carry-over would take 400 back from a23, which has spent 100 of it since:
        // its carryover balance would be 300 − 400 = −100 on 2023-05-01.
        assertRefused(["reverse", "4", "--date", "2022-12-31", "--reason", "r"], ["a23"], status: 1)
    }

    // MARK: - 3. Back-dated payments

    func testBackDatedPaymentThatWouldOverdrawAnIntermediateDateIsRefused() throws {
        ok(["init"])
        register("b", year: 2023)
        ok(["approve", "b", "100", "--source", "current", "--date", "2023-01-01"])
        ok(["pay", "b", "60", "--source", "current", "--date", "2023-03-01"])
        ok(["adjust", "b", "+50", "--source", "current", "--date", "2023-09-01", "--reason", "追加"])
        // 60 dated Feb 1: as of Mar 1 the balance would be 100 − 60 − 60 = −20, although it is 30 by year end.
        assertRefused(["pay", "b", "60", "--source", "current", "--date", "2023-02-01"], ["2023-03-01", "exceeds"], status: 1)
        // 40 dated Feb 1 leaves exactly 0 on Mar 1: accepted.
        ok(["pay", "b", "40", "--source", "current", "--date", "2023-02-01"])
        // Now the balance is 0 from Mar 1 to Aug 31: a cut of one fen dated Jun 1 is refused, naming that date.
        assertRefused(["adjust", "b", "-0.01", "--source", "current", "--date", "2023-06-01", "--reason", "r"], ["2023-06-01"], status: 1)
        // As of 2023-02-28: 40 / 100 = 40.00% → 4.
        var b = try project(try report(["b", "--as-of", "2023-02-28"]), "b")
        assertFund(b, "current", initial: "100.00", fullYear: "100.00", executed: "40.00", rate: "40.00")
        assertScores(b, execution: "4", indicator: "0", total: "4", grade: "差")
        // As of 2023-08-31: 100 / 100 = 100.00% → 10.
        b = try project(try report(["b", "--as-of", "2023-08-31"]), "b")
        assertFund(b, "current", initial: "100.00", fullYear: "100.00", executed: "100.00", rate: "100.00")
        assertScores(b, execution: "10", indicator: "0", total: "10", grade: "差")
        // As of 2023-12-31: 100 / 150 = 66.666…% → 66.67%; score 6.667 → 6.7.
        b = try project(try report(["b", "--as-of", "2023-12-31"]), "b")
        assertFund(b, "current", initial: "100.00", fullYear: "150.00", executed: "100.00", rate: "66.67")
        assertScores(b, execution: "6.7", indicator: "0", total: "6.7", grade: "差")
    }

    // MARK: - 4. Journal selection and help

    func testJournalOptionAfterTheCommandAndFromTheEnvironment() throws {
        // --journal after the command, and in the middle of its options.
        XCTAssertEqual(BudgetCommandLine.run(["init", "--journal", journal], environment: ["BUDGET_NOW": Self.now]).status, 0)
        let add = BudgetCommandLine.run(["project", "add", "j", "--journal", journal, "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"],
                                        environment: ["BUDGET_NOW": Self.now])
        XCTAssertEqual(add.status, 0, add.stderr)
        let approve = BudgetCommandLine.run(["approve", "j", "100", "--source", "current", "--date", "2023-01-02", "--journal", journal],
                                            environment: ["BUDGET_NOW": Self.now])
        XCTAssertEqual(approve.status, 0, approve.stderr)
        XCTAssertEqual(lineCount(journal), 2)
        let verify = BudgetCommandLine.run(["verify", "--journal", journal], environment: ["BUDGET_NOW": Self.now])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.contains("head 2:"), verify.stdout)

        // $BUDGET_JOURNAL when there is no --journal.
        let fromEnvironment = path("env.jsonl")
        let environment = ["BUDGET_NOW": Self.now, "BUDGET_JOURNAL": fromEnvironment]
        XCTAssertEqual(BudgetCommandLine.run(["init"], environment: environment).status, 0)
        XCTAssertNotNil(contents(fromEnvironment))
        let envAdd = BudgetCommandLine.run(["project", "add", "e", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"],
                                           environment: environment)
        XCTAssertEqual(envAdd.status, 0, envAdd.stderr)
        XCTAssertEqual(lineCount(fromEnvironment), 1)
        XCTAssertEqual(lineCount(journal), 2, "the --journal file is not touched")
        let envReport = BudgetCommandLine.run(["report", "--format", "json"], environment: environment)
        XCTAssertEqual(envReport.status, 0, envReport.stderr)
        let ids = try projects(try XCTUnwrap(try parseJSON(envReport.stdout) as? [String: Any])).compactMap { $0["id"] as? String }
        XCTAssertEqual(ids, ["e"])
        // --journal wins over $BUDGET_JOURNAL.
        let override = BudgetCommandLine.run(["report", "--format", "json", "--journal", journal], environment: environment)
        XCTAssertEqual(override.status, 0, override.stderr)
        let overrideIDs = try projects(try XCTUnwrap(try parseJSON(override.stdout) as? [String: Any])).compactMap { $0["id"] as? String }
        XCTAssertEqual(overrideIDs, ["j"])
    }

    func testJournalDefaultsToBudgetJsonlInTheWorkingDirectory() throws {
        let manager = FileManager.default
        let previous = manager.currentDirectoryPath
        XCTAssertTrue(manager.changeCurrentDirectoryPath(directory.path))
        defer { _ = manager.changeCurrentDirectoryPath(previous) }
        let result = BudgetCommandLine.run(["init"], environment: ["BUDGET_NOW": Self.now])
        XCTAssertEqual(result.status, 0, result.stderr)
        let add = BudgetCommandLine.run(["project", "add", "d", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"],
                                        environment: ["BUDGET_NOW": Self.now])
        XCTAssertEqual(add.status, 0, add.stderr)
        XCTAssertEqual(lineCount(directory.appendingPathComponent("budget.jsonl").path), 1)
    }

    func testHelpForEveryCommand() throws {
        let commands = ["init", "project add", "project list", "approve", "adjust", "pay", "refund", "carryover",
                        "indicator add", "indicator actual", "indicator score", "reverse", "report", "trace", "log",
                        "verify", "repair"]
        for command in commands {
            let words = command.split(separator: " ").map(String.init)
            for arguments in [["help"] + words, words + ["--help"]] {
                let result = BudgetCommandLine.run(arguments, environment: ["BUDGET_NOW": Self.now])
                XCTAssertEqual(result.status, 0, "budget \(arguments.joined(separator: " ")): \(result.stderr)")
                XCTAssertEqual(result.stderr, "", "budget \(arguments.joined(separator: " "))")
                XCTAssertTrue(result.stdout.contains("usage: budget \(command)"), "budget \(arguments.joined(separator: " ")):\n\(result.stdout)")
            }
        }
        for arguments in [["help"], ["--help"]] {
            let result = BudgetCommandLine.run(arguments, environment: ["BUDGET_NOW": Self.now])
            XCTAssertEqual(result.status, 0)
            XCTAssertTrue(result.stdout.contains("usage: budget"))
            for command in commands { XCTAssertTrue(result.stdout.contains(command), "overview lacks \(command)") }
        }
        // Help needs no journal: none was created.
        XCTAssertNil(contents(journal))
        // Help for an unknown command is a usage error that suggests the nearest.
        assertOneLineError(BudgetCommandLine.run(["help", "reprot"], environment: [:]), ["reprot", "report"], status: 2, "budget help reprot")
    }

    // MARK: - 5. Trace

    func testTraceJSONFollowsTheJournalWithFiguresAfterEachStep() throws {
        ok(["init"])
        register("t", year: 2023)                                                                       // #1  2023-01-01
        register("other", year: 2023)                                                                   // #2
        ok(["approve", "t", "10000", "--source", "current", "--date", "2023-01-02"])                   // #3
        ok(["indicator", "add", "t", "i1", "--level1", "output", "--level2", "数量指标", "--name", "培训人次",
            "--target", "100人次", "--weight", "50"])                                                     // #4  dated 2023-01-01
        ok(["indicator", "add", "t", "i2", "--level1", "satisfaction", "--level2", "服务对象满意度",
            "--name", "受训人员满意度", "--target", "≥90%", "--weight", "40"])                               // #5
        ok(["approve", "other", "5000", "--source", "current", "--date", "2023-01-03"])                // #6
        ok(["pay", "t", "7190", "--source", "current", "--date", "2023-06-01"])                        // #7
        ok(["indicator", "actual", "t", "i1", "95人次", "--date", "2023-12-01"])                          // #8
        ok(["indicator", "score", "t", "i1", "45", "--date", "2023-12-20", "--reason", "未达标"])          // #9
        ok(["indicator", "score", "t", "i2", "40", "--date", "2023-12-20"])                            // #10
        ok(["indicator", "score", "t", "i1", "47.5", "--date", "2023-12-25"])                          // #11
        ok(["pay", "t", "2000", "--source", "current", "--date", "2023-03-01"])                        // #12 back-dated
        ok(["reverse", "11", "--date", "2023-12-28", "--reason", "复核有误"])                              // #13

        struct Step { let seq: Int; let date: String; let type: String; let rate: String?; let execution, indicator, total: String }
        // Figures after each step, in journal order; #2 and #6 do not touch t.
        let expected = [
            Step(seq: 1, date: "2023-01-01", type: "project.registered", rate: nil, execution: "0", indicator: "0", total: "0"),
            // 0 / 10,000 = 0.00%.
            Step(seq: 3, date: "2023-01-02", type: "budget.approved", rate: "0.00", execution: "0", indicator: "0", total: "0"),
            Step(seq: 4, date: "2023-01-01", type: "indicator.defined", rate: "0.00", execution: "0", indicator: "0", total: "0"),
            Step(seq: 5, date: "2023-01-01", type: "indicator.defined", rate: "0.00", execution: "0", indicator: "0", total: "0"),
            // 7,190 / 10,000 = 71.90% → 7.19 → 7.2.
            Step(seq: 7, date: "2023-06-01", type: "disbursement.made", rate: "71.90", execution: "7.2", indicator: "0", total: "7.2"),
            Step(seq: 8, date: "2023-12-01", type: "indicator.actual_recorded", rate: "71.90", execution: "7.2", indicator: "0", total: "7.2"),
            // 45 → 7.2 + 45 = 52.2.
            Step(seq: 9, date: "2023-12-20", type: "indicator.scored", rate: "71.90", execution: "7.2", indicator: "45", total: "52.2"),
            // 45 + 40 = 85 → 92.2.
            Step(seq: 10, date: "2023-12-20", type: "indicator.scored", rate: "71.90", execution: "7.2", indicator: "85", total: "92.2"),
            // i1 rescored 47.5: 47.5 + 40 = 87.5 → 94.7.
            Step(seq: 11, date: "2023-12-25", type: "indicator.scored", rate: "71.90", execution: "7.2", indicator: "87.5", total: "94.7"),
            // 9,190 / 10,000 = 91.90% → 9.19 → 9.2; 9.2 + 87.5 = 96.7.
            Step(seq: 12, date: "2023-03-01", type: "disbursement.made", rate: "91.90", execution: "9.2", indicator: "87.5", total: "96.7"),
            // #11 reversed: i1 back to 45: 45 + 40 = 85 → 94.2.
            Step(seq: 13, date: "2023-12-28", type: "event.reversed", rate: "91.90", execution: "9.2", indicator: "85", total: "94.2"),
        ]
        func check(_ steps: [[String: Any]], _ expected: [Step], file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(steps.compactMap { number($0["seq"]) }, expected.map(\.seq), "trace seqs", file: file, line: line)
            for (step, want) in zip(steps, expected) {
                let at = "step #\(want.seq)"
                XCTAssertEqual(step["date"] as? String, want.date, at, file: file, line: line)
                XCTAssertEqual(step["type"] as? String, want.type, at, file: file, line: line)
                if let rate = want.rate {
                    XCTAssertEqual(step["rate"] as? String, rate, at, file: file, line: line)
                } else {
                    XCTAssertTrue(step["rate"] is NSNull, "\(at): rate should be null", file: file, line: line)
                }
                XCTAssertEqual(step["executionScore"] as? String, want.execution, at, file: file, line: line)
                XCTAssertEqual(step["indicatorScore"] as? String, want.indicator, at, file: file, line: line)
                XCTAssertEqual(step["totalScore"] as? String, want.total, at, file: file, line: line)
            }
        }

        var trace = try XCTUnwrap(try parseJSON(ok(["trace", "t", "--format", "json"])) as? [String: Any])
        XCTAssertEqual(trace["project"] as? String, "t")
        check(try XCTUnwrap(trace["steps"] as? [[String: Any]]), expected)

        // As of 2023-12-21: #11 (12-25) and #13 (12-28) drop out; #12 (03-01) stays, still in journal order.
        // After #10: 7.2 + 85 = 92.2; after #12: 9.2 + 85 = 94.2.
        trace = try XCTUnwrap(try parseJSON(ok(["trace", "t", "--as-of", "2023-12-21", "--format", "json"])) as? [String: Any])
        var asOf = Array(expected[0..<8])
        asOf.append(Step(seq: 12, date: "2023-03-01", type: "disbursement.made", rate: "91.90", execution: "9.2", indicator: "85", total: "94.2"))
        check(try XCTUnwrap(trace["steps"] as? [[String: Any]]), asOf)

        // The other project sees only its own two events: 0 / 5,000 = 0.00%.
        trace = try XCTUnwrap(try parseJSON(ok(["trace", "other", "--format", "json"])) as? [String: Any])
        check(try XCTUnwrap(trace["steps"] as? [[String: Any]]), [
            Step(seq: 2, date: "2023-01-01", type: "project.registered", rate: nil, execution: "0", indicator: "0", total: "0"),
            Step(seq: 6, date: "2023-01-03", type: "budget.approved", rate: "0.00", execution: "0", indicator: "0", total: "0"),
        ])

        // The report agrees with the last step, and shows each indicator row.
        let t = try project(try report(["t"]), "t")
        assertFund(t, "total", initial: "10000.00", fullYear: "10000.00", executed: "9190.00", rate: "91.90")
        assertScores(t, execution: "9.2", indicator: "85", total: "94.2", grade: "优")
        let indicators = try XCTUnwrap(t["indicators"] as? [[String: Any]])
        XCTAssertEqual(indicators.count, 2)
        if indicators.count == 2 {
            let i1 = indicators[0], i2 = indicators[1]
            XCTAssertEqual(i1["id"] as? String, "i1")
            XCTAssertEqual(i1["level1"] as? String, "output")
            XCTAssertEqual(i1["level2"] as? String, "数量指标")
            XCTAssertEqual(i1["name"] as? String, "培训人次")
            XCTAssertEqual(i1["target"] as? String, "100人次")
            XCTAssertEqual(i1["actual"] as? String, "95人次")
            XCTAssertEqual(i1["weight"] as? String, "50")
            XCTAssertEqual(i1["score"] as? String, "45")
            XCTAssertEqual(i2["id"] as? String, "i2")
            XCTAssertEqual(i2["level1"] as? String, "satisfaction")
            XCTAssertEqual(i2["level2"] as? String, "服务对象满意度")
            XCTAssertEqual(i2["name"] as? String, "受训人员满意度")
            XCTAssertEqual(i2["target"] as? String, "≥90%")
            XCTAssertTrue(i2["actual"] is NSNull, "i2 has no actual")
            XCTAssertEqual(i2["weight"] as? String, "40")
            XCTAssertEqual(i2["score"] as? String, "40")
        }
        // Trace of an unknown project is refused.
        assertRefused(["trace", "nope", "--format", "json"], ["nope"])
    }

    /// Half-up rounding of the rate and of the score, and the grade boundaries.
    func testRoundingAndGradeBoundaries() throws {
        ok(["init"])
        register("g", year: 2023)                                                                       // #1
        ok(["indicator", "add", "g", "i", "--level1", "benefit", "--level2", "社会效益指标", "--name", "n",
            "--target", "t", "--weight", "90"])                                                          // #2
        ok(["approve", "g", "200", "--source", "current", "--date", "2023-01-01"])                     // #3
        ok(["pay", "g", "0.01", "--source", "current", "--date", "2023-01-02"])                        // #4
        ok(["pay", "g", "144.99", "--source", "current", "--date", "2023-01-03"])                      // #5
        ok(["pay", "g", "0.01", "--source", "current", "--date", "2023-01-04"])                        // #6
        ok(["pay", "g", "54.99", "--source", "current", "--date", "2023-01-05"])                       // #7
        for score in ["80", "79.99", "70", "69.99", "50", "49.99"] {
            ok(["indicator", "score", "g", "i", score, "--date", "2023-12-01"])                         // #8–#13 in turn
        }
        func at(_ seq: Int) throws -> [String: Any] { try project(try report(["g", "--at", String(seq)]), "g") }
        // #4: 0.01 / 200 = 0.005% → half-up 0.01%; score 0.001 → 0.
        var g = try at(4)
        assertFund(g, "total", initial: "200.00", fullYear: "200.00", executed: "0.01", rate: "0.01")
        assertScores(g, execution: "0", indicator: "0", total: "0", grade: "差")
        // #5: 145.00 / 200 = 72.50%; score 7.25 → half-up 7.3.
        g = try at(5)
        assertFund(g, "total", initial: "200.00", fullYear: "200.00", executed: "145.00", rate: "72.50")
        assertScores(g, execution: "7.3", indicator: "0", total: "7.3", grade: "差")
        // #6: 145.01 / 200 = 72.505% → half-up 72.51%; score 7.251 → 7.3.
        g = try at(6)
        assertFund(g, "total", initial: "200.00", fullYear: "200.00", executed: "145.01", rate: "72.51")
        // #7: 200.00 / 200 = 100.00% → 10.
        g = try at(7)
        assertFund(g, "total", initial: "200.00", fullYear: "200.00", executed: "200.00", rate: "100.00")
        assertScores(g, execution: "10", indicator: "0", total: "10", grade: "差")
        // Totals 10 + score: 90 优, 89.99 良, 80 良, 79.99 中, 60 中, 59.99 差.
        for (seq, indicator, total, grade) in [(8, "80", "90", "优"), (9, "79.99", "89.99", "良"), (10, "70", "80", "良"),
                                               (11, "69.99", "79.99", "中"), (12, "50", "60", "中"), (13, "49.99", "59.99", "差")] {
            assertScores(try at(seq), execution: "10", indicator: indicator, total: total, grade: grade)
        }
        // A score above the indicator's weight (90) is refused.
        assertRefused(["indicator", "score", "g", "i", "90.01", "--date", "2023-12-01"], ["90.01"])
    }

    // MARK: - 6. Verify and repair

    func testVerifyPrintsTheHeadAndRepairMovesATornTail() throws {
        ok(["init"])
        register("v", year: 2023)                                                                       // #1
        ok(["approve", "v", "1000", "--source", "current", "--date", "2023-01-01"])                    // #2
        ok(["pay", "v", "100", "--source", "current", "--date", "2023-02-01"])                         // #3
        let verified = ok(["verify"])
        let regex = try NSRegularExpression(pattern: "head ([0-9]+):([0-9a-f]{64})\\b")
        let match = try XCTUnwrap(regex.firstMatch(in: verified, range: NSRange(verified.startIndex..., in: verified)), verified)
        let headSeq = String(verified[Range(match.range(at: 1), in: verified)!])
        let headHash = String(verified[Range(match.range(at: 2), in: verified)!])
        XCTAssertEqual(headSeq, "3")
        // The head's hash is the one written on the last line of the journal.
        let intact = try XCTUnwrap(contents(journal))
        let lastLine = try XCTUnwrap(intact.split(separator: 0x0A).last)
        let lastEvent = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lastLine)) as? [String: Any])
        XCTAssertEqual(lastEvent["hash"] as? String, headHash)
        XCTAssertEqual(number(lastEvent["seq"]), 3)

        // A fourth line, cut short: its last 30 bytes (newline included) are lost.
        ok(["pay", "v", "200", "--source", "current", "--date", "2023-03-01"])                         // #4
        let full = try XCTUnwrap(contents(journal))
        XCTAssertGreaterThan(full.count, intact.count + 30)
        let torn = full.prefix(full.count - 30)
        let tornBytes = torn.suffix(from: intact.count)
        XCTAssertFalse(tornBytes.contains(0x0A))
        XCTAssertTrue(FileManager.default.createFile(atPath: journal, contents: Data(torn)))

        assertRefused(["verify"], ["line 4", "cut short"], status: 1)
        assertRefused(["pay", "v", "1", "--source", "current", "--date", "2023-04-01"], ["line 4"], status: 1)
        assertRefused(["report"], ["line 4"], status: 1)

        ok(["repair"])
        // The journal is back to its three complete lines; the torn bytes sit in one side file.
        XCTAssertEqual(contents(journal), intact)
        // (The checkpoint beside the journal is derived and disposable; it is not a side file.)
        let others = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0 != "budget.jsonl" && $0 != "budget.jsonl.checkpoint" }
        XCTAssertEqual(others.count, 1, "side files: \(others)")
        if let side = others.first {
            XCTAssertEqual(contents(path(side)), Data(tornBytes))
        }
        let again = ok(["verify"])
        XCTAssertTrue(again.contains("head 3:\(headHash)"), again)
        // Appending works again.
        ok(["pay", "v", "200", "--source", "current", "--date", "2023-03-01"])
        XCTAssertTrue(ok(["verify"]).contains("head 4:"))
    }

    // MARK: - 7. Log

    func testLogFiltersByProjectAndPrintsJSON() throws {
        ok(["init"])
        register("a", year: 2022)                                                                       // #1
        register("b", year: 2023)                                                                       // #2
        ok(["approve", "a", "100", "--source", "current", "--date", "2022-03-01"])                     // #3
        ok(["approve", "b", "50", "--source", "current", "--date", "2023-01-02"])                      // #4
        ok(["carryover", "a", "30", "--source", "current", "--to", "b", "--date", "2022-12-31"])       // #5 touches a and b
        ok(["pay", "b", "10", "--source", "carryover", "--date", "2023-02-01", "--payee", "某\"公司\""]) // #6
        ok(["reverse", "6", "--date", "2023-02-02", "--reason", "退回"])                                  // #7 touches b

        let all = try XCTUnwrap(try parseJSON(ok(["log", "--format", "json"])) as? [[String: Any]])
        XCTAssertEqual(all.count, 7)
        XCTAssertEqual(all.compactMap { number($0["seq"]) }, [1, 2, 3, 4, 5, 6, 7])

        let a = try XCTUnwrap(try parseJSON(ok(["log", "--project", "a", "--format", "json"])) as? [[String: Any]])
        XCTAssertEqual(a.compactMap { number($0["seq"]) }, [1, 3, 5])
        let b = try XCTUnwrap(try parseJSON(ok(["log", "--project", "b", "--format", "json"])) as? [[String: Any]])
        XCTAssertEqual(b.compactMap { number($0["seq"]) }, [2, 4, 5, 6, 7])
        XCTAssertEqual(b.compactMap { $0["type"] as? String },
                       ["project.registered", "budget.approved", "balance.carried_over", "disbursement.made", "event.reversed"])
        XCTAssertEqual(b.first { number($0["seq"]) == 6 }?["payee"] as? String, "某\"公司\"")

        // The table filters too: b's approval (50.00) is not in a's log, a's (100.00) is.
        let table = ok(["log", "--project", "a"])
        XCTAssertTrue(table.contains("100.00"), table)
        XCTAssertFalse(table.contains("50.00"), table)
        // An unknown project is refused.
        assertRefused(["log", "--project", "zz"], ["zz"])
        // An empty journal logs an empty array.
        let empty = path("empty.jsonl")
        ok(["init"], journal: empty)
        let none = try XCTUnwrap(try parseJSON(ok(["log", "--format", "json"], journal: empty)) as? [Any])
        XCTAssertEqual(none.count, 0)
    }
}
