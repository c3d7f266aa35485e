import XCTest
import Foundation
@testable import BudgetCLI

/// Help that answers: every command's usage and a real example, suggestions for what was
/// mistyped, and a bash completion script that bash accepts and that completes.
final class HelpCompletionTests: XCTestCase {
    // MARK: - Help

    /// Splits an example as a shell would: words, with '…' and "…" quoting.
    private func shellWords(_ line: String) -> [String] {
        var words: [String] = [], word = "", quote: Character?, inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character; inWord = true
            } else if character == " " {
                if inWord { words.append(word); word = ""; inWord = false }
            } else {
                word.append(character); inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    func testEveryCommandHasAnExampleThatItsOwnParserAccepts() throws {
        for command in CommandRegistry.all {
            let spec = command.spec
            // `source <(budget completion bash)`: the budget command inside the shell's syntax.
            let line = spec.example.components(separatedBy: "budget ").dropFirst().joined(separator: "budget ")
                .replacingOccurrences(of: ")", with: "")
            let words = shellWords(line)
            XCTAssertFalse(words.isEmpty, "\(spec.name): no example")
            let global = try GlobalArguments(words)
            XCTAssertEqual(global.commandName, spec.name, "\(spec.name): the example runs another command: \(spec.example)")
            XCTAssertNoThrow(try ParsedArguments(global.rest, spec: spec), "\(spec.name): the example does not parse: \(spec.example)")
        }
    }

    func testHelpAndDashDashHelpShowUsageAndExampleForEveryCommand() {
        for command in CommandRegistry.all {
            let name = command.spec.name
            let viaHelp = BudgetCommandLine.run(["help"] + name.split(separator: " ").map(String.init))
            let viaFlag = BudgetCommandLine.run(name.split(separator: " ").map(String.init) + ["--help"])
            for result in [viaHelp, viaFlag] {
                XCTAssertEqual(result.status, 0, name)
                XCTAssertTrue(result.stdout.contains("usage: budget \(name)"), "\(name): \(result.stdout)")
                XCTAssertTrue(result.stdout.contains("\nexample:\n  "), name)
            }
            XCTAssertEqual(viaHelp.stdout, viaFlag.stdout, name)
            XCTAssertTrue(BudgetCommandLine.run(["help"]).stdout.contains("  \(name) "), "the overview lists \(name)")
        }
    }

    func testHelpOfAGroupListsItsSubcommands() {
        let out = BudgetCommandLine.run(["help", "indicator"])
        XCTAssertEqual(out.status, 0)
        XCTAssertTrue(out.stdout.hasPrefix("budget indicator: indicator add, indicator actual, indicator score\n"), out.stdout)
        XCTAssertTrue(out.stdout.contains("  usage:   budget indicator score ID IND POINTS --date DATE"), out.stdout)
        XCTAssertEqual(BudgetCommandLine.run(["project", "--help"]).stdout, BudgetCommandLine.run(["help", "project"]).stdout)
    }

    func testMistypedCommandsAndOptionsSuggestWhatWasMeant() {
        func error(_ arguments: [String]) -> String { BudgetCommandLine.run(arguments).stderr }
        XCTAssertEqual(error(["rep"]), "budget: error: unknown command 'rep' (did you mean `report` or `repair`?)\n")
        XCTAssertEqual(error(["repot"]), "budget: error: unknown command 'repot' (did you mean `report`?)\n")
        XCTAssertEqual(error(["curv", "x"]), "budget: error: unknown command 'curv' (did you mean `curve`?)\n")
        XCTAssertEqual(error(["xyzzy"]), "budget: error: unknown command 'xyzzy' (see `budget help`)\n")
        XCTAssertEqual(error(["report", "--fromat", "json"]), "budget: error: unknown option --fromat for `budget report` (did you mean --format?)\n")
        XCTAssertEqual(error(["export", "--out", "x", "--format", "hledger"]), "budget: error: unknown option --out for `budget export` (did you mean --output?)\n")
        XCTAssertEqual(BudgetCommandLine.run(["rep"]).status, 2)
    }

    // MARK: - Completion

    private func script() -> String {
        let result = BudgetCommandLine.run(["--journal", "/nonexistent/budget.jsonl", "completion", "bash"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }

    /// Runs bash on `program` with the completion script saved beside it; returns stdout.
    private func bash(_ program: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let directory = TemporaryDirectory()
        let path = directory.path("budget.bash")
        try script().write(toFile: path, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--norc", "--noprofile", "-c", program.replacingOccurrences(of: "SCRIPT", with: path)]
        process.currentDirectoryURL = directory.url
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "bash: \(err)", file: file, line: line)
        XCTAssertEqual(err, "", file: file, line: line)
        return out
    }

    func testTheCompletionScriptIsValidBash() throws {
        XCTAssertEqual(try bash("bash -n SCRIPT && echo ok"), "ok\n")
    }

    /// What bash offers after the words typed so far, the last being the one completed.
    private func completions(_ lines: [[String]]) throws -> [String] {
        var program = "source SCRIPT\n"
        for words in lines {
            let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
            program += "COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMPREPLY=(); _budget; echo \"${COMPREPLY[*]}\"\n"
        }
        return try bash(program).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    func testTheCompletionScriptCompletesCommandsOptionsAndValues() throws {
        let cases: [([String], String)] = [
            (["budget", "rep"], "report repair"),
            (["budget", "cu"], "curve"),
            (["budget", "--journal", "j.jsonl", "ex"], "export"),
            (["budget", "project", ""], "add list"),
            (["budget", "indicator", "s"], "score"),
            (["budget", "pay", "bzgl-2023", "100", "--source", ""], "current carryover other"),
            (["budget", "report", "--fo"], "--format"),
            (["budget", "report", "--be"], "--behind --behind-points"),
            (["budget", "report", "--behind", "--format", ""], "table json csv"),
            (["budget", "export", "--format", "b"], "beancount"),
            (["budget", "curve", "x", "--format", ""], "table json svg"),
            (["budget", "indicator", "add", "x", "y", "--level1", ""], "output benefit satisfaction"),
            (["budget", "indicator", "actual", "x", "y", "z", "--grade", ""], "achieved partial not-achieved"),
            (["budget", "declare", "x", "--grade", ""], "优 良 中 差"),
            (["budget", "policy", "set", "--lower-is-better", ""], "linear ratio"),
            (["budget", "help", "cur"], "curve"),
            (["budget", "help", "policy", ""], "set show"),
            (["budget", "completion", ""], "bash"),
            (["budget", "--"], "--journal --help"),
        ]
        XCTAssertEqual(try completions(cases.map(\.0)), cases.map(\.1))
    }

    func testTheCompletionScriptOffersEveryOptionOfEveryCommand() throws {
        let text = script()
        for command in CommandRegistry.all {
            let options = command.spec.options.map { "--" + $0.name } + ["--journal", "--help"]
            XCTAssertTrue(text.contains("\"\(command.spec.name)\") echo \"\(options.joined(separator: " "))\" ;;"), command.spec.name)
        }
        // Files after options and positionals that name one.
        let files = try bash("""
        touch payments.csv notes.txt
        source SCRIPT
        COMP_WORDS=(budget import pay); COMP_CWORD=2; _budget; echo "${COMPREPLY[*]}"
        COMP_WORDS=(budget export --output no); COMP_CWORD=3; _budget; echo "${COMPREPLY[*]}"
        COMP_WORDS=(budget --journal pay); COMP_CWORD=2; _budget; echo "${COMPREPLY[*]}"
        """)
        XCTAssertEqual(files, "payments.csv\nnotes.txt\npayments.csv\n")
    }

    func testCompletionRefusesOtherShells() {
        let result = BudgetCommandLine.run(["completion", "zsh"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "budget: error: SHELL 'zsh' is not supported (bash is)\n")
        XCTAssertEqual(BudgetCommandLine.run(["completion"]).stderr.hasPrefix("budget: error: missing SHELL"), true)
    }
}
