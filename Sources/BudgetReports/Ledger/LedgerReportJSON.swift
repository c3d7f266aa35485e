import BudgetText
import BudgetModel
import BudgetProjections
import BudgetJSON

/// `report --format json`. Money is a decimal string of yuan, the rate a percentage string with
/// two decimals (null where there is no budget), scores decimal strings: nothing passes through
/// a binary float on its way to a script.
public enum LedgerReportJSON {
    public static func render(_ report: LedgerReport, language: Language = .en) -> String {
        var root = JSONObject()
        root.append("asOf", report.asOf.map { .string($0.text) } ?? .null)
        root.append("seq", .number(String(report.seq)))
        if let knownAt = report.knownAt { root.append("knownAt", .string(knownAt)) }
        root.append("years", .array(report.years.map(YearStatusText.json)))
        root.append("projects", .array(report.projects.map { project($0, policy: report.policy, language: language) }))
        root.append("policy", ScoringJSON.policy(report.policy))
        return JSONWriter.pretty(.object(root)) + "\n"
    }

    static func project(_ report: ProjectReport, policy: ScoringPolicy, language: Language) -> JSONValue {
        let state = report.state
        let card = report.scorecard
        var object = JSONObject()
        object.append("id", .string(state.id))
        object.append("name", .string(state.registration.name))
        object.append("department", .string(state.registration.department))
        object.append("unit", .string(state.registration.unit))
        object.append("year", .number(String(state.registration.year)))
        var goal = JSONObject()
        goal.append("expected", state.expectedGoal.map { .string($0) } ?? .null)
        goal.append("outcome", state.outcome.map { .string($0) } ?? .null)
        object.append("goal", .object(goal))
        var funds = JSONObject()
        funds.append("total", figures(state.funds.total))
        for source in FundSource.allCases { funds.append(source.rawValue, figures(state.funds[source])) }
        object.append("funds", .object(funds))
        object.append("executionWeight", .string(policy.executionWeight.text))
        object.append("executionScore", .string(card.executionScore.text))
        object.append("indicators", .array(zip(state.indicators, card.ruleScores).map { indicator($0, $1, language: language) }))
        object.append("indicatorWeight", .string(card.indicatorWeight.text))
        object.append("indicatorScore", .string(card.indicatorScore.text))
        object.append("totalScore", .string(card.total.text))
        object.append("grade", .string(card.grade.rawValue))
        object.append("lastSeq", .number(String(state.lastSeq)))
        object.append("computedIndicatorScore", .string(card.computedIndicatorScore.text))
        object.append("computedTotalScore", .string(card.computedTotal.text))
        object.append("computedGrade", .string(card.computedGrade.rawValue))
        if let declared = state.declared { object.append("declared", ScoringJSON.declared(declared)) }
        return .object(object)
    }

    static func figures(_ figures: FundFigures) -> JSONValue {
        var object = JSONObject()
        object.append("initial", .string(figures.initial.yuanText))
        object.append("fullYear", .string(figures.fullYear.yuanText))
        object.append("executed", .string(figures.executed.yuanText))
        object.append("rate", figures.rate.map { .string($0.percentText) } ?? .null)
        object.append("adjusted", .string(figures.adjusted.yuanText))
        object.append("refunded", .string(figures.refunded.yuanText))
        object.append("carriedOver", .string(figures.carriedOut.yuanText))
        object.append("remaining", .string(figures.remaining.yuanText))
        return .object(object)
    }

    static func indicator(_ indicator: IndicatorState, _ rule: RuleScore, language: Language) -> JSONValue {
        let definition = indicator.definition
        var object = JSONObject()
        object.append("id", .string(definition.indicator))
        object.append("level1", .string(definition.level1.rawValue))
        object.append("level2", .string(definition.level2))
        object.append("name", .string(definition.name))
        object.append("target", .string(definition.target))
        object.append("actual", indicator.actual.map { .string($0) } ?? .null)
        object.append("weight", .string(definition.weight.text))
        object.append("score", indicator.score.map { .string($0.text) } ?? .null)
        object.append("reason", indicator.reason.map { .string($0) } ?? .null)
        object.append("actualGrade", indicator.actualGrade.map { .string($0.rawValue) } ?? .null)
        object.append("computedScore", rule.score.map { .string($0.text) } ?? .null)
        object.append("computedRule", .string(ScoringJSON.ruleName(rule)))
        object.append("computedWorking", .string(rule.working.text(language)))
        return .object(object)
    }
}
