import BudgetModel

enum CarryoverCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "carryover", summary: "Carry an unspent balance (结转) to a project of a later year, where it arrives as its carryover source.",
            positionals: ["ID", "AMOUNT"],
            options: [CommonOptions.source, .init(name: "to", value: "ID2", required: true, help: "the receiving project, of a later fiscal year"),
                      CommonOptions.date, .init(name: "memo", value: "TEXT", required: false, help: "a note"), CommonOptions.key],
            example: "budget carryover bzgl-2022 68.81万 --source current --to bzgl-2023 --date 2022-12-31", details: CommonOptions.amountHelp),
        run: { arguments, context in
            guard let to = try arguments.identifierOption("to") else { throw UsageError("missing --to ID2") }
            let carry = CarryOver(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                  amount: try arguments.amount(1, "AMOUNT"), toProject: to, memo: try arguments.text("memo"))
            try context.record(arguments, .carriedOver(carry))
        })
}
