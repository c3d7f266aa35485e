/// `budget form --format md`: one Markdown table per form, for pasting into documents. The
/// form's title is the table's heading row; a merged area shows its value once, in its
/// top-left cell, as the paper does, and the cells it covers are empty. Text from the journal is
/// escaped for Markdown and for the HTML a Markdown renderer passes through, so neither a `|`
/// nor a `<script>` in a name can change the table.
public enum FormMarkdown {
    public static func render(_ report: FormReport) -> String {
        var out = ""
        for (form, grid) in zip(report.forms, report.grids) {
            if !out.isEmpty { out += "\n" }
            out += "## " + escape("\(form.name)（\(form.project)）") + "\n\n"
            out += table(grid)
        }
        return out.isEmpty ? "没有可出具的自评表。\n" : out
    }

    /// The grid's first row (the title) heads the table; the footer follows it as a paragraph.
    static func table(_ grid: FormGrid) -> String {
        var out = ""
        var footer: String?
        for row in 0..<grid.rowCount {
            var cells = Array(repeating: "", count: grid.columnCount)
            for area in grid.areas where area.row == row {
                if case .footer(let text) = area.value { footer = text; continue }
                cells[area.column] = text(area)
            }
            if case .footer? = grid.area(at: row, 0)?.value { continue }
            out += "| " + cells.joined(separator: " | ") + " |\n"
            if row == 0 { out += "|" + String(repeating: " --- |", count: grid.columnCount) + "\n" }
        }
        return out + (footer.map { "\n" + escape($0) + "\n" } ?? "")
    }

    static func text(_ area: FormGrid.Area) -> String {
        var text = escape(area.value.text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
        if case .title = area.value { text = "**\(text)**" }
        if !area.marks.isEmpty { text += " " + area.marks.map { "\\[\($0)\\]" }.joined() }
        return text
    }

    /// Markdown's punctuation backslash-escaped, and `& < >` as HTML entities.
    public static func escape(_ text: String) -> String {
        let text = TerminalText.escaped(text)
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "|", "*", "_", "`", "[", "]", "#", "~": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }
}
