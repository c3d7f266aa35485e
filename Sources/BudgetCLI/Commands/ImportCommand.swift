import BudgetJournal
import BudgetModel
import BudgetStore
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
            Columns: id,project,amount,source,date and optionally payee,memo,voucher,class,function, named by a header row.
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
            let outcome: ImportOutcome
            do {
                outcome = try context.store.importPayments(read.drafts, projects: read.projects, recorded: try context.now(),
                                                           writing: read.problems.isEmpty) { done, total in
                    if done < total { context.progress?.report(done: done, of: total) } else { context.progress?.finish() }
                }
            } catch let refused as BatchRefused {
                throw ImportFailed(problems: (read.problems + refused.problems.map { problem(read, $0.index, $0.outcome) }).sorted { $0.line < $1.line })
            }
            ExitReclaims.leave((bytes, read, outcome))
            guard let first = outcome.appended.first?.seq, let last = outcome.appended.last?.seq else {
                return context.write("nothing to import: all \(outcome.skipped) rows were already recorded\n")
            }
            let count = outcome.appended.count
            context.write("imported \(count) payment\(count == 1 ? "" : "s") as #\(first)–#\(last)"
                          + (outcome.skipped > 0 ? "; \(outcome.skipped) rows were already recorded" : "") + "\n")
        })

    /// A payment the journal refused, as a problem with its row.
    static func problem(_ read: ImportFile.Rows, _ index: Int, _ outcome: BatchOutcome) -> RowProblem {
        switch outcome {
        case .keyReused(let first):
            return RowProblem(line: read.lines[index], reason: "id '\(read.drafts[index].key)' is already used on line \(read.lines[first]) for another payment")
        case .refused(let rejection):
            return RowProblem(line: read.lines[index], reason: rejection.message)
        case .admitted, .repeats:
            preconditionFailure("only refused payments are problems")
        }
    }

    /// The file's bytes, read straight into one buffer (Foundation's Data would copy them twice).
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw UsageError("FILE '\(path)' cannot be opened: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw UsageError("FILE '\(path)' cannot be read: \(String(cString: strerror(errno)))") }
        // A regular file, or a pipe (`budget import /dev/stdin`); a directory, a device or a socket is refused.
        guard [S_IFREG, S_IFIFO].contains(info.st_mode & S_IFMT) else { throw UsageError("FILE '\(path)' is \(FileKind.of(info)), not a file of rows") }
        let bytes: [UInt8]?
        do { bytes = try FileBytes.readAll(fd, limit: ImportFile.bytesMax) } catch { throw UsageError("FILE '\(path)' cannot be read: \(error.reason)") }
        guard let bytes else { throw UsageError("FILE '\(path)' is larger than \(ImportFile.bytesMax >> 20) MiB; split it") }
        return bytes
    }
}
