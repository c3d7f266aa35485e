import BudgetText
import BudgetModel
import BudgetProjections

/// `budget form --format html`: every form in one self-contained page — inline CSS, no script,
/// no font, image or style fetched from anywhere — printed on A4 landscape, one form to a page.
/// Every text from the journal is escaped, so a project named `<script>alert(1)</script>` shows
/// as those characters. A cell a check questions is tinted and marked [n]; the finding stands
/// beside it, in the 核查意见 column.
public enum FormHTML {
    public static func render(_ report: FormReport) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>项目支出绩效自评表</title>
        <style>
        \(style)
        </style>
        </head>
        <body>

        """
        for (form, grid) in zip(report.forms, report.grids) {
            out += section(form, grid, curve: report.curves[form.project], review: report.review, language: report.language)
        }
        if report.forms.isEmpty { out += "<p class=\"empty\">没有可出具的自评表。</p>\n" }
        return out + "</body>\n</html>\n"
    }

    static func section(_ form: SelfEvaluationForm, _ grid: FormGrid, curve: ExecutionCurve? = nil, review: Bool = true, language: Language = .en) -> String {
        // The form handed in prints at 100%, its text at 9 pt or more; only a review copy, with
        // its notes and chart, is shrunk to keep to one page.
        let scale = review ? printScale(grid) : 100
        let zoom = scale < 100 ? " style=\"--print-zoom: 0.\(scale)\"" : ""
        var out = "<section class=\"form\" id=\"form-\(escape(form.project))\"\(zoom)>\n<table>\n<colgroup>"
        let widths = FormGrid.widths.prefix(grid.columnCount)
        let total = widths.reduce(0, +)
        for width in widths {
            // Per mille of the table's width, as a percentage with one decimal.
            let share = width * 1000 / total
            out += "<col style=\"width:\(share / 10).\(share % 10)%\">"
        }
        out += "</colgroup>\n"
        for areas in grid.rows {
            out += "<tr>"
            for area in areas { out += cell(area) }
            out += "</tr>\n"
        }
        out += "</table>\n"
        if let curve {
            // 序时进度 beside 执行率: whether spending kept pace with the year, at a glance.
            var layout = ExecutionCurveSVG.Layout()
            layout.width = 560
            layout.height = 200
            out += "<figure class=\"curve\">" + ExecutionCurveSVG.render(curve, layout: layout, language: language) + "</figure>\n"
        }
        return out + "</section>\n"
    }

    static func cell(_ area: FormGrid.Area) -> String {
        var classes = [kind(area.value)]
        if !area.marks.isEmpty { classes.append("flagged") }
        var attributes = " class=\"\(classes.joined(separator: " "))\""
        if area.rowSpan > 1 { attributes += " rowspan=\"\(area.rowSpan)\"" }
        if area.columnSpan > 1 { attributes += " colspan=\"\(area.columnSpan)\"" }
        var content = escape(area.value.text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
        if !area.marks.isEmpty {
            content += "<sup class=\"mark\">" + area.marks.map { "[\($0)]" }.joined() + "</sup>"
        }
        return "<td\(attributes)>\(content)</td>"
    }

    /// The zoom, in percent, at which a long form still prints on one page: the height of its
    /// rows is estimated from the width of their text (a CJK character is two columns wide, as
    /// in `RowHeights`) against the widths of their columns. Never below 80%, to stay legible: a
    /// longer form runs on to a second page.
    static func printScale(_ grid: FormGrid) -> Int {
        let pageLines = 46
        var lines = 0
        for row in grid.rows {
            var tallest = 1
            for area in row where area.rowSpan == 1 {
                let width = FormGrid.widths[area.column..<(area.column + area.columnSpan)].reduce(0, +)
                // Notes are set smaller, so more of them fit on a line of the same width.
                let columns = area.value.isNote ? width * 3 / 2 : width
                let text = area.value.text.unicodeScalars.reduce(0) { $0 + RowHeights.columnsOf($1) }
                tallest = max(tallest, (text + columns - 2) / max(1, columns - 1))
            }
            lines += tallest
        }
        return lines <= pageLines ? 100 : max(80, pageLines * 100 / lines)
    }

    static func kind(_ value: FormGrid.Value) -> String {
        switch value {
        case .title: return "title"
        case .subtitle: return "subtitle"
        case .attachment: return "attachment"
        case .label: return "label"
        case .text: return "text"
        case .paragraph: return "paragraph"
        case .money, .rate, .points: return "figure"
        case .dash: return "dash"
        case .blank: return "blank"
        case .note: return "note"
        case .footer: return "footer"
        }
    }

    /// See `MarkupText.escape`: one rule for every page and chart.
    public static func escape(_ text: String) -> String { MarkupText.escape(text) }

    /// Songti first, as the printed forms are set, then the CJK faces of Windows, macOS and Linux.
    static let style = """
    @page { size: A4 landscape; margin: 7mm 10mm; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { margin: 0; color: #000; font-size: 9pt; line-height: 1.18;
           font-family: "SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC",
                        "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "微软雅黑", "PingFang SC",
                        "WenQuanYi Micro Hei", serif; }
    .form { break-after: page; page-break-after: always; }
    .curve { margin: 4mm 0 0 0; break-inside: avoid; page-break-inside: avoid; }
    .form:last-of-type { break-after: auto; page-break-after: auto; }
    table { width: 100%; border-collapse: collapse; table-layout: fixed; }
    td { border: 0.75pt solid #000; padding: 0.5pt 2pt; vertical-align: middle; overflow-wrap: anywhere; }
    td.title { border: none; text-align: center; font-size: 16pt; font-weight: bold; letter-spacing: 0.1em; padding-bottom: 0; }
    td.subtitle { border: none; text-align: center; padding-bottom: 4pt; }
    td.attachment { border: none; text-align: left; font-size: 12pt; font-weight: bold; }
    td.label { text-align: center; }
    td.figure { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.dash { text-align: center; }
    td.paragraph { text-align: justify; vertical-align: top; text-indent: 2em; }
    td.flagged { background: #ffc7ce; }
    sup.mark { color: #9c0006; font-weight: bold; font-size: 7pt; margin-left: 1pt; }
    td.note { font-size: 6.5pt; line-height: 1.15; color: #9c0006; vertical-align: top; }
    td.footer { border: none; font-size: 9pt; color: #000; padding-top: 3pt; }
    p.empty { margin: 20mm; }
    @media print { .form { zoom: var(--print-zoom, 1); } }
    @media screen {
      body { background: #e8e8e8; padding: 8mm 0; }
      .form { background: #fff; width: 277mm; margin: 0 auto 8mm; padding: 6mm; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); }
    }
    """
}
