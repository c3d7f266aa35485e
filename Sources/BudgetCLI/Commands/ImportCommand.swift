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
            let rows: any ImportRows
            if let mapPath = arguments.options["map"] {
                guard arguments.options["format"] == nil else { throw UsageError(.formatAndMapCannotBe) }
                let map = try ImportMap.read(try readFile(mapPath), path: mapPath)
                // A workbook, or a file in another encoding, is read whole (see MappedImport).
                rows = try MappedImport.rows(try MappedImport.table(try readFile(path), path: path, map: map), map: map)
            } else {
                rows = try ImportStream(path: path, format: format)
            }
            // Bad rows do not stop here: the rows that read well are still checked against the
            // journal, so that one run reports every bad row.
            if rows.count == 0 && !rows.problems.isEmpty { throw ImportFailed(problems: rows.problems, unlisted: rows.problemsUnlisted) }
            let outcome: ImportOutcome
            do {
                outcome = try context.store.importPayments(rows, recorded: try context.now(), writing: rows.problems.isEmpty) { done, total in
                    if done < total { context.progress?.report(done: done, of: total) } else { context.progress?.finish() }
                }
            } catch let refused as BatchRefused {
                let listed = try problems(rows, refused.problems)
                let all = (rows.problems + listed).sorted { $0.line < $1.line }
                let shown = Array(all.prefix(ImportStream.problemsShownMax))
                throw ImportFailed(problems: shown, unlisted: rows.problemsUnlisted + refused.count - listed.count + all.count - shown.count)
            }
            ExitReclaims.leave((rows, outcome))
            guard let first = outcome.firstSeq, let last = outcome.lastSeq, outcome.count > 0 else {
                return context.write(Message(.nothingToImportAllRows, outcome.skipped))
            }
            let count = outcome.count
            context.write(Message(.importedPaymentAs, count, count == 1 ? "" : "s", first, last)
                          + (outcome.skipped > 0 ? Message(.rowsWereAlreadyRecorded, outcome.skipped) : "") + "\n")
        })

    /// The payments the journal refused, as problems with their rows.
    static func problems(_ rows: some ImportRows, _ refused: [(index: Int, outcome: BatchOutcome)]) throws -> [RowProblem] {
        // A voucher an earlier row of the same file carries is named by that row, not by the
        // event number the batch would have given it: the first rows of each such voucher are
        // found in one more reading of the file.
        var wanted: [String: [(index: Int, key: String)]] = [:]
        var drafts: [Int: PaymentDraft] = [:]
        for (index, outcome) in refused {
            let draft = try rows.draft(at: index)
            drafts[index] = draft
            if case .refused = outcome, let voucher = draft.payment.voucher { wanted[voucher] = [] }
        }
        let last = refused.map(\.index).max() ?? 0
        if !wanted.isEmpty {
            try rows.forEachPiece(through: last) { first, piece in
                for (offset, draft) in piece.enumerated() where first + offset < last {
                    // Enough rows of a voucher to find one under another key than any given row's.
                    if let voucher = draft.payment.voucher, let found = wanted[voucher], found.count < 2,
                       !found.contains(where: { $0.key == draft.key }) {
                        wanted[voucher]!.append((first + offset, draft.key))
                    }
                }
            }
        }
        return refused.map { index, outcome in
            let draft = drafts[index]!
            let line = rows.line(of: index)
            switch outcome {
            case .keyReused(let first):
                if let voucher = draft.payment.voucher, draft.key == VoucherKey.id(voucher) {
                    return RowProblem(line: line, reason: Message(.voucherIsAlreadyUsedOn, voucher, rows.unit, rows.line(of: first)), unit: rows.unit)
                }
                return RowProblem(line: line, reason: Message(.idIsAlreadyUsedOn, draft.key, rows.unit, rows.line(of: first)), unit: rows.unit)
            case .refused(let rejection):
                if let voucher = draft.payment.voucher,
                   let first = wanted[voucher]?.first(where: { $0.index < index && $0.key != draft.key }) {
                    return RowProblem(line: line, reason: Message(.voucherIsAlreadyUsedOn, voucher, rows.unit, rows.line(of: first.index)), unit: rows.unit)
                }
                return RowProblem(line: line, reason: rejection.reason, unit: rows.unit)
            case .admitted, .repeats:
                preconditionFailure("only refused payments are problems")
            }
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
