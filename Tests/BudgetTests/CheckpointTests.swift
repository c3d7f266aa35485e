import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections
@testable import BudgetCLI

final class CheckpointTests: XCTestCase {
    /// A journal with a little of everything: payments on many dates, a back-dated one, a
    /// reversal of a payment, a carry-over, indicators, keyed payments.
    static func journalEvents() -> [Event] {
        var entries: [(String, EventBody)] = [
            ("2022-01-01", Fixture.register("old", year: 2022)), ("2022-01-02", Fixture.approve("old", "5000")),
            ("2023-01-01", Fixture.register("p")), ("2023-01-01", Fixture.register("q")),
            ("2023-01-02", Fixture.approve("p", "100000")), ("2023-01-02", Fixture.approve("q", "50000", .other)),
            ("2022-12-31", .carriedOver(CarryOver(project: "old", source: .current, amount: Fixture.yuan("3000"), toProject: "p"))),
        ]
        var random = SplitMix64(seed: 99)
        for _ in 0..<300 {
            let project = random.next(2) == 0 ? "p" : "q"
            let date = BusinessDate(year: 2023, month: random.next(12) + 1, day: random.next(27) + 2)!
            entries.append((date.text, Fixture.pay(project, "\(random.next(90) + 1).\(random.next(90) + 10)", project == "p" ? .current : .other)))
        }
        entries.append(("2023-12-20", .reversed(Reversal(targetSeq: 10, reason: "错", original: entries[9].1))))
        entries.append(("2023-06-01", Fixture.pay("p", "25", .carryover)))
        return Fixture.book(entries).events
    }

    func testACondensedJournalFoldsToTheSameFiguresAsOfEveryDate() {
        let events = Self.journalEvents()
        var summary = JournalSummary()
        for event in events { summary.absorb(event, endingAt: JournalPosition(head: JournalHead(seq: event.seq, hash: .zero), offset: event.seq * 100)) }
        XCTAssertLessThan(summary.condensed().count, events.count)
        for month in 1...12 {
            for day in [1, 15, 28] {
                let date = BusinessDate(year: 2023, month: month, day: day)!
                let full = Replay.projection(of: events, to: ReplayPoint(asOf: date))
                let condensed = projection(of: summary.condensed(asOf: date))
                XCTAssertEqual(full, condensed, "as of \(date)")
            }
        }
        XCTAssertEqual(Replay.projection(of: events), projection(of: summary.condensed()))
    }

    func testACheckpointRoundTripsAndADamagedOneIsRefused() {
        let events = Self.journalEvents()
        var summary = JournalSummary()
        var offset: Int64 = 0
        for event in events {
            offset += 300
            summary.absorb(event, endingAt: JournalPosition(head: JournalHead(seq: event.seq, hash: SHA256.hash("\(event.seq)")), offset: offset))
        }
        let key = Fixture.checkpointKey
        let bytes = Checkpoint.encode(summary, key: key)
        XCTAssertEqual(Checkpoint.decode(bytes, key: key), summary)
        for offset in stride(from: 0, to: bytes.count, by: 97) {
            var damaged = bytes
            damaged[offset] ^= 0x04
            XCTAssertNil(Checkpoint.decode(damaged, key: key), "byte \(offset)")
        }
        XCTAssertNil(Checkpoint.decode(Array(bytes.dropLast(5)), key: key))
        // Another user's key (or a forger's guess) does not authenticate it.
        XCTAssertNil(Checkpoint.decode(bytes, key: CheckpointKey(bytes: [UInt8](repeating: 8, count: 32), owner: 4242)))
    }

    /// A checkpoint whose authentication holds (a bug, since only the user's key makes one) but
    /// whose content could not have come from this ledger
    /// — counts past its size, totals or events out of order, past the head, or sharing a seq —
    /// is refused (and so rebuilt), never folded into a trap.
    func testAForgedCheckpointIsRefusedNotTrappedOn() {
        let zeros = String(repeating: "0", count: 64)
        let key = Fixture.checkpointKey
        for header in ["budget-checkpoint 3 1 \(zeros) 100 9223372036854775807 1 0", "budget-checkpoint 3 1 \(zeros) 100 0 9223372036854775807 0",
                       "budget-checkpoint 3 1 \(zeros) 100 0 0 9223372036854775807", "budget-checkpoint 3 1 \(zeros) 100 0 0 2",
                       "budget-checkpoint 2 1 \(zeros) 100 0 0 0"] {
            let body = Array((header + "\n").utf8)
            // Sealed with a valid authentication, so that only the counts (or the old version) can refuse it.
            XCTAssertNil(Checkpoint.decode(body + Array("mac \(Checkpoint.mac(body[...], key: key).hex)\n".utf8), key: key), header)
        }
        var summary = JournalSummary()
        var offset: Int64 = 0
        for event in Self.journalEvents() {
            offset += 300
            summary.absorb(event, endingAt: JournalPosition(head: JournalHead(seq: event.seq, hash: SHA256.hash("\(event.seq)")), offset: offset))
        }
        let text = String(decoding: Checkpoint.encode(summary, key: key), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast(2)   // the mac line and the empty string after it
        func resealed(_ lines: [String]) -> [UInt8] {
            let body = Array((lines.joined(separator: "\n") + "\n").utf8)
            return body + Array("mac \(Checkpoint.mac(body[...], key: key).hex)\n".utf8)
        }
        XCTAssertEqual(Checkpoint.decode(resealed(lines), key: key), summary, "resealing alone changes nothing")
        let head = summary.position.head.seq
        let totals = lines.indices.filter { lines[$0].hasPrefix("t\t") }
        let firstEvent = lines.firstIndex { $0.hasPrefix("{") }!
        func withLastSeq(_ index: Int, _ seq: Int64) -> [String] {
            var edited = lines
            var fields = edited[index].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            fields[6] = "\(seq)"
            edited[index] = fields.joined(separator: "\t")
            return edited
        }
        let eventSeq = Checkpoint.decode(resealed(lines), key: key)!.events[0].seq
        for (what, forged) in [("past the head", withLastSeq(totals.last!, head + 5)),
                               ("out of order", withLastSeq(totals[0], head)),
                               ("on an event's seq", withLastSeq(totals[0], eventSeq)),
                               ("events swapped", { var e = lines; e.swapAt(firstEvent, firstEvent + 1); return e }())] {
            XCTAssertNil(Checkpoint.decode(resealed(forged), key: key), what)
        }
    }

    /// The same commands give the same answers with a checkpoint after every write as with none.
    func testCommandsAgreeWithAndWithoutCheckpoints() throws {
        let directory = TemporaryDirectory()
        func run(_ journal: String, _ arguments: [String], checkpoint: Bool) -> CommandResult {
            var environment = ["BUDGET_NOW": "2023-12-31T00:00:00Z", "BUDGET_STATE_DIR": directory.path("state")]
            if checkpoint { environment["BUDGET_CHECKPOINT_MIN_BYTES"] = "0" }
            return BudgetCommandLine.run(["--journal", journal] + arguments, environment: environment)
        }
        let script: [[String]] = [
            ["init"],
            ["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"],
            ["approve", "p", "1000", "--source", "current", "--date", "2023-01-02"],
            ["pay", "p", "100", "--source", "current", "--date", "2023-03-01", "--id", "k1"],
            ["pay", "p", "200", "--source", "current", "--date", "2023-02-01"],
            ["pay", "p", "100", "--source", "current", "--date", "2023-03-01", "--id", "k1"],
            ["pay", "p", "101", "--source", "current", "--date", "2023-03-01", "--id", "k1"],
            ["reverse", "3", "--date", "2023-04-01", "--reason", "重复"],
            ["reverse", "3", "--date", "2023-04-02", "--reason", "again"],
            ["pay", "p", "801", "--source", "current", "--date", "2023-05-01"],
            ["pay", "p", "800", "--source", "current", "--date", "2023-05-01"],
            ["report", "--format", "json"], ["report", "--as-of", "2023-03-15", "--format", "json"],
            ["report", "--at", "4", "--format", "json"], ["trace", "p", "--format", "json"], ["verify"],
        ]
        let plain = directory.path("plain.jsonl"), cached = directory.path("cached.jsonl")
        for arguments in script {
            let a = run(plain, arguments, checkpoint: false), b = run(cached, arguments, checkpoint: true)
            XCTAssertEqual(a.status, b.status, "\(arguments)")
            // verify says what it found of the checkpoint; the rest is the same.
            func withoutCheckpoint(_ text: String) -> String { text.split(separator: "\n").filter { !$0.hasPrefix("checkpoint ") }.joined(separator: "\n") }
            XCTAssertEqual(withoutCheckpoint(a.stdout.replacingOccurrences(of: plain, with: "J")),
                           withoutCheckpoint(b.stdout.replacingOccurrences(of: cached, with: "J")), "\(arguments)")
            XCTAssertEqual(a.stderr, b.stderr, "\(arguments)")
            if arguments == ["verify"] { XCTAssertTrue(b.stdout.contains("checkpoint \(cached).u\(geteuid()).checkpoint agrees with the journal up to #"), b.stdout) }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: plain + ".u\(geteuid()).checkpoint"), "a small journal gets no checkpoint")
        XCTAssertTrue(FileManager.default.fileExists(atPath: cached + ".u\(geteuid()).checkpoint"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("state")) && !FileManager.default.fileExists(atPath: directory.path("state/checkpoint.key")))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: plain)), try Data(contentsOf: URL(fileURLWithPath: cached)))
    }

    /// A checkpoint whose line no longer stands in the journal is not used: the journal is read
    /// whole again, and its damage is found.
    func testACheckpointNamingAChangedLineIsNotTrusted() throws {
        let directory = TemporaryDirectory()
        let journal = directory.path("j.jsonl")
        let environment = ["BUDGET_NOW": "2023-12-31T00:00:00Z", "BUDGET_CHECKPOINT_MIN_BYTES": "0", "BUDGET_STATE_DIR": directory.path("state")]
        for arguments in [["init"], ["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"],
                          ["approve", "p", "1000", "--source", "current", "--date", "2023-01-02"],
                          ["pay", "p", "100", "--source", "current", "--date", "2023-03-01"], ["verify"]] {
            XCTAssertEqual(BudgetCommandLine.run(["--journal", journal] + arguments, environment: environment).status, 0)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: journal + ".u\(geteuid()).checkpoint"))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        let last = bytes.dropLast().lastIndex(of: 0x0A)! + 1
        let amount = try XCTUnwrap(bytes[last...].firstRange(of: Data("\"amount\":\"100.00\"".utf8)))
        bytes[amount.lowerBound + 10] = UInt8(ascii: "9")   // 100.00 → 900.00 in the last line
        try bytes.write(to: URL(fileURLWithPath: journal))
        let report = BudgetCommandLine.run(["--journal", journal, "report"], environment: environment)
        XCTAssertEqual(report.status, 1)
        XCTAssertTrue(report.stderr.contains("journal line 3"), report.stderr)
    }
}
