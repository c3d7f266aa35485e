import BudgetJournal
import BudgetProjections

enum VerifyCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "verify", summary: "Check the whole journal: every line's hash, its link to the line before, and every event's sense.",
            positionals: [], options: [],
            example: "budget --journal Journal/2023.jsonl verify",
            details: "Prints the head (last seq and its hash) when the journal is intact. Otherwise names the first line that was edited, removed, reordered or cut short, and exits 1."),
        run: { _, context in
            let (snapshot, _) = try Reader.load(context)
            return "ok: \(snapshot.events.count) events, chain intact\nhead \(snapshot.head)\n"
        })
}

enum RepairCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "repair", summary: "Move a torn last line (left by a crash mid-write) into a side file, so the journal can be appended to again.",
            positionals: [], options: [],
            example: "budget --journal Journal/2023.jsonl repair",
            details: "Nothing is deleted: the torn bytes are kept in PATH.torn-SEQ. Every complete line must be intact first; repair never touches them."),
        run: { _, context in
            guard let moved = try context.journal.repairTornTail() else { return "nothing to repair: the journal ends with a complete line\n" }
            return "moved \(moved.bytes) bytes of a torn last line (after #\(moved.afterSeq)) to \(moved.sidePath)\n"
        })
}
