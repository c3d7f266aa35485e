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
            // Bad rows do not stop here: the rows that read well are still checked against the
            // journal, so that one run reports every bad row.
            if read.count == 0 && !read.problems.isEmpty { throw ImportFailed(problems: read.problems) }
            let recorded = try context.now()
            var skipped = 0
            let outcome = try context.journal.append { access in
                // Rows already in the journal are found in one pass, not one search each.
                let byKey = access.summary.keyIndex.count == 0 ? [:] : try access.events(withKeys: read.drafts.map(\.key))
                let lookup = PrefetchedKeys(access: access, byKey: byKey)
                let condensed = access.summary.condensedEvents(paymentsOf: read.projects)
                var book = try LedgerBook.fold(condensed, retainingPayments: false)
                defer { ExitReclaims.leave((condensed, book)) }
                book.advanceHead(to: access.summary.position.head.seq)
                let admitted = try admit(read, into: &book, recorded: recorded, lookup: lookup, progress: context.progress)
                skipped = admitted.skipped
                return admitted.events
            }
            ExitReclaims.leave((bytes, read, outcome))
            if outcome.appended.isEmpty {
                return "nothing to import: all \(skipped) rows were already recorded\n"
            }
            let first = outcome.appended.first!.seq, last = outcome.appended.last!.seq
            let count = outcome.appended.count
            return "imported \(count) payment\(count == 1 ? "" : "s") as #\(first)–#\(last)" + (skipped > 0 ? "; \(skipped) rows were already recorded" : "") + "\n"
        })

    /// Admits each row in turn against the book, as if it had been recorded alone; collects
    /// every problem rather than stopping at the first.
    static func admit(_ read: ImportFile.Rows, into book: inout LedgerBook, recorded: String, lookup: EventLookup,
                      progress: Progress?) throws -> (events: [Event], skipped: Int) {
        var problems = read.problems
        var skipped = 0
        // A key used again in the file: the same payment is skipped, another one is an error.
        // Rows are grouped by their key's fingerprint, so only rows whose fingerprints collide
        // compare their keys.
        let repeats = repeatedKeys(read)
        var admitted = read.drafts, lines = read.lines
        if !repeats.isEmpty {
            admitted = []; lines = []
            for index in 0..<read.count {
                guard let first = repeats[index] else { admitted.append(read.drafts[index]); lines.append(read.lines[index]); continue }
                if read.drafts[first] == read.drafts[index] { skipped += 1; continue }
                problems.append(RowProblem(line: read.lines[index], reason: "id '\(read.drafts[index].key)' is already used on line \(read.lines[first]) for another payment"))
            }
        }
        var events: [Event] = []
        events.reserveCapacity(admitted.count)
        book.admitPayments(admitted, recorded: recorded, lookup: lookup) { index, outcome in
            if index % 10_000 == 0 { progress?.report(done: index, of: admitted.count) }
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

    /// For each row whose key an earlier row of the file already used, that first row.
    static func repeatedKeys(_ read: ImportFile.Rows) -> [Int: Int] {
        var order = (0..<read.count).map { (fingerprint: read.keyFingerprints[$0], index: $0) }
        order.sort { $0.fingerprint != $1.fingerprint ? $0.fingerprint < $1.fingerprint : $0.index < $1.index }
        var repeats: [Int: Int] = [:]
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && order[end].fingerprint == order[start].fingerprint { end += 1 }
            // Rows sharing a fingerprint, in file order: each is matched to the first with its key.
            if end - start > 1 {
                var firsts: [String: Int] = [:]
                for entry in order[start..<end] {
                    let key = read.drafts[entry.index].key
                    if let first = firsts[key] { repeats[entry.index] = first } else { firsts[key] = entry.index }
                }
            }
            start = end
        }
        return repeats
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
