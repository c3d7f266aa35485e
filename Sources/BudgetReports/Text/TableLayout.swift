/// The columns of a table for the terminal and their widths: each column as wide as its widest
/// cell by display width, numbers aligned right, two spaces between columns, no trailing spaces.
/// Rows are measured as they come, then written once the widths are known; where the rows are
/// kept meanwhile (in memory, `TextTable`, or spooled to disk for a long listing) is the
/// caller's business.
public struct TableLayout: Sendable {
    public struct Column: Sendable {
        public let title: String
        public let alignRight: Bool
        public init(_ title: String, alignRight: Bool = false) { self.title = title; self.alignRight = alignRight }
    }

    public let columns: [Column]
    public private(set) var widths: [Int]

    public init(_ columns: [Column]) {
        self.columns = columns
        widths = columns.map { DisplayWidth.of($0.title) }
    }

    /// Widens the columns to fit a row.
    public mutating func measure(_ cells: [String]) {
        precondition(cells.count == columns.count, "a row has one cell per column")
        for (index, cell) in cells.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(TerminalText.escaped(cell))) }
    }

    /// The title line and the rule under it, each ending in a newline.
    public var heading: String {
        line(columns.map(\.title)) + "\n" + line(widths.map { String(repeating: "─", count: $0) }) + "\n"
    }

    /// One row as a line, without its newline. With `colour`, tinted cells are painted; the
    /// padding around them is measured on the plain text, so the columns line up either way.
    /// A cell holding a character that would change how the line is shown is written escaped.
    public func line(_ cells: [String], tints: [Int: Tint] = [:], colour: Bool = false) -> String {
        let padded = cells.map(TerminalText.escaped).enumerated().map { index, cell in
            let padding = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
            let text = tints[index]?.paint(cell, colour: colour) ?? cell
            return columns[index].alignRight ? padding + text : text + padding
        }
        var text = padded.joined(separator: "  ")
        while text.last == " " { text.removeLast() }
        return text
    }
}
