enum RepairCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "repair", summary: "Move a torn last line (left by a crash mid-write) into a side file, so the journal can be appended to again.",
            positionals: [], options: [],
            example: "budget --journal Journal/2023.jsonl repair",
            details: "Nothing is deleted: the torn bytes are kept in PATH.torn-SEQ. Every complete line must be intact first; repair never touches them."),
        run: { _, context in
            guard let moved = try context.store.repair() else { return context.write("nothing to repair: the journal ends with a complete line\n") }
            context.write("moved \(moved.bytes) bytes of a torn last line (after #\(moved.afterSeq)) to \(moved.sidePath)\n")
            if let event = moved.completeEvent {
                context.write("the torn line holds a complete event #\(event.seq) (\(event.body.kind.name)) that was never acknowledged; record it again if it should stand\n")
            }
        })
}
