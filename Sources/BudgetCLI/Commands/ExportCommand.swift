import BudgetText
import BudgetModel
import BudgetProjections
import BudgetReports

/// `budget export`: the ledger as an hledger or beancount journal, for accountants who keep their
/// books in those tools. See `LedgerAccount` for the accounts and why their balances are the
/// report's figures.
enum ExportCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "export", summary: Message(.writeLedgerAsHledgerOr),
            positionals: [],
            options: [.init(name: "format", value: "F", required: true, help: Message(.hledgerBeancountOrWarehouseJSONEachRow),
                            choices: ["hledger", "beancount", "warehouse"]),
                      .init(name: "name", value: "NAME", required: false, help: Message(.warehouseJournalSNameIn)),
                      .init(name: "output", value: "PATH", required: false, help: Message(.writeToPATHReplacedWhole)),
                      ReplayOptions.asOf, ReplayOptions.at],
            example: "budget --journal Journal/2023.jsonl export --format beancount --output 2023.beancount",
            details: Message(.exportDetails)),
        run: { arguments, context in
            let format = try arguments.format(["hledger", "beancount", "warehouse"])
            if format == "warehouse" { return try warehouse(arguments, context) }
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
            context.write(Message(.exportedTransactionsInAccountsTo, builder.count, export.accounts.count, output, format))
        })

    /// The journal as rows for the warehouse: only a journal that verifies, named by `--name`.
    static func warehouse(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        guard arguments.options["as-of"] == nil, arguments.options["at"] == nil else {
            throw UsageError(.formatWarehouseExportsWholeJournal)
        }
        let verification = try context.store.verify()
        if let problem = verification.violations.summary { throw Rejection(.journalDoesNotVerifySo, problem) }
        let name = try arguments.text("name") ?? String(context.store.path.split(separator: "/").last ?? "journal")  // not prose: the default name of a journal in the rows
        let output = arguments.options["output"]
        let file = try output.map { path throws in try OutputFile.Writer(path: path, journal: context.store.path) }
        // A write that fails is kept and thrown once the replay is over: nothing is half-written
        // silently, and the file is not committed.
        final class FirstError { var error: Error? }
        let failed = FirstError()
        var rows = WarehouseRows(journal: name, head: verification.head.description) { line in
            guard let file else { return context.write(line) }
            guard failed.error == nil else { return }
            do { try file.write(line) } catch { failed.error = error }
        }
        try ReplayOptions.confirm(.end, in: context.store.replay(&rows, to: .end))
        if let error = failed.error { throw error }
        guard let file, let output else { return }
        try file.commit()
        context.write(Message(.exportedRowsOfHeadTo, rows.count, name, verification.head, output))
    }
}
