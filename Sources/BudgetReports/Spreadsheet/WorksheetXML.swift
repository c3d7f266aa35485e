/// A1 references: column letters are bijective base 26 (A…Z, AA…AZ, …, XFD), rows count from 1.
public enum CellReference {
    /// `A1` for row 0, column 0.
    public static func a1(row: Int, column: Int) -> String {
        columnLetters(column) + String(row + 1)
    }

    /// `A` for 0, `Z` for 25, `AA` for 26, `XFD` for 16,383.
    public static func columnLetters(_ column: Int) -> String {
        var letters: [UInt8] = []
        var rest = column + 1
        while rest > 0 {
            rest -= 1
            letters.append(UInt8(ascii: "A") + UInt8(rest % 26))
            rest /= 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// (row, column), 0-based, for `B3`; nil when malformed or beyond Excel's grid.
    public static func parse(_ a1: String) -> (row: Int, column: Int)? {
        let bytes = Array(a1.utf8)
        let letters = bytes.prefix { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        let digits = bytes.dropFirst(letters.count)
        guard (1...3).contains(letters.count), (1...7).contains(digits.count), digits.first != UInt8(ascii: "0"),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        let column = letters.reduce(0) { $0 * 26 + Int($1 - UInt8(ascii: "A")) + 1 } - 1
        let row = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } - 1
        guard column < SpreadsheetLimits.maximumColumns, row < SpreadsheetLimits.maximumRows else { return nil }
        return (row, column)
    }
}

/// Renders one worksheet part (`xl/worksheets/sheetN.xml`, ECMA-376 Part 1 §18.3), checking the
/// sheet against `SpreadsheetLimits` as it goes.
enum WorksheetXML {
    static func render(_ sheet: Worksheet) throws -> String {
        let name = sheet.name
        guard sheet.rows.count <= SpreadsheetLimits.maximumRows else {
            throw SpreadsheetError.tooManyRows(sheet: name, count: sheet.rows.count)
        }
        try RowHeights.validate(sheet)
        let mergeStarts = RowHeights.mergeStarts(sheet.merges)
        let rowCount = max(sheet.rows.count, (sheet.rowHeights.keys.max() ?? -1) + 1)
        var data = ""
        var lastRow = -1, lastColumn = -1
        for rowIndex in 0..<rowCount {
            let row = rowIndex < sheet.rows.count ? sheet.rows[rowIndex] : []
            guard row.count <= SpreadsheetLimits.maximumColumns else {
                throw SpreadsheetError.tooManyColumns(sheet: name, row: rowIndex + 1, count: row.count)
            }
            var cells = ""
            for (columnIndex, cell) in row.enumerated() {
                guard let rendered = try render(cell, at: CellReference.a1(row: rowIndex, column: columnIndex), sheet: name) else { continue }
                cells += rendered
                lastColumn = max(lastColumn, columnIndex)
            }
            let height = RowHeights.attributes(row: rowIndex, cells: row, sheet: sheet, mergeAt: mergeStarts)
            // A row of empty cells is left out: SpreadsheetML rows are sparse and numbered.
            guard !cells.isEmpty || !height.isEmpty else { continue }
            data += "<row r=\"\(rowIndex + 1)\"\(height)>" + cells + "</row>"
            if !cells.isEmpty { lastRow = rowIndex }
        }

        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        // Children must come in the schema's order: sheetPr, dimension, sheetViews, sheetFormatPr,
        // cols, sheetData, mergeCells, pageMargins, pageSetup. Excel calls a file corrupt otherwise.
        // fitToPage switches on the fitToWidth/fitToHeight of pageSetup below.
        xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        let dimension = lastRow < 0 ? "A1" : "A1:" + CellReference.a1(row: lastRow, column: lastColumn)
        xml += "<dimension ref=\"\(dimension)\"/>"
        xml += #"<sheetViews><sheetView workbookViewId="0"/></sheetViews>"#
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        xml += try columns(sheet)
        xml += data.isEmpty ? "<sheetData/>" : "<sheetData>" + data + "</sheetData>"
        xml += try merges(sheet)
        xml += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        // paperSize 9 is A4; fitToHeight 0 means "as many pages tall as needed".
        let orientation = sheet.landscape ? "landscape" : "portrait"
        xml += "<pageSetup paperSize=\"9\" orientation=\"\(orientation)\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        xml += "</worksheet>"
        return xml
    }

    /// The `<c>` element for one cell, or nil for `.empty`.
    static func render(_ cell: Cell, at reference: String, sheet: String) throws -> String? {
        switch cell {
        case .empty:
            return nil
        case .blank(let style):
            return "<c r=\"\(reference)\" s=\"\(StylesXML.index(of: style, quotePrefix: false))\"/>"
        case .text(let text, let style):
            let length = SpreadsheetText.excelLength(text)
            guard length <= SpreadsheetLimits.maximumTextLength else {
                throw SpreadsheetError.textTooLong(sheet: sheet, cell: reference, length: length)
            }
            let escaped = SpreadsheetText.xmlText(text)
            let styleIndex = StylesXML.index(of: style, quotePrefix: SpreadsheetText.isFormulaLike(text))
            guard !escaped.isEmpty else { return "<c r=\"\(reference)\" s=\"\(styleIndex)\"/>" }
            // An inline string is data, never a formula (there is no <f> element), whatever it says.
            return "<c r=\"\(reference)\" s=\"\(styleIndex)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                + escaped + "</t></is></c>"
        case .number(let literal, let style):
            guard isDecimalLiteral(literal) else {
                throw SpreadsheetError.invalidNumber(sheet: sheet, cell: reference, literal: literal)
            }
            // No t attribute: the cell type defaults to n, a number.
            return "<c r=\"\(reference)\" s=\"\(StylesXML.index(of: style, quotePrefix: false))\"><v>" + literal + "</v></c>"
        }
    }

    /// True for `-?[0-9]+(\.[0-9]+)?` with at most 15 significant digits. Checked on bytes so no
    /// Unicode digit (a full-width ３, say) slips through, and nothing but these bytes reaches <v>.
    static func isDecimalLiteral(_ literal: String) -> Bool {
        var bytes = Array(literal.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let integer = bytes.prefix(while: isDigit)
        guard !integer.isEmpty else { return false }
        var fraction = bytes.dropFirst(integer.count)
        if !fraction.isEmpty {
            guard fraction.first == UInt8(ascii: "."), fraction.count > 1 else { return false }
            fraction = fraction.dropFirst()
            guard fraction.allSatisfy(isDigit) else { return false }
        }
        // Leading zeros are not significant (0.05 has one digit); trailing ones are counted.
        let significant = (integer + fraction).drop { $0 == UInt8(ascii: "0") }
        return significant.count <= SpreadsheetLimits.maximumSignificantDigits
    }

    static func columns(_ sheet: Worksheet) throws -> String {
        guard !sheet.columnWidths.isEmpty else { return "" }
        var xml = "<cols>"
        // Sorted: <col> elements must ascend, and sorting keeps the output deterministic.
        for (column, width) in sheet.columnWidths.sorted(by: { $0.key < $1.key }) {
            guard (0..<SpreadsheetLimits.maximumColumns).contains(column),
                  (1...SpreadsheetLimits.maximumColumnWidth).contains(width) else {
                throw SpreadsheetError.invalidColumnWidth(sheet: sheet.name, column: column, width: width)
            }
            xml += "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        return xml + "</cols>"
    }

    static func merges(_ sheet: Worksheet) throws -> String {
        guard !sheet.merges.isEmpty else { return "" }
        guard sheet.merges.count <= SpreadsheetLimits.maximumMerges else {
            throw SpreadsheetError.tooManyMerges(sheet: sheet.name, count: sheet.merges.count)
        }
        let merges = sheet.merges
        for range in merges {
            let fail = { (reason: String) in SpreadsheetError.invalidMerge(sheet: sheet.name, range: describe(range), reason: reason) }
            guard range.firstRow >= 0, range.firstColumn >= 0,
                  range.lastRow < SpreadsheetLimits.maximumRows, range.lastColumn < SpreadsheetLimits.maximumColumns else {
                throw fail("outside the sheet")
            }
            guard range.firstRow != range.lastRow || range.firstColumn != range.lastColumn else { throw fail("a single cell") }
        }
        // Excel repairs (and warns about) a file whose merged ranges overlap. Sorted by first row,
        // each range is compared only with those starting within its rows: a report's merges are
        // mostly on different rows, so this stays near n log n where all pairs would be n².
        let order = merges.indices.sorted { (merges[$0].firstRow, $0) < (merges[$1].firstRow, $1) }
        for (position, index) in order.enumerated() {
            for other in order[(position + 1)...] {
                guard merges[other].firstRow <= merges[index].lastRow else { break }
                guard merges[index].overlaps(merges[other]) else { continue }
                let (later, earlier) = (merges[max(index, other)], merges[min(index, other)])
                throw SpreadsheetError.invalidMerge(sheet: sheet.name, range: later.a1, reason: "overlaps \(earlier.a1)")
            }
        }
        return "<mergeCells count=\"\(sheet.merges.count)\">"
            + sheet.merges.map { "<mergeCell ref=\"\($0.a1)\"/>" }.joined() + "</mergeCells>"
    }

    /// A1 when the range is on the grid, else its raw indices (a negative row has no A1 form).
    private static func describe(_ range: CellRange) -> String {
        guard range.firstRow >= 0, range.firstColumn >= 0 else {
            return "rows \(range.firstRow)…\(range.lastRow), columns \(range.firstColumn)…\(range.lastColumn)"
        }
        return range.a1
    }
}
