import BudgetText
import BudgetModel
import BudgetProjections

/// `budget curve`: the execution curve as a table with a bar per point, for the terminal. The bar
/// fills with █ (in eighths of a cell) to the 执行率 and shades with ░ what it still lacks of
/// 序时进度, so a project that falls behind shows a growing shaded tail. Above the table, two
/// sparklines (▁▂▃▄▅▆▇█) give the whole year at a glance.
public enum ExecutionCurveText {
    /// Cells a bar spans from 0 to 100%: each is 2.5%.
    public static let barCells = 40

    public static func render(_ curve: ExecutionCurve, thresholdBasisPoints: Int64, colour: Bool = false, language: Language = .en) -> String {
        var out = Message(.asOfN, curve.name, curve.project, curve.year, curve.asOf).text(language)
        guard !curve.points.isEmpty else {
            return out + Message(.nNoMonthOfHas, curve.year, curve.asOf).text(language)
        }
        out += "执行率 \(sparkline(curve.points.map(\.rate)))   序时进度 \(sparkline(curve.points.map { $0.elapsed }))\n"
        out += Message(.asOfEachDateOne).text(language)
        var table = TextTable([
            .init("日期"), .init("全年预算数", alignRight: true), .init("全年执行数", alignRight: true),
            .init("执行率", alignRight: true), .init("序时进度", alignRight: true), .init("落后(百分点)", alignRight: true),
            .init(ruler),
        ])
        for point in curve.points {
            let lag = point.lagBasisPoints
            let tint: [Int: Tint] = (lag ?? 0) > thresholdBasisPoints ? [5: .red, 6: .red] : [:]
            table.add([point.date.text, point.fullYear.groupedYuanText, point.executed.groupedYuanText,
                       point.rate?.description ?? "—", point.elapsed.description,
                       lag.map { Rate(basisPoints: $0).percentText } ?? "—", bar(rate: point.rate, elapsed: point.elapsed)],
                      tints: tint)
        }
        return out + table.render(colour: colour)
    }

    /// "0%", "50%" and "100%" over a bar's cells.
    static var ruler: String {
        let half = barCells / 2
        return "0%" + String(repeating: " ", count: half - 1 - 2) + "50%" + String(repeating: " ", count: barCells - half - 2 - 3) + "100%"
    }

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The rate in █ and eighths of a cell (rounded half-up to an eighth), then ░ up to the cell
    /// where 序时进度 falls. No rate, no bar.
    static func bar(rate: Rate?, elapsed: Rate) -> String {
        guard let rate else { return "" }
        let filledEighths = cells(rate, per: barCells * 8)
        let full = filledEighths / 8, part = filledEighths % 8
        let drawn = full + (part > 0 ? 1 : 0)
        let shaded = max(0, cells(elapsed, per: barCells) - drawn)
        return String(repeating: "█", count: full) + eighths[part] + String(repeating: "░", count: shaded)
    }

    /// `rate` of `units`, rounded half-up, within 0...units.
    static func cells(_ rate: Rate, per units: Int) -> Int {
        let clamped = Int128(min(max(rate.basisPoints, 0), 10_000))
        return Int(Rounding.divideHalfUp(clamped * Int128(units), by: 10_000))
    }

    static let levels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per point, ▁ for under 12.5% up to █ for 87.5% and more; a space where there is no rate.
    static func sparkline(_ rates: [Rate?]) -> String {
        rates.map { rate in
            guard let rate else { return " " }
            return levels[min(7, max(0, Int(rate.basisPoints) * 8 / 10_000))]
        }.joined()
    }
}
