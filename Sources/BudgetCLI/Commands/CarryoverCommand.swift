import BudgetText
import BudgetModel

enum CarryoverCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "carryover", summary: Message(.carryUnspentBalanceToProject),
            positionals: ["ID", "AMOUNT"],
            options: [CommonOptions.source, .init(name: "to", value: "ID2", required: true, help: Message(.receivingProjectOfLaterFiscal)),
                      CommonOptions.date, .init(name: "memo", value: "TEXT", required: false, help: Message(.noteHelp)), CommonOptions.key],
            example: "budget carryover bzgl-2022 68.81万 --source current --to bzgl-2023 --date 2022-12-31", details: CommonOptions.amountHelp),
        run: { arguments, context in
            guard let to = try arguments.identifierOption("to") else { throw UsageError(.missingToID) }
            let carry = CarryOver(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                  amount: try arguments.amount(1, "AMOUNT"), toProject: to, memo: try arguments.text("memo"))
            try context.record(arguments, .carriedOver(carry))
        })
}
