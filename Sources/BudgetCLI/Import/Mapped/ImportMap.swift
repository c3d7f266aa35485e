import BudgetText
import BudgetModel

/// How the columns of a file people have become payments: `field = column header` a line (or
/// `field := constant`, the same for every row), and the file's conventions. For example:
///
///     voucher  = 支付凭证号
///     project  = 预算项目编码
///     amount   = 支付金额
///     date     = 支付日期
///     source   := current            # a constant for every row
///     date-format = DD/MM/YYYY       # left out: any year-first form (YYYY/MM/DD, YYYY年M月D日…)
///     amount-unit = 元               # or 万元
///     skip = 2                       # title lines before the header row
///     encoding = gb18030             # of a text file; detected when left out
///     sheet = 支付明细               # of a workbook; its first sheet when left out
///
/// A `#` after a space, or at the start of a line, begins a comment.
struct ImportMap: Equatable {
    enum Source: Equatable {
        case column(String)
        case constant(String)
    }

    static let fieldNames = ["id", "voucher", "project", "amount", "source", "date", "payee", "class", "function", "memo"]
    static let required = ["project", "amount", "source", "date"]
    /// Fields no constant can give: each payment has its own.
    static let perRow: Set<String> = ["id", "voucher", "amount"]

    var fields: [String: Source] = [:]
    /// Nil until the map sets one: then any year-first form (`DateFormat.yearFirst`) is read.
    var dateFormat: DateFormat?
    var amountUnit = AmountUnit.yuan
    var skip = 0
    var encoding: TextEncoding?
    var sheet: String?

    enum AmountUnit: String, Equatable {
        case yuan = "元"
        case wan = "万元"
        /// Fen per unit.
        var scale: Int { self == .yuan ? 2 : 6 }
    }

    /// The map file's bytes (UTF-8, or GB18030 as Notepad on Chinese Windows may save it) read as
    /// a map; every problem is named by the map's path and line.
    static func read(_ bytes: [UInt8], path: String) throws(ImportFailed) -> ImportMap {
        let named = { (problem: RowProblem) in RowProblem(line: problem.line, reason: problem.reason, unit: problem.line > 0 ? Message(.pathLine, path) : Message(verbatim: path)) }
        switch TextEncoding.detect(bytes).utf8(bytes) {
        case .failure(let problem): throw ImportFailed(problems: [named(problem)])
        case .success(let text):
            switch parse(String(decoding: text, as: UTF8.self)) {
            case .success(let map): return map
            case .failure(let failed): throw ImportFailed(problems: failed.problems.map(named))
            }
        }
    }

    /// The map in `text`, or every problem with it, each named by its line.
    static func parse(_ text: String) -> Result<ImportMap, ImportFailed> {
        var map = ImportMap()
        var problems: [RowProblem] = []
        var settings = Set<String>()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func problem(_ reason: Message) { problems.append(RowProblem(line: number, reason: reason, unit: Message(.mapLine))) }
            var line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            if index == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if let comment = line.firstRange(of: " #") ?? line.firstRange(of: "\t#") { line = String(line[..<comment.lowerBound]) }
            if line.trimmingSpaces.hasPrefix("#") || line.trimmingSpaces.isEmpty { continue }
            let constant = line.firstRange(of: ":=")
            guard let separator = constant ?? line.firstRange(of: "=") else { problem(Message(.isNeitherFieldColumnNor, line.trimmingSpaces)); continue }
            let key = String(line[..<separator.lowerBound]).trimmingSpaces
            let value = String(line[separator.upperBound...]).trimmingSpaces
            guard !value.isEmpty else { problem(Message(.hasNoValue, key)); continue }
            if let problemText = FreeText.problem(with: value) { problem("\(key) \(problemText)"); continue }
            if fieldNames.contains(key) {
                guard map.fields[key] == nil else { problem(Message(.isMappedTwice, key)); continue }
                guard constant == nil || !perRow.contains(key) else { problem(Message(.differsRowByRowMap, key, key)); continue }
                map.fields[key] = constant == nil ? .column(value) : .constant(value)
                continue
            }
            guard constant == nil else { problem(Message(.isSettingWrite, key, key, value)); continue }
            guard settings.insert(key).inserted else { problem(Message(.isSetTwice, key)); continue }
            switch key {
            case "date-format":
                guard let format = DateFormat(value) else { problem(Message(.dateFormatIsNotYYYY, value)); continue }
                map.dateFormat = format
            case "amount-unit":
                guard let unit = AmountUnit(rawValue: value == "yuan" ? "元" : value == "wan" ? "万元" : value) else { problem(Message(.amountUnitIsNotOr, value)); continue }
                map.amountUnit = unit
            case "skip":
                guard let count = Int(value), (0...1000).contains(count) else { problem(Message(.skipIsNotNumberOf, value)); continue }
                map.skip = count
            case "encoding":
                guard let encoding = TextEncoding(name: value) else { problem(Message(.encodingIsNotUtfOr, value)); continue }
                map.encoding = encoding
            case "sheet": map.sheet = value
            default:
                problem(Message(.unknownFieldOrSettingFields, key, Message.list(fieldNames)))
            }
        }
        for field in required where map.fields[field] == nil { problems.append(RowProblem(line: 0, reason: Message(.mapGivesNoColumnOr, field, field), unit: Message(.mapLine))) }
        if map.fields["id"] == nil, map.fields["voucher"] == nil {
            problems.append(RowProblem(line: 0, reason: Message(.mapGivesNeitherIdNor), unit: Message(.mapLine)))
        }
        return problems.isEmpty ? .success(map) : .failure(ImportFailed(problems: problems))
    }
}

/// How a date is written in a file: `YYYY/MM/DD`, `YYYY年M月D日`, `YYYYMMDD`… The year has four
/// digits; a month or day one or two, unless the format runs them together (`YYYYMMDD`).
struct DateFormat: Equatable {
    enum Part: Equatable { case year, month, day, literal(Character) }
    let parts: [Part]
    let text: String

    static let iso = DateFormat("YYYY-MM-DD")!
    /// The forms read when the map names none: each puts the year first, so none is ambiguous.
    static let yearFirst = ["YYYY-MM-DD", "YYYY/MM/DD", "YYYY.MM.DD", "YYYY年M月D日", "YYYYMMDD"].map { DateFormat($0)! }

    init?(_ format: String) {
        var parts: [Part] = []
        var rest = Substring(format)
        while let first = rest.first {
            if rest.hasPrefix("YYYY") { parts.append(.year); rest = rest.dropFirst(4) }
            else if rest.hasPrefix("MM") { parts.append(.month); rest = rest.dropFirst(2) }
            else if rest.hasPrefix("DD") { parts.append(.day); rest = rest.dropFirst(2) }
            else if first == "M" { parts.append(.month); rest = rest.dropFirst() }
            else if first == "D" { parts.append(.day); rest = rest.dropFirst() }
            else if first.isLetter && first.isASCII { return nil }
            else { parts.append(.literal(first)); rest = rest.dropFirst() }
        }
        guard parts.filter({ $0 == .year }).count == 1, parts.filter({ $0 == .month }).count == 1, parts.filter({ $0 == .day }).count == 1 else { return nil }
        self.parts = parts
        text = format
    }

    /// The date `text` states in this format, or nil.
    func date(_ text: String) -> BusinessDate? {
        var rest = Substring(text.trimmingSpaces)
        var year = 0, month = 0, day = 0
        for (index, part) in parts.enumerated() {
            // Numbers run together when no literal stands between them: then each takes its fixed width.
            let followedByNumber = index + 1 < parts.count && { if case .literal = parts[index + 1] { return false }; return true }()
                || index > 0 && { if case .literal = parts[index - 1] { return false }; return true }()
            switch part {
            case .literal(let character):
                guard rest.first == character else { return nil }
                rest = rest.dropFirst()
            case .year, .month, .day:
                let width = part == .year ? 4 : 2
                let digits = rest.prefix { $0.isASCII && $0.isNumber }.prefix(followedByNumber || part == .year ? width : 2)
                guard !digits.isEmpty, followedByNumber ? digits.count == width : true, part != .year || digits.count == 4,
                      let value = Int(digits) else { return nil }
                rest = rest.dropFirst(digits.count)
                switch part { case .year: year = value; case .month: month = value; default: day = value }
            }
        }
        guard rest.isEmpty else { return nil }
        return BusinessDate(year: year, month: month, day: day)
    }
}
