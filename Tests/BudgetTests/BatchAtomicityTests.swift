import XCTest
import Foundation
@testable import BudgetCLI
@testable import BudgetJournal

/// An append of several events (an import) is atomic on disk: its first line announces how many
/// lines it writes, so a journal cut anywhere inside it — at a line's end too — is read as cut
/// short, and repair moves the whole batch aside.
final class BatchAtomicityTests: XCTestCase {
    func journalWithAnImport() throws -> (cli: LedgerCLI, before: Data, after: Data) {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        cli.ok(["approve", "p", "1000", "--source", "current", "--date", "2023-01-01"])
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.journal))
        let csv = cli.directory.path("pay.csv")
        try "id,project,amount,source,date\nk1,p,1,current,2023-02-01\nk2,p,2,current,2023-02-02\nk3,p,3,current,2023-02-03\n"
            .write(toFile: csv, atomically: false, encoding: .utf8)
        XCTAssertEqual(cli.ok(["import", csv]), "imported 3 payments as #3–#5\n")
        let after = try Data(contentsOf: URL(fileURLWithPath: cli.journal))
        return (cli, before, after)
    }

    func testTheFirstLineOfABatchAnnouncesItsSize() throws {
        let (_, before, after) = try journalWithAnImport()
        let lines = String(decoding: after.dropFirst(before.count), as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].contains(",\"recorded\":\"2023-12-31T00:00:00Z\",\"batch\":3,\"project\":\"p\""), String(lines[0]))
        XCTAssertFalse(lines[1].contains("\"batch\"") || lines[2].contains("\"batch\""))
        // An append of one event announces nothing: journals written before batches read the same.
        XCTAssertFalse(String(decoding: before, as: UTF8.self).contains("\"batch\""))
    }

    /// Cut at every byte from the batch's start to its end: either the batch was not begun (the
    /// journal as before), or it is cut short, every command refuses, and repair leaves the
    /// journal exactly as before the import, keeping the bytes aside.
    func testAJournalCutAnywhereInsideABatchKeepsNoneOfIt() throws {
        let (cli, before, after) = try journalWithAnImport()
        let firstLineEnd = after[before.count...].firstIndex(of: 0x0A)! + 1
        for cut in before.count..<after.count {
            try after.prefix(cut).write(to: URL(fileURLWithPath: cli.journal))
            let verified = cli.run(["verify"])
            if cut == before.count {
                XCTAssertEqual(verified.status, 0, verified.stderr)
                continue
            }
            XCTAssertEqual(verified.status, 1, "cut at \(cut)")
            // Inside its first line nothing of the batch is whole: that line is simply torn.
            let withinFirstLine = cut < firstLineEnd
            XCTAssertTrue(verified.stderr.contains(withinFirstLine ? "journal line 3: incomplete last line" : "journal line 3: a batch of 3 events ends after"),
                          "cut at \(cut): \(verified.stderr)")
            let report = cli.run(["report"])
            XCTAssertEqual(report.status, 1)
            XCTAssertEqual(report.stdout, "")
            XCTAssertEqual(cli.run(["pay", "p", "1", "--source", "current", "--date", "2023-03-01"]).status, 1)
            let repaired = cli.ok(["repair"])
            if withinFirstLine {
                XCTAssertTrue(repaired.contains("bytes of a torn last line (after #2)"), repaired)
            } else {
                XCTAssertTrue(repaired.contains("bytes of a batch cut short (after #2)"), repaired)
                XCTAssertTrue(repaired.contains("of its 3 events were written, none acknowledged"), repaired)
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cli.journal)), before, "cut at \(cut)")
            let side = cli.journal + ".torn-3"
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: side)), after.subdata(in: before.count..<cut))
            try FileManager.default.removeItem(atPath: side)
        }
    }

    /// A batch may not begin inside another: that is damage, not a cut.
    func testABatchBegunInsideAnotherIsDamage() throws {
        let (cli, _, after) = try journalWithAnImport()
        var lines = String(decoding: after, as: UTF8.self).split(separator: "\n").map(String.init)
        // Line 4 re-sealed as the start of a batch of 2: its chain stays intact, so only the batch rule can catch it.
        let events = try JournalParser.parse(Array(after)[...]).events
        var prev = SHA256Digest.zero
        for (index, event) in events.enumerated() {
            let line = EventEncoder.line(for: event, prev: prev, batch: index == 2 ? 3 : index == 3 ? 2 : nil)
            lines[index] = line.text
            prev = line.hash
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: cli.journal, atomically: false, encoding: .utf8)
        let verified = cli.run(["verify"])
        XCTAssertEqual(verified.status, 1)
        XCTAssertEqual(verified.stderr, "budget: error: journal line 4: begins a batch inside the batch begun on line 3\n")
        XCTAssertEqual(cli.run(["repair"]).status, 1, "repair never hides damage")
    }
}
