import BudgetText
enum InitCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "init", summary: Message(.createEmptyJournalExistingJournal),
            positionals: [], options: [], example: "budget --journal 2023.jsonl init"),
        run: { _, context in
            try context.store.create()
            context.write(Message(.createdJournalN, context.store.path))
        })
}
