import BudgetReports

/// A table whose rows may run to one per event (`log`, `trace`): each row is measured as it
/// comes and kept in a spool, and the table is written once every width is known.
struct SpooledTable {
    private(set) var layout: TableLayout
    private let rows: TextSpool

    init(_ columns: [TableLayout.Column], memoryBytesMax: Int = TextSpool.memoryBytesMaxDefault) {
        layout = TableLayout(columns)
        rows = TextSpool(memoryBytesMax: memoryBytesMax)
    }

    var count: Int { rows.count }

    mutating func add(_ cells: [String]) {
        layout.measure(cells)
        rows.append(cells.map(Self.oneLine).joined(separator: String(Self.separator)))
    }

    /// With `width` (a terminal's), the table is narrowed to it and long cells wrap.
    func write(to output: Output, width: Int? = nil) throws {
        var layout = self.layout
        if let width { layout.fit(to: width) }
        output.write(layout.heading)
        try rows.forEach { row in
            output.write(layout.line(row.split(separator: Self.separator, omittingEmptySubsequences: false).map(String.init)) + "\n")
        }
    }

    /// Cells are kept on one line, split by a unit separator. The ledger's texts hold no control
    /// characters (see `FreeText`), so these two never occur in a cell; were one to, it would be
    /// shown as a space rather than break the row.
    private static let separator: Character = "\u{1F}"

    private static func oneLine(_ cell: String) -> String {
        guard cell.utf8.contains(where: { $0 == 0x0A || $0 == 0x1F }) else { return cell }
        return String(cell.map { $0 == "\n" || $0 == separator ? " " : $0 })
    }
}
