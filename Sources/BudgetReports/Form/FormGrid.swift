import BudgetText
import BudgetModel
import BudgetProjections

/// A form laid out on the grid of the printed 自评表: nine columns (ten when `budget check` has
/// notes for it), merged areas where the paper merges cells, each area holding one value. Every
/// renderer draws this one layout, so the HTML, the workbook, the CSV and the Markdown agree
/// cell for cell.
///
///     col  0        1         2          3         4          5          6     7       8           (9)
///          项目名称            name …                                                               核查意见
///          主管部门            department …         实施单位    unit …
///          项目资金（万元）      (row label) 年初预算数 全年预算数 全年执行数  分值   执行率   得分        notes
///          年度总体目标         预期目标 …                      实际完成情况 …
///          绩效指标  一级指标  二级指标   三级指标   年度指标值  实际完成值  分值   得分     偏差原因分析及改进措施
///          总分 …                                                         分值   得分
public struct FormGrid: Equatable, Sendable {
    /// What an area holds. User text is kept as it is; each renderer escapes it for its format.
    public enum Value: Equatable, Sendable {
        /// The form's title, and the year under it; the attachment number above it (附件5).
        case title(String), subtitle(String), attachment(String)
        /// A printed label or column heading.
        case label(String)
        /// A user's text: a name, a target, an actual value, a reason.
        case text(String)
        /// A long user text: the goals.
        case paragraph(String)
        /// 万元 with two decimals.
        case money(Money)
        case rate(Rate)
        case points(Points)
        /// "—": no figure belongs in the cell.
        case dash
        /// Nothing printed.
        case blank
        /// The findings beside the cells of a row.
        case note(String)
        /// Where the form came from, under it.
        case footer(String)

        /// The value as printed: 196.81, 71.90%, 7.2, —.
        public var text: String {
            switch self {
            case .title(let text), .subtitle(let text), .attachment(let text), .label(let text), .text(let text), .paragraph(let text),
                 .note(let text), .footer(let text): return text
            case .money(let money): return money.wanText
            case .rate(let rate): return rate.description
            case .points(let points): return points.text
            case .dash: return "—"
            case .blank: return ""
            }
        }

        public var isNote: Bool {
            if case .note = self { return true }
            return false
        }

        /// Whether the value is a figure, written as a number where a format has numbers.
        public var isFigure: Bool {
            switch self {
            case .money, .rate, .points: return true
            default: return false
            }
        }
    }

    /// A rectangle of merged cells, or a single cell, and its value.
    public struct Area: Equatable, Sendable {
        public let row: Int, column: Int, rowSpan: Int, columnSpan: Int
        public let value: Value
        /// The notes that question this cell, by number.
        public let marks: [Int]

        public var isMerged: Bool { rowSpan > 1 || columnSpan > 1 }
    }

    public let columnCount: Int
    public let rowCount: Int
    /// In reading order: by row, then column. Together they cover every cell of the grid once.
    public let areas: [Area]

    /// Column widths in characters of the default font, for formats that size columns.
    public static let widths = [6, 9, 14, 24, 14, 14, 7, 9, 24, 40]

    public init(_ form: SelfEvaluationForm, footer: String, settings: FormSettings = FormSettings(), language: Language = .en) {
        var layout = FormLayout(form: form, settings: settings, language: language)
        layout.lay(footer: footer)
        columnCount = layout.columns
        rowCount = layout.row
        areas = layout.areas.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }

    /// The areas that start on each row, in column order.
    public var rows: [[Area]] {
        var rows = Array(repeating: [Area](), count: rowCount)
        for area in areas { rows[area.row].append(area) }
        return rows
    }

    /// The area that starts at a cell, if one does.
    public func area(at row: Int, _ column: Int) -> Area? {
        areas.first { $0.row == row && $0.column == column }
    }
}

/// Places the areas of one form, row by row, and files each note beside the row of the cell it
/// questions. A note whose cell is not on the form goes beside the 总分 row.
private struct FormLayout {
    let form: SelfEvaluationForm
    let settings: FormSettings
    let language: Language
    let columns: Int
    var row = 0
    var areas: [FormGrid.Area] = []
    var noteRows: [Int: Int] = [:]

    init(form: SelfEvaluationForm, settings: FormSettings, language: Language) {
        self.language = language
        self.form = form
        self.settings = settings
        columns = form.notes.isEmpty ? 9 : 10
    }

    mutating func place(_ column: Int, _ value: FormGrid.Value, rows: Int = 1, columns span: Int = 1, on cell: FormCell? = nil,
                        also extra: [Int] = []) {
        let marks = ((cell.map { form.notes(on: $0) } ?? []) + extra).sorted()
        for mark in marks where noteRows[mark] == nil { noteRows[mark] = row }
        areas.append(FormGrid.Area(row: row, column: column, rowSpan: rows, columnSpan: span, value: value, marks: marks))
    }

    mutating func lay(footer: String) {
        // As the seed prints it: 附件5, then 自治区项目支出绩效自评表, then (2023年度).
        if let attachment = settings.attachment { place(0, .attachment(attachment), columns: columns); row += 1 }
        place(0, .title("\(settings.region ?? "")项目支出绩效自评表"), columns: columns); row += 1
        place(0, .subtitle("(\(form.year)年度)"), columns: columns); row += 1
        let firstRow = row
        header()
        fundBlock()
        goals()
        let footRow = indicatorBlock()
        for note in form.notes where noteRows[note.number] == nil { noteRows[note.number] = footRow }
        if columns == 10 { noteColumn(from: firstRow) }
        place(0, .footer(footer), columns: columns); row += 1
    }

    mutating func header() {
        place(0, .label("项目名称"), columns: 2); place(2, .text(form.name), columns: 7); row += 1
        place(0, .label("主管部门"), columns: 2); place(2, .text(form.department), columns: 3)
        place(5, .label("实施单位")); place(6, .text(form.unit), columns: 3); row += 1
    }

    mutating func fundBlock() {
        place(0, .label("项目资金（万元）"), rows: 1 + form.funds.count, columns: 2)
        place(2, .label(""))
        for (offset, heading) in ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"].enumerated() {
            place(3 + offset, .label(heading))
        }
        row += 1
        for line in form.funds {
            place(2, .label(line.label))
            let amounts: [(FundColumn, Money?)] = [(.initial, line.initial), (.fullYear, line.fullYear), (.executed, line.executed)]
            for (offset, (column, money)) in amounts.enumerated() {
                place(3 + offset, money.map { .money($0) } ?? .blank, on: .fund(line.row, column))
            }
            let isTotal = line.row == .total
            place(6, isTotal ? .points(form.executionWeight) : .dash, on: isTotal ? .executionWeight : nil)
            place(7, line.rate.map { .rate($0) } ?? (line.isBlank ? .blank : .dash), on: .fund(line.row, .rate))
            place(8, isTotal ? .points(form.executionScore) : .dash, on: isTotal ? .executionScore : nil)
            row += 1
        }
        if let reason = form.executionReason {
            place(0, .label("执行偏差原因"), columns: 2); place(2, .paragraph(reason), columns: 7); row += 1
        }
    }

    mutating func goals() {
        place(0, .label("年度总体目标"), rows: 2, columns: 2)
        place(2, .label("预期目标"), columns: 3); place(5, .label("实际完成情况"), columns: 4); row += 1
        place(2, form.expectedGoal.map { .paragraph($0) } ?? .blank, columns: 3)
        place(5, form.outcome.map { .paragraph($0) } ?? .blank, columns: 4); row += 1
    }

    /// Returns the row of 总分.
    mutating func indicatorBlock() -> Int {
        let rowCount = form.levels.reduce(0) { $0 + $1.rowCount }
        place(0, .label("绩效指标"), rows: 1 + rowCount)
        for (offset, heading) in ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"].enumerated() {
            place(1 + offset, .label(heading))
        }
        row += 1
        for level in form.levels {
            place(1, .label(level.label), rows: level.rowCount, on: .levelWeights(level.level))
            for block in level.classes {
                place(2, .label(block.name), rows: block.rows.count)
                for line in block.rows { indicator(line) }
            }
        }
        let footRow = row
        place(0, .label("总分"), columns: 6)
        // The weights of a class with no row on the form have no cell of their own: they count in
        // the total weight, so their notes mark it.
        let absent = form.notes.filter { note in
            guard case .levelWeights(let level)? = note.finding.cell else { return false }
            return !form.levels.contains { $0.level == level }
        }
        place(6, .points(form.totalWeight), on: .totalWeight, also: absent.map(\.number))
        place(7, .points(form.totalScore), on: .totalScore)
        place(8, .blank)
        row += 1
        return footRow
    }

    mutating func indicator(_ line: IndicatorLine) {
        place(3, .text(line.name)); place(4, .text(line.target))
        place(5, line.actual.map { .text($0) } ?? .blank, on: .indicator(line.id, .actual))
        place(6, .points(line.weight))
        place(7, line.score.map { .points($0) } ?? .blank, on: .indicator(line.id, .score))
        place(8, line.reason.map { .text($0) } ?? .blank, on: .indicator(line.id, .reason))
        row += 1
    }

    /// Column 9: its heading on the first row of the form proper, then beside each row the notes
    /// that question a cell of that row.
    mutating func noteColumn(from firstRow: Int) {
        let lastRow = row
        var byRow: [Int: [String]] = [:]
        for note in form.notes { byRow[noteRows[note.number]!, default: []].append(note.text(language)) }
        for line in firstRow..<lastRow {
            let value: FormGrid.Value = line == firstRow ? .label(Message(.budgetCheck).text(language))
                : byRow[line].map { .note($0.joined(separator: "\n")) } ?? .blank
            areas.append(FormGrid.Area(row: line, column: 9, rowSpan: 1, columnSpan: 1, value: value, marks: []))
        }
    }
}
