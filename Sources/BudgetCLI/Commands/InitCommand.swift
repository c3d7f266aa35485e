enum InitCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "init", summary: "Create an empty journal. An existing journal is never overwritten.",
            positionals: [], options: [], example: "budget --journal 2023.jsonl init"),
        run: { _, context in
            try context.journal.create()
            return "created journal \(context.journal.path)\n"
        })
}
