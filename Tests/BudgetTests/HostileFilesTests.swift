import XCTest
import Foundation
@testable import BudgetCLI
@testable import BudgetJournal
@testable import BudgetModel

/// Only regular files are read and replaced, and no text can play tricks on a terminal: the
/// reproductions of "Nothing lost, nothing forged", items 2, 4 and 5.
final class HostileFilesTests: XCTestCase {
    var budget: String { ProcessTests.executable.path }

    func ledger() -> LedgerCLI { LedgerCLI.withProject(budget: "1000", approvedOn: "2023-01-02") }

    /// A FIFO, a device or a file of /proc as the journal is refused at once with one line, by
    /// readers and writers alike; nothing waits on a FIFO, and no lock is held.
    func testOnlyARegularFileIsAJournal() throws {
        let directory = TemporaryDirectory()
        let fifo = directory.path("fifo.jsonl")
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        for (path, kind) in [(fifo, "is a FIFO (named pipe)"), ("/dev/full", "is a character device"),
                             ("/proc/self/status", "is a file of the kernel's"), (directory.url.path, "is a directory")] {
            for arguments in [["report"], ["verify"], ["pay", "p", "1", "--source", "current", "--date", "2023-02-01"], ["repair"]] {
                let started = Date()
                let outcome = try ProcessTests.run(["--journal", path] + arguments)
                XCTAssertLessThan(Date().timeIntervalSince(started), 5, "\(arguments) on \(path) returned at once")
                XCTAssertEqual(outcome.status, 1, "\(arguments) on \(path)")
                XCTAssertTrue(outcome.stderr.hasPrefix("budget: error: journal \(path) \(kind)"), outcome.stderr)
                XCTAssertEqual(outcome.stderr.filter { $0 == "\n" }.count, 1)
            }
        }
        // A dangling link: init says what it is rather than that the journal exists.
        let link = directory.path("link.jsonl")
        XCTAssertEqual(symlink(directory.path("nowhere.jsonl"), link), 0)
        let created = try ProcessTests.run(["--journal", link, "init"])
        XCTAssertEqual(created.status, 1)
        XCTAssertEqual(created.stderr, "budget: error: journal \(link) is a symbolic link, not a regular file; a journal is a file of its own\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("nowhere.jsonl")))
    }

    /// A FIFO where the checkpoint or a declared form should be is refused at once.
    func testAFIFOCheckpointOrFormFileIsRefusedAtOnce() throws {
        let cli = ledger()
        let environment = ["BUDGET_CHECKPOINT_MIN_BYTES": "0"]
        let checkpoint = cli.journal + ".u\(geteuid()).checkpoint"
        try? FileManager.default.removeItem(atPath: checkpoint)
        XCTAssertEqual(mkfifo(checkpoint, 0o600), 0)
        let report = cli.run(["report"], environment: environment)
        XCTAssertEqual(report.status, 0)
        XCTAssertTrue(report.stderr.contains("is not one your key authenticates"), report.stderr)
        let form = cli.directory.path("form.json")
        XCTAssertEqual(mkfifo(form, 0o600), 0)
        cli.refused(["declare", "p", "--file", form, "--date", "2023-12-31"], ["--file \(form) is a FIFO (named pipe), not a regular file"], status: 2)
    }

    /// `--output` replaces only a regular file, keeps its mode, and writes through a temporary
    /// file no one can guess the name of.
    func testOutputReplacesOnlyARegularFileAndKeepsItsMode() throws {
        let cli = ledger()
        let target = cli.directory.path("form.html")
        XCTAssertEqual(symlink(cli.journal, target), 0)
        cli.refused(["form", "--output", target], ["--output \(target) is the journal"], status: 2)
        try FileManager.default.removeItem(atPath: target)
        let other = cli.directory.path("other.txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: other, contents: Data("keep".utf8)))
        XCTAssertEqual(symlink(other, target), 0)
        cli.refused(["form", "--output", target], ["--output \(target) is not a regular file"], status: 2)
        XCTAssertEqual(try String(contentsOfFile: other, encoding: .utf8), "keep", "a link is never followed to replace what it names")
        try FileManager.default.removeItem(atPath: target)
        cli.refused(["form", "--output", "/dev/full"], ["--output /dev/full is not a regular file"], status: 2)
        XCTAssertTrue(FileManager.default.createFile(atPath: target, contents: Data("old".utf8), attributes: [.posixPermissions: 0o600]))
        XCTAssertTrue(cli.ok(["form", "--output", target]).hasPrefix("wrote"))
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cli.directory.url.path).filter { $0.contains(".tmp-") }, [])
    }

    static let deceptive: [(String, String)] = [
        ("\u{202E}", "U+202E (RIGHT-TO-LEFT OVERRIDE)"), ("\u{9B}", "U+009B (a C1 control character)"), ("\u{2028}", "U+2028 (LINE SEPARATOR)"),
        ("\u{2066}", "U+2066 (LEFT-TO-RIGHT ISOLATE)"), ("\u{200F}", "U+200F (RIGHT-TO-LEFT MARK)"), ("\u{61C}", "U+061C (ARABIC LETTER MARK)"),
    ]

    /// Every text option refuses a character that would change how text is shown, naming it.
    func testEveryTextOptionRefusesBidiAndC1Characters() {
        let cli = ledger()
        cli.ok(["indicator", "add", "p", "o1", "--level1", "output", "--level2", "数量指标", "--name", "n", "--target", "好", "--weight", "50"])
        let commands: [(String, [String])] = [
            ("--name", ["project", "add", "q", "--department", "d", "--unit", "u", "--year", "2023"]),
            ("--department", ["project", "add", "q", "--name", "n", "--unit", "u", "--year", "2023"]),
            ("--memo", ["approve", "p", "1", "--source", "current", "--date", "2023-02-01"]),
            ("--reason", ["adjust", "p", "1", "--source", "current", "--date", "2023-02-01"]),
            ("--payee", ["pay", "p", "1", "--source", "current", "--date", "2023-02-01"]),
            ("--memo", ["pay", "p", "1", "--source", "current", "--date", "2023-02-01"]),
            ("--reason", ["refund", "p", "1", "--source", "current", "--date", "2023-02-01"]),
            ("--target", ["indicator", "add", "p", "o2", "--level1", "output", "--level2", "x", "--name", "n", "--weight", "1"]),
            ("--note", ["indicator", "actual", "p", "o1", "好", "--date", "2023-12-31"]),
            ("--reason", ["indicator", "score", "p", "o1", "40", "--date", "2023-12-31"]),
            ("--outcome", ["goal", "p", "--date", "2023-12-31"]),
            ("--memo", ["policy", "set", "--date", "2023-02-01"]),
            ("--execution-reason", ["declare", "p", "--total-score", "90", "--date", "2023-12-31"]),
        ]
        for (character, name) in Self.deceptive {
            for (option, arguments) in commands {
                cli.refused(arguments + [option, "a\(character)b"], ["\(option) contains \(name)"], status: 2)
            }
            cli.refused(["indicator", "actual", "p", "o1", "a\(character)b", "--date", "2023-12-31"], ["VALUE contains \(name)"], status: 2)
        }
    }

    func testAnImportColumnRefusesThemToo() throws {
        let cli = ledger()
        let csv = cli.directory.path("rows.csv")
        try "id,project,amount,source,date,payee\nk1,p,1,current,2023-02-01,a\u{202E}b\n".write(toFile: csv, atomically: false, encoding: .utf8)
        let result = cli.run(["import", csv])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("line 2: payee contains U+202E (RIGHT-TO-LEFT OVERRIDE)"), result.stderr)
        try "\u{FEFF}\u{FEFF}id,project,amount,source,date\n".write(toFile: csv, atomically: false, encoding: .utf8)
        XCTAssertTrue(cli.run(["import", csv]).stderr.contains("column 'id' begins with a second byte order mark (U+FEFF)"))
    }

    /// A journal written before these characters were refused is still read, and a terminal
    /// is shown each as its escape; JSON carries it as a \u escape.
    func testAnOlderJournalWithThemIsReadAndShownEscaped() throws {
        let cli = ledger()
        var events = try JournalParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: cli.journal)))[...]).events
        events.append(Event(seq: 3, id: "@3", date: Fixture.date("2023-02-01"), recorded: "2023-12-31T00:00:00Z",
                            body: .disbursed(Disbursement(project: "p", source: .current, amount: Money(fen: 100), payee: "evil\u{202E}txt.exe"))))
        // Written raw, as an older version did.
        let lines = Fixture.chain(events)
        XCTAssertTrue(lines[2].contains("\\u202e"), "the writer now escapes it in JSON")
        var prev = SHA256Digest.zero
        var raw: [String] = []
        for event in events {
            var body = EventEncoder.unchainedBody(for: event)
            body = Array(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\\u202e", with: "\u{202E}").utf8)
            EventEncoder.appendChain(prev: prev, to: &body)
            let hash = body.withUnsafeBytes { SHA256.hash($0) }
            raw.append(String(decoding: body, as: UTF8.self) + ",\"hash\":\"\(hash.hex)\"}")
            prev = hash
        }
        XCTAssertTrue(raw[2].contains("\u{202E}"))
        try (raw.joined(separator: "\n") + "\n").write(toFile: cli.journal, atomically: false, encoding: .utf8)
        XCTAssertTrue(cli.ok(["verify"]).hasPrefix("ok: 3 events"))
        let log = cli.ok(["log"])
        XCTAssertTrue(log.contains("evil\\u{202E}txt.exe"), log)
        XCTAssertFalse(log.contains("\u{202E}"))
        XCTAssertTrue(cli.ok(["log", "--format", "json"]).contains("evil\\u202etxt.exe"))
    }
}
