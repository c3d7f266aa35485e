import BudgetText

/// A classification of expenditure from 政府收支分类科目: codes and their names, 类 (three digits)
/// and 款 (five: the 类 and two more). A payment is classified by a code with nothing under it: a
/// 款, or a 类 that has no 款. The tables are data (see `EconomicClasses.swift` and
/// `FunctionalClasses.swift`); a journal keeps a code as it was given, so a code a later edition
/// drops still reads.
public struct ClassCatalogue: Sendable {
    /// What the classification is called, in messages.
    public let kind: Message
    /// Every code with its name, in the table's order.
    public let entries: [(code: String, name: String)]
    private let names: [String: String]

    init(kind: Message, table: String) {
        self.kind = kind
        var entries: [(code: String, name: String)] = []
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            precondition(fields.count == 2 && ClassCode.isWellFormed(String(fields[0])), "a catalogue line is CODE<tab>NAME: \(line)")
            entries.append((String(fields[0]), String(fields[1])))
        }
        self.entries = entries
        names = Dictionary(entries.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    public func name(of code: String) -> String? { names[code] }

    /// `30211 差旅费`, or the code alone when the catalogue does not know it.
    public func label(of code: String) -> String { names[code].map { "\(code) \($0)" } ?? code }

    /// The 款 of a 类.
    public func children(of code: String) -> [String] {
        code.count == 3 ? entries.map(\.code).filter { $0.count == 5 && $0.hasPrefix(code) } : []
    }

    /// The code that `text` names — a code, a code followed by its name as spreadsheets write it
    /// (`30211 差旅费`), or a name alone — when it is one a payment may carry; else why not, with
    /// the codes that come closest.
    public func code(for text: String) -> Result<String, ClassProblem> {
        let trimmed = text.trimmingSpaces
        let leading = String(trimmed.prefix { $0.isASCII && $0.isNumber })
        if !leading.isEmpty {
            let after = trimmed.dropFirst(leading.count)
            // A code runs up to a space: `30212x` is no code followed by a name.
            if let next = after.first, next != " ", next != "\u{3000}", next != "\t" {
                return .failure(problem(trimmed, Message(.isNotCodeOf, kind)))
            }
            let rest = after.trimmingSpaces
            guard let name = names[leading] else { return .failure(problem(trimmed, Message(.isNotCodeOf, kind))) }
            guard rest.isEmpty || rest == name else {
                return .failure(ClassProblem(message: Message(.isInNot, trimmed, leading, name, kind, rest)))
            }
            let under = children(of: leading)
            guard under.isEmpty else {
                return .failure(ClassProblem(message: Message(.isOfGiveOneOf, trimmed, kind, Message.list(under.prefix(6).map(label)), under.count > 6 ? Message(.listSeparator) + "…" : "")))
            }
            return .success(leading)
        }
        let matches = entries.filter { $0.name == trimmed && children(of: $0.code).isEmpty }
        if matches.count == 1 { return .success(matches[0].code) }
        return .failure(problem(trimmed, matches.isEmpty ? Message(.isNotCodeOrName, kind) : Message(.namesMoreThanOneCode, kind)))
    }

    private func problem(_ text: String, _ what: Message) -> ClassProblem {
        let close = suggestions(for: text)
        let named = Message(.quotedThen, text, what)
        guard !close.isEmpty else { return ClassProblem(message: named) }
        return ClassProblem(message: named + Message(.didYouMeanCodes, Message.alternatives(close.map(label))))
    }

    /// Up to three codes a payment may carry that come closest to `text`: codes one edit away
    /// (a digit changed, dropped, added, or two swapped), then codes whose names hold the text or
    /// are held in it.
    public func suggestions(for text: String) -> [String] {
        let leaves = entries.filter { children(of: $0.code).isEmpty }
        var found: [String] = []
        let digits = String(text.prefix { $0.isASCII && $0.isNumber })
        if !digits.isEmpty {
            // The code itself first (when text follows it), then those one edit away.
            found += leaves.map(\.code).filter { $0 == digits }
            for entry in leaves where entry.code != digits && Self.editDistance(Array(entry.code.utf8), Array(digits.utf8), atMost: 1) {
                found.append(entry.code)
            }
        }
        let words = text.drop { $0.isASCII && ($0.isNumber || $0 == " ") }
        if !words.isEmpty {
            for entry in leaves where !found.contains(entry.code) && (entry.name.contains(words) || words.contains(entry.name)) { found.append(entry.code) }
        }
        return Array(found.prefix(3))
    }

    /// Whether `a` and `b` are at most `limit` edits apart (an adjacent swap counting as one).
    static func editDistance(_ a: [UInt8], _ b: [UInt8], atMost limit: Int) -> Bool {
        guard abs(a.count - b.count) <= limit else { return false }
        var previous2: [Int] = []
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where i <= a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], previous2[j - 2] + 1) }
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count] <= limit
    }
}

/// Why a text names no code a payment may carry.
public struct ClassProblem: Error, Equatable, Sendable, Explained {
    public let message: Message
    public var explanation: Message { message }
}

/// The shape of a classification code as a journal keeps it: three or five ASCII digits.
public enum ClassCode {
    public static func isWellFormed(_ code: String) -> Bool {
        (code.utf8.count == 3 || code.utf8.count == 5) && code.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
