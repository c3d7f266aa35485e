import BudgetText
import BudgetModel
import BudgetJournal
import BudgetProjections
#if canImport(Glibc)
import Glibc
#endif

/// One payment of an import file, checked field by field, with the line it came from.
struct PaymentRow: Equatable {
    let line: Int
    let draft: PaymentDraft
}

/// A problem with one row, named by its line.
struct RowProblem: Error, Equatable, CustomStringConvertible, Explained {
    let line: Int
    let reason: Message
    /// What the line is called where it comes from: a line of a text file, a row of a sheet, a
    /// line of the import map.
    var unit: Message = Message(.unitLine)
    /// A problem with a whole file (line 0) is named by the file alone.
    var isFileWide = false
    var explanation: Message {
        line > 0 ? Message(.rowProblemAt, unit, line, reason) : isFileWide ? reason : Message(.pathThenReason, unit, reason)
    }
    var description: String { explanation.description }
}

/// Where each column of an import file stands, as its header row names them.
struct ImportColumns: Equatable {
    let count: Int
    let id: Int, project: Int, amount: Int, source: Int, date: Int
    let payee: Int?, memo: Int?
    let voucher: Int?, economicClass: Int?, functionalClass: Int?
}

/// Turns the records of an import file into payment rows: `id,project,amount,source,date`, and
/// optionally `payee,memo,voucher,class,function`, named by a header row in any order.
enum PaymentRows {
    static let required = ["id", "project", "amount", "source", "date"]
    static let optional = ["payee", "memo", "voucher", "class", "function"]
    /// A batch is written at once and synced once; past this, split the file.
    static let rowsMax = 5_000_000
    /// The fewest bytes of a row that reads, with its line end: `a,b,1,other,2023-01-01` and a
    /// line feed (an id and a project of a byte each, the shortest amount, source and date). A
    /// line of JSON Lines, which names its keys, is longer.
    static let rowBytesMin = 23

    /// The columns the header names, or every problem with it.
    static func columns(header: [String], line: Int) -> Result<ImportColumns, ImportFailed> {
        var problems: [RowProblem] = []
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            let name = name.trimmingASCIISpaces
            if name.hasPrefix("\u{FEFF}") {
                problems.append(RowProblem(line: line, reason: Message(.columnBeginsWithSecondByte, name.dropFirst())))
                continue
            }
            guard required.contains(name) || optional.contains(name) else {
                problems.append(RowProblem(line: line, reason: Message(.unknownColumnColumns, name, (required + optional).joined(separator: ","))))
                continue
            }
            guard columns[name] == nil else { problems.append(RowProblem(line: line, reason: Message(.columnAppearsTwice, name))); continue }
            columns[name] = index
        }
        for name in required where columns[name] == nil {
            problems.append(RowProblem(line: line, reason: Message(.headerHasNoColumnHeader, name, (required + optional).joined(separator: ","))))
        }
        guard problems.isEmpty, let id = columns["id"], let project = columns["project"], let amount = columns["amount"],
              let source = columns["source"], let date = columns["date"] else { return .failure(ImportFailed(problems: problems)) }
        return .success(ImportColumns(count: columns.count, id: id, project: project, amount: amount, source: source, date: date,
                                      payee: columns["payee"], memo: columns["memo"], voucher: columns["voucher"],
                                      economicClass: columns["class"], functionalClass: columns["function"]))
    }

    /// The payment of one record, read from its fields' bytes, or the first problem with it.
    static func row(line: Int, _ fields: [UnsafeBufferPointer<UInt8>], _ columns: ImportColumns, _ texts: inout ImportTexts) throws(RowProblem) -> PaymentRow {
        func fail(_ reason: Message) -> RowProblem { RowProblem(line: line, reason: reason) }
        func text(_ field: UnsafeBufferPointer<UInt8>) -> String { String(decoding: field, as: UTF8.self) }
        guard fields.count == columns.count else {
            throw fail(Message(.fieldsWhereHeaderHasQuote, fields.count, columns.count))
        }
        let keyBytes = fields[columns.id]
        if let problem = Identifier.problem(utf8: keyBytes) { throw fail(Message(.fieldValueProblem, Message(.fieldId), text(keyBytes), problem)) }
        let project = texts.projects.numbered(UnsafeRawBufferPointer(fields[columns.project]))!
        if let problem = project.note { throw fail(Message(.fieldValueProblem, Message(.fieldProject), project.text, problem)) }
        let amountBytes = fields[columns.amount]
        let amount: Money
        if let plain = AmountParser.plainYuan(utf8: amountBytes) { amount = plain } else {
            do { amount = try AmountParser.parse(text(amountBytes)) } catch { throw fail(Message(.fieldColonProblem, Message(.fieldAmount), error.explanation)) }
        }
        guard amount.fen > 0 else { throw fail(Message(.amountMustBeGreaterThan, text(amountBytes))) }
        guard let source = FundSource(utf8: fields[columns.source]) else {
            throw fail(Message(.sourceIsNotCurrentCarryover, text(fields[columns.source])))
        }
        guard let date = BusinessDate(utf8: fields[columns.date]) else {
            throw fail(Message(.dateIsNotValidDate, text(fields[columns.date])))
        }
        // Each free text from its own column's interner: a run of rows that repeat one payee, or
        // one memo, finds it at once, as the last text that interner gave.
        func free(_ column: Int?, _ interner: inout TextInterner<Message?>, _ name: MessageKey) throws(RowProblem) -> String? {
            guard let column, !fields[column].isEmpty else { return nil }
            let free = interner.text(UnsafeRawBufferPointer(fields[column]))!
            if let problem = free.note { throw fail(Message(.fieldProblem, Message(name), problem)) }
            return free.text
        }
        let payee = try free(columns.payee, &texts.payees, .fieldPayee)
        let memo = try free(columns.memo, &texts.memos, .fieldMemo)
        let voucher = try free(columns.voucher, &texts.vouchers, .fieldVoucher)
        if let voucher, let problem = FieldCheck.voucher.problem(voucher) { throw fail(Message(.fieldProblem, Message(.fieldVoucher), problem)) }
        // A catalogue is looked up only for a column the file has: named as an argument, each
        // was fetched for every row.
        let economic = try columns.economicClass == nil ? nil : code(columns.economicClass, .economic, "class")
        let functional = try columns.functionalClass == nil ? nil : code(columns.functionalClass, .functional, "function")
        func code(_ column: Int?, _ catalogue: @autoclosure () -> ClassCatalogue, _ name: String) throws(RowProblem) -> String? {
            guard let column, !fields[column].isEmpty else { return nil }
            switch texts.code(UnsafeRawBufferPointer(fields[column]), catalogue()) {
            case .success(let code): return code
            case .failure(let problem): throw fail("\(name) \(problem.message)")
            }
        }
        return PaymentRow(line: line, draft: PaymentDraft(key: text(keyBytes), date: date,
                          payment: Disbursement(project: project.text, source: source, amount: amount, voucher: voucher, economicClass: economic,
                                                functionalClass: functional, payee: payee, memo: memo),
                          projectNumber: project.number))
    }
}

/// The texts an import file repeats — project ids, payees, memos — each made into a String and
/// checked once.
struct ImportTexts {
    var projects = TextInterner<Message?> { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        return (text, Identifier.problem(with: text))
    }
    var payees = Self.freeTexts(), memos = Self.freeTexts(), vouchers = Self.freeTexts()

    static func freeTexts() -> TextInterner<Message?> {
        TextInterner { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            return (text, FreeText.problem(with: text))
        }
    }

    /// Classification codes as a column gives them (`30211`, `30211 差旅费`), each looked up once.
    var codes: [String: Result<String, ClassProblem>] = [:]

    mutating func code(_ bytes: UnsafeRawBufferPointer, _ catalogue: ClassCatalogue) -> Result<String, ClassProblem> {
        let text = String(decoding: bytes, as: UTF8.self)
        let key = catalogue.kind.description + "\u{0}" + text
        if let known = codes[key] { return known }
        let found = catalogue.code(for: text)
        codes[key] = found
        return found
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
