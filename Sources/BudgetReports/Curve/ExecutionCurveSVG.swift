import BudgetText
import BudgetModel
import BudgetProjections

/// The execution curve as an inline SVG chart, for HTML forms: 执行率 month by month as a solid
/// line with a dot per point, 序时进度 as a dashed diagonal, gridlines every 25%. Self-contained:
/// no scripts, styles, ids or remote fonts, so several charts can sit in one page and print;
/// every text from the journal is escaped. Coordinates are whole pixels computed with integers.
public enum ExecutionCurveSVG {
    public struct Layout: Equatable, Sendable {
        public var width = 640
        public var height = 280
        public var left = 48, right = 16, top = 36, bottom = 28
        public init() {}
        var plotWidth: Int { width - left - right }
        var plotHeight: Int { height - top - bottom }
    }

    public static let fontFamily = "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC',sans-serif"

    public static func render(_ curve: ExecutionCurve, layout: Layout = Layout(), language: Language = .en) -> String {
        let caption = Message(.curveCaption, curve.name, curve.project, curve.year, curve.asOf.text).text(language)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(layout.width)\" height=\"\(layout.height)\" "
            + "viewBox=\"0 0 \(layout.width) \(layout.height)\" role=\"img\" font-family=\"\(fontFamily)\" font-size=\"11\">\n"
        out += "<title>\(escape(caption))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(layout.width)\" height=\"\(layout.height)\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"\(layout.left)\" y=\"16\" font-size=\"13\" fill=\"#222222\">\(escape(caption))</text>\n"
        out += grid(curve.year, layout)
        out += legend(layout)
        // 序时进度 grows by the same amount each day: a straight line from 1 January to 31 December.
        out += "<line x1=\"\(layout.left)\" y1=\"\(y(0, layout))\" x2=\"\(layout.left + layout.plotWidth)\" y2=\"\(y(10_000, layout))\" "
            + "stroke=\"#888888\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n"
        out += rateLine(curve, layout)
        return out + "</svg>\n"
    }

    /// The 执行率 line: from nothing at the start of the year through each point that has a rate.
    static func rateLine(_ curve: ExecutionCurve, _ layout: Layout) -> String {
        let plotted = curve.points.compactMap { point in point.rate.map { (point, $0) } }
        guard !plotted.isEmpty else { return "" }
        let coordinates = [(layout.left, y(0, layout))] + plotted.map { (x($0.0.date, curve.year, layout), y($0.1.basisPoints, layout)) }
        var out = "<polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" points=\""
            + coordinates.map { "\($0.0),\($0.1)" }.joined(separator: " ") + "\"/>\n"
        for (point, rate) in plotted {
            let tip = "\(point.date.text) 执行率 \(rate) 序时进度 \(point.elapsed) 全年执行数 \(point.executed.groupedYuanText) / 全年预算数 \(point.fullYear.groupedYuanText)"
            out += "<circle cx=\"\(x(point.date, curve.year, layout))\" cy=\"\(y(rate.basisPoints, layout))\" r=\"3\" fill=\"#c0392b\">"
                + "<title>\(escape(tip))</title></circle>\n"
        }
        if let (last, rate) = plotted.last {
            out += "<text x=\"\(x(last.date, curve.year, layout) - 4)\" y=\"\(y(rate.basisPoints, layout) - 8)\" text-anchor=\"end\" fill=\"#c0392b\">\(escape(rate.description))</text>\n"
        }
        return out
    }

    /// Horizontal gridlines at 0, 25, 50, 75 and 100% with their labels; a tick and a label per month.
    static func grid(_ year: Int, _ layout: Layout) -> String {
        var out = ""
        let right = layout.left + layout.plotWidth
        for quarter in 0...4 {
            let level = y(Int64(quarter) * 2_500, layout)
            out += "<line x1=\"\(layout.left)\" y1=\"\(level)\" x2=\"\(right)\" y2=\"\(level)\" stroke=\"\(quarter == 0 ? "#444444" : "#dddddd")\" stroke-width=\"1\"/>\n"
            out += "<text x=\"\(layout.left - 6)\" y=\"\(level + 4)\" text-anchor=\"end\" fill=\"#555555\">\(quarter * 25)%</text>\n"
        }
        let bottom = y(0, layout)
        for month in 1...12 {
            guard let end = BusinessDate(year: year, month: month, day: BusinessDate.daysIn(month: month, year: year)) else { continue }
            let tick = x(end, year, layout)
            out += "<line x1=\"\(tick)\" y1=\"\(bottom)\" x2=\"\(tick)\" y2=\"\(bottom + 4)\" stroke=\"#444444\" stroke-width=\"1\"/>\n"
            out += "<text x=\"\(tick)\" y=\"\(bottom + 16)\" text-anchor=\"end\" fill=\"#555555\">\(month)月</text>\n"
        }
        return out
    }

    static func legend(_ layout: Layout) -> String {
        let right = layout.left + layout.plotWidth
        let row = 28
        return "<line x1=\"\(right - 170)\" y1=\"\(row)\" x2=\"\(right - 150)\" y2=\"\(row)\" stroke=\"#c0392b\" stroke-width=\"2\"/>\n"
            + "<text x=\"\(right - 146)\" y=\"\(row + 4)\" fill=\"#222222\">执行率</text>\n"
            + "<line x1=\"\(right - 90)\" y1=\"\(row)\" x2=\"\(right - 70)\" y2=\"\(row)\" stroke=\"#888888\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n"
            + "<text x=\"\(right - 66)\" y=\"\(row + 4)\" fill=\"#222222\">序时进度</text>\n"
    }

    /// The x of the end of `date`: the share of the year elapsed by then, across the plot.
    static func x(_ date: BusinessDate, _ year: Int, _ layout: Layout) -> Int {
        let elapsed = ElapsedShare.of(date, inYear: year)
        return layout.left + Int(Rounding.divideHalfUp(Int128(elapsed.basisPoints) * Int128(layout.plotWidth), by: 10_000))
    }

    /// The y of a rate (basis points), 0 at the bottom of the plot and 100% at its top; a rate
    /// over 100% is drawn at the top.
    static func y(_ basisPoints: Int64, _ layout: Layout) -> Int {
        let clamped = Int128(min(max(basisPoints, 0), 10_000))
        return layout.top + layout.plotHeight - Int(Rounding.divideHalfUp(clamped * Int128(layout.plotHeight), by: 10_000))
    }

    /// See `MarkupText.escape`: one rule for every page and chart.
    public static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
