import BudgetText
import BudgetModel
import BudgetProjections

/// The write commands' one way in: the store admits and appends, and the command says what
/// happened in a line.
extension CommandContext {
    /// Records `body` dated by --date, under the key given by --id, if any.
    func record(_ arguments: ParsedArguments, _ body: EventBody) throws {
        try record(EventDraft(key: try arguments.identifierOption("id"), date: try arguments.requiredDate(), body: body))
    }

    func record(_ draft: EventDraft) throws {
        acknowledge(try store.record(draft, recorded: now()))
    }

    /// Records the draft `makeDraft` builds from the journal as it stands (a policy over the one in
    /// force, a reversal's copy of its target).
    func record(about projects: [String] = [], drafting makeDraft: (LedgerBook, EventLookup) throws -> EventDraft) throws {
        acknowledge(try store.record(recorded: now(), about: projects, drafting: makeDraft))
    }

    /// Records, as one batch, the drafts `makeDrafts` builds (a correction: a reversal and the
    /// corrected event), and acknowledges each.
    func recordBatch(about projects: [String] = [], drafting makeDrafts: (LedgerBook, EventLookup) throws -> [EventDraft]) throws {
        for admission in try store.recordBatch(recorded: now(), about: projects, drafting: makeDrafts) { acknowledge(admission) }
    }

    private func acknowledge(_ admission: Admission) {
        switch admission {
        case .append(let event):
            let words = [event.body.project.map { Message(verbatim: $0) } ?? Message(.allProjects), Message(verbatim: event.date.text), event.body.summary]
            write(Message(.recordedEvent, event.seq, event.body.kind.name, words.joined(separator: " "), event.id))
        case .alreadyRecorded(let event):
            write(Message(.alreadyRecordedAsIdNothing, event.seq, event.id))
        }
    }
}
