import BudgetText
import BudgetModel
import BudgetProjections

/// Payments read from a file people have — a treasury or bank export as .xlsx or as CSV in UTF-8
/// or GB18030 — through an import map that names which column holds what.
enum MappedImport {
    /// Labels a total row begins with; its amount is checked against the rows above, not imported.
    static let totalLabels: Set<String> = ["合计", "总计"]

    /// The file as a table: a workbook when it is a ZIP (as .xlsx is), else text.
    static func table(_ bytes: [UInt8], path: String, map: ImportMap) throws(ImportFailed) -> SheetTable {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do { return try WorkbookReader.table(bytes, sheet: map.sheet) } catch {
                throw ImportFailed(problems: [RowProblem(line: 0, reason: Message(.workbookCannotBeRead, path, error.reason), isFileWide: true)])
            }
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw ImportFailed(problems: [RowProblem(line: 0, reason: Message(.isExcelXlsWorkbookWhich, path), isFileWide: true)])
        }
        if map.sheet != nil {
            throw ImportFailed(problems: [RowProblem(line: 0, reason: Message(.mapNamesSheetButIs, path), isFileWide: true)])
        }
        let text: [UInt8]
        switch (map.encoding ?? TextEncoding.detect(bytes)).utf8(bytes) {
        case .success(let converted): text = converted
        case .failure(let problem): throw ImportFailed(problems: [problem])
        }
        do {
            var table = SheetTable(unit: Message(.unitLine))
            for record in try CSVReader.records(text, from: 0, to: text.count, firstLine: 1) {
                table.rows.append(SheetTable.Row(number: record.line, cells: record.fields.map { $0.isEmpty ? .empty : .text($0) }))
            }
            return table
        } catch {
            throw ImportFailed(problems: [RowProblem(line: error.line, reason: error.reason)])
        }
    }

    /// The payments of the table's rows below its header, and the problems of those that do not read.
    static func rows(_ table: SheetTable, map: ImportMap) throws(ImportFailed) -> ImportFile.Rows {
        let unit = table.unit
        guard let headerAt = table.rows.firstIndex(where: { $0.number > map.skip && $0.cells.contains { !$0.isEmpty } }) else {
            throw ImportFailed(problems: [RowProblem(line: map.skip + 1, reason: Message(.noHeaderRow, map.skip > 0 ? Message(.pastSkipped, map.skip) : ""), unit: unit)])
        }
        let header = table.rows[headerAt]
        let columns = try self.columns(header, map: map, unit: unit)
        var read = ImportFile.Rows()
        read.unit = unit
        read.headerLine = header.number
        var texts = ImportTexts()
        var sum_fen: Int64 = 0
        var rowOfKey: [String: Int] = [:]
        for row in table.rows[(headerAt + 1)...] where row.cells.contains(where: { !$0.isEmpty }) {
            guard read.count + read.problems.count < PaymentRows.rowsMax else {
                throw ImportFailed(problems: [RowProblem(line: row.number, reason: Message(.moreThanRowsSplitFile, PaymentRows.rowsMax), unit: unit)])
            }
            let reader = MappedRow(row: row, columns: columns, map: map, unit: unit)
            // A total row says 合计 or 总计 where a row's label stands — its first filled cell — and
            // names no voucher or project: a payee called 合计 is still a payment.
            if let first = row.cells.first(where: { !$0.isEmpty }), case .text(let text) = first, totalLabels.contains(text.trimmingSpaces),
               [reader.text("voucher"), map.fields["project"].flatMap { if case .column = $0 { return reader.text("project") }; return nil }]
                   .allSatisfy({ $0 == nil || $0 == text.trimmingSpaces }) {
                let label = text.trimmingSpaces
                // A total row: a check on the rows above, not a payment.
                // Checked only when every row above read: else the sum is short of the bad rows.
                if read.problems.isEmpty, let problem = reader.total(label: label, sum_fen: sum_fen) { read.problems.append(problem) }
                continue
            }
            do throws(RowProblem) {
                let draft = try reader.draft(&texts)
                // The same payment twice in one export (a voucher the treasury issues once) is a
                // fault of the file: recording it once would disagree with the file's own total.
                if let earlier = rowOfKey[draft.key] {
                    throw reader.fail(Message(.repeatsRow, unit, earlier, draft.payment.voucher.map { Message(.voucherQuoted, $0) } ?? Message(.idQuoted, draft.key)))
                }
                rowOfKey[draft.key] = row.number
                sum_fen += draft.payment.amount.fen
                read.append(PaymentRow(line: row.number, draft: draft))
            } catch {
                read.problems.append(error)
            }
        }
        if read.count == 0 && read.problems.isEmpty {
            throw ImportFailed(problems: [RowProblem(line: header.number, reason: Message(.noPaymentsBelowHeaderRow), unit: unit)])
        }
        return read
    }

    /// Where each mapped column stands in the header row; every column the map names that the
    /// header lacks is a problem, named with the columns the header has.
    static func columns(_ header: SheetTable.Row, map: ImportMap, unit: Message) throws(ImportFailed) -> [String: Int] {
        var positions: [String: Int] = [:]
        var problems: [RowProblem] = []
        let names = header.cells.map { $0.shown.trimmingSpaces }
        for (field, source) in map.fields.sorted(by: { $0.key < $1.key }) {
            guard case .column(let name) = source else { continue }
            let found = names.indices.filter { names[$0] == name }
            switch found.count {
            case 1: positions[field] = found[0]
            case 0:
                let shown = Message.list(names.filter { !$0.isEmpty }.map { Message(.quotedName, $0) })
                problems.append(RowProblem(line: header.number, reason: Message(.headerRowHasNoColumn, name, field, shown), unit: unit))
            default:
                problems.append(RowProblem(line: header.number, reason: Message(.headerRowHasColumnsNamed, found.count, name, field), unit: unit))
            }
        }
        guard problems.isEmpty else { throw ImportFailed(problems: problems) }
        return positions
    }
}
