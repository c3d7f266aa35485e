import BudgetText
enum RepairCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "repair", summary: Message(.moveTornLastLineOr),
            positionals: [], options: [],
            example: "budget --journal Journal/2023.jsonl repair",
            details: Message(.nothingIsDeletedTornBytes)),
        run: { _, context in
            guard let moved = try context.store.repair() else { return context.write(Message(.nothingToRepairJournalEnds)) }
            if let batch = moved.batch {
                context.write(Message(.movedBytesOfBatchCut, moved.bytes, moved.afterSeq, batch.written, batch.count, moved.sidePath))
                return
            }
            context.write(Message(.movedBytesOfTornLast, moved.bytes, moved.afterSeq, moved.sidePath))
            if let event = moved.completeEvent {
                context.write(Message(.tornLineHoldsCompleteEvent, event.seq, event.body.kind.name))
            }
        })
}
