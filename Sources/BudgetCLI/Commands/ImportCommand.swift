import BudgetModel
import BudgetJournal
import BudgetProjections
import Foundation

/// `budget import`: payments in a batch, all or nothing, one write and one fsync.
enum ImportCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "import", summary: "Record payments in a batch from a CSV or JSON Lines file: all or nothing, idempotent by id.",
            positionals: ["FILE"],
            options: [.init(name: "format", value: "F", required: false, help: "csv (default; UTF-8, a BOM is fine) or jsonl")],
            example: "budget import payments.csv",
            details: """
            Columns: id,project,amount,source,date,payee,memo (payee and memo optional), named by a header row.
            Every row is checked before anything is written; each bad row is reported with its line number,
            and nothing is written if any row is bad. A row whose id is already in the journal with the same
            payment is skipped, so a rerun of the same file adds nothing; the same id with another payment
            is an error. The batch is one write and one fsync.
            """),
        run: { arguments, context in
            let format = try arguments.format(["csv", "jsonl"])
            let path = arguments.positional(0)
            let bytes = try readFile(path)
            let (header, records) = try ImportFile.records(bytes, format: format)
            let (rows, problems) = PaymentRows.rows(header: header, records: records)
            // A header problem stops here; row problems do not: the rows that read well are
            // still checked against the journal, so that one run reports every bad row.
            if problems.contains(where: { $0.line == header.line }) || (rows.isEmpty && !problems.isEmpty) {
                throw ImportFailed(problems: problems)
            }
            let recorded = try context.now()
            var skipped = 0
            let outcome = try context.journal.append { access in
                // Rows already in the journal are found in one pass, not one search each.
                let lookup = PrefetchedKeys(access: access, byKey: try access.events(withKeys: rows.map(\.key)))
                var book = try LedgerBook.fold(access.summary.condensedEvents(paymentsOf: Set(rows.map(\.payment.project))), retainingPayments: false)
                book.advanceHead(to: access.summary.position.head.seq)
                let admitted = try admit(rows, into: &book, recorded: recorded, lookup: lookup, progress: context.progress, problems: problems)
                skipped = admitted.skipped
                return admitted.events
            }
            if outcome.appended.isEmpty {
                return "nothing to import: all \(skipped) rows were already recorded\n"
            }
            let first = outcome.appended.first!.seq, last = outcome.appended.last!.seq
            let count = outcome.appended.count
            return "imported \(count) payment\(count == 1 ? "" : "s") as #\(first)–#\(last)" + (skipped > 0 ? "; \(skipped) rows were already recorded" : "") + "\n"
        })

    /// Admits each row in turn against the book, as if it had been recorded alone; collects
    /// every problem rather than stopping at the first.
    static func admit(_ rows: [PaymentRow], into book: inout LedgerBook, recorded: String, lookup: EventLookup,
                      progress: Progress?, problems earlier: [RowProblem]) throws -> (events: [Event], skipped: Int) {
        var events: [Event] = []
        events.reserveCapacity(rows.count)
        var problems = earlier
        var seen: [String: PaymentRow] = [:]
        seen.reserveCapacity(rows.count)
        var skipped = 0
        for (index, row) in rows.enumerated() {
            if index % 10_000 == 0 { progress?.report(done: index, of: rows.count) }
            if let earlier = seen[row.key] {
                guard earlier.date == row.date, earlier.payment == row.payment else {
                    problems.append(RowProblem(line: row.line, reason: "id '\(row.key)' is already used on line \(earlier.line) for another payment"))
                    continue
                }
                skipped += 1
                continue
            }
            seen[row.key] = row
            do {
                switch try book.admit(row.draft, recorded: recorded, lookup: lookup) {
                case .append(let event):
                    book.recordAdmitted(event)
                    events.append(event)
                case .alreadyRecorded:
                    skipped += 1
                }
            } catch {
                problems.append(RowProblem(line: row.line, reason: error.message))
            }
        }
        progress?.finish()
        guard problems.isEmpty else { throw ImportFailed(problems: problems.sorted { $0.line < $1.line }) }
        return (events, skipped)
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw UsageError("FILE '\(path)' cannot be opened") }
        defer { try? handle.close() }
        guard let data = try handle.read(upToCount: ImportFile.bytesMax + 1) else { return [] }
        guard data.count <= ImportFile.bytesMax else { throw UsageError("FILE '\(path)' is larger than \(ImportFile.bytesMax >> 20) MiB; split it") }
        return Array(data)
    }
}

/// Answers key lookups from events fetched beforehand; anything else goes to the journal.
struct PrefetchedKeys: EventLookup {
    let access: JournalAccess
    let byKey: [String: Event]

    func event(seq: Int64) throws(Rejection) -> Event? { try JournalLookup(access: access).event(seq: seq) }

    func events(withKey key: String) throws(Rejection) -> [Event] { byKey[key].map { [$0] } ?? [] }
}
