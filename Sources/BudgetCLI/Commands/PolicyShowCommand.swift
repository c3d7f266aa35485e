import BudgetText
import BudgetJSON
import BudgetModel
import BudgetProjections
import BudgetReports

/// `policy show`: the scoring policy in force at a point of replay.
enum PolicyShowCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "policy show", summary: Message(.showScoringPolicyInForce),
            positionals: [],
            options: [ReplayOptions.asOf, ReplayOptions.at, .init(name: "format", value: "F", required: false, help: Message(.tableDefaultOrJson))],
            example: "budget policy show --as-of 2023-06-30"),
        run: { arguments, context in
            let format = try arguments.format(["table", "json"])
            var projection = LedgerProjection()
            try ReplayOptions.replay(&projection, arguments, context)
            let policy = projection.policy
            if format == "json" { return context.write(JSONWriter.pretty(ScoringJSON.policy(policy)) + "\n") }
            let s = policy.setting
            let origin = policy.seq.map { Message(.policyShowSetBy, $0, policy.date.map(\.text) ?? "") } ?? Message(.policyShowDefaults)
            context.write(Message(.policyShowText, origin, s.executionWeight, s.outputWeight, s.benefitWeight, s.satisfactionWeight,
                                  s.rateDecimals, s.executionScoreDecimals, s.indicatorScoreDecimals, s.lowerIsBetter, s.tolerance))
        })
}
