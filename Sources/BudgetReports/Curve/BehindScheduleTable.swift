import BudgetText
import BudgetModel
import BudgetProjections

/// `budget report --behind`: the projects whose 执行率 trails 序时进度 by more than the threshold,
/// one row each, aligned by display width; the lag is red on a terminal that wants colour.
public enum BehindScheduleTable {
    public static func render(_ lagging: [ScheduleLag], asOf: BusinessDate, seq: Int64, thresholdBasisPoints: Int64, colour: Bool = false, language: Language = .en) -> String {
        let threshold = Rate(basisPoints: thresholdBasisPoints).percentText
        let out = Message(.asOfThroughEventMore, asOf, seq, threshold).text(language)
        guard !lagging.isEmpty else { return out + Message(.nNoProjectIsMore, threshold).text(language) }
        var table = TextTable([
            .init("项目"), .init("项目名称"), .init("年度", alignRight: true), .init("全年预算数", alignRight: true),
            .init("全年执行数", alignRight: true), .init("执行率", alignRight: true), .init("序时进度", alignRight: true),
            .init("落后(百分点)", alignRight: true),
        ])
        for lag in lagging {
            let point = lag.point
            table.add([lag.registration.project, lag.registration.name, String(lag.registration.year),
                       point.fullYear.groupedYuanText, point.executed.groupedYuanText, point.rate?.description ?? "—",
                       point.elapsed.description, point.lagBasisPoints.map { Rate(basisPoints: $0).percentText } ?? "—"],
                      tints: [7: .red])
        }
        return out + "\n" + table.render(colour: colour)
    }
}
