import BudgetModel
import BudgetProjections
import BudgetJSON

/// The JSON of the scoring values that several reports share: the policy in force, a declared
/// form, and an indicator's rule-computed score. Figures are strings, as in every report.
public enum ScoringJSON {
    public static func policy(_ policy: ScoringPolicy) -> JSONValue {
        let setting = policy.setting
        var object = JSONObject()
        object.append("seq", policy.seq.map { .number(String($0)) } ?? .null)
        object.append("date", policy.date.map { .string($0.text) } ?? .null)
        object.append("executionWeight", .string(setting.executionWeight.text))
        object.append("outputWeight", .string(setting.outputWeight.text))
        object.append("benefitWeight", .string(setting.benefitWeight.text))
        object.append("satisfactionWeight", .string(setting.satisfactionWeight.text))
        object.append("rateDecimals", .number(String(setting.rateDecimals)))
        object.append("executionScoreDecimals", .number(String(setting.executionScoreDecimals)))
        object.append("indicatorScoreDecimals", .number(String(setting.indicatorScoreDecimals)))
        object.append("lowerIsBetter", .string(setting.lowerIsBetter.rawValue))
        object.append("tolerance", .string(setting.tolerance.text))
        object.append("memo", setting.memo.map { .string($0) } ?? .null)
        return .object(object)
    }

    /// Every row and cell, blank ones as null, so a script need not ask which are present.
    public static func declared(_ declared: DeclaredForm) -> JSONValue {
        let form = declared.form
        var object = JSONObject()
        object.append("seq", .number(String(declared.seq)))
        object.append("date", .string(declared.date.text))
        object.append("fundUnit", .string(form.fundUnit.rawValue))
        var funds = JSONObject()
        for row in FormFundRow.allCases {
            let figures = form.figures(row)
            var cells = JSONObject()
            cells.append("initial", figures.initial.map { .string($0.yuanText) } ?? .null)
            cells.append("fullYear", figures.fullYear.map { .string($0.yuanText) } ?? .null)
            cells.append("executed", figures.executed.map { .string($0.yuanText) } ?? .null)
            cells.append("rate", figures.rate.map { .string($0.percentText) } ?? .null)
            funds.append(row.rawValue, .object(cells))
        }
        object.append("funds", .object(funds))
        object.append("executionWeight", points(form.executionWeight))
        object.append("executionScore", points(form.executionScore))
        var scores = JSONObject()
        for entry in form.indicatorScores { scores.append(entry.indicator, .string(entry.score.text)) }
        object.append("indicators", .object(scores))
        object.append("indicatorScore", points(form.indicatorScore))
        object.append("totalScore", points(form.totalScore))
        object.append("grade", form.grade.map { .string($0.rawValue) } ?? .null)
        object.append("executionReason", form.executionReason.map { .string($0) } ?? .null)
        object.append("memo", form.memo.map { .string($0) } ?? .null)
        return .object(object)
    }

    /// What the rules made of an indicator: "quantitative", "band", "text-match", or the id of
    /// the check that reports why they could not score it ("unit-mismatch", …).
    public static func ruleName(_ rule: RuleScore) -> String {
        switch rule.basis {
        case .quantitative: return "quantitative"
        case .band: return "band"
        case .textMatch: return "text-match"
        case .unavailable(let problem):
            switch problem {
            case .actualMissing: return CheckRule.actualMissing.rawValue
            case .gradeMissing: return CheckRule.gradeMissing.rawValue
            case .unparseable: return CheckRule.unparseable.rawValue
            case .unitMismatch: return CheckRule.unitMismatch.rawValue
            case .incomparable: return CheckRule.incomparable.rawValue
            }
        }
    }

    static func points(_ value: Points?) -> JSONValue { value.map { .string($0.text) } ?? .null }
}
