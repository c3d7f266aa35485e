import BudgetModel
import BudgetProjections

/// `report --format csv`: one row per project and fund row (total, then each source), with the
/// project's scores on every row, for spreadsheets. Amounts are plain yuan with two decimals.
/// The project's id and name are neutralised (`SpreadsheetText.neutralisedForCSV`): a name such
/// as `=1+1` is shown, never evaluated. The figures the ledger formats itself are not.
public enum LedgerReportCSV {
    public static let header = ["project", "name", "year", "fund", "initial", "fullYear", "executed", "rate",
                                "refunded", "carriedOver", "remaining", "executionScore", "indicatorScore",
                                "totalScore", "grade", "computedIndicatorScore", "computedTotalScore"]

    public static func render(_ report: LedgerReport) -> String {
        var out = CSVWriter.row(header)
        for project in report.projects {
            let funds = project.state.funds
            let rows: [(String, FundFigures)] = [("total", funds.total)] + FundSource.allCases.map { ($0.rawValue, funds[$0]) }
            for (fund, figures) in rows {
                out += CSVWriter.row([
                    SpreadsheetText.neutralisedForCSV(project.state.id), SpreadsheetText.neutralisedForCSV(project.state.registration.name),
                    String(project.state.registration.year), fund,
                    figures.initial.yuanText, figures.fullYear.yuanText, figures.executed.yuanText,
                    figures.rate?.percentText ?? "", figures.refunded.yuanText, figures.carriedOut.yuanText,
                    figures.remaining.yuanText, project.scorecard.executionScore.text,
                    project.scorecard.indicatorScore.text, project.scorecard.total.text, project.scorecard.grade.rawValue,
                    project.scorecard.computedIndicatorScore.text, project.scorecard.computedTotal.text,
                ])
            }
        }
        return out
    }
}
