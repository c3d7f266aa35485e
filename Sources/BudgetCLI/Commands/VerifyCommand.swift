import BudgetText
import BudgetJournal
import BudgetModel
import BudgetProjections

enum VerifyCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "verify", summary: Message(.checkWholeJournalEveryLine),
            positionals: [],
            options: [.init(name: "head", value: "SEQ:HASH", required: false, help: Message(.alsoConfirmThatHeadPublished))],
            example: "budget --journal Journal/2023.jsonl verify --head 263:5f1c…",
            details: Message(.printsHeadLastSeqAnd)),
        run: { arguments, context in
            var published: JournalHead?
            if let text = arguments.options["head"] {
                guard let head = JournalHead(text) else { throw UsageError(.headIsNotSEQHASH, text) }
                published = head
            }
            let verification = try context.store.verify(keepingHashOf: published?.seq)
            // An event that breaks a rule of the ledger fails the check, named by its line: every
            // one of them up to `Violations.shownMax`, since this is where the others point to.
            if !verification.violations.isEmpty { throw ViolationsFound(violations: verification.violations) }
            let head = verification.head
            context.write(Message(.okEventsChainIntactNhead, head.seq, head))
            for (mark, at) in verification.yearMarks { context.write(Message(mark.closes ? .yearClosedAt : .yearReopenedAt, mark.year, at)) }
            if let published {
                try confirm(published, head: head, kept: verification.kept)
                context.write(Message(.publishedHeadIsPrefixOf, published.seq))
            }
            switch verification.checkpoint {
            case .none, .stale: break
            case .agrees(let path, let seq): context.write(Message(.checkpointAgreesWithJournalUp, path, seq))
            case .refused(let path, let aside):
                context.write(Message(.checkpointRefusedRemade, path, aside.map { Message(.andMovedTo, $0) } ?? ""))
            }
        })

    static func confirm(_ published: JournalHead, head: JournalHead, kept: JournalHead?) throws {
        guard published.seq > 0 else {
            guard published.hash == .zero else { throw Rejection(.headGoesWithZerosHash) }
            return
        }
        guard let kept else {
            throw Rejection(.headJournalEndsAtEvents, published.seq, head.seq)
        }
        guard kept.hash == published.hash else {
            throw Rejection(.headLineNowHashesTo, published.seq, published.seq, kept.hash.hex)
        }
    }
}

/// `verify` found events that break a rule of the ledger: each of the first is said on its own
/// line, and how many more there are.
struct ViolationsFound: Error {
    let violations: Violations

    var lines: [Message] { violations.first.map(\.reason) + Message.notListed(violations.count - violations.first.count) }
}
