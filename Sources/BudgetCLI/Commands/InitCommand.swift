enum InitCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "init", summary: "Create an empty journal. An existing journal is never overwritten.",
            positionals: [], options: [], example: "budget --journal 2023.jsonl init"),
        run: { _, context in
            try context.store.create()
            context.write("created journal \(context.store.path)\n")
        })
}
