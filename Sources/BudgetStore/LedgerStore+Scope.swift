import BudgetText
import BudgetJournal
import BudgetModel
import BudgetProjections

/// The condensed journal of the projects a command is about, checked.
struct CondensedRead {
    let items: [CondensedItem]
    /// The items checked as admission checks them: which projects exist, their balances, and so on.
    let book: LedgerBook
    /// The projects whose events the book holds and checked: every project (nil), or these.
    let checked: Set<String>?

    /// The projects in which an event breaks a rule, for the next checkpoint: those the book
    /// found, and those the checkpoint suspected that the book did not read again.
    func suspects(after summary: JournalSummary) -> Set<String> {
        guard let checked else { return book.violations.projects }
        return summary.suspects.subtracting(checked).union(book.violations.projects)
    }
}

extension LedgerStore {
    /// The condensed journal of `wanted` projects (all when nil) and the journal-wide events, in a
    /// book that checks them. From a checkpoint, a command about some projects reads only their
    /// parts, and those of the projects the checkpoint suspects (so that it warns of them) and of
    /// any project their events reach (a carry-over's receiver). `checkingTail` adds every project
    /// that the lines past the checkpoint touch: a command that will write the next checkpoint
    /// checks them all first. Without a checkpoint, every project is read.
    func condensedBook(_ access: JournalAccess, projects wanted: Set<String>?, checkingTail: Bool) throws -> CondensedRead {
        let summary = access.summary
        guard let base = summary.base, var scope = wanted else {
            let items = try access.condensed(projects: nil)
            return CondensedRead(items: items, book: try LedgerBook.condensed(items, head: summary.position.head.seq), checked: nil)
        }
        scope.formUnion(summary.suspects)
        if checkingTail { scope.formUnion(summary.absorbedProjects) }
        while true {
            let items = try access.condensed(projects: scope)
            var reached = scope
            for case .event(let event) in items { reached.formUnion(event.body.projectsTouched) }
            guard reached == scope else { scope = reached; continue }
            do {
                return CondensedRead(items: items, book: try LedgerBook.condensed(items, head: summary.position.head.seq), checked: scope)
            } catch {
                // Events out of order: the checkpoint's parts do not fit together.
                throw base.fail(error.reason)
            }
        }
    }

    /// Runs `body` with the checkpoint, and once more without it if the checkpoint failed on the
    /// way (a page not matching its digest: set aside, and said) or a line it noted is not as it
    /// was: the journal is then read whole. `used` is where `body` says which checkpoint it read.
    func withCheckpointFallback<T>(_ body: (_ usingCheckpoint: Bool, _ used: inout CheckpointImage?) throws -> T) throws -> T {
        var used: CheckpointImage?
        do {
            return try body(true, &used)
        } catch {
            guard error is JournalChanged || used?.failure != nil else { throw error }
            var unused: CheckpointImage?
            return try body(false, &unused)
        }
    }
}

extension CondensedItem {
    /// Whether the item concerns any of `projects`: journal-wide events concern all.
    func concerns(_ projects: Set<String>) -> Bool {
        switch self {
        case .event(let event): return event.body.project == nil || event.body.projectsTouched.contains(where: projects.contains)
        case .total(let total): return projects.contains(total.key.project)
        }
    }
}
