import BudgetText

/// An Office Open XML workbook (.xlsx) written by our own code: SpreadsheetML parts in a ZIP
/// archive of stored entries. Build the sheets, then call `xlsxBytes()` and write the bytes.
///
///     let sheet = Worksheet(name: "执行情况", rows: [
///         [.text("项目", style: .header), .text("执行数", style: .header)],
///         [.text("业务费", style: .bordered), .number("534253.73", style: .money)],
///     ], columnWidths: [0: 30, 1: 14])
///     let bytes = try Workbook(sheets: [sheet]).xlsxBytes()
///
/// Output is deterministic: the same workbook always gives the same bytes.
public struct Workbook: Equatable, Sendable {
    public var sheets: [Worksheet]

    public init(sheets: [Worksheet]) { self.sheets = sheets }

    /// The .xlsx file's bytes. Throws `SpreadsheetError` naming the sheet and cell at fault when
    /// a limit of `SpreadsheetLimits` is passed or a number literal is not a plain decimal.
    public func xlsxBytes() throws -> [UInt8] {
        do { return try ZipWriter.stored(parts()) } catch let error as ZipError { throw SpreadsheetError.archive(error) }
    }

    /// The names the sheets get in the file, in order: each sheet's `name` with the characters
    /// Excel forbids (`[ ] : * ? / \` and controls) replaced by `_`, no leading or trailing `'`,
    /// at most 31 UTF-16 units, and made unique ignoring case by a ` (2)`, ` (3)`… suffix.
    public var sheetNames: [String] {
        var names: [String] = []
        var taken = Set<String>()
        for (index, sheet) in sheets.enumerated() {
            let base = Self.sanitisedSheetName(sheet.name, fallback: "Sheet\(index + 1)")
            var name = base
            var counter = 2
            while taken.contains(name.lowercased()) {
                let suffix = " (\(counter))"
                name = Self.truncated(base, toUTF16: SpreadsheetLimits.maximumSheetNameLength - suffix.utf16.count) + suffix
                counter += 1
            }
            taken.insert(name.lowercased())
            names.append(name)
        }
        return names
    }

    static func sanitisedSheetName(_ raw: String, fallback: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var name = String(raw.map { forbidden.contains($0) ? "_" : $0 })
        name = String(String.UnicodeScalarView(name.unicodeScalars.filter {
            !SpreadsheetText.isRemoved($0) && $0 != "\t" && $0 != "\n" && $0 != "\r"
        }))
        // Excel refuses a name that starts or ends with an apostrophe, and reserves "History".
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        if name.lowercased() == "history" { name += "_" }
        name = truncated(name, toUTF16: SpreadsheetLimits.maximumSheetNameLength)
        return name.isEmpty ? fallback : name
    }

    /// The longest prefix of whole Characters within `limit` UTF-16 units, so a surrogate pair or
    /// a combined character is never cut in half.
    static func truncated(_ text: String, toUTF16 limit: Int) -> String {
        var result = ""
        var length = 0
        for character in text {
            length += character.utf16.count
            if length > limit { break }
            result.append(character)
        }
        return result
    }
}

/// One sheet: rows of cells, column widths, merged ranges and page setup.
public struct Worksheet: Equatable, Sendable {
    /// Shown on the tab; sanitised and made unique when written (see `Workbook.sheetNames`).
    public var name: String
    /// Row-major; row 0 is spreadsheet row 1 and column 0 is column A. Rows may differ in length.
    public var rows: [[Cell]]
    /// Column index (0 = A) → width in characters of the default font, 1…255.
    public var columnWidths: [Int: Int]
    /// Row index (0 = row 1) → height in points, 1…409, kept as given. A row not listed is one
    /// line (15 pt) tall, or as many lines as its `.wrapped` and `.header` text is estimated to
    /// take (see `RowHeights`).
    public var rowHeights: [Int: Int]
    /// Merged ranges; each spans two cells or more and none overlaps another. The value shown is
    /// the top-left cell's; give the other cells `.blank(style:)` so borders run around the range.
    public var merges: [CellRange]
    /// Printed landscape instead of portrait. Either way: A4, fitted to one page wide.
    public var landscape: Bool

    public init(name: String, rows: [[Cell]] = [], columnWidths: [Int: Int] = [:], rowHeights: [Int: Int] = [:],
                merges: [CellRange] = [], landscape: Bool = false) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.rowHeights = rowHeights
        self.merges = merges
        self.landscape = landscape
    }
}

/// One cell's content and style.
public enum Cell: Equatable, Sendable {
    /// Nothing is written.
    case empty
    /// No value, but a style: the borders of a merged range's hidden cells, say.
    case blank(style: CellStyle)
    /// Text, written as an inline string: shown as it is and never evaluated as a formula.
    case text(String, style: CellStyle = .plain)
    /// A number given as its exact decimal text, matching `-?[0-9]+(\.[0-9]+)?` with at most
    /// 15 significant digits (Excel keeps no more and would round silently). Never a Double:
    /// the text is written verbatim, so 534253.73 stays 534253.73.
    case number(String, style: CellStyle = .plain)
}

/// The styles of `xl/styles.xml`. The bordered ones are for table bodies.
public enum CellStyle: Int, CaseIterable, Equatable, Sendable {
    /// The default: no border, general format. Titles and notes.
    case plain
    /// Bold, no border: a report title or a label outside a table.
    case bold
    /// Bold, centred, wrapped, light grey fill, thin border: a table's header row.
    case header
    /// Thin border: a table's text cell.
    case bordered
    /// Thin border, wrapped, aligned to the top: long text in a table.
    case wrapped
    /// Thin border, format `0.00`: amounts.
    case money
    /// Thin border, format `0.00%`: a ratio, given as a fraction (`0.9512` shows 95.12%).
    case percent
    /// `.bordered`, wrapped, on a light red fill: a text or a plain number a check questions.
    case flagged
    /// `.money` on a light red fill.
    case flaggedMoney
    /// `.percent` on a light red fill.
    case flaggedPercent
}

/// A rectangle of cells, 0-based and inclusive, written in A1 notation (`A5:A9`).
public struct CellRange: Equatable, Hashable, Sendable {
    public let firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int

    /// The cells in `rows` × `columns`, 0-based (row 0, column 0 is A1).
    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        firstRow = rows.lowerBound; lastRow = rows.upperBound
        firstColumn = columns.lowerBound; lastColumn = columns.upperBound
    }

    /// Parses `A5:A9` (or a single `B3`); nil for anything else or beyond the sheet's grid.
    public init?(_ a1: String) {
        let corners = a1.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(corners.count),
              let start = CellReference.parse(String(corners[0])),
              let end = CellReference.parse(String(corners[corners.count - 1])) else { return nil }
        self.init(rows: min(start.row, end.row)...max(start.row, end.row),
                  columns: min(start.column, end.column)...max(start.column, end.column))
    }

    /// `A5:A9`.
    public var a1: String {
        CellReference.a1(row: firstRow, column: firstColumn) + ":" + CellReference.a1(row: lastRow, column: lastColumn)
    }

    func overlaps(_ other: CellRange) -> Bool {
        firstRow <= other.lastRow && other.firstRow <= lastRow
            && firstColumn <= other.lastColumn && other.firstColumn <= lastColumn
    }
}

/// Sizes the writer accepts. The grid limits are Excel's own; the others are ours, set so a
/// report can never grow into a file that Excel refuses or that takes minutes to write.
public enum SpreadsheetLimits {
    /// Sheets per workbook. Excel has no fixed limit; a report with more is a mistake.
    public static let maximumSheets = 255
    /// Rows per sheet (Excel: 1,048,576).
    public static let maximumRows = 1_048_576
    /// Columns per sheet (Excel: 16,384, column XFD).
    public static let maximumColumns = 16_384
    /// UTF-16 units in one text cell (Excel: 32,767 characters; longer text is cut off).
    public static let maximumTextLength = 32_767
    /// Merged ranges per sheet: the overlap check compares each pair.
    public static let maximumMerges = 10_000
    /// Column width in characters (Excel: 255).
    public static let maximumColumnWidth = 255
    /// Significant digits of a number (Excel keeps 15).
    public static let maximumSignificantDigits = 15
    /// UTF-16 units in a sheet name (Excel: 31).
    public static let maximumSheetNameLength = 31
}

/// Why a workbook could not be written. Sheets are named as given; cells in A1 notation.
public enum SpreadsheetError: Error, Equatable, Sendable, CustomStringConvertible, Explained {
    case noSheets
    case tooManySheets(count: Int)
    case tooManyRows(sheet: String, count: Int)
    case tooManyColumns(sheet: String, row: Int, count: Int)
    case textTooLong(sheet: String, cell: String, length: Int)
    case invalidNumber(sheet: String, cell: String, literal: String)
    case invalidColumnWidth(sheet: String, column: Int, width: Int)
    case invalidRowHeight(sheet: String, row: Int, height: Int)
    case tooManyMerges(sheet: String, count: Int)
    case invalidMerge(sheet: String, range: String, reason: String)
    case archive(ZipError)

    public var description: String { explanation.description }

    public var explanation: Message {
        switch self {
        case .noSheets: return Message(.workbookNeedsAtLeastOne)
        case .tooManySheets(let count): return Message(.sheetsAtMost, count, SpreadsheetLimits.maximumSheets)
        case .tooManyRows(let sheet, let count): return Message(.sheetRowsAtMost, sheet, count, SpreadsheetLimits.maximumRows)
        case .tooManyColumns(let sheet, let row, let count): return Message(.sheetRowColumnsAtMost, sheet, row, count, SpreadsheetLimits.maximumColumns)
        case .textTooLong(let sheet, let cell, let length): return Message(.sheetCellTextOfUTF, sheet, cell, length, SpreadsheetLimits.maximumTextLength)
        case .invalidNumber(let sheet, let cell, let literal): return Message(.sheetCellIsNotDecimal, sheet, cell, literal.debugDescription, SpreadsheetLimits.maximumSignificantDigits)
        case .invalidColumnWidth(let sheet, let column, let width): return Message(.sheetColumnWidthIsNot, sheet, column, width, SpreadsheetLimits.maximumColumnWidth)
        case .invalidRowHeight(let sheet, let row, let height): return Message(.sheetRowIndexHeightIs, sheet, row, height, RowHeights.maximum)
        case .tooManyMerges(let sheet, let count): return Message(.sheetMergedRangesAtMost, sheet, count, SpreadsheetLimits.maximumMerges)
        case .invalidMerge(let sheet, let range, let reason): return Message(.sheetMerge, sheet, range, reason)
        case .archive(let error): return Message(.archiveProblem, "\(error)")
        }
    }
}
