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
            context.write("""
            policy: \(policy.seq.map { "set by #\($0) on \(policy.date.map(\.text) ?? "")" } ?? "the defaults (no policy.set in force)")
            weights: execution \(s.executionWeight), output \(s.outputWeight), benefit \(s.benefitWeight), satisfaction \(s.satisfactionWeight)
            rounding (half-up): rate \(s.rateDecimals) decimals of a percent, execution score \(s.executionScoreDecimals), indicator scores \(s.indicatorScoreDecimals)
            lower-is-better above the target: \(s.lowerIsBetter)
            check tolerance: \(s.tolerance) point(s)

            """)
        })
}
