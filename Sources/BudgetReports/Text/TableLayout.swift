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

    /// The narrowest a column is squeezed to when the table must fit a terminal.
    public static let squeezedWidthMin = 10
    /// The narrowest any column is squeezed to on a very narrow terminal.
    public static let squeezedWidthFloor = 6
    /// Columns at most this wide (dates, kinds, ids, figures) keep their width when squeezing.
    public static let keptWidthMax = 26

    /// Narrows the table to `maxWidth` display columns, for a terminal: the long text columns (a
    /// name, a detail, the arithmetic of a finding) share the width the others leave, each in
    /// proportion to its own, never below `squeezedWidthMin`; their cells then wrap onto
    /// continuation lines within the column. A pipe or a file gets the full lines: this is never
    /// called then.
    public mutating func fit(to maxWidth: Int) {
        let separators = 2 * max(0, widths.count - 1)
        guard widths.reduce(0, +) + separators > maxWidth else { return }
        let flexible = widths.indices.filter { !columns[$0].alignRight && widths[$0] > Self.keptWidthMax }
        let kept = widths.indices.filter { !flexible.contains($0) }.reduce(0) { $0 + widths[$1] }
        let available = max(0, maxWidth - kept - separators)
        let natural = max(1, flexible.reduce(0) { $0 + widths[$1] })
        var given = 0
        for index in flexible {
            widths[index] = max(Self.squeezedWidthMin, available * widths[index] / natural)
            given += widths[index]
        }
        // What rounding left over goes to the widest, within what the table may use.
        if let widest = flexible.max(by: { widths[$0] < widths[$1] }), given < available { widths[widest] += available - given }
        // Still too wide (a narrow terminal): the widest column of any kind gives way, a column
        // at a time, down to `squeezedWidthFloor`.
        while widths.reduce(0, +) + separators > maxWidth,
              let widest = widths.indices.filter({ widths[$0] > Self.squeezedWidthFloor }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
    }

    /// The title line and the rule under it, each ending in a newline.
    public var heading: String {
        line(columns.map(\.title)) + "\n" + line(widths.map { String(repeating: "─", count: $0) }) + "\n"
    }

    /// One row as a line, without its newline. With `colour`, tinted cells are painted; the
    /// padding around them is measured on the plain text, so the columns line up either way.
    /// A cell holding a character that would change how the line is shown is written escaped.
    /// A cell wider than its column (after `fit`) wraps onto continuation lines.
    public func line(_ cells: [String], tints: [Int: Tint] = [:], colour: Bool = false) -> String {
        let pieces = cells.map(TerminalText.escaped).enumerated().map { index, cell in Self.wrap(cell, to: widths[index]) }
        let height = pieces.map(\.count).max() ?? 1
        return (0..<height).map { lineIndex -> String in
            let padded = pieces.enumerated().map { index, parts -> String in
                let cell = lineIndex < parts.count ? parts[lineIndex] : ""
                let padding = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
                let text = tints[index]?.paint(cell, colour: colour) ?? cell
                return columns[index].alignRight ? padding + text : text + padding
            }
            var text = padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }.joined(separator: "\n")
    }

    /// `text` in pieces of at most `width` display columns, broken at a space where one is near.
    static func wrap(_ text: String, to width: Int) -> [String] {
        guard DisplayWidth.of(text) > width, width > 0 else { return [text] }
        var pieces: [String] = [], current = "", currentWidth = 0
        for character in text {
            let characterWidth = character.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }
            if currentWidth + characterWidth > width {
                // Break after the last space when it leaves the piece at least half full.
                if let space = current.lastIndex(of: " "), DisplayWidth.of(String(current[..<space])) >= width / 2 {
                    pieces.append(String(current[..<space]))
                    current = String(current[current.index(after: space)...])
                } else {
                    pieces.append(current)
                    current = ""
                }
                currentWidth = DisplayWidth.of(current)
                // A piece does not begin with the space it broke at.
                if current.isEmpty && character == " " { continue }
            }
            current.append(character)
            currentWidth += characterWidth
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
