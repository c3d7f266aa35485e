import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections
@testable import BudgetReports
@testable import BudgetCLI

/// `budget export`: accounts one to one with projects and sources, transactions that balance and
/// whose account balances are the report's figures, texts escaped for each tool, and a command
/// that never touches the journal. Scripts/interop runs hledger and beancount on real exports.
final class ExportTests: XCTestCase {
    // MARK: - Accounts

    func testProjectIdsBecomeValidDistinctAccountComponents() {
        XCTAssertEqual(LedgerAccount.component(forProject: "bzgl-2023"), "Bzgl-2023")
        XCTAssertEqual(LedgerAccount.component(forProject: "Bzgl"), "0Bzgl")
        XCTAssertEqual(LedgerAccount.component(forProject: "2023_x.y"), "02023QUxQDy")
        XCTAssertEqual(LedgerAccount.component(forProject: "aQ"), "AQQ")
        XCTAssertEqual(LedgerAccount(.budget, "bzgl-2023", .carryover).name, "Income:Budget:Bzgl-2023:Carryover")
        // Ids that a careless mapping would merge: case of the first letter, the escapes themselves.
        let tricky = ["a", "A", "0a", "aQ", "a_", "aQU", "a.Q", "aQD", "q", "Q", "qU", "Q_", "_", ".", "0", "00", "a-b", "a_b", "a.b", "A-b", "x.", "xQD"]
        let components = tricky.map(LedgerAccount.component(forProject:))
        XCTAssertEqual(Set(components).count, tricky.count, "two ids share an account: \(components)")
        for component in components {
            // beancount: a capital or a digit, then letters, digits and '-'.
            let scalars = Array(component.unicodeScalars)
            XCTAssertTrue(scalars.first.map { ("A"..."Z").contains($0) || ("0"..."9").contains($0) } ?? false, component)
            XCTAssertTrue(scalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }, component)
        }
    }

    // MARK: - The journal of these tests

    /// a-2022 (2022): 500 approved, 200 carried on to b-2023 on 31 Dec 2022. b-2023: 1,000 approved,
    /// 250.50 paid to a hostile payee (#6, reversed on 1 April), 150 paid from the carry-over,
    /// 100 refunded, cut by 50.
    private func scenario() -> LedgerCLI {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "a-2022", "--name", "旧项目", "--department", "d", "--unit", "u", "--year", "2022", "--date", "2022-01-01"])
        cli.ok(["project", "add", "b-2023", "--name", "新项目", "--department", "d", "--unit", "u", "--year", "2023", "--date", "2022-12-01"])
        cli.ok(["approve", "a-2022", "500", "--source", "current", "--date", "2022-01-01"])
        cli.ok(["carryover", "a-2022", "200", "--source", "current", "--to", "b-2023", "--date", "2022-12-31"])
        cli.ok(["approve", "b-2023", "1000", "--source", "current", "--date", "2023-01-02", "--memo", "年初"])
        cli.ok(["pay", "b-2023", "250.50", "--source", "current", "--date", "2023-02-03", "--payee", "厦门\"大学\"\\;x|y", "--memo", "a;b"])
        cli.ok(["pay", "b-2023", "150", "--source", "carryover", "--date", "2023-02-10"])
        cli.ok(["refund", "b-2023", "100", "--source", "current", "--date", "2023-03-01", "--reason", "交回"])
        cli.ok(["adjust", "b-2023", "-50", "--source", "current", "--date", "2023-03-02", "--reason", "调减"])
        cli.ok(["reverse", "6", "--date", "2023-04-01", "--reason", "重复"])
        return cli
    }

    private func export(_ cli: LedgerCLI, asOf: String? = nil) throws -> (LedgerExport, LedgerReport) {
        var all: [Event] = []
        try JournalFile(path: cli.journal).reading { reader in _ = try reader.scan { event, _ in all.append(event) } }
        let date = asOf.map(Fixture.date)
        let included = all.filter { date == nil || $0.date <= date! }
        let export = LedgerExport(events: included, asOf: date)
        let report = LedgerReport(projection: projection(of: try JournalFile(path: cli.journal).condensed(asOf: date)), options: ReportOptions(point: ReplayPoint(asOf: date)))
        return (export, report)
    }

    private func balances(_ export: LedgerExport) -> [LedgerAccount: Int64] {
        var balances: [LedgerAccount: Int64] = [:]
        for transaction in export.transactions {
            XCTAssertEqual(transaction.postings.reduce(0) { $0 + $1.amount.fen }, 0, "#\(transaction.seq) balances")
            for posting in transaction.postings { balances[posting.account, default: 0] += posting.amount.fen }
        }
        return balances
    }

    /// Each account's balance is the report's figure for its project and source.
    private func assertBalancesAreTheReport(_ export: LedgerExport, _ report: LedgerReport, file: StaticString = #filePath, line: UInt = #line) {
        let balances = balances(export)
        var known = Set<LedgerAccount>()
        for project in report.projects {
            for source in FundSource.allCases {
                let figures = project.state.funds[source]
                let id = project.state.id
                let expected: [(LedgerAccount.Kind, Int64)] = [(.budget, -figures.fullYear.fen), (.executed, figures.executed.fen),
                                                               (.treasury, figures.remaining.fen), (.carriedOver, figures.carriedOut.fen)]
                for (kind, fen) in expected {
                    let account = LedgerAccount(kind, id, source)
                    known.insert(account)
                    XCTAssertEqual(balances[account] ?? 0, fen, "\(account.name)", file: file, line: line)
                }
            }
        }
        // A carry-in dated before its receiver's registration (bzgl-2022 → bzgl-2023 on 2022-12-31)
        // waits, in the report, for the registration; the export keeps it in the receiver's accounts.
        for account in Set(balances.keys).subtracting(known) {
            XCTAssertTrue(account.source == .carryover && [.budget, .treasury].contains(account.kind), "\(account.name) belongs to no project", file: file, line: line)
        }
    }

    func testBalancesAreTheReportsFiguresByHand() throws {
        let (export, report) = try export(scenario())
        let balances = balances(export)
        func balance(_ kind: LedgerAccount.Kind, _ project: String, _ source: FundSource) -> String {
            Money(fen: balances[LedgerAccount(kind, project, source)] ?? 0).yuanText
        }
        // b-2023 current: full year 1000 − 100 refunded − 50 cut = 850; paid 250.50, reversed: 0; remaining 850.
        XCTAssertEqual(balance(.budget, "b-2023", .current), "-850.00")
        XCTAssertEqual(balance(.executed, "b-2023", .current), "0.00")
        XCTAssertEqual(balance(.treasury, "b-2023", .current), "850.00")
        // b-2023 carryover: 200 carried in from a-2022, 150 paid, 50 remaining.
        XCTAssertEqual(balance(.budget, "b-2023", .carryover), "-200.00")
        XCTAssertEqual(balance(.executed, "b-2023", .carryover), "150.00")
        XCTAssertEqual(balance(.treasury, "b-2023", .carryover), "50.00")
        // a-2022: full year 500, carried on 200, remaining 300.
        XCTAssertEqual(balance(.budget, "a-2022", .current), "-500.00")
        XCTAssertEqual(balance(.carriedOver, "a-2022", .current), "200.00")
        XCTAssertEqual(balance(.treasury, "a-2022", .current), "300.00")
        assertBalancesAreTheReport(export, report)
    }

    func testBalancesAreTheReportsAsOfEveryMonthEndOfTheShippedJournal() throws {
        let journal = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Journal/2023.jsonl").standardized.path
        let cli = LedgerCLI()
        try FileManager.default.copyItem(atPath: journal, toPath: cli.journal)
        for date in ["2022-12-31"] + ExecutionCurve.dates(ofYear: 2023, through: Fixture.date("2023-12-31")).map(\.text) {
            let (export, report) = try export(cli, asOf: date)
            assertBalancesAreTheReport(export, report)
        }
        let (export, report) = try export(cli)
        assertBalancesAreTheReport(export, report)
        XCTAssertEqual(export.projects.count, 8)
    }

    // MARK: - The files

    func testHledgerTransactionsByHand() {
        let out = scenario().ok(["export", "--format", "hledger"])
        // hledger ends a description at ';' and splits the payee at '|': both become full-width.
        XCTAssertTrue(out.contains("""

        2023-02-03 * (6) 厦门"大学"\\；x｜y | 支出 b-2023 current: a；b
            Expenses:Executed:B-2023:Current   250.50 CNY
            Assets:Treasury:B-2023:Current    -250.50 CNY

        """), out)
        XCTAssertTrue(out.contains("""

        2023-04-01 * (10) 厦门"大学"\\；x｜y | 冲销 #6 支出 b-2023 current: a；b: 重复
            Expenses:Executed:B-2023:Current  -250.50 CNY
            Assets:Treasury:B-2023:Current     250.50 CNY

        """), out)
        // A carry-over moves the money between projects and keeps the sender's budget whole.
        XCTAssertTrue(out.contains("""

        2022-12-31 * (4) 结转 a-2022 current → b-2023
            Equity:CarriedOver:A-2022:Current   200.00 CNY
            Assets:Treasury:A-2022:Current     -200.00 CNY
            Assets:Treasury:B-2023:Carryover    200.00 CNY
            Income:Budget:B-2023:Carryover     -200.00 CNY

        """), out)
        let codes = out.split(separator: "\n").filter { $0.hasPrefix("20") }.map { $0.split(separator: " ")[2] }
        XCTAssertEqual(codes, ["(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"], "date order, then journal order")
        XCTAssertTrue(out.contains("account Expenses:Executed:B-2023:Current  ; project: b-2023, source: current\n"))
        XCTAssertTrue(out.contains("commodity 1000.00 CNY\n"))
    }

    func testBeancountKeepsTextsExactAndOpensEachAccountBeforeUse() {
        let out = scenario().ok(["export", "--format", "beancount"])
        XCTAssertTrue(out.contains("""

        2023-02-03 * "厦门\\"大学\\"\\\\;x|y" "支出 b-2023 current: a;b"
          seq: 6
          Expenses:Executed:B-2023:Current   250.50 CNY
          Assets:Treasury:B-2023:Current    -250.50 CNY

        """), out)
        XCTAssertTrue(out.contains("2022-01-01 open Assets:Treasury:A-2022:Current CNY\n  project: \"a-2022\"\n  source: \"current\"\n"), out)
        XCTAssertTrue(out.contains("2022-12-31 open Assets:Treasury:B-2023:Carryover CNY\n"), out)
        XCTAssertTrue(out.contains("2023-02-03 open Expenses:Executed:B-2023:Current CNY\n"), out)
        XCTAssertTrue(out.contains("option \"operating_currency\" \"CNY\"\n"))
        XCTAssertEqual(BeancountJournal.quoted(#"a"b\c"#), #""a\"b\\c""#)
    }

    func testExportWritesOnlyWhereAskedAndNeverTheJournal() throws {
        let cli = scenario()
        cli.refused(["export"], ["missing --format"], status: 2)
        cli.refused(["export", "--format", "csv"], ["--format 'csv'"], status: 2)
        cli.refused(["export", "--format", "hledger", "--output", cli.journal], ["--output", "is the journal"], status: 2)
        let link = cli.directory.path("link.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: cli.journal)
        cli.refused(["export", "--format", "beancount", "--output", link], ["--output", "is the journal"], status: 2)
        cli.refused(["export", "--format", "hledger", "--output", cli.directory.path("no/such/dir.journal")], ["--output", "no/such/dir.journal"], status: 2)
        cli.refused(["export", "--format", "hledger", "--as-of", "2023-13-01"], ["--as-of"], status: 2)
        cli.refused(["export", "--format", "hledger", "--at", "99"], ["--at 99", "#10"], status: 2)

        let path = cli.directory.path("out.beancount")
        // Accounts: a-2022 current (budget, treasury, carried over), b-2023 current and carryover
        // (budget, treasury, executed each): 9.
        XCTAssertEqual(cli.ok(["export", "--format", "beancount", "--output", path]), "exported 8 transactions in 9 accounts to \(path) (beancount)\n")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), cli.ok(["export", "--format", "beancount"]))
        // As of 31 January: the approval of a-2022, the carry-over and b-2023's approval.
        let january = cli.ok(["export", "--format", "hledger", "--as-of", "2023-01-31"])
        XCTAssertEqual(january.split(separator: "\n").filter { $0.hasPrefix("20") }.count, 3)
        XCTAssertTrue(january.contains("through event #5, as of 2023-01-31"), january)
        let atFive = cli.ok(["export", "--format", "hledger", "--at", "5"])
        XCTAssertEqual(atFive.split(separator: "\n").filter { $0.hasPrefix("20") }.count, 3)
    }

    /// When hledger or beancount is installed (Scripts/interop installs both), they accept the export.
    func testTheToolsReadTheExportWhenInstalled() throws {
        let cli = scenario()
        var ran = 0
        for (format, tool, arguments) in [("hledger", "hledger", ["check", "--strict", "-f"]), ("beancount", "bean-check", [])] {
            guard let executable = which(tool) else { continue }
            let path = cli.directory.path("export.\(format)")
            cli.ok(["export", "--format", format, "--output", path])
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments + [path]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(tool): \(message)")
            ran += 1
        }
        if ran == 0 { throw XCTSkip("neither hledger nor bean-check is installed (Scripts/interop installs them)") }
    }

    private func which(_ tool: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
