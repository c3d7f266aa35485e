import BudgetText
import BudgetModel
import BudgetProjections

/// `budget goal`: the two texts of a form's 年度总体目标, each recorded as it is written.
enum GoalCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "goal", summary: Message(.recordProjectSOverallGoal),
            positionals: ["ID"],
            options: [
                .init(name: "expected", value: "TEXT", required: false, help: Message(.expectedGoalAsFormStates)),
                .init(name: "outcome", value: "TEXT", required: false, help: Message(.actualOutcome)),
                CommonOptions.date, CommonOptions.key,
            ],
            example: "budget goal gbpx-2023 --outcome '5月7日至13日,培训班在厦门大学举办' --date 2023-12-31",
            details: Message(.giveExpectedOutcomeOrBoth)),
        run: { arguments, context in
            let expected = try nonBlank(arguments, "expected"), outcome = try nonBlank(arguments, "outcome")
            guard expected != nil || outcome != nil else {
                throw UsageError(.giveExpectedTEXTOutcomeTEXT)
            }
            let goal = GoalRecord(project: try arguments.identifier(0, "ID"), expected: expected, outcome: outcome)
            try context.record(arguments, .goalRecorded(goal))
        })

    private static func nonBlank(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> String? {
        guard let text = try arguments.text(name) else { return nil }
        guard !text.allSatisfy(\.isWhitespace) else { throw UsageError(.mustNotBeEmpty, name) }
        return text
    }
}
