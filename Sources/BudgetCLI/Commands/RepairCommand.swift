enum RepairCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "repair", summary: "Move a torn last line, or a batch cut short, (left by a crash mid-write) into a side file, so the journal can be appended to again.",
            positionals: [], options: [],
            example: "budget --journal Journal/2023.jsonl repair",
            details: "Nothing is deleted: the torn bytes are kept in PATH.torn-SEQ. An append of several events (an import, a correction) that was cut short is moved aside whole, however many of its lines were written: none of it was acknowledged. Every complete line before must be intact; repair never touches them."),
        run: { _, context in
            guard let moved = try context.store.repair() else { return context.write("nothing to repair: the journal ends with a complete line\n") }
            if let batch = moved.batch {
                context.write("moved \(moved.bytes) bytes of a batch cut short (after #\(moved.afterSeq)): \(batch.written) of its \(batch.count) events were written, none acknowledged; they are in \(moved.sidePath). Import or record them again.\n")
                return
            }
            context.write("moved \(moved.bytes) bytes of a torn last line (after #\(moved.afterSeq)) to \(moved.sidePath)\n")
            if let event = moved.completeEvent {
                context.write("the torn line holds a complete event #\(event.seq) (\(event.body.kind.name)) that was never acknowledged; record it again if it should stand\n")
            }
        })
}
