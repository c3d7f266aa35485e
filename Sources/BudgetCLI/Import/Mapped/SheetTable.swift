import BudgetText
/// A table read from a file people have — a CSV export in UTF-8 or GB18030, or an .xlsx
/// workbook's sheet — before any of it is read as payments: rows of cells, each row with the line
/// or row number a person sees in their editor.
struct SheetTable {
    /// One cell, as the file states it.
    enum Cell: Equatable {
        case empty
        case text(String)
        /// A number as the file writes it: a spreadsheet's binary double in its shortest decimal
        /// text (`53420.099999999999`), never a Double here.
        case number(String)
        /// A number cell styled as a date: its serial number, and whether the workbook counts
        /// from 1904 rather than 1900.
        case date(serial: String, date1904: Bool)
        case bool(Bool)

        /// What a person sees written in the cell, near enough to name it in a message.
        var shown: String {
            switch self {
            case .empty: return ""
            case .text(let text), .number(let text): return text
            case .date(let serial, _): return serial
            case .bool(let value): return value ? "TRUE" : "FALSE"
            }
        }

        var isEmpty: Bool {
            if case .text(let text) = self { return text.allSatisfy { $0 == " " || $0 == "\u{3000}" } }
            return self == .empty
        }
    }

    struct Row {
        let number: Int
        let cells: [Cell]
    }

    var rows: [Row] = []
    /// How a row is named in messages: "line" for a text file, "row" for a sheet.
    let unit: Message
}
