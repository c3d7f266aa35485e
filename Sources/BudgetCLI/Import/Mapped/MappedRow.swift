import BudgetText
import BudgetModel
import BudgetProjections

/// One row of a mapped file read as a payment: each field from its column, or the map's constant.
struct MappedRow {
    let row: SheetTable.Row
    let columns: [String: Int]
    let map: ImportMap
    let unit: Message

    func fail(_ reason: Message) -> RowProblem { RowProblem(line: row.number, reason: reason, unit: unit) }

    /// The field's cell, or its constant as a text cell; nil when the map gives neither.
    func cell(_ field: String) -> SheetTable.Cell? {
        switch map.fields[field] {
        case .constant(let value)?: return .text(value)
        case .column?:
            guard let at = columns[field] else { return nil }
            return at < row.cells.count ? row.cells[at] : .empty
        case nil: return nil
        }
    }

    /// The field's text, trimmed; nil when empty or unmapped. A whole number written with an
    /// exponent (a long voucher or project number in a number cell) is written out in full.
    func text(_ field: String) -> String? {
        guard let cell = cell(field), !cell.isEmpty else { return nil }
        if case .number(let literal) = cell { return NumberText.plain(literal) }
        return cell.shown.trimmingSpaces
    }

    func draft(_ texts: inout ImportTexts) throws(RowProblem) -> PaymentDraft {
        var voucher: String?
        if let text = text("voucher") {
            if let problem = FreeText.problem(with: text) ?? FieldCheck.voucher.problem(text) { throw fail(Message(.fieldProblem, Message(.fieldVoucher), problem)) }
            voucher = text
        }
        let key: String
        if map.fields["id"] != nil {
            guard let id = text("id") else { throw fail(Message(.idIsEmpty)) }
            if let problem = Identifier.problem(with: id) { throw fail(Message(.fieldValueProblem, Message(.fieldId), id, problem)) }
            key = id
        } else {
            guard let voucher else { throw fail(Message(.voucherIsEmptyAndMap)) }
            key = VoucherKey.id(voucher)
        }
        guard let project = text("project") else { throw fail(Message(.projectIsEmpty)) }
        if let problem = Identifier.problem(with: project) { throw fail(Message(.fieldValueProblem, Message(.fieldProject), project, problem)) }
        let amount = try self.amount()
        let source = try self.source()
        let date = try self.date()
        var payee: String?, memo: String?
        for (name, label) in [("payee", MessageKey.fieldPayee), ("memo", MessageKey.fieldMemo)] {
            guard let value = text(name) else { continue }
            if let problem = FreeText.problem(with: value) { throw fail(Message(.fieldProblem, Message(label), problem)) }
            if name == "payee" { payee = value } else { memo = value }
        }
        let economic = try code("class", .economic, &texts)
        let functional = try code("function", .functional, &texts)
        return PaymentDraft(key: key, date: date, payment: Disbursement(
            project: project, source: source, amount: Money(fen: amount), voucher: voucher, economicClass: economic,
            functionalClass: functional, payee: payee, memo: memo))
    }

    func amount() throws(RowProblem) -> Int64 {
        guard let cell = cell("amount"), !cell.isEmpty else { throw fail(Message(.amountIsEmpty)) }
        let literal: String
        switch cell {
        case .number(let text), .text(let text): literal = text
        case .date: throw fail(Message(.amountIsFormattedAsDate, cell.shown))
        case .bool, .empty: throw fail(Message(.amountIsNotNumber, cell.shown))
        }
        switch DecimalAmount.fen(literal, unit: map.amountUnit) {
        case .success(let fen):
            guard fen > 0 else { throw fail(Message(.amountMustBeGreaterThan, literal)) }
            return fen
        case .failure(let problem): throw fail(Message(.fieldValueProblem, Message(.fieldAmount), literal, problem.reason))
        }
    }

    func source() throws(RowProblem) -> FundSource {
        guard let text = text("source") else { throw fail(Message(.sourceIsEmpty)) }
        if let source = FundSource(rawValue: text) ?? FundSource.allCases.first(where: { $0.label == text }) { return source }
        throw fail(Message(.sourceIsNotOneOf, text, Message.alternatives(FundSource.allCases.map { "\($0.rawValue) (\($0.label))" })))
    }

    /// The forms a date may be written in: the map's, or any year-first one.
    var dateFormats: [DateFormat] { map.dateFormat.map { [$0] } ?? DateFormat.yearFirst }
    var dateFormatText: Message {
        map.dateFormat.map { Message(verbatim: $0.text) } ?? Message.alternatives(["YYYY-MM-DD", "YYYY/MM/DD", "YYYY年M月D日", "YYYYMMDD"])
    }

    func date() throws(RowProblem) -> BusinessDate {
        guard let cell = cell("date"), !cell.isEmpty else { throw fail(Message(.dateIsEmpty)) }
        switch cell {
        case .date(let serial, let date1904):
            if let date = SerialDate.date(serial, date1904: date1904) { return date }
            throw fail(Message(.dateSerialIsNoDate, serial))
        case .number(let literal):
            // A number cell is a date only as digits run together (20250110) in such a format.
            if let date = dateFormats.lazy.compactMap({ $0.date(NumberText.plain(literal)) }).first { return date }
            throw fail(Message(.dateIsNumberNotDate, literal, dateFormatText))
        default:
            let text = cell.shown.trimmingSpaces
            if let date = dateFormats.lazy.compactMap({ $0.date(text) }).first { return date }
            throw fail(Message(.dateNotInForm, text, dateFormatText, map.dateFormat == nil ? Message(.setDateFormat) : ""))
        }
    }

    func code(_ field: String, _ catalogue: ClassCatalogue, _ texts: inout ImportTexts) throws(RowProblem) -> String? {
        guard let text = text(field) else { return nil }
        var bytes = Array(text.utf8)
        let found = bytes.withUnsafeMutableBytes { texts.code(UnsafeRawBufferPointer($0), catalogue) }
        switch found {
        case .success(let code): return code
        case .failure(let problem): throw fail("\(field) \(problem.message)")
        }
    }

    /// Why a total row's amount is not the sum of the payments above it; nil when it is.
    func total(label: String, sum_fen: Int64) -> RowProblem? {
        guard let cell = cell("amount"), !cell.isEmpty else { return nil }
        let stated: Int64
        do throws(RowProblem) { stated = try amount() } catch { return fail(Message(.rowS, label, error.reason)) }
        guard stated != sum_fen else { return nil }
        return fail(Message(.rowStatesYuanButPayments, label, Money(fen: stated).groupedYuanText, Money(fen: sum_fen).groupedYuanText))
    }
}

/// A number cell's text as a person would write it: `2.0250110000123E+13` → `20250110000123`.
enum NumberText {
    static func plain(_ literal: String) -> String {
        guard let e = literal.firstIndex(where: { $0 == "E" || $0 == "e" }), let exponent = Int(literal[literal.index(after: e)...]),
              exponent > 0, exponent <= 30 else { return literal }
        let mantissa = literal[..<e]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return literal }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.count <= exponent else { return literal }
        return String(whole) + fraction + String(repeating: "0", count: exponent - fraction.count)
    }
}
