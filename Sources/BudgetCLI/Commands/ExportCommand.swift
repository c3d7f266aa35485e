import BudgetModel
import BudgetProjections
import BudgetReports

/// `budget export`: the ledger as an hledger or beancount journal, for accountants who keep their
/// books in those tools. See `LedgerAccount` for the accounts and why their balances are the
/// report's figures.
enum ExportCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "export", summary: "Write the ledger as an hledger or beancount journal, one account per project and fund source.",
            positionals: [],
            options: [.init(name: "format", value: "F", required: true, help: "hledger or beancount", choices: ["hledger", "beancount"]),
                      .init(name: "output", value: "PATH", required: false, help: "write to PATH (replaced whole, never the journal) instead of stdout"),
                      ReplayOptions.asOf, ReplayOptions.at],
            example: "budget --journal Journal/2023.jsonl export --format beancount --output 2023.beancount",
            details: """
            Each event that moves money is a balanced transaction in CNY (yuan, two decimals), dated by its
            business date; a reversal posts its original's postings with the signs turned. Per project P
            and source S: Income:Budget:P:S holds minus the 全年预算数, Expenses:Executed:P:S the 全年执行数,
            Assets:Treasury:P:S what remains at the treasury, Equity:CarriedOver:P:S what was carried on,
            so `hledger bal` and bean-query give the figures of `budget report`. Project ids become
            account components by capitalising the first letter (bzgl-2023 → Bzgl-2023).
            """),
        run: { arguments, context in
            let format = try arguments.format(["hledger", "beancount"])
            let output = arguments.options["output"]
            let point = try ReplayOptions.point(arguments)
            // Transactions are rendered as they are made and sorted by date on disk past a bound.
            let names = AccountNames()
            let sorted = SortedSpool()
            var builder = ExportBuilder { transaction in
                let text = format == "beancount" ? BeancountJournal.transaction(transaction, name: names.name)
                                                 : HledgerJournal.transaction(transaction, name: names.name)
                let date = transaction.date
                sorted.append(SortedSpool.Key(major: Int64(date.year * 10_000 + date.month * 100 + date.day), minor: transaction.seq), text)
            }
            try ReplayOptions.confirm(point, in: context.store.replay(&builder, to: point))
            let export = builder.export(asOf: point.asOf)
            let header = format == "beancount" ? BeancountJournal.header(export) : HledgerJournal.header(export)
            guard let output else {
                context.write(header)
                return try sorted.forEach(context.write)
            }
            let file = try OutputFile.Writer(path: output, journal: context.store.path)
            try file.write(header)
            try sorted.forEach(file.write)
            try file.commit()
            context.write("exported \(builder.count) transactions in \(export.accounts.count) accounts to \(output) (\(format))\n")
        })
}
