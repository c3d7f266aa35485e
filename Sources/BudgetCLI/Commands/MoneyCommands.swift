import BudgetModel
import BudgetProjections

/// The commands that move money: each records one event against one fund source.
enum MoneyCommands {
    static let sourceOption = CommandSpec.Option(name: "source", value: "S", required: true, help: "fund source: current (当年财政拨款), carryover (上年结转资金) or other (其他资金)")
    static let dateOption = CommandSpec.Option(name: "date", value: "DATE", required: true, help: "business date, YYYY-MM-DD, inside the project's fiscal year")
    static let keyOption = CommandSpec.Option(name: "id", value: "KEY", required: false, help: "idempotency key: a retry with the same key is recorded once")
    static let amountHelp = "AMOUNT is yuan with at most two decimals (1234.5, 1,234.50, 1234.50元) or 万元 with the suffix 万 (53.42万)."

    static let approve = Command(
        spec: CommandSpec(
            name: "approve", summary: "Record budget approved at the start of the year (年初预算) for one fund source.",
            positionals: ["ID", "AMOUNT"],
            options: [sourceOption, dateOption, .init(name: "memo", value: "TEXT", required: false, help: "a note"), keyOption],
            example: "budget approve bzgl-2023 128万 --source current --date 2023-01-10", details: amountHelp),
        run: { arguments, context in
            let approval = BudgetApproval(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                          amount: try arguments.amount(1, "AMOUNT"), memo: try arguments.text("memo"))
            return try Recorder.record(arguments, context, .budgetApproved(approval))
        })

    static let adjust = Command(
        spec: CommandSpec(
            name: "adjust", summary: "Adjust a source's budget during the year, up (+) or down (-). It changes 全年预算.",
            positionals: ["ID", "±AMOUNT"],
            options: [sourceOption, dateOption, .init(name: "reason", value: "TEXT", required: true, help: "why the budget changed"), keyOption],
            example: "budget adjust bzgl-2023 -11.23万 --source current --date 2023-07-01 --reason 压减一般性支出",
            details: amountHelp + " A cut may not leave less budget than is already spent or carried over."),
        run: { arguments, context in
            let adjustment = BudgetAdjustment(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                              amount: try arguments.amount(1, "±AMOUNT", signed: true), reason: try arguments.requiredText("reason"))
            return try Recorder.record(arguments, context, .budgetAdjusted(adjustment))
        })

    static let pay = Command(
        spec: CommandSpec(
            name: "pay", summary: "Record a payment (支出) out of one fund source. It counts towards 全年执行数.",
            positionals: ["ID", "AMOUNT"],
            options: [sourceOption, dateOption, .init(name: "payee", value: "TEXT", required: false, help: "who was paid"),
                      .init(name: "memo", value: "TEXT", required: false, help: "what for"), keyOption],
            example: "budget pay bzgl-2023 53.42万 --source current --date 2023-06-30 --payee 差旅 --memo 改革调研差旅费 --id pay-0001",
            details: amountHelp + " A payment may not exceed what remains of its source's full-year budget on any date (无预算不支出)."),
        run: { arguments, context in
            let payment = Disbursement(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                       amount: try arguments.amount(1, "AMOUNT"), payee: try arguments.text("payee"), memo: try arguments.text("memo"))
            return try Recorder.record(arguments, context, .disbursed(payment))
        })

    static let refund = Command(
        spec: CommandSpec(
            name: "refund", summary: "Give unspent budget back to the treasury (交回财政). It lowers the source's 全年预算.",
            positionals: ["ID", "AMOUNT"],
            options: [sourceOption, dateOption, .init(name: "reason", value: "TEXT", required: true, help: "why the money goes back"), keyOption],
            example: "budget refund sbgz-2023 35万 --source current --date 2023-11-20 --reason 智控平台不再建设", details: amountHelp),
        run: { arguments, context in
            let refund = TreasuryRefund(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                        amount: try arguments.amount(1, "AMOUNT"), reason: try arguments.requiredText("reason"))
            return try Recorder.record(arguments, context, .refunded(refund))
        })

    static let carryover = Command(
        spec: CommandSpec(
            name: "carryover", summary: "Carry an unspent balance (结转) to a project of a later year, where it arrives as its carryover source.",
            positionals: ["ID", "AMOUNT"],
            options: [sourceOption, .init(name: "to", value: "ID2", required: true, help: "the receiving project, of a later fiscal year"),
                      dateOption, .init(name: "memo", value: "TEXT", required: false, help: "a note"), keyOption],
            example: "budget carryover bzgl-2022 68.81万 --source current --to bzgl-2023 --date 2022-12-31", details: amountHelp),
        run: { arguments, context in
            guard let to = try arguments.identifierOption("to") else { throw UsageError("missing --to ID2") }
            let carry = CarryOver(project: try arguments.identifier(0, "ID"), source: try arguments.source(),
                                  amount: try arguments.amount(1, "AMOUNT"), toProject: to, memo: try arguments.text("memo"))
            return try Recorder.record(arguments, context, .carriedOver(carry))
        })
}
