import BudgetModel
import BudgetJournal
import BudgetProjections
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `budget import`: payments in a batch, all or nothing, written at once and synced once.
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
            is an error. The batch is written at once (one writev) and made durable with one fsync.
            """),
        run: { arguments, context in
            let format = try arguments.format(["csv", "jsonl"])
            let path = arguments.positional(0)
            let bytes = try readFile(path)
            let read = try ImportFile.rows(bytes, format: format)
            let rows = read.rows
            // Bad rows do not stop here: the rows that read well are still checked against the
            // journal, so that one run reports every bad row.
            if rows.isEmpty && !read.problems.isEmpty { throw ImportFailed(problems: read.problems) }
            let recorded = try context.now()
            var skipped = 0
            let outcome = try context.journal.append { access in
                // Rows already in the journal are found in one pass, not one search each.
                let lookup = PrefetchedKeys(access: access, byKey: try access.events(withKeys: rows.map(\.draft.key)))
                let condensed = access.summary.condensedEvents(paymentsOf: Set(rows.map(\.draft.payment.project)))
                var book = try LedgerBook.fold(condensed, retainingPayments: false)
                book.advanceHead(to: access.summary.position.head.seq)
                let admitted = try admit(rows, into: &book, recorded: recorded, lookup: lookup, progress: context.progress, problems: read.problems)
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
        var problems = earlier
        var skipped = 0
        // A key used again in the file: the same payment is skipped, another one is an error.
        var firstRowOfKey: [String: Int] = [:]
        firstRowOfKey.reserveCapacity(rows.count)
        var drafts: [PaymentDraft] = []
        drafts.reserveCapacity(rows.count)
        var lines: [Int] = []
        lines.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            guard let first = firstRowOfKey.updateValue(index, forKey: row.draft.key) else {
                drafts.append(row.draft)
                lines.append(row.line)
                continue
            }
            firstRowOfKey[row.draft.key] = first
            let earlier = rows[first]
            if earlier.draft == row.draft { skipped += 1; continue }
            problems.append(RowProblem(line: row.line, reason: "id '\(row.draft.key)' is already used on line \(earlier.line) for another payment"))
        }
        var events: [Event] = []
        events.reserveCapacity(drafts.count)
        book.admitPayments(drafts, recorded: recorded, lookup: lookup) { index, outcome in
            if index % 10_000 == 0 { progress?.report(done: index, of: drafts.count) }
            switch outcome {
            case .success(.append(let event)): events.append(event)
            case .success(.alreadyRecorded): skipped += 1
            case .failure(let rejection): problems.append(RowProblem(line: lines[index], reason: rejection.message))
            }
        }
        progress?.finish()
        guard problems.isEmpty else { throw ImportFailed(problems: problems.sorted { $0.line < $1.line }) }
        return (events, skipped)
    }

    /// The file's bytes, read straight into one buffer (Foundation's Data would copy them twice).
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw UsageError("FILE '\(path)' cannot be opened: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw UsageError("FILE '\(path)' cannot be read: \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw UsageError("FILE '\(path)' is a directory") }
        var bytes = [UInt8](repeating: 0, count: Int(min(max(Int64(info.st_size), 0), Int64(ImportFile.bytesMax))) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                guard bytes.count <= ImportFile.bytesMax else { break }
                // A pipe or a file that grew: room for as much again, up to one byte past the limit.
                bytes += repeatElement(0, count: min(bytes.count, ImportFile.bytesMax + 1 - bytes.count))
            }
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw UsageError("FILE '\(path)' cannot be read: \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            filled += count
        }
        guard filled <= ImportFile.bytesMax else { throw UsageError("FILE '\(path)' is larger than \(ImportFile.bytesMax >> 20) MiB; split it") }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }
}

/// Answers key lookups from events fetched beforehand; anything else goes to the journal.
struct PrefetchedKeys: EventLookup {
    let access: JournalAccess
    let byKey: [String: Event]

    func event(seq: Int64) throws(Rejection) -> Event? { try JournalLookup(access: access).event(seq: seq) }

    func events(withKey key: String) throws(Rejection) -> [Event] {
        guard !byKey.isEmpty else { return [] }
        return byKey[key].map { [$0] } ?? []
    }
}
