import BudgetText
import BudgetModel
import BudgetProjections

/// `report --format table`: each project laid out as its self-evaluation form, the fund block
/// in yuan and the indicator rows, aligned by display width.
public enum LedgerReportTable {
    public static func render(_ report: LedgerReport, language: Language = .en) -> String {
        let point = (report.asOf.map { Message(.asOf, $0).text(language) } ?? Message(.allDates).text(language)) + (report.knownAt.map { Message(.asKnownAt, $0).text(language) } ?? "")
        var out = Message(.throughEventN, point, report.seq).text(language)
        for year in report.years { out += YearStatusText.line(year, language: language) + "\n" }
        if report.projects.isEmpty { out += Message(.nNoProjectsN).text(language) }
        for project in report.projects {
            out += "\n" + form(project, policy: report.policy, language: language)
        }
        return out
    }

    static func form(_ report: ProjectReport, policy: ScoringPolicy, language: Language) -> String {
        let registration = report.state.registration
        var out = "项目名称  \(registration.name)  [\(registration.project), \(registration.year)年度]\n"
        out += "主管部门  \(registration.department)\n"
        out += "实施单位  \(registration.unit)\n\n"
        out += fundBlock(report, policy: policy) + "\n"
        if !report.state.indicators.isEmpty { out += indicatorBlock(report) + "\n" }
        let card = report.scorecard
        out += "总分  \(card.total)  (指标 \(card.indicatorScore) + 执行 \(card.executionScore))  等级 \(card.grade.rawValue)\n"
        out += "按规则计分  \(card.computedTotal)  (指标 \(card.computedIndicatorScore) + 执行 \(card.executionScore))  等级 \(card.computedGrade.rawValue)\n"
        if let declared = report.state.declared {
            out += Message(.seeBudgetCheckN, declared.seq, declared.date, declared.form.totalScore?.text ?? "—").text(language)
        }
        return out
    }

    static func fundBlock(_ report: ProjectReport, policy: ScoringPolicy) -> String {
        var table = TextTable([
            .init("项目资金(元)"), .init("年初预算数", alignRight: true), .init("全年预算数", alignRight: true),
            .init("全年执行数", alignRight: true), .init("分值", alignRight: true), .init("执行率", alignRight: true),
            .init("得分", alignRight: true), .init("结转", alignRight: true), .init("交回财政", alignRight: true),
            .init("结余", alignRight: true),
        ])
        let funds = report.state.funds
        table.add(row("年度资金总额", funds.total, weight: policy.executionWeight.text, score: report.scorecard.executionScore.text))
        for source in FundSource.allCases {
            table.add(row((source == .current ? "其中：" : "　　　") + source.label, funds[source], weight: "—", score: "—"))
        }
        return table.render()
    }

    static func row(_ label: String, _ figures: FundFigures, weight: String, score: String) -> [String] {
        [label, figures.initial.groupedYuanText, figures.fullYear.groupedYuanText, figures.executed.groupedYuanText,
         weight, figures.rate.map { $0.description } ?? "—", score, figures.carriedOut.groupedYuanText,
         figures.refunded.groupedYuanText, figures.remaining.groupedYuanText]
    }

    static func indicatorBlock(_ report: ProjectReport) -> String {
        var table = TextTable([
            .init("一级指标"), .init("二级指标"), .init("三级指标"), .init("年度指标值"), .init("实际完成值"),
            .init("分值", alignRight: true), .init("得分", alignRight: true), .init("规则得分", alignRight: true), .init("偏差原因"),
        ])
        var previousLevel1: IndicatorLevel?
        var previousLevel2: String?
        for (indicator, rule) in zip(report.state.indicators, report.scorecard.ruleScores) {
            let definition = indicator.definition
            // Like the merged cells of the paper form, a level is printed where it starts.
            let level1 = definition.level1 == previousLevel1 ? "" : definition.level1.label
            let level2 = definition.level1 == previousLevel1 && definition.level2 == previousLevel2 ? "" : definition.level2
            table.add([level1, level2, definition.name, definition.target, indicator.actual ?? "—",
                       definition.weight.text, indicator.score?.text ?? "—", rule.score?.text ?? "—", indicator.reason ?? ""])
            previousLevel1 = definition.level1
            previousLevel2 = definition.level2
        }
        return table.render()
    }
}
