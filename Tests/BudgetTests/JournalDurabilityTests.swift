import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal

/// Failures from outside the program: full disks, file-size limits, concurrent writers and
/// processes killed mid-append. These run the real executable, since only a real process can be
/// killed or raced.
final class JournalDurabilityTests: XCTestCase {
    var directory: TemporaryDirectory!
    var journal: String!
    var budget: String { ProcessTests.executable.path }

    override func setUpWithError() throws {
        directory = TemporaryDirectory()
        journal = directory.path("j.jsonl")
        let env = ["BUDGET_JOURNAL": journal!]
        XCTAssertEqual(try ProcessTests.run(["init"], environment: env).status, 0)
        XCTAssertEqual(try ProcessTests.run(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"], environment: env).status, 0)
        XCTAssertEqual(try ProcessTests.run(["approve", "p", "1000000", "--source", "current", "--date", "2023-01-01"], environment: env).status, 0)
    }

    // XCTest keeps every test case until the process ends, so a directory it holds would outlive
    // the test: let go of it here, and it is removed.
    override func tearDown() {
        directory = nil
        super.tearDown()
    }

    func bash(_ script: String) throws -> ProcessTests.Outcome {
        try ProcessTests.run(URL(fileURLWithPath: "/bin/bash"), ["-c", script], environment: ["B": budget, "J": journal])
    }

    func journalBytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: journal)) }

    func verify() throws -> ProcessTests.Outcome { try ProcessTests.run(["--journal", journal, "verify"]) }

    /// A write that the file-size limit cuts short is undone: the journal keeps no half line.
    func testAWriteCutShortByAFileSizeLimitLeavesTheJournalAsItWas() throws {
        // A 2 KB memo makes the line longer than the slack up to the next 1 KiB block, so the
        // write starts, stops part-way at the limit, and must be cut back.
        let before = try journalBytes()
        let blocks = (before.count + 1023) / 1024
        let outcome = try bash("ulimit -f \(blocks); exec \"$B\" --journal \"$J\" pay p 1 --source current --date 2023-02-01 --memo \(String(repeating: "x", count: 2000))")
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("write failed: File too large"), outcome.stderr)
        XCTAssertEqual(try journalBytes(), before)
        XCTAssertEqual(try verify().status, 0)
    }

    /// /dev/full, once a stand-in for a full disk here, is no journal at all: refused before
    /// anything is written (the file-size limit above stands in for a disk that fills).
    func testADeviceIsNoJournal() throws {
        let outcome = try ProcessTests.run(["--journal", "/dev/full", "project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.stderr, "budget: error: journal /dev/full is a character device, not a regular file; a journal is a file of its own\n")
    }

    /// Four writers at once, each appending its own payments: every one is recorded exactly once,
    /// with contiguous seqs and an intact chain.
    func testConcurrentWritersLoseNothingAndDoubleNothing() throws {
        let writers = 4, each = 25
        let script = (0..<writers).map { w in
            "(for i in $(seq 1 \(each)); do \"$B\" --journal \"$J\" pay p 1.00 --source current --date 2023-03-01 --id w\(w)-$i > /dev/null || echo FAIL; done) &"
        }.joined(separator: "\n") + "\nwait"
        let outcome = try bash(script)
        XCTAssertFalse(outcome.stdout.contains("FAIL"), outcome.stderr)
        let checked = try verify()
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertTrue(checked.stdout.hasPrefix("ok: \(2 + writers * each) events"), checked.stdout)   // the project and its approval, then the payments
        let text = String(decoding: try journalBytes(), as: UTF8.self)
        for w in 0..<writers {
            for i in 1...each {
                XCTAssertEqual(text.components(separatedBy: "\"id\":\"w\(w)-\(i)\"").count - 1, 1, "w\(w)-\(i)")
            }
        }
    }

    /// Killed with SIGKILL in the middle of a loop of appends: every event that was acknowledged
    /// is in the journal; at worst the last line is torn, and repair makes it appendable again.
    func testSIGKILLLosesNothingAcknowledged() throws {
        let acknowledged = directory.path("acks")
        let script = """
        (for i in $(seq 1 100000); do "$B" --journal "$J" pay p 0.01 --source current --date 2023-04-01 --id k-$i >> "\(acknowledged)" || exit 1; done) &
        loop=$!
        sleep 1.5
        pkill -9 -f -- "--id k-" ; kill -9 $loop 2>/dev/null
        wait 2>/dev/null
        exit 0
        """
        _ = try bash(script)
        let acks = (try? String(contentsOfFile: acknowledged, encoding: .utf8)) ?? ""
        let keys = acks.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "(id ") else { return nil }
            return String(line[range.upperBound...].dropLast())
        }
        XCTAssertGreaterThan(keys.count, 3, "the loop should have recorded something before it was killed")
        var checked = try verify()
        if checked.status != 0 {
            XCTAssertTrue(checked.stderr.contains("cut short"), checked.stderr)
            XCTAssertEqual(try ProcessTests.run(["--journal", journal, "repair"]).status, 0)
            checked = try verify()
        }
        XCTAssertEqual(checked.status, 0, checked.stderr)
        let text = String(decoding: try journalBytes(), as: UTF8.self)
        for key in keys { XCTAssertTrue(text.contains("\"id\":\"\(key)\""), "acknowledged \(key) is missing") }
        // The next retry of a key that may or may not have landed is recorded once at most.
        let next = "k-\(keys.count + 1)"
        for _ in 0..<2 {
            XCTAssertEqual(try ProcessTests.run(["--journal", journal, "pay", "p", "0.01", "--source", "current", "--date", "2023-04-01", "--id", next]).status, 0)
        }
        XCTAssertEqual(String(decoding: try journalBytes(), as: UTF8.self).components(separatedBy: "\"id\":\"\(next)\"").count - 1, 1)
    }

    /// An import killed with SIGKILL — as soon as the journal starts to grow, or a moment later —
    /// leaves none of its batch or all of it, never a part: what is there is refused as cut short
    /// until `repair` moves the batch aside whole. (`Scripts/stress` does this many times over.)
    func testAnImportKilledAtAnyMomentLeavesNoneOrAllOfIt() throws {
        let rows = 15_000
        let csv = directory.path("pay.csv")
        var text = "id,project,amount,source,date\n"
        for i in 1...rows { text += "k\(i),p,0.01,current,2023-02-01\n" }
        try text.write(toFile: csv, atomically: false, encoding: .utf8)
        let base = try journalBytes()
        var outcomes: [String: Int] = [:]
        for attempt in 0..<4 {
            try base.write(to: URL(fileURLWithPath: journal))
            // Kill when the file first grows, or that and a few milliseconds more.
            let delay = ["0", "0.002", "0.01"][attempt % 3]
            _ = try bash("""
            size=$(stat -c %s "$J")
            "$B" --journal "$J" import "\(csv)" > /dev/null 2>&1 &
            pid=$!
            while kill -0 $pid 2>/dev/null && [ "$(stat -c %s "$J")" -le "$size" ]; do :; done
            sleep \(delay); kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; exit 0
            """)
            var checked = try verify()
            if checked.status != 0 {
                XCTAssertTrue(checked.stderr.contains("a batch of \(rows) events ends after") || checked.stderr.contains("incomplete last line"), checked.stderr)
                XCTAssertEqual(try ProcessTests.run(["--journal", journal, "repair"]).status, 0)
                checked = try verify()
                outcomes["cut short, moved aside", default: 0] += 1
            }
            XCTAssertEqual(checked.status, 0, checked.stderr)
            let head = checked.stdout.split(separator: " ")[1]
            XCTAssertTrue(head == "2" || head == "\(2 + rows)", "after the kill the journal holds \(head) events: neither none nor all of the batch")
            if head == "2" { XCTAssertEqual(try journalBytes(), base) }
            outcomes[head == "2" ? "none" : "all", default: 0] += 1
        }
        // Whether a kill falls inside the write is a matter of timing; `BatchAtomicityTests` cuts
        // a batch at every byte, deterministically.
        XCTAssertEqual(outcomes["none", default: 0] + outcomes["all", default: 0], 4, "\(outcomes)")
    }

    /// While an append writes its pieces, SIGINT, SIGTERM and SIGHUP are ignored, so that a batch
    /// is never left half written by an interrupt; before and after, they are as they were.
    func testInterruptsAreHeldOffWhileAnAppendWrites() throws {
        let before = Interrupts.ignored()
        var whileWriting: [[Bool]] = []
        let payment = EventBody.disbursed(Disbursement(project: "p", source: .current, amount: Money(fen: 100)))
        let events = (3...4).map { Event(seq: Int64($0), id: "@\($0)", date: BusinessDate("2023-03-01")!, recorded: "2024-01-01T00:00:00Z", body: payment) }
        try JournalFile(path: journal).append { _ in
            AppendPlan(count: 2, pieces: { write in
                for event in events {
                    whileWriting.append(Interrupts.ignored())
                    try write(EventPiece([event]))
                }
            })
        }
        XCTAssertEqual(whileWriting, [[true, true, true], [true, true, true]])
        XCTAssertEqual(Interrupts.ignored(), before)
        XCTAssertEqual(try verify().status, 0)
    }
}
