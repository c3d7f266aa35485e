import BudgetText
import BudgetModel
import BudgetProjections

/// `policy set`: the scoring policy is a journal-wide event, in force from its date for every project.
enum PolicySetCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "policy set", summary: Message(.setScoringPolicyForWhole),
            positionals: [],
            options: [
                .init(name: "execution-weight", value: "POINTS", required: false, help: Message(.ofExecutionRateDefault)),
                .init(name: "output-weight", value: "POINTS", required: false, help: Message(.sShareOfPointsDefault)),
                .init(name: "benefit-weight", value: "POINTS", required: false, help: Message(.benefitShareHelp)),
                .init(name: "satisfaction-weight", value: "POINTS", required: false, help: Message(.satisfactionShareHelp)),
                .init(name: "rate-decimals", value: "N", required: false, help: Message(.decimalsOfPercentExecutionRate)),
                .init(name: "execution-score-decimals", value: "N", required: false, help: Message(.decimalsOfExecutionScoreDefault)),
                .init(name: "indicator-score-decimals", value: "N", required: false, help: Message(.decimalsOfRuleComputedIndicator)),
                .init(name: "lower-is-better", value: "RULE", required: false, help: Message(.linearDefaultOrRatioHow)),
                .init(name: "tolerance", value: "POINTS", required: false, help: Message(.howFarSelfAssessedScore)),
                .init(name: "date", value: "DATE", required: true, help: Message(.datePolicyTakesEffectNot)),
                .init(name: "memo", value: "TEXT", required: false, help: Message(.whyPolicyChanges)),
                CommonOptions.key,
            ],
            example: "budget policy set --lower-is-better ratio --tolerance 0.1 --date 2023-07-01 --memo 按新办法计分",
            details: Message(.optionLeftOutKeepsIts)),
        run: { arguments, context in
            let date = try arguments.requiredDate()
            let key = try arguments.identifierOption("id")
            let memo = try arguments.text("memo")
            try context.record { book, _ in
                let setting = try policy(arguments, over: book.policyInForce.setting).with(memo: memo)
                return EventDraft(key: key, date: date, body: .policySet(setting))
            }
        })

    /// The options given, over the policy in force for those left out.
    static func policy(_ arguments: ParsedArguments, over base: PolicySetting) throws(UsageError) -> PolicySetting {
        func weight(_ name: String, _ current: Points) throws(UsageError) -> Points {
            guard let text = arguments.options[name] else { return current }
            return try arguments.points(text, "--\(name)")
        }
        func decimals(_ name: String, _ current: Int) throws(UsageError) -> Int {
            guard let text = arguments.options[name] else { return current }
            guard let value = Int(text), text.count == 1, PolicySetting.decimalsRange.contains(value) else {
                throw UsageError(.isNotOr3, name, text)
            }
            return value
        }
        var rule = base.lowerIsBetter
        if let text = arguments.options["lower-is-better"] {
            guard let parsed = LowerIsBetterRule(rawValue: text) else { throw UsageError(.lowerIsBetterIsNot, text) }
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
