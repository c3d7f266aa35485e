import XCTest
import Foundation
@testable import BudgetText

/// The catalogue holds every message in both languages, and nothing a person reads is written
/// outside it.
final class MessageCatalogueTests: XCTestCase {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    func testEveryKeyHasOneEntryInBothLanguages() {
        XCTAssertEqual(CatalogueAudit.problems(MessageCatalogue.entries, keys: MessageKey.allCases), [])
    }

    /// The audit above is not vacuous: an entry that lacks its Chinese, a key with no entry, a
    /// key with two, and a figure the Chinese drops are each named.
    func testTheAuditNamesAMissingLanguage() {
        let entries = [
            MessageCatalogue.Entry(.unknownProject, en: "unknown project '{1}'", zh: ""),
            MessageCatalogue.Entry(.projectIsAlreadyRegistered, en: "project '{1}' is already registered", zh: "项目已登记"),
            MessageCatalogue.Entry(.unknownCommand, en: "unknown command '{1}'{2}", zh: "未知命令“{1}”{2}"),
            MessageCatalogue.Entry(.unknownCommand, en: "unknown command '{1}'{2}", zh: "未知命令“{1}”{2}"),
        ]
        let problems = CatalogueAudit.problems(entries, keys: [.unknownProject, .projectIsAlreadyRegistered, .unknownCommand, .noCommandGiven])
        XCTAssertEqual(problems, [
            "unknownProject: no zh",
            "projectIsAlreadyRegistered: zh drops {1}",
            "unknownCommand: 2 entries",
            "noCommandGiven: no entry",
        ])
    }

    func testEveryKeyIsSaidSomewhere() throws {
        var code = ""
        for file in try SourceScan.swiftFiles(under: Self.sources) where !file.path.contains("/BudgetText/Catalogue/") {
            code += try String(contentsOf: file, encoding: .utf8)
        }
        let unused = MessageKey.allCases.filter { !code.contains(".\($0.rawValue)") }
        XCTAssertEqual(unused, [], "keys no code says: remove them from the catalogue")
    }

    /// Every source file, not one kind of call: any string literal that reads as English prose
    /// (words with a space between them), or a lone English word given as a figure of a finding or
    /// as a fallback, is a message that belongs in the catalogue.
    func testNoSourceFileSaysProseOutsideTheCatalogue() throws {
        var found: [String] = []
        for file in try SourceScan.swiftFiles(under: Self.sources) {
            let relative = String(file.path.dropFirst(Self.sources.path.count + 1))
            if let reason = SourceScan.exempt(relative) { _ = reason; continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for literal in SourceScan.literals(in: text) where SourceScan.isProse(literal) {
                found.append("\(relative):\(literal.line): \(literal.text.prefix(80))")
            }
        }
        XCTAssertEqual(found, [], "user-facing text outside the catalogue")
    }

    /// The scan is not vacuous either: it finds prose in a literal, in a multi-line literal and in
    /// an interpolated one, and passes code, comments, JSON keys and option names.
    func testTheScanFindsProse() {
        let code = #"""
        // a comment that says things in English
        throw Rejection("project '\(project)' is already registered")
        let help = """
            Lists every failed check.
            """
        object.append("seq", .number(seq))
        let option = "--journal"
        let fallback = state.actual ?? "none"
        precondition(ok, "a programmer's note stays in English")
        let format = "sum class="  // not prose: the rule's syntax
        """#
        let prose = SourceScan.literals(in: code).filter(SourceScan.isProse).map(\.line)
        XCTAssertEqual(prose, [2, 3, 8])
    }

    func testLanguageFollowsTheLocale() {
        XCTAssertEqual(Language.chosen(option: nil, environment: [:]), .en)
        XCTAssertEqual(Language.chosen(option: nil, environment: ["LANG": "zh_CN.UTF-8"]), .zh)
        XCTAssertEqual(Language.chosen(option: nil, environment: ["LANG": "C"]), .en)
        XCTAssertEqual(Language.chosen(option: nil, environment: ["LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"]), .en)
        XCTAssertEqual(Language.chosen(option: nil, environment: ["LANG": "C", "LC_ALL": "zh_TW.UTF-8"]), .zh)
        XCTAssertEqual(Language.chosen(option: nil, environment: ["LC_ALL": "", "LANG": "zh_CN.GB18030"]), .zh, "an empty variable is not set")
        XCTAssertEqual(Language.chosen(option: "en", environment: ["LC_ALL": "zh_CN.UTF-8"]), .en, "--lang outranks the locale")
        XCTAssertNil(Language.chosen(option: "fr", environment: [:]))
    }

    func testAMessageIsRenderedInEitherLanguage() {
        let message = Message(.unknownProject, "xy-2023")
        XCTAssertEqual(message.text(.en), "unknown project 'xy-2023'")
        XCTAssertEqual(message.text(.zh), "未知项目“xy-2023”")
        let choices = Message(.didYouMeanChoices, Message.alternatives(["`report`", "`repair`"]))
        XCTAssertEqual(choices.text(.en), " (did you mean `report` or `repair`?)")
        XCTAssertEqual(choices.text(.zh), "（是否指 `report`或`repair`？）")
        XCTAssertEqual("{1} of {2}, {3}".filling(["a", "b"]), "a of b, {3}", "a place with no figure stays as written")
    }
}

/// What a catalogue must hold: one entry per key, both languages, and in Chinese every figure
/// the English names (an English plural ending, a place right after a letter, may be dropped).
enum CatalogueAudit {
    static func problems(_ entries: [MessageCatalogue.Entry], keys: [MessageKey]) -> [String] {
        var problems: [String] = []
        for key in keys {
            let own = entries.filter { $0.key == key }
            guard let entry = own.first else { problems.append("\(key.rawValue): no entry"); continue }
            if own.count > 1 { problems.append("\(key.rawValue): \(own.count) entries"); continue }
            if entry.en.isEmpty { problems.append("\(key.rawValue): no en") }
            if entry.zh.isEmpty { problems.append("\(key.rawValue): no zh"); continue }
            let english = places(entry.en), chinese = places(entry.zh)
            for place in chinese where !english.contains(where: { $0.number == place.number }) {
                problems.append("\(key.rawValue): zh has {\(place.number)}, which en lacks")
            }
            for place in english where !place.afterLetter && !chinese.contains(where: { $0.number == place.number }) {
                problems.append("\(key.rawValue): zh drops {\(place.number)}")
            }
        }
        return problems
    }

    static func places(_ text: String) -> [(number: Int, afterLetter: Bool)] {
        let characters = Array(text)
        var found: [(Int, Bool)] = []
        var index = 0
        while index < characters.count {
            if characters[index] == "{", let close = characters[index...].firstIndex(of: "}"),
               let number = Int(String(characters[(index + 1)..<close])) {
                let afterLetter = index > 0 && characters[index - 1].isASCII && characters[index - 1].isLetter
                found.append((number, afterLetter))
                index = close
            }
            index += 1
        }
        return found
    }
}

/// Reads Swift sources for their string literals, as the compiler splits them: comments are
/// skipped, an interpolation is not part of the literal around it.
enum SourceScan {
    struct Literal {
        let line: Int
        let text: String          // the literal's own characters, interpolations left out
        let lineText: String      // the whole source line it starts on
        let before: String        // what comes before it on that line
    }

    /// Files that are other programs' formats, not messages: HTML and CSS, SVG, the OOXML of a
    /// workbook, hledger and beancount journals, a bash script; and the bench, a developer's tool.
    static let exemptFiles: [String: String] = [
        "BudgetReports/Form/FormHTML.swift": "HTML and CSS of the form",
        "BudgetReports/Curve/ExecutionCurveSVG.swift": "SVG markup",
        "BudgetReports/Spreadsheet/WorkbookParts.swift": "OOXML parts",
        "BudgetReports/Spreadsheet/WorksheetXML.swift": "OOXML parts",
        "BudgetReports/Export/BeancountJournal.swift": "a beancount journal",
        "BudgetReports/Export/HledgerJournal.swift": "an hledger journal",
        "BudgetReports/Export/LedgerExport.swift": "the exported journal's header comments",
        "BudgetReports/Export/LedgerAccount.swift": "account names of the exported journal",
        "BudgetReports/Export/ExportTransaction.swift": "transactions of the exported journal",
        "BudgetCLI/Completion/BashCompletion.swift": "a bash script",
    ]

    static func exempt(_ relative: String) -> String? {
        if relative.hasPrefix("BudgetText/") { return "the catalogue" }
        if relative.hasPrefix("BudgetBench/") { return "budget-bench, run by Scripts/bench for the engineers" }
        return exemptFiles[relative]
    }

    static func swiftFiles(under root: URL) throws -> [URL] {
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL { if url.pathExtension == "swift" { files.append(url) } }
        return files.sorted { $0.path < $1.path }
    }

    static let proseWord = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9_\-.$</@#])[A-Za-z]{2,}(?![A-Za-z0-9_=>(])"#)

    static func isProse(_ literal: Literal) -> Bool {
        if literal.lineText.contains("// not prose:") { return false }
        for call in ["precondition(", "assert(", "fatalError(", "assertionFailure(", "preconditionFailure("] where literal.before.contains(call) {
            return false
        }
        let before = literal.before.trimmingCharacters(in: .whitespaces)
        // A command's name and its example are what the person types.
        if before.hasSuffix("name:") || before.hasSuffix("example:") { return false }
        let text = literal.text
        if text.contains("\\\"") { return false }   // JSON written by hand, keys and all
        if text.contains("e.g.") || text.contains("i.e.") { return true }
        if text.contains(" "), proseWord.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { return true }
        // A lone word given as a fallback (`?? "none"`) or as a finding's figure.
        if text.range(of: #"^[a-z]{3,}$"#, options: .regularExpression) != nil,
           before.hasSuffix("??") || literal.lineText.contains("finding(") || literal.lineText.contains("Finding(") {
            return true
        }
        return false
    }

    static func literals(in source: String) -> [Literal] {
        let characters = Array(source)
        var literals: [Literal] = []
        var line = 1
        var lineStart = 0
        var index = 0
        func at(_ offset: Int, _ text: String) -> Bool {
            let pattern = Array(text)
            guard offset + pattern.count <= characters.count else { return false }
            return Array(characters[offset..<(offset + pattern.count)]) == pattern
        }
        func lineText(from start: Int) -> String {
            var end = start
            while end < characters.count, characters[end] != "\n" { end += 1 }
            return String(characters[start..<end])
        }
        /// Reads a literal's body from `start` to its closing delimiter; returns its text and
        /// the index after it.
        func body(from start: Int, multiline: Bool) -> (String, Int) {
            var text = ""
            var position = start
            while position < characters.count {
                if multiline ? at(position, "\"\"\"") : characters[position] == "\"" {
                    return (text, position + (multiline ? 3 : 1))
                }
                if characters[position] == "\\", position + 1 < characters.count, characters[position + 1] == "(" {
                    var depth = 1
                    position += 2
                    while position < characters.count, depth > 0 {
                        if characters[position] == "(" { depth += 1 }
                        if characters[position] == ")" { depth -= 1 }
                        if characters[position] == "\"" {   // a literal inside the interpolation
                            let (_, next) = body(from: position + 1, multiline: false)
                            position = next
                            continue
                        }
                        position += 1
                    }
                    text += "\u{1}"   // a figure: neither a word nor a space
                    continue
                }
                if characters[position] == "\\", position + 1 < characters.count {
                    text.append(characters[position]); text.append(characters[position + 1])
                    position += 2
                    continue
                }
                if !multiline, characters[position] == "\n" { return (text, position) }
                text.append(characters[position])
                position += 1
            }
            return (text, position)
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\n" { line += 1; lineStart = index + 1; index += 1; continue }
            if at(index, "//") {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            }
            if at(index, "/*") {
                while index < characters.count, !at(index, "*/") {
                    if characters[index] == "\n" { line += 1; lineStart = index + 1 }
                    index += 1
                }
                index += 2
                continue
            }
            if at(index, "#\"") {   // a raw literal: regular expressions, patterns
                index += 2
                while index < characters.count, !at(index, "\"#") { index += 1 }
                index += 2
                continue
            }
            if character == "\"" {
                let multiline = at(index, "\"\"\"")
                let before = String(characters[lineStart..<index])
                let (text, next) = body(from: index + (multiline ? 3 : 1), multiline: multiline)
                literals.append(Literal(line: line, text: text, lineText: lineText(from: lineStart), before: before))
                for skipped in characters[index..<min(next, characters.count)] where skipped == "\n" { line += 1 }
                if multiline, let last = characters[index..<min(next, characters.count)].lastIndex(of: "\n") { lineStart = last + 1 }
                index = next
                continue
            }
            index += 1
        }
        return literals
    }
}
