import XCTest
import Foundation
@testable import BudgetCLI
@testable import BudgetJournal
@testable import BudgetModel
import BudgetProjections

/// The attacks of "Nothing lost, nothing forged", rerun: a checkpoint forged with its checksum
/// recomputed, a journal rewritten with a duplicate id or an overspending event and its chain
/// recomputed. None may change a figure, let a refused payment in, or brick the journal.
final class TrustTests: XCTestCase {
    let checkpointing = ["BUDGET_CHECKPOINT_MIN_BYTES": "0"]

    func ledger() -> LedgerCLI {
        let cli = LedgerCLI()
        for arguments in [["init"], ["project", "add", "px-2023", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"],
                          ["project", "add", "q", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"],
                          ["approve", "px-2023", "1000", "--source", "current", "--date", "2023-01-02"],
                          ["approve", "q", "1000", "--source", "current", "--date", "2023-01-02"],
                          ["pay", "px-2023", "600", "--source", "current", "--date", "2023-03-01", "--id", "p-1"],
                          ["verify"]] {
            cli.ok(arguments, environment: checkpointing)
        }
        return cli
    }

    var owner: UInt32 { geteuid() }

    func checkpointPath(_ cli: LedgerCLI) -> String { cli.journal + ".u\(owner).checkpoint" }

    /// The checkpoint with its pages changed and sealed again under `key`: with the user's key,
    /// what a bug could make; with another, a forgery (which cannot authenticate).
    func rewrittenCheckpoint(_ cli: LedgerCLI, key: CheckpointKey, change: [(String, String)]) throws -> [UInt8] {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: checkpointPath(cli))))
        return CheckpointFixture.resealed(bytes, key: key, pages: { _, page in
            change.reduce(page) { CheckpointFixture.replacing($1.0, with: $1.1, in: $0) }
        })
    }

    func usersKey(_ cli: LedgerCLI) throws -> CheckpointKey {
        try CheckpointKey.load(directory: cli.directory.path("state")).get()
    }

    func testAForgedCheckpointIsNeverTrustedAndIsKeptAsEvidence() throws {
        let cli = ledger()
        let truth = cli.ok(["report", "--format", "json"], environment: checkpointing)
        // The payment total cut, sealed with a key that is not the user's.
        let forgerKey = CheckpointKey(bytes: [UInt8](repeating: 1, count: 32), owner: owner)
        let forged = try rewrittenCheckpoint(cli, key: forgerKey, change: [("\t60000\t", "\t100\t")])
        XCTAssertNotEqual(forged, try Array(Data(contentsOf: URL(fileURLWithPath: checkpointPath(cli)))))
        try Data(forged).write(to: URL(fileURLWithPath: checkpointPath(cli)))
        let report = cli.run(["report", "--format", "json"], environment: checkpointing)
        XCTAssertEqual(report.status, 0)
        XCTAssertEqual(report.stdout, truth, "a forged checkpoint changes no figure")
        XCTAssertTrue(report.stderr.hasPrefix("budget: warning: checkpoint \(checkpointPath(cli)) is not one your key authenticates"), report.stderr)
        let evidence = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: cli.directory.url.path)
            .first { $0.contains(".checkpoint.rejected-") })
        XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: cli.directory.path(evidence)))), forged, "the forged file is kept as it was")
        // A payment the true figures refuse is refused: only 400 remains.
        try Data(forged).write(to: URL(fileURLWithPath: checkpointPath(cli)))
        let refused = cli.run(["pay", "px-2023", "500", "--source", "current", "--date", "2023-04-01"], environment: checkpointing)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("only 400.00 of the current budget"), refused.stderr)
        // verify says what it did with one.
        try Data(forged).write(to: URL(fileURLWithPath: checkpointPath(cli)))
        let verified = cli.ok(["verify"], environment: checkpointing)
        XCTAssertTrue(verified.contains("is not one your key authenticates: it was not trusted, and was moved to"), verified)
    }

    /// A checkpoint that the user's key authenticates yet that disagrees with the journal can only
    /// come from a bug: verify fails naming it, and keeps it.
    func testAnAuthenticatedCheckpointThatDisagreesFailsVerify() throws {
        let cli = ledger()
        let wrong = try rewrittenCheckpoint(cli, key: try usersKey(cli), change: [("\t60000\t", "\t50000\t")])
        try Data(wrong).write(to: URL(fileURLWithPath: checkpointPath(cli)))
        let verified = cli.run(["verify"], environment: checkpointing)
        XCTAssertEqual(verified.status, 1)
        XCTAssertTrue(verified.stderr.contains("checkpoint \(checkpointPath(cli)) is authenticated by your key but disagrees with the journal's own replay up to #5: this is a bug in budget"), verified.stderr)
        XCTAssertNotNil(try FileManager.default.contentsOfDirectory(atPath: cli.directory.url.path).first { $0.contains(".checkpoint.rejected-") })
    }

    /// Rewrites the journal's events through `change` and chains them again, as a forger who
    /// recomputes every hash would.
    func rewrite(_ cli: LedgerCLI, _ change: (inout [Event]) -> Void) throws {
        var events = try JournalParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: cli.journal)))[...]).events
        change(&events)
        try (Fixture.chain(events).joined(separator: "\n") + "\n").write(toFile: cli.journal, atomically: false, encoding: .utf8)
    }

    func testAnIDUsedTwiceInARewrittenJournalFailsVerify() throws {
        let cli = ledger()
        try rewrite(cli) { events in
            events.append(Event(seq: 6, id: "p-1", date: Fixture.date("2023-03-02"), recorded: "2023-12-31T00:00:00Z",
                                body: .disbursed(Disbursement(project: "q", source: .current, amount: Money(fen: 100)))))
        }
        let verified = cli.run(["verify"])
        XCTAssertEqual(verified.status, 1)
        XCTAssertEqual(verified.stderr, "budget: error: journal line 6: id 'p-1' was already used by line 5\n")
    }

    /// An overspending payment written into the journal with its chain recomputed: reading goes on
    /// with a warning, verify and check fail naming the line, other projects are written to, and
    /// the affected project takes the event that restores its balance.
    func testAJournalBreakingARuleIsNeverBricked() throws {
        let cli = ledger()
        try rewrite(cli) { events in
            events.append(Event(seq: 6, id: "@6", date: Fixture.date("2023-03-05"), recorded: "2023-12-31T00:00:00Z",
                                body: .disbursed(Disbursement(project: "px-2023", source: .current, amount: Money(fen: 900_00)))))
        }
        let report = cli.run(["report", "px-2023", "--format", "json"])
        XCTAssertEqual(report.status, 0)
        XCTAssertTrue(report.stdout.contains("\"executed\": \"1500.00\""), report.stdout)
        XCTAssertEqual(report.stderr, "budget: warning: journal line 6: the current budget of 'px-2023' is overspent as of 2023-03-05 (-500.00 remains)\n")
        let verified = cli.run(["verify"])
        XCTAssertEqual(verified.status, 1)
        XCTAssertEqual(verified.stderr, "budget: error: journal line 6: the current budget of 'px-2023' is overspent as of 2023-03-05 (-500.00 remains)\n")
        XCTAssertEqual(cli.run(["check", "px-2023"]).status, 1)
        // Another project's payment goes in; the overspent one takes no more, but takes the reversal.
        XCTAssertEqual(cli.run(["pay", "q", "10", "--source", "current", "--date", "2023-04-01"]).status, 0)
        XCTAssertEqual(cli.run(["pay", "px-2023", "1", "--source", "current", "--date", "2023-06-01"]).status, 1)
        XCTAssertEqual(cli.run(["reverse", "6", "--date", "2023-03-05", "--reason", "forged"]).status, 0)
        XCTAssertEqual(cli.run(["verify"]).status, 0, "the reversal on the same date restores the balance as of every date")
    }

    /// A command about one project reads the checkpoint's pages of that project, and of those the
    /// checkpoint suspects: a project in which an event breaks a rule is warned of by a reader of another.
    func testAReaderOfOneProjectIsWarnedOfAnotherThatBreaksARule() throws {
        let cli = ledger()
        try rewrite(cli) { events in
            events.append(Event(seq: 6, id: "@6", date: Fixture.date("2023-03-05"), recorded: "2023-12-31T00:00:00Z",
                                body: .disbursed(Disbursement(project: "px-2023", source: .current, amount: Money(fen: 900_00)))))
        }
        // verify reads every line, fails, and leaves a checkpoint that suspects px-2023.
        XCTAssertEqual(cli.run(["verify"], environment: checkpointing).status, 1)
        let image = try XCTUnwrap(CheckpointFixture.image(Array(Data(contentsOf: URL(fileURLWithPath: checkpointPath(cli)))), key: try usersKey(cli)))
        XCTAssertEqual(image.suspects, ["px-2023"])
        XCTAssertEqual(image.position.head.seq, 6)
        let report = cli.run(["report", "q", "--format", "json"], environment: checkpointing)
        XCTAssertEqual(report.status, 0)
        XCTAssertEqual(report.stderr, "budget: warning: journal line 6: the current budget of 'px-2023' is overspent as of 2023-03-05 (-500.00 remains)\n")
        // Mended, and checked again: no project is suspected, and no reader warns.
        XCTAssertEqual(cli.run(["reverse", "6", "--date", "2023-03-05", "--reason", "forged"], environment: checkpointing).status, 0)
        cli.ok(["verify"], environment: checkpointing)
        XCTAssertEqual(try XCTUnwrap(CheckpointFixture.image(Array(Data(contentsOf: URL(fileURLWithPath: checkpointPath(cli)))), key: try usersKey(cli))).suspects, [])
        cli.ok(["report", "q", "--format", "json"], environment: checkpointing)
    }

    /// With no checkpoint to compare, `verify` writes the fresh one while it checks the ids: the
    /// same file, byte for byte, as a cold report leaves, suspecting the project that breaks a
    /// rule, and the id used twice still named.
    func testAVerifyWithoutACheckpointLeavesTheOneAReportWould() throws {
        let cli = ledger()
        try rewrite(cli) { events in
            events.append(Event(seq: 6, id: "p-1", date: Fixture.date("2023-03-05"), recorded: "2023-12-31T00:00:00Z",
                                body: .disbursed(Disbursement(project: "px-2023", source: .current, amount: Money(fen: 900_00)))))
        }
        try FileManager.default.removeItem(atPath: checkpointPath(cli))
        let verified = cli.run(["verify"], environment: checkpointing)
        XCTAssertEqual(verified.status, 1)
        // Each problem on its own line: verify is where the warnings of other commands point to.
        XCTAssertEqual(verified.stderr, """
            budget: error: journal line 6: the current budget of 'px-2023' is overspent as of 2023-03-05 (-500.00 remains)
            budget: error: journal line 6: id 'p-1' was already used by line 5

            """)
        let afterVerify = try Array(Data(contentsOf: URL(fileURLWithPath: checkpointPath(cli))))
        let image = try XCTUnwrap(CheckpointFixture.image(afterVerify, key: try usersKey(cli)))
        XCTAssertEqual(image.suspects, ["px-2023"])
        XCTAssertEqual(image.position.head.seq, 6)
        try FileManager.default.removeItem(atPath: checkpointPath(cli))
        XCTAssertEqual(cli.run(["report", "--format", "json"], environment: checkpointing).status, 0)
        XCTAssertTrue(try Array(Data(contentsOf: URL(fileURLWithPath: checkpointPath(cli)))) == afterVerify, "the same checkpoint as a cold report's")
    }

    /// Past `Violations.shownMax`, verify says how many more there are.
    func testVerifyNamesTheFirstViolationsAndCountsTheRest() throws {
        let cli = ledger()
        try rewrite(cli) { events in
            // Twenty-five projects, each paid from a budget it never had: a violation each.
            for number in 1...25 {
                let seq = Int64(4 + 2 * number)
                events.append(Event(seq: seq, id: "@\(seq)", date: Fixture.date("2023-03-05"), recorded: "2023-12-31T00:00:00Z",
                                    body: Fixture.register("x\(number)")))
                events.append(Event(seq: seq + 1, id: "@\(seq + 1)", date: Fixture.date("2023-03-05"), recorded: "2023-12-31T00:00:00Z",
                                    body: .disbursed(Disbursement(project: "x\(number)", source: .current, amount: Money(fen: 100)))))
            }
        }
        let verified = cli.run(["verify"])
        XCTAssertEqual(verified.status, 1)
        let lines = verified.stderr.split(separator: "\n").map(String.init)
        guard lines.count == Violations.shownMax + 1 else { return XCTFail(verified.stderr) }
        XCTAssertEqual(lines.first, "budget: error: journal line 7: the current budget of 'x1' is overspent as of 2023-03-05 (-1.00 remains)")
        // Overdrafts are found once every line is read, and said by project: x1, x10 … x19, x2, x20 … x25, x3, x4.
        XCTAssertEqual(lines[Violations.shownMax - 1], "budget: error: journal line 13: the current budget of 'x4' is overspent as of 2023-03-05 (-1.00 remains)")
        XCTAssertEqual(lines.last, "budget: error: … and 5 more problems, not listed")
    }

    /// Lines past the checkpoint are checked, for every project they touch, by the command that
    /// writes the next checkpoint: one that breaks a rule makes its project a suspect then.
    func testTheCommandThatWritesACheckpointChecksEveryLinePastTheLastOne() throws {
        let cli = ledger()
        try rewrite(cli) { events in
            events.append(Event(seq: 6, id: "@6", date: Fixture.date("2023-03-05"), recorded: "2023-12-31T00:00:00Z",
                                body: .disbursed(Disbursement(project: "px-2023", source: .current, amount: Money(fen: 900_00)))))
        }
        let rows = (1...Int(JournalFile.checkpointTailMax)).map { "r\($0),q,0.01,current,2023-05-01,,\n" }.joined()
        try ("id,project,amount,source,date,payee,memo\n" + rows).write(toFile: cli.directory.path("q.csv"), atomically: false, encoding: .utf8)
        // The import reads q's part and px-2023's (line 6 is past the checkpoint), warns, and writes the next checkpoint.
        let imported = cli.run(["import", cli.directory.path("q.csv")], environment: checkpointing)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let image = try XCTUnwrap(CheckpointFixture.image(Array(Data(contentsOf: URL(fileURLWithPath: checkpointPath(cli)))), key: try usersKey(cli)))
        XCTAssertEqual(image.position.head.seq, 6 + JournalFile.checkpointTailMax)
        XCTAssertEqual(image.suspects, ["px-2023"])
        let report = cli.run(["report", "q", "--format", "json"], environment: checkpointing)
        XCTAssertEqual(report.stderr, "budget: warning: journal line 6: the current budget of 'px-2023' is overspent as of 2023-03-05 (-500.00 remains)\n")
    }

    /// A page of the checkpoint changed without its digest (the table, and so the authentication,
    /// untouched) is found when it is read: never used, set aside, and the journal read whole.
    func testAPageThatDoesNotMatchItsDigestIsNeverUsed() throws {
        let cli = ledger()
        let truth = cli.ok(["report", "px-2023", "--format", "json"], environment: checkpointing)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: checkpointPath(cli))))
        let changed = CheckpointFixture.replacing("\t60000\t", with: "\t10000\t", in: bytes)
        XCTAssertNotEqual(changed, bytes)
        XCTAssertNotNil(CheckpointFixture.image(changed, key: try usersKey(cli)), "the table still authenticates")
        try Data(changed).write(to: URL(fileURLWithPath: checkpointPath(cli)))
        let report = cli.run(["report", "px-2023", "--format", "json"], environment: checkpointing)
        XCTAssertEqual(report.status, 0)
        XCTAssertEqual(report.stdout, truth)
        XCTAssertTrue(report.stderr.hasPrefix("budget: warning: checkpoint \(checkpointPath(cli)): page 0 does not match its digest: not used; moved to"), report.stderr)
        XCTAssertNotNil(try FileManager.default.contentsOfDirectory(atPath: cli.directory.url.path).first { $0.contains(".checkpoint.rejected-") })
        // A payment the changed page would allow (it says 100.00 was spent) is refused on the true figures.
        try Data(changed).write(to: URL(fileURLWithPath: checkpointPath(cli)))
        let refused = cli.run(["pay", "px-2023", "500", "--source", "current", "--date", "2023-04-01"], environment: checkpointing)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("only 400.00 of the current budget"), refused.stderr)
    }

    /// A read 2,000 lines past the checkpoint writes the next one while it folds, copying the
    /// pages nothing changed: a copied page that fails its digest is said before the journal's
    /// own warnings, as when the checkpoint was written before the fold (the write once said it
    /// after them).
    func testACheckpointsDamageFoundWhileWritingIsSaidBeforeTheJournalsWarnings() throws {
        let cli = ledger()
        try rewrite(cli) { events in
            events.append(Event(seq: 6, id: "@6", date: Fixture.date("2023-03-02"), recorded: "2023-12-31T00:00:00Z",
                                body: .disbursed(Disbursement(project: "nobody", source: .current, amount: Money(fen: 100)))))
        }
        let kept = try Array(Data(contentsOf: URL(fileURLWithPath: checkpointPath(cli))))
        let rows = (1...Int(JournalFile.checkpointTailMax)).map { "r\($0),q,0.01,current,2023-05-01,,\n" }.joined()
        try ("id,project,amount,source,date,payee,memo\n" + rows).write(toFile: cli.directory.path("q.csv"), atomically: false, encoding: .utf8)
        XCTAssertEqual(cli.run(["import", cli.directory.path("q.csv")], environment: checkpointing).status, 0)
        // The checkpoint of line 5 again, its key page (which a report does not read, and the
        // next checkpoint copies) changed without its digest.
        let image = try XCTUnwrap(CheckpointFixture.image(kept, key: try usersKey(cli)))
        let keyPage = try XCTUnwrap(image.pages.first { $0.kind == .keys })
        var changed = kept
        changed[Int(keyPage.offset)] ^= 0x01
        for _ in 0..<5 {
            try Data(changed).write(to: URL(fileURLWithPath: checkpointPath(cli)))
            let report = cli.run(["report"], environment: checkpointing)
            XCTAssertEqual(report.status, 0)
            let warnings = report.stderr.split(separator: "\n")
            XCTAssertEqual(warnings.count, 2, report.stderr)
            XCTAssertTrue(warnings.first?.hasPrefix("budget: warning: checkpoint ") ?? false, report.stderr)
            XCTAssertTrue(warnings.last?.contains("unknown project 'nobody'") ?? false, report.stderr)
        }
    }

    func testAnApprovalThatRestoresTheBalanceIsAccepted() throws {
        let cli = ledger()
        try rewrite(cli) { events in
            events.append(Event(seq: 6, id: "@6", date: Fixture.date("2023-03-05"), recorded: "2023-12-31T00:00:00Z",
                                body: .disbursed(Disbursement(project: "px-2023", source: .current, amount: Money(fen: 900_00)))))
        }
        XCTAssertEqual(cli.run(["approve", "px-2023", "500", "--source", "current", "--date", "2023-01-10"]).status, 0)
        XCTAssertEqual(cli.run(["verify"]).status, 0)
    }

    /// The key is made once, readable by its owner alone, and refused when others could read it
    /// or when it is not a regular file.
    func testTheKeyIsTheUsersAloneAndMadeOnce() throws {
        let directory = TemporaryDirectory()
        let state = directory.path("deep/state")
        let first = try CheckpointKey.load(directory: state).get()
        let second = try CheckpointKey.load(directory: state).get()
        XCTAssertEqual(first.bytes, second.bytes)
        XCTAssertEqual(first.bytes.count, 32)
        var info = stat()
        XCTAssertEqual(stat(state + "/checkpoint.key", &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
        chmod(state + "/checkpoint.key", 0o644)
        XCTAssertThrowsError(try CheckpointKey.load(directory: state).get())
        let linked = directory.path("linked")
        mkdir(linked, 0o700)
        symlink(state + "/checkpoint.key", linked + "/checkpoint.key")
        XCTAssertThrowsError(try CheckpointKey.load(directory: linked).get())
    }
}
