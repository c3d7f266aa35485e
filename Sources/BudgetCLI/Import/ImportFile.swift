import BudgetModel
import BudgetJournal

/// Reads an import file, CSV or JSON Lines, into header and records.
enum ImportFile {
    /// An import file is read whole; past this, split it.
    static let bytesMax = 1 << 30

    static func records(_ bytes: [UInt8], format: String) throws -> (header: PaymentRows.Record, records: [PaymentRows.Record]) {
        format == "jsonl" ? try jsonLines(bytes) : try csv(bytes)
    }

    static func csv(_ bytes: [UInt8]) throws -> (header: PaymentRows.Record, records: [PaymentRows.Record]) {
        let all: [CSVReader.Record]
        do { all = try CSVReader.records(bytes) } catch { throw ImportFailed(problems: [RowProblem(line: error.line, reason: error.reason)]) }
        guard let header = all.first else { throw ImportFailed(problems: [RowProblem(line: 1, reason: "the file is empty; a header row is required")]) }
        return ((header.line, header.fields), all.dropFirst().map { ($0.line, $0.fields) })
    }

    /// One object per line with the same keys as the CSV columns; the keys of the first line
    /// serve as the header.
    static func jsonLines(_ bytes: [UInt8]) throws -> (header: PaymentRows.Record, records: [PaymentRows.Record]) {
        let columns = PaymentRows.required + PaymentRows.optional
        var records: [PaymentRows.Record] = []
        var problems: [RowProblem] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard case .object(let object)? = try? JSONParser.parse(Array(line)) else {
                problems.append(RowProblem(line: index + 1, reason: "not a JSON object")); continue
            }
            for member in object.members where !columns.contains(member.key) {
                problems.append(RowProblem(line: index + 1, reason: "unknown key '\(member.key)'"))
            }
            let fields = columns.map { name -> String in
                switch object[name] {
                case .string(let text)?: return text
                case .number(let literal)?: return literal
                default: return ""
                }
            }
            records.append((index + 1, fields))
        }
        guard problems.isEmpty else { throw ImportFailed(problems: problems) }
        return ((0, columns), records)
    }
}

/// An import that wrote nothing, with every problem found. Printed one line each.
struct ImportFailed: Error {
    let problems: [RowProblem]
}
