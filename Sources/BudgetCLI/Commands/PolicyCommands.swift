import BudgetModel
import BudgetProjections
import BudgetReports
import BudgetJournal
import BudgetJSON

/// `policy set` and `policy show`: the scoring policy is a journal-wide event, in force from its
/// date for every project.
enum PolicyCommands {
    static let set = Command(
        spec: CommandSpec(
            name: "policy set", summary: "Set the scoring policy (评分规则) for the whole journal from a date on.",
            positionals: [],
            options: [
                .init(name: "execution-weight", value: "POINTS", required: false, help: "分值 of the execution rate (default 10)"),
                .init(name: "output-weight", value: "POINTS", required: false, help: "产出指标's share of the points (default 50)"),
                .init(name: "benefit-weight", value: "POINTS", required: false, help: "效益指标's share (default 30)"),
                .init(name: "satisfaction-weight", value: "POINTS", required: false, help: "满意度指标's share (default 10)"),
                .init(name: "rate-decimals", value: "N", required: false, help: "decimals of a percent the execution rate keeps, 0–2 (default 2)"),
                .init(name: "execution-score-decimals", value: "N", required: false, help: "decimals of the execution score, 0–2 (default 1)"),
                .init(name: "indicator-score-decimals", value: "N", required: false, help: "decimals of a rule-computed indicator score, 0–2 (default 2)"),
                .init(name: "lower-is-better", value: "RULE", required: false, help: "linear (default) or ratio: how a cost above its target scores"),
                .init(name: "tolerance", value: "POINTS", required: false, help: "how far a self-assessed score may depart from the rules' (default 0.05)"),
                .init(name: "date", value: "DATE", required: true, help: "the date the policy takes effect; not before the policy in force"),
                .init(name: "memo", value: "TEXT", required: false, help: "why the policy changes"),
                MoneyCommands.keyOption,
            ],
            example: "budget policy set --lower-is-better ratio --tolerance 0.1 --date 2023-07-01 --memo 按新办法计分",
            details: "An option left out keeps its value in the policy in force. The four weights must add up to 100. linear: weight × (1 − (actual − target) ÷ target), 0 at twice the target or more; ratio: weight × target ÷ actual."),
        run: { arguments, context in
            let date = try arguments.requiredDate()
            let key = try arguments.identifierOption("id")
            let memo = try arguments.text("memo")
            return try Recorder.record(context) { book in
                let setting = try policy(arguments, over: book.policyInForce.setting).with(memo: memo)
                return EventDraft(key: key, date: date, body: .policySet(setting))
            }
        })

    static let show = Command(
        spec: CommandSpec(
            name: "policy show", summary: "Show the scoring policy in force at a point of replay.",
            positionals: [],
            options: [ReplayOptions.asOf, ReplayOptions.at, .init(name: "format", value: "F", required: false, help: "table (default) or json")],
            example: "budget policy show --as-of 2023-06-30"),
        run: { arguments, context in
            let format = try arguments.format(["table", "json"])
            let (summary, _) = try Reader.summary(context, upTo: try ReplayOptions.atSeq(arguments))
            let point = try ReplayOptions.point(arguments, headSeq: summary.position.head.seq)
            let policy = Replay.projection(of: summary.condensedEvents(asOf: point.asOf)).policy
            if format == "json" { return JSONWriter.pretty(ScoringJSON.policy(policy)) + "\n" }
            let s = policy.setting
            return """
            policy: \(policy.seq.map { "set by #\($0) on \(policy.date.map(\.text) ?? "")" } ?? "the defaults (no policy.set in force)")
            weights: execution \(s.executionWeight), output \(s.outputWeight), benefit \(s.benefitWeight), satisfaction \(s.satisfactionWeight)
            rounding (half-up): rate \(s.rateDecimals) decimals of a percent, execution score \(s.executionScoreDecimals), indicator scores \(s.indicatorScoreDecimals)
            lower-is-better above the target: \(s.lowerIsBetter)
            check tolerance: \(s.tolerance) point(s)

            """
        })

    /// The options given, over the policy in force for those left out.
    static func policy(_ arguments: ParsedArguments, over base: PolicySetting) throws(UsageError) -> PolicySetting {
        func weight(_ name: String, _ current: Points) throws(UsageError) -> Points {
            guard let text = arguments.options[name] else { return current }
            return try IndicatorCommands.points(text, "--\(name)")
        }
        func decimals(_ name: String, _ current: Int) throws(UsageError) -> Int {
            guard let text = arguments.options[name] else { return current }
            guard let value = Int(text), text.count == 1, PolicySetting.decimalsRange.contains(value) else {
                throw UsageError("--\(name) '\(text)' is not 0, 1 or 2")
            }
            return value
        }
        var rule = base.lowerIsBetter
        if let text = arguments.options["lower-is-better"] {
            guard let parsed = LowerIsBetterRule(rawValue: text) else { throw UsageError("--lower-is-better '\(text)' is not linear or ratio") }
            rule = parsed
        }
        return PolicySetting(
            executionWeight: try weight("execution-weight", base.executionWeight), outputWeight: try weight("output-weight", base.outputWeight),
            benefitWeight: try weight("benefit-weight", base.benefitWeight), satisfactionWeight: try weight("satisfaction-weight", base.satisfactionWeight),
            rateDecimals: try decimals("rate-decimals", base.rateDecimals),
            executionScoreDecimals: try decimals("execution-score-decimals", base.executionScoreDecimals),
            indicatorScoreDecimals: try decimals("indicator-score-decimals", base.indicatorScoreDecimals),
            lowerIsBetter: rule, tolerance: try weight("tolerance", base.tolerance))
    }
}
