import BudgetModel
import Dispatch
import BudgetJournal

/// One payment of an import file, checked field by field, with the line it came from.
struct PaymentRow: Equatable {
    let line: Int
    let key: String
    let date: BusinessDate
    let payment: Disbursement

    var draft: EventDraft { EventDraft(key: key, date: date, body: .disbursed(payment)) }
}

/// A problem with one row, named by its line.
struct RowProblem: Error, Equatable, CustomStringConvertible {
    let line: Int
    let reason: String
    var description: String { "line \(line): \(reason)" }
}

/// Turns the records of an import file into payment rows: `id,project,amount,source,date`, and
/// optionally `payee,memo`, named by a header row in any order.
enum PaymentRows {
    static let required = ["id", "project", "amount", "source", "date"]
    static let optional = ["payee", "memo"]
    /// A batch is one write and one fsync; past this, split the file.
    static let rowsMax = 5_000_000

    /// The rows, and every problem found; a file with any problem imports nothing.
    static func rows(header: Record, records: [Record]) -> (rows: [PaymentRow], problems: [RowProblem]) {
        var problems: [RowProblem] = []
        var columns: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let name = name.trimmingASCIISpaces
            guard required.contains(name) || optional.contains(name) else {
                problems.append(RowProblem(line: header.line, reason: "unknown column '\(name)' (columns: \((required + optional).joined(separator: ",")))"))
                continue
            }
            guard columns[name] == nil else { problems.append(RowProblem(line: header.line, reason: "column '\(name)' appears twice")); continue }
            columns[name] = index
        }
        for name in required where columns[name] == nil {
            problems.append(RowProblem(line: header.line, reason: "the header has no '\(name)' column (a header row is required: \((required + optional).joined(separator: ",")))"))
        }
        guard problems.isEmpty else { return ([], problems) }
        guard records.count <= rowsMax else { return ([], [RowProblem(line: header.line, reason: "more than \(rowsMax) rows; split the file")]) }
        // Rows are independent: a large file is checked in two halves at once.
        let parts = records.count >= 50_000 ? 2 : 1
        var results = [(rows: [PaymentRow], problems: [RowProblem])](repeating: ([], []), count: parts)
        results.withUnsafeMutableBufferPointer { slots in
            let slots = slots
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var result: (rows: [PaymentRow], problems: [RowProblem]) = ([], [])
                result.rows.reserveCapacity(records.count / parts + 1)
                for record in records[(part * records.count / parts)..<((part + 1) * records.count / parts)] {
                    do { result.rows.append(try row(record, columns)) } catch let problem as RowProblem { result.problems.append(problem) } catch {}
                }
                slots[part] = result
            }
        }
        return (results.flatMap(\.rows), problems + results.flatMap(\.problems))
    }

    typealias Record = (line: Int, fields: [String])

    static func row(_ record: Record, _ columns: [String: Int]) throws -> PaymentRow {
        func field(_ name: String) -> String? {
            guard let index = columns[name] else { return nil }
            return index < record.fields.count ? record.fields[index] : ""
        }
        func fail(_ reason: String) -> RowProblem { RowProblem(line: record.line, reason: reason) }
        guard record.fields.count == columns.count else {
            throw fail("\(record.fields.count) fields where the header has \(columns.count) (quote a field that holds a comma)")
        }
        let key = field("id") ?? ""
        if let problem = Identifier.problem(with: key) { throw fail("id '\(key)' \(problem)") }
        let project = field("project") ?? ""
        if let problem = Identifier.problem(with: project) { throw fail("project '\(project)' \(problem)") }
        let amount: Money
        do { amount = try AmountParser.parse(field("amount") ?? "") } catch { throw fail("amount: \(error)") }
        guard amount.fen > 0 else { throw fail("amount '\(field("amount") ?? "")' must be greater than zero") }
        let sourceText = field("source") ?? ""
        guard let source = FundSource(rawValue: sourceText) else { throw fail("source '\(sourceText)' is not current, carryover or other") }
        let dateText = field("date") ?? ""
        guard let date = BusinessDate(dateText) else { throw fail("date '\(dateText)' is not a valid date (YYYY-MM-DD)") }
        let payee = field("payee").flatMap { $0.isEmpty ? nil : $0 }
        let memo = field("memo").flatMap { $0.isEmpty ? nil : $0 }
        for (name, text) in [("payee", payee), ("memo", memo)] {
            if let text, let problem = FreeText.problem(with: text) { throw fail("\(name) \(problem)") }
        }
        return PaymentRow(line: record.line, key: key, date: date,
                          payment: Disbursement(project: project, source: source, amount: amount, payee: payee, memo: memo))
    }
}

extension String {
    var trimmingASCIISpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
