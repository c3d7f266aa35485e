/// Row heights for the `<row ht=…>` attribute.
///
/// Why estimate at all: a row without `ht` is one line tall in LibreOffice (it does not re-fit rows
/// when it opens an .xlsx), so wrapped text in a `.wrapped` or `.header` cell would be cut off.
/// The estimate is written without `customHeight`, so Excel may still re-fit the row itself; a
/// height the caller gives in `Worksheet.rowHeights` is written with `customHeight="1"` and kept.
enum RowHeights {
    /// Points per line of the default font (Calibri 11), Excel's default row height.
    static let lineHeight = 15
    /// Excel's largest row height, in points.
    static let maximum = 409
    /// Excel's default column width, in characters, for columns without a width.
    static let defaultColumnWidth = 8

    /// The `ht`/`customHeight` attributes of row `row` (with a leading space), or "" for the
    /// default height.
    static func attributes(row: Int, cells: [Cell], sheet: Worksheet, mergeAt: [Int: CellRange]) -> String {
        if let height = sheet.rowHeights[row] { return " ht=\"\(height)\" customHeight=\"1\"" }
        var lines = 1
        for (column, cell) in cells.enumerated() {
            guard case .text(let text, let style) = cell, style == .wrapped || style == .header else { continue }
            var width = sheet.columnWidths[column] ?? defaultColumnWidth
            if let merge = mergeAt[key(row: row, column: column)] {
                // A range over several rows has their height to share; estimating how is guesswork.
                guard merge.firstRow == merge.lastRow else { continue }
                width = (merge.firstColumn...merge.lastColumn).reduce(0) { $0 + (sheet.columnWidths[$1] ?? defaultColumnWidth) }
            }
            lines = max(lines, lineCount(text, width: width))
        }
        return lines > 1 ? " ht=\"\(min(maximum, lines * lineHeight))\"" : ""
    }

    /// Lines `text` takes in a column `width` characters wide: each line break starts a line, and
    /// a line longer than the column wraps. Wide (CJK) characters count as two, as in a terminal.
    static func lineCount(_ text: String, width: Int) -> Int {
        let usable = max(1, width - 1)  // Excel keeps a little padding inside the cell
        var total = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let columns = line.unicodeScalars.reduce(0) { $0 + columnsOf($1) }
            total += max(1, (columns + usable - 1) / usable)
            if total >= maximum / lineHeight { break }  // past the tallest row, counting is moot
        }
        return total
    }

    /// 2 for East Asian wide and full-width characters, 0 for combining marks, else 1.
    static func columnsOf(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD: return 2
        default: return 1
        }
    }

    /// The top-left cells of `merges`, keyed by `key(row:column:)`.
    static func mergeStarts(_ merges: [CellRange]) -> [Int: CellRange] {
        var starts: [Int: CellRange] = [:]
        for merge in merges { starts[key(row: merge.firstRow, column: merge.firstColumn)] = merge }
        return starts
    }

    /// One integer per cell: the grid has fewer than 2^35 cells.
    static func key(row: Int, column: Int) -> Int { row * SpreadsheetLimits.maximumColumns + column }

    static func validate(_ sheet: Worksheet) throws {
        for (row, height) in sheet.rowHeights.sorted(by: { $0.key < $1.key }) {
            guard (0..<SpreadsheetLimits.maximumRows).contains(row), (1...maximum).contains(height) else {
                throw SpreadsheetError.invalidRowHeight(sheet: sheet.name, row: row, height: height)
            }
        }
    }
}
