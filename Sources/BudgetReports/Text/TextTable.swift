/// A table for the terminal: columns sized to their widest cell by display width, numbers
/// aligned right, two spaces between columns, no trailing spaces.
public struct TextTable {
    public struct Column {
        public let title: String
        public let alignRight: Bool
        public init(_ title: String, alignRight: Bool = false) { self.title = title; self.alignRight = alignRight }
    }

    public let columns: [Column]
    public private(set) var rows: [[String]] = []
    /// The colour of each cell that has one, by row and column.
    private var tints: [Int: [Int: Tint]] = [:]

    public init(_ columns: [Column]) { self.columns = columns }

    /// Adds a row; `tints` colours some of its cells, by column, when the table is rendered with colour.
    public mutating func add(_ cells: [String], tints rowTints: [Int: Tint] = [:]) {
        precondition(cells.count == columns.count, "a row has one cell per column")
        if !rowTints.isEmpty { tints[rows.count] = rowTints }
        rows.append(cells)
    }

    /// The table as lines of text. With `colour`, tinted cells are painted; the padding around
    /// them is measured on the plain text, so the columns line up either way.
    public func render(colour: Bool = false) -> String {
        var widths = columns.map { DisplayWidth.of($0.title) }
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        func line(_ cells: [String], tints: [Int: Tint] = [:]) -> String {
            let padded = cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
                let text = tints[index]?.paint(cell, colour: colour) ?? cell
                return columns[index].alignRight ? padding + text : text + padding
            }
            var text = padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out = line(columns.map(\.title)) + "\n"
        out += line(widths.map { String(repeating: "─", count: $0) }) + "\n"
        for (index, row) in rows.enumerated() { out += line(row, tints: tints[index] ?? [:]) + "\n" }
        return out
    }
}
