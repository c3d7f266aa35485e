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

    public init(_ columns: [Column]) { self.columns = columns }

    public mutating func add(_ cells: [String]) {
        precondition(cells.count == columns.count, "a row has one cell per column")
        rows.append(cells)
    }

    public func render() -> String {
        var widths = columns.map { DisplayWidth.of($0.title) }
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell in
                DisplayWidth.pad(cell, to: widths[index], alignRight: columns[index].alignRight)
            }
            var text = padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out = line(columns.map(\.title)) + "\n"
        out += line(widths.map { String(repeating: "─", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
