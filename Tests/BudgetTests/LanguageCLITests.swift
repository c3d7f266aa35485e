import XCTest
import Foundation
@testable import BudgetCLI
import BudgetText

/// The command line speaks the reader's language: Chinese when the locale is Chinese or with
/// `--lang zh`, English otherwise. Command names, options, JSON keys and rule ids do not change.
final class LanguageCLITests: XCTestCase {
    static let chinese = ["LANG": "zh_CN.UTF-8"]
    static let plain = ["LANG": "C"]

    func ledger() -> LedgerCLI {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "xy-2023", "--name", "测试项目", "--year", "2023", "--department", "财政厅", "--unit", "信息中心", "--date", "2023-01-01"])
        cli.ok(["approve", "xy-2023", "100", "--source", "current", "--date", "2023-01-10"])
        return cli
    }

    func testAnErrorIsSaidInTheLocalesLanguage() {
        let cli = ledger()
        let zh = cli.run(["pay", "xy-2023", "200", "--source", "current", "--date", "2023-02-01"], environment: Self.chinese)
        XCTAssertEqual(zh.status, 1)
        XCTAssertEqual(zh.stderr, "budget: 错误：支出 200.00 元超出预算（无预算不支出）：项目“xy-2023”的当年财政拨款预算截至 2023-02-01 仅余 100.00 元未支出\n")
        let en = cli.run(["pay", "xy-2023", "200", "--source", "current", "--date", "2023-02-01"], environment: Self.plain)
        XCTAssertEqual(en.stderr, "budget: error: payment of 200.00 exceeds the budget (无预算不支出): only 100.00 of the current budget of 'xy-2023' remains unspent on 2023-02-01\n")
    }

    func testLangOutranksTheLocale() {
        let cli = ledger()
        let zh = cli.run(["--lang", "zh", "pay", "nope-2023", "1", "--source", "current", "--date", "2023-02-01"], environment: Self.plain)
        XCTAssertEqual(zh.stderr, "budget: 错误：未知项目“nope-2023”\n")
        let en = cli.run(["pay", "nope-2023", "1", "--source", "current", "--date", "2023-02-01", "--lang=en"], environment: Self.chinese)
        XCTAssertEqual(en.stderr, "budget: error: unknown project 'nope-2023'\n")
        let unknown = cli.run(["--lang", "fr", "log"], environment: Self.chinese)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "budget: 错误：--lang “fr”不是 zh 或 en\n")
    }

    func testDidYouMeanInBothLanguages() {
        let cli = ledger()
        XCTAssertEqual(cli.run(["repor"], environment: Self.chinese).stderr, "budget: 错误：未知命令“repor”（是否指 `report`？）\n")
        XCTAssertEqual(cli.run(["repor"], environment: Self.plain).stderr, "budget: error: unknown command 'repor' (did you mean `report`?)\n")
        XCTAssertEqual(cli.run(["re"], environment: Self.chinese).stderr,
                       "budget: 错误：未知命令“re”（是否指 `refund`、`reverse`或`reopen`？）\n")
        let option = cli.run(["pay", "xy-2023", "1", "--sourc", "current"], environment: Self.chinese)
        XCTAssertTrue(option.stderr.contains("（是否指 --source？）"), option.stderr)
        XCTAssertTrue(cli.run(["pay", "xy-2023", "1", "--sourc", "current"], environment: Self.plain).stderr.contains("(did you mean --source?)"))
    }

    /// Every command's help, in Chinese: each option's line says what it is in Chinese, and so do
    /// the summary and the longer text. The usage and the example stay as typed.
    func testEveryHelpIsChinese() {
        let cli = LedgerCLI()
        for command in CommandRegistry.all {
            let words = command.spec.name.split(separator: " ").map(String.init)
            let result = cli.run(words + ["--help"], environment: Self.chinese)
            XCTAssertEqual(result.status, 0, command.spec.name)
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            XCTAssertTrue(lines[0].contains(where: \.isChinese), "\(command.spec.name): \(lines[0])")
            XCTAssertTrue(result.stdout.contains("用法：") && result.stdout.contains("选项：") && result.stdout.contains("示例："), result.stdout)
            for line in lines where line.hasPrefix("  --") {
                XCTAssertTrue(line.contains(where: \.isChinese), "\(command.spec.name): \(line)")
            }
            let english = cli.run(words + ["--help"], environment: Self.plain).stdout
            XCTAssertTrue(english.contains("usage: budget \(command.spec.name)"), english)
        }
        let overview = cli.run(["help"], environment: Self.chinese).stdout
        XCTAssertTrue(overview.contains("用法：budget") && overview.contains("  pay "), overview)
        for line in overview.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
            XCTAssertTrue(line.contains(where: \.isChinese), String(line))
        }
    }

    /// `check` in Chinese: the headings, the levels and the findings' prose; the rule ids and, in
    /// JSON, the keys stay as the programmatic interface.
    func testCheckFindingsFollowTheLanguage() throws {
        let cli = ledger()
        cli.ok(["indicator", "add", "xy-2023", "out-01", "--level1", "output", "--level2", "数量指标", "--name", "培训人次",
                "--target", "100人次", "--weight", "90", "--date", "2023-01-02"])
        let zh = cli.run(["check", "--as-of", "2023-12-31"], environment: Self.chinese)
        XCTAssertEqual(zh.status, 1)
        XCTAssertTrue(zh.stdout.contains("项目") && zh.stdout.contains("规则") && zh.stdout.contains("应为") && zh.stdout.contains("说明"), zh.stdout)
        XCTAssertTrue(zh.stdout.contains("level-weight") && zh.stdout.contains("错误"), zh.stdout)
        XCTAssertTrue(zh.stdout.contains("产出指标分值"), zh.stdout)
        let en = cli.run(["check", "--as-of", "2023-12-31"], environment: Self.plain)
        XCTAssertTrue(en.stdout.contains("level-weight") && en.stdout.contains("weights") && !en.stdout.contains("说明"), en.stdout)

        let json = cli.run(["check", "--as-of", "2023-12-31", "--format", "json"], environment: Self.chinese)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try XCTUnwrap(root["findings"] as? [[String: Any]])
        let first = try XCTUnwrap(findings.first { $0["rule"] as? String == "level-weight" })
        XCTAssertEqual(first["severity"] as? String, "error", "a severity is an id")
        XCTAssertTrue((first["detail"] as? String)?.contains(where: \.isChinese) == true, "\(first)")
    }

    /// What a command says when it records, and the log's headings, are in the reader's language.
    func testRecordingAndLogAreChinese() {
        let cli = ledger()
        let said = cli.run(["pay", "xy-2023", "10", "--source", "current", "--date", "2023-03-01"], environment: Self.chinese)
        XCTAssertTrue(said.stdout.hasPrefix("已记录 #3 disbursement.made xy-2023 2023-03-01"), said.stdout)
        let log = cli.run(["log"], environment: Self.chinese).stdout
        XCTAssertTrue(log.hasPrefix("序号"), log)
        XCTAssertTrue(log.contains("project.registered"), "event types are ids: \(log)")
        XCTAssertTrue(cli.run(["log"], environment: Self.plain).stdout.hasPrefix("seq"))
    }
}

extension LanguageCLITests {
    /// `--lang` after `--help` still chooses the help's language; a user's own text keeps its
    /// spaces though Chinese sentences of the catalogue are joined without them.
    func testLangAfterHelpAndTheUsersSpaces() {
        let cli = ledger()
        let help = cli.run(["report", "--help", "--lang", "zh"], environment: Self.plain)
        XCTAssertTrue(help.stdout.hasPrefix("输出"), help.stdout)
        let paid = cli.run(["pay", "xy-2023", "1", "--source", "current", "--date", "2023-03-01", "--memo", "甲。 乙"], environment: Self.chinese)
        XCTAssertTrue(paid.stdout.contains("甲。 乙（id @3）"), paid.stdout)
        XCTAssertFalse(cli.run(["pay", "--help"], environment: Self.chinese).stdout.contains("。 "), "help sentences joined")
        let control = cli.run(["pay", "xy-2023", "1", "--source", "current", "--date", "2023-03-01", "--memo", "a\u{85}b"], environment: Self.chinese)
        XCTAssertTrue(control.stderr.contains("U+0085 (C1 控制字符)"), control.stderr)
    }
}

private extension Character {
    var isChinese: Bool { unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
}
