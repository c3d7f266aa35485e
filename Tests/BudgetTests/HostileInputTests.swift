import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections
@testable import BudgetReports
@testable import BudgetCLI

/// SplitMix64: a small, seeded generator, so every fuzz run is repeatable and a failure names its case.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`; the modulo bias is irrelevant for fuzzing.
    mutating func next(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}

/// Hostile input must end in a clear error or a correct result: never a trap, a hang or
/// unbounded memory. A trap here would kill the test process, which fails the run.
final class HostileInputTests: XCTestCase {
    /// A real journal: the shipped 2023 one, which holds every kind of event.
    static let seedJournal: [UInt8] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Journal/2023.jsonl")
        return Array((try? Data(contentsOf: path)) ?? Data())
    }()

    /// Parses, folds and renders, as every reading command does. Returns the error text, if any.
    func readEverything(_ bytes: [UInt8]) -> String? {
        do {
            let parsed = try JournalParser.parse(bytes[...])
            let book = try LedgerBook.fold(parsed.events)
            _ = book.headSeq
            let report = LedgerReport(events: parsed.events, options: ReportOptions())
            _ = LedgerReportJSON.render(report)
            _ = LedgerReportTable.render(report)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testTheSeedJournalIsReadable() {
        XCTAssertGreaterThan(Self.seedJournal.count, 10_000)
        XCTAssertNil(readEverything(Self.seedJournal))
    }

    func testMutatedJournalsFailCleanlyOrReadCorrectly() {
        var random = SplitMix64(seed: 2023)
        let original = Self.seedJournal
        var errors = 0
        for round in 0..<300 {
            var bytes = original
            switch round % 6 {
            case 0:   // bit flips
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    let offset = Int.random(in: 0..<bytes.count, using: &random)
                    bytes[offset] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
                }
            case 1:   // truncation anywhere
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
            case 2:   // random bytes spliced in, invalid UTF-8 included
                let offset = Int.random(in: 0..<bytes.count, using: &random)
                bytes.insert(contentsOf: (0..<Int.random(in: 1...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: offset)
            case 3:   // a whole line replaced with something of the wrong shape
                let shapes = ["[]", "null", "{\"v\":1}", String(repeating: "[", count: 5_000),
                              "{\"v\":1,\"seq\":99999999999999999999999}", "{\"v\":\"1\",\"seq\":1}",
                              String(repeating: "{\"a\":", count: 100), "\u{FEFF}{}", "{\"v\":1e999}"]
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                lines[Int.random(in: 0..<(lines.count - 1), using: &random)] = Array(shapes[round / 6 % shapes.count].utf8)
                bytes = Array(lines.joined(separator: [0x0A]))
            case 4:   // a huge line
                let offset = Int.random(in: 0..<bytes.count, using: &random)
                bytes.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "x"), count: Limits.lineBytesMax * 2), at: offset)
            default:  // lines duplicated or dropped
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                let index = Int.random(in: 0..<(lines.count - 1), using: &random)
                if round % 2 == 0 { lines.remove(at: index) } else { lines.insert(lines[index], at: index) }
                bytes = Array(lines.joined(separator: [0x0A]))
            }
            if let error = readEverything(bytes) {
                errors += 1
                XCTAssertFalse(error.contains("\n"), "an error is one line: \(error)")
                XCTAssertTrue(error.hasPrefix("journal line "), "the error names a line: \(error.prefix(120))")
            } else {
                // What reads cleanly must be a prefix of the original at a line boundary: nothing else
                // passes the chain.
                XCTAssertTrue(original.starts(with: bytes), "round \(round): a changed journal was accepted")
            }
        }
        XCTAssertGreaterThan(errors, 250)
    }

    func testRandomArgumentListsNeverTrap() throws {
        let directory = TemporaryDirectory()
        let journal = directory.path("j.jsonl")
        try Data(Self.seedJournal).write(to: URL(fileURLWithPath: journal))
        let before = try Data(contentsOf: URL(fileURLWithPath: journal))
        let words = ["init", "project", "add", "list", "approve", "adjust", "pay", "refund", "carryover", "indicator", "actual",
                     "score", "reverse", "report", "trace", "log", "verify", "repair", "help", "--journal", "--source", "--date",
                     "--to", "--as-of", "--at", "--format", "--id", "--reason", "--name", "--year", "--weight", "--level1", "--help",
                     "-h", "--", "current", "carryover", "other", "bzgl-2023", "jbhjz-2022", "2023-02-30", "2023-12-31", "9999-01-01",
                     "0", "-1", "1.234", "99999999999999999999", "53.42万", "1,23.0", "json", "csv", "table", "", " ", "\u{0}",
                     "≥90%", "\u{202E}", String(repeating: "长", count: 3_000), "--=", "--journal=", "@1", "-", "263", "99999999999"]
        var random = SplitMix64(seed: 7)
        for _ in 0..<3_000 {
            var arguments = (0..<Int.random(in: 0...9, using: &random)).map { _ in words.randomElement(using: &random)! }
            // Keep every run on the copy: a stray --journal must not reach another file.
            arguments.removeAll { $0.hasPrefix("--journal") }
            arguments = ["--journal", journal] + arguments
            let result = BudgetCommandLine.run(arguments, environment: ["BUDGET_NOW": "2023-12-31T00:00:00Z"])
            if result.status != 0 {
                XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "\(arguments): \(result.stderr)")
                XCTAssertTrue(result.stderr.hasPrefix("budget: error: "), "\(arguments)")
                XCTAssertEqual(result.stdout, "")
            }
        }
        // Whatever was appended, the journal still verifies, and it still begins with what it held.
        let after = try Data(contentsOf: URL(fileURLWithPath: journal))
        XCTAssertTrue(after.starts(with: before))
        XCTAssertEqual(BudgetCommandLine.run(["--journal", journal, "verify"]).status, 0)
    }

    func testAnOversizedJournalIsRefusedBeforeItIsRead() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("huge.jsonl")
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(Limits.journalBytesMax) + 1)     // sparse: no disk used
        try handle.close()
        let result = BudgetCommandLine.run(["--journal", path, "report"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "budget: error: journal \(path) is larger than the limit of 8 GiB\n")
    }

    func testTextAndIdLimitsAtTheLimitAndOnePast() throws {
        let directory = TemporaryDirectory()
        let journal = directory.path("j.jsonl")
        func run(_ arguments: [String]) -> CommandResult { BudgetCommandLine.run(["--journal", journal] + arguments) }
        XCTAssertEqual(run(["init"]).status, 0)
        let idAtLimit = String(repeating: "p", count: Limits.idBytesMax)
        XCTAssertEqual(run(["project", "add", idAtLimit, "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"]).status, 0)
        let idPast = run(["project", "add", idAtLimit + "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        XCTAssertEqual(idPast.stderr, "budget: error: ID '\(idAtLimit)p' is longer than 64 bytes\n")
        // 长 is three bytes of UTF-8: 682 of them and two ASCII letters make exactly 2,048 bytes.
        let textAtLimit = String(repeating: "长", count: 682) + "ab"
        XCTAssertEqual(textAtLimit.utf8.count, Limits.textBytesMax)
        XCTAssertEqual(run(["project", "add", "q", "--name", textAtLimit, "--department", "d", "--unit", "u", "--year", "2023"]).status, 0)
        let textPast = run(["project", "add", "r", "--name", textAtLimit + "c", "--department", "d", "--unit", "u", "--year", "2023"])
        XCTAssertEqual(textPast.stderr, "budget: error: --name is longer than 2048 bytes\n")
        let newline = run(["project", "add", "r", "--name", "a\nb", "--department", "d", "--unit", "u", "--year", "2023"])
        XCTAssertEqual(newline.stderr, "budget: error: --name contains a control character such as a newline\n")
        XCTAssertEqual(run(["verify"]).status, 0)
    }

    func testSeqBeyondTheEventLimitIsRefusedInAFile() {
        func line(seq: Int64) -> [UInt8] {
            let event = Event(seq: seq, id: "@\(seq)", date: Fixture.date("2023-01-01"), recorded: "2023-01-01T00:00:00Z", body: Fixture.register("p"))
            return Array(EventEncoder.line(for: event, prev: .zero).text.utf8) + [0x0A]
        }
        func problem(_ bytes: [UInt8]) -> String {
            do { _ = try JournalParser.parse(bytes[...]); return "accepted" } catch { return "\(error)" }
        }
        // At the limit the seq itself is acceptable (the line then fails only its link to the
        // empty journal before it); one past, the seq itself is refused.
        XCTAssertTrue(problem(line(seq: Int64(Limits.eventsMax))).contains("seq \(Limits.eventsMax) where 1 was expected"))
        XCTAssertTrue(problem(line(seq: Int64(Limits.eventsMax) + 1)).contains("\"seq\" is not an integer in 1...\(Limits.eventsMax)"))
    }
}
