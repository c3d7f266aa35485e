import BudgetModel

/// `budget form --format xlsx`: one worksheet per project, named by its id, laid out as the
/// paper form with its merged cells and column widths, printed on A4 landscape. Figures are
/// numbers, not text: amounts in 万元 with two decimals (format `0.00`), rates as fractions
/// (format `0.00%`), points as plain numbers; so a reader's sum of a column is the sum of the
/// figures. Every text is an inline string, never a formula (see `SpreadsheetText`). A cell a
/// check questions has a light red fill; the finding stands beside it in the 核查意见 column.
public enum FormWorkbook {
    public static func workbook(_ report: FormReport) -> Workbook {
        let sheets = zip(report.forms, report.grids).map { sheet($0.0, $0.1) }
        return Workbook(sheets: sheets.isEmpty ? [Worksheet(name: "自评表", rows: [[.text("没有可出具的自评表。")]])] : sheets)
    }

    /// The .xlsx file's bytes.
    public static func render(_ report: FormReport) throws -> [UInt8] {
        try workbook(report).xlsxBytes()
    }

    static func sheet(_ form: SelfEvaluationForm, _ grid: FormGrid) -> Worksheet {
        var rows = Array(repeating: Array(repeating: Cell.empty, count: grid.columnCount), count: grid.rowCount)
        var merges: [CellRange] = []
        for area in grid.areas {
            let flagged = !area.marks.isEmpty
            let first = cell(area.value, flagged: flagged)
            // The hidden cells of a merged area carry its style, so its border runs all round.
            let covered = style(of: first).map { Cell.blank(style: $0) } ?? .empty
            for row in area.row..<(area.row + area.rowSpan) {
                for column in area.column..<(area.column + area.columnSpan) {
                    rows[row][column] = (row, column) == (area.row, area.column) ? first : covered
                }
            }
            if area.isMerged {
                merges.append(CellRange(rows: area.row...(area.row + area.rowSpan - 1),
                                        columns: area.column...(area.column + area.columnSpan - 1)))
            }
        }
        var widths: [Int: Int] = [:]
        for column in 0..<grid.columnCount { widths[column] = FormGrid.widths[column] }
        // The title is a little taller than a line of text.
        return Worksheet(name: form.project, rows: rows, columnWidths: widths, rowHeights: [0: 24], merges: merges, landscape: true)
    }

    static func cell(_ value: FormGrid.Value, flagged: Bool) -> Cell {
        switch value {
        case .title(let text): return .text(text, style: .bold)
        case .subtitle(let text), .footer(let text), .attachment(let text): return .text(text, style: .plain)
        case .label(let text): return .text(text, style: flagged ? .flagged : .header)
        case .text(let text), .paragraph(let text), .note(let text): return .text(text, style: flagged ? .flagged : .wrapped)
        case .money(let money): return .number(money.wanText, style: flagged ? .flaggedMoney : .money)
        case .rate(let rate): return .number(fraction(rate), style: flagged ? .flaggedPercent : .percent)
        case .points(let points): return .number(points.text, style: flagged ? .flagged : .bordered)
        case .dash: return .text("—", style: flagged ? .flagged : .bordered)
        case .blank: return .blank(style: flagged ? .flagged : .bordered)
        }
    }

    /// The style a merged area's hidden cells share with its first; nil for an unbordered area.
    static func style(of cell: Cell) -> CellStyle? {
        switch cell {
        case .text(_, let style), .number(_, let style), .blank(let style):
            return [.plain, .bold].contains(style) ? nil : style
        case .empty:
            return nil
        }
    }

    /// A rate as the fraction a `0.00%` cell shows: 71.90% is 0.7190, exactly.
    static func fraction(_ rate: Rate) -> String {
        let magnitude = rate.basisPoints.magnitude
        let digits = String(magnitude % 10_000)
        return (rate.basisPoints < 0 ? "-" : "") + "\(magnitude / 10_000)." + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
