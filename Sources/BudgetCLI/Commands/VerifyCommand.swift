import BudgetJournal
import BudgetModel
import BudgetProjections

enum VerifyCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "verify", summary: "Check the whole journal: every line's hash, its link to the line before, and every event's sense.",
            positionals: [],
            options: [.init(name: "head", value: "SEQ:HASH", required: false, help: "also confirm that a head published earlier is still a prefix of the journal")],
            example: "budget --journal Journal/2023.jsonl verify --head 263:5f1c…",
            details: "Prints the head (last seq and its hash) when the journal is intact. Otherwise names the first line that was edited, removed, reordered or cut short, or whose event breaks a rule of the ledger (an overspent budget, a client id used twice), and exits 1. Lines removed from the end leave a valid, shorter journal: only a head published earlier (--head) reveals that. The checkpoint is never trusted here: it is compared with the journal's own replay, and a disagreement is a failure."),
        run: { arguments, context in
            var published: JournalHead?
            if let text = arguments.options["head"] {
                guard let head = JournalHead(text) else { throw UsageError("--head '\(text)' is not SEQ:HASH (a seq, a colon, 64 lowercase hex digits)") }
                published = head
            }
            let verification = try context.store.verify(keepingHashOf: published?.seq)
            // An event that breaks a rule of the ledger fails the check, named by its line.
            if let problem = verification.violations.summary { throw Rejection(problem) }
            let head = verification.head
            context.write("ok: \(head.seq) events, chain intact\nhead \(head)\n")
            for (mark, at) in verification.yearMarks { context.write("\(mark.closes ? "closed" : "reopened") \(mark.year) at \(at)\n") }
            if let published {
                try confirm(published, head: head, kept: verification.kept)
                context.write("published head \(published.seq) is a prefix of this journal\n")
            }
            switch verification.checkpoint {
            case .none, .stale: break
            case .agrees(let path, let seq): context.write("checkpoint \(path) agrees with the journal up to #\(seq)\n")
            case .refused(let path, let aside):
                context.write("checkpoint \(path) is not one your key authenticates: it was not trusted\(aside.map { ", and was moved to \($0)" } ?? ""); a new one was made\n")
            }
        })

    static func confirm(_ published: JournalHead, head: JournalHead, kept: JournalHead?) throws {
        guard published.seq > 0 else {
            guard published.hash == .zero else { throw Rejection("--head 0 goes with 64 zeros, the hash before the first line") }
            return
        }
        guard let kept else {
            throw Rejection("--head \(published.seq): the journal ends at #\(head.seq); events after it were removed since that head was published")
        }
        guard kept.hash == published.hash else {
            throw Rejection("--head \(published.seq): line \(published.seq) now hashes to \(kept.hash.hex); the journal was changed at or before that line since the head was published")
        }
    }
}
