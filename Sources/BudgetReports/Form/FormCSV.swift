/// `budget form --format csv`: each form's grid, row by row, for Excel and WPS. UTF-8 with a
/// byte-order mark, without which both read the file in the local code page and garble the
/// Chinese. A merged area's value is in its top-left cell and the cells it covers are empty.
/// Every text cell is neutralised (`SpreadsheetText.neutralisedForCSV`), so a payee or name
/// such as `=1+1` is shown, never evaluated; the figures the ledger formats itself are not.
/// A questioned cell carries its marks ("7.2 [3]"); the notes are in the last column. Forms
/// are separated by an empty row.
public enum FormCSV {
    public static let byteOrderMark = "\u{FEFF}"

    public static func render(_ report: FormReport) -> String {
        var out = byteOrderMark
        for (index, grid) in report.grids.enumerated() {
            if index > 0 { out += "\r\n" }
            for row in 0..<grid.rowCount {
                var cells = Array(repeating: "", count: grid.columnCount)
                for area in grid.areas where area.row == row { cells[area.column] = text(area) }
                out += CSVWriter.row(cells)
            }
        }
        return out
    }

    static func text(_ area: FormGrid.Area) -> String {
        let marks = area.marks.map { "[\($0)]" }.joined()
        let shown = marks.isEmpty ? area.value.text : [area.value.text, marks].filter { !$0.isEmpty }.joined(separator: " ")
        return area.value.isFigure ? shown : SpreadsheetText.neutralisedForCSV(shown)
    }
}
