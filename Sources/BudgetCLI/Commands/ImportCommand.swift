import BudgetText
import BudgetJournal
import BudgetModel
import BudgetStore
import BudgetProjections
#if canImport(Glibc)
import Glibc
#endif

/// `budget import`: payments in a batch, all or nothing, written at once and synced once.
enum ImportCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "import", summary: Message(.recordPaymentsInBatchFrom),
            positionals: ["FILE"],
            options: [.init(name: "format", value: "F", required: false, help: Message(.csvDefaultUTFBOMIs)),
                      .init(name: "map", value: "MAPFILE", required: false,
                            help: Message(.readTreasuryOrBankExport))],
            example: "budget import 支付明细.xlsx --map treasury.map",
            details: Message(.importDetails)),
        run: { arguments, context in
            let format = try arguments.format(["csv", "jsonl"])
            let path = arguments.positional(0)
            let bytes = try readFile(path)
            let read: ImportFile.Rows
            if let mapPath = arguments.options["map"] {
                guard arguments.options["format"] == nil else { throw UsageError(.formatAndMapCannotBe) }
                let map = try ImportMap.read(try readFile(mapPath), path: mapPath)
                read = try MappedImport.rows(try MappedImport.table(bytes, path: path, map: map), map: map)
            } else if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                throw UsageError(.fILEIsXlsxWorkbookGive, path)
            } else {
                read = try ImportFile.rows(bytes, format: format)
            }
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
                return context.write(Message(.nothingToImportAllRows, outcome.skipped))
            }
            let count = outcome.appended.count
            context.write(Message(.importedPaymentAs, count, count == 1 ? "" : "s", first, last)
                          + (outcome.skipped > 0 ? Message(.rowsWereAlreadyRecorded, outcome.skipped) : "") + "\n")
        })

    /// A payment the journal refused, as a problem with its row.
    static func problem(_ read: ImportFile.Rows, _ index: Int, _ outcome: BatchOutcome) -> RowProblem {
        switch outcome {
        case .keyReused(let first):
            if let voucher = read.drafts[index].payment.voucher, read.drafts[index].key == VoucherKey.id(voucher) {
                return RowProblem(line: read.lines[index], reason: Message(.voucherIsAlreadyUsedOn, voucher, read.unit, read.lines[first]), unit: read.unit)
            }
            return RowProblem(line: read.lines[index], reason: Message(.idIsAlreadyUsedOn, read.drafts[index].key, read.unit, read.lines[first]), unit: read.unit)
        case .refused(let rejection):
            // A voucher an earlier row of the same file carries: name that row, not the event
            // number the batch would have given it.
            if let voucher = read.drafts[index].payment.voucher,
               let first = read.drafts[..<index].firstIndex(where: { $0.payment.voucher == voucher && $0.key != read.drafts[index].key }) {
                return RowProblem(line: read.lines[index], reason: Message(.voucherIsAlreadyUsedOn, voucher, read.unit, read.lines[first]), unit: read.unit)
            }
            return RowProblem(line: read.lines[index], reason: rejection.reason, unit: read.unit)
        case .admitted, .repeats:
            preconditionFailure("only refused payments are problems")
        }
    }

    /// The file's bytes, read straight into one buffer (Foundation's Data would copy them twice).
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw UsageError(.fILECannotBeOpened, path, Message.system(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw UsageError(.fILECannotBeRead, path, Message.system(errno)) }
        // A regular file, or a pipe (`budget import /dev/stdin`); a directory, a device or a socket is refused.
        guard [S_IFREG, S_IFIFO].contains(info.st_mode & S_IFMT) else { throw UsageError(.fILEIsNotFileOf, path, FileKind.of(info)) }
        let bytes: [UInt8]?
        do { bytes = try FileBytes.readAll(fd, limit: ImportFile.bytesMax) } catch { throw UsageError(.fILECannotBeRead, path, error.reason) }
        guard let bytes else { throw UsageError(.fILEIsLargerThanMiB, path, ImportFile.bytesMax >> 20) }
        return bytes
    }
}
