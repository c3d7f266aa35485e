import BudgetJournal
import BudgetModel
import BudgetProjections

extension LedgerStore {
    /// Checks the whole journal, never trusting the checkpoint: every line's hash and its link
    /// to the line before, and every event's sense. `keptSeq` asks for the hash of one line back,
    /// to confirm a head published earlier. Leaves a fresh checkpoint behind.
    public func verify(keepingHashOf keptSeq: Int64? = nil) throws -> (head: JournalHead, kept: JournalHead?) {
        let scanned = try scanEveryLine(keepingHashOf: keptSeq) { _ in }
        Checkpoint.write(scanned.summary, forJournal: journal)
        return (scanned.source.head, scanned.kept)
    }
}
