/// A table held in memory, for the short tables of reports (a row per project or finding).
/// Listings that can run to a row per event spool their rows instead (see `TableLayout`).
public struct TextTable {
    public typealias Column = TableLayout.Column

    public private(set) var layout: TableLayout
    public private(set) var rows: [[String]] = []
    /// The colour of each cell that has one, by row and column.
    private var tints: [Int: [Int: Tint]] = [:]

    public init(_ columns: [Column]) { layout = TableLayout(columns) }

    public var columns: [Column] { layout.columns }

    /// Adds a row; `tints` colours some of its cells, by column, when the table is rendered with colour.
    public mutating func add(_ cells: [String], tints rowTints: [Int: Tint] = [:]) {
        layout.measure(cells)
        if !rowTints.isEmpty { tints[rows.count] = rowTints }
        rows.append(cells)
    }

    /// The table as lines of text.
    /// With `width` (a terminal's), the table is narrowed to it and long cells wrap.
    public func render(colour: Bool = false, width: Int? = nil) -> String {
        var layout = self.layout
        if let width { layout.fit(to: width) }
        var out = layout.heading
        for (index, row) in rows.enumerated() { out += layout.line(row, tints: tints[index] ?? [:], colour: colour) + "\n" }
        return out
    }
}
