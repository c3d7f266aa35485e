import BudgetModel
import BudgetJournal
import Dispatch

/// Reads an import file, CSV or JSON Lines, into payment rows and the problems of the rows that
/// do not read. A problem with the file as a whole (its header, its CSV) is thrown.
enum ImportFile {
    /// An import file is read whole; past this, split it.
    static let bytesMax = 1 << 30

    struct Rows {
        var rows: [PaymentRow] = []
        var problems: [RowProblem] = []
        /// The header's line (0 for JSON Lines, which has none), to name in a problem with the whole file.
        var headerLine = 0
    }

    static func rows(_ bytes: [UInt8], format: String) throws(ImportFailed) -> Rows {
        let read = format == "jsonl" ? try jsonLines(bytes) : try csv(bytes)
        guard read.rows.count + read.problems.count <= PaymentRows.rowsMax else {
            throw ImportFailed(problems: [RowProblem(line: read.headerLine, reason: "more than \(PaymentRows.rowsMax) rows; split the file")])
        }
        return read
    }

    static func csv(_ bytes: [UInt8]) throws(ImportFailed) -> Rows {
        do {
            return try bytes.withUnsafeBufferPointer { (input: UnsafeBufferPointer<UInt8>) throws(CSVReader.Failure) -> Result<Rows, ImportFailed> in
                let start = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                var header: (line: Int, fields: [String])?
                let body = try CSVReader.scan(input, from: start, to: input.count, firstLine: 1) { line, fields in
                    header = (line, fields.map { String(decoding: $0, as: UTF8.self) })
                    return false
                }
                guard let header else { return .failure(ImportFailed(problems: [RowProblem(line: 1, reason: "the file is empty; a header row is required")])) }
                let columns: ImportColumns
                switch PaymentRows.columns(header: header.fields, line: header.line) {
                case .success(let found): columns = found
                case .failure(let failure): return .failure(failure)
                }
                // Without a quote anywhere, no field holds a line break, so the rows split at any
                // line end: a large file is read and checked in two halves, on both cores.
                guard let cut = CSVReader.cut(input, from: body.offset, line: body.line) else {
                    var read = try rows(input, from: body.offset, to: input.count, firstLine: body.line, columns)
                    read.headerLine = header.line
                    return .success(read)
                }
                var halves: [Result<Rows, CSVReader.Failure>] = [.success(Rows()), .success(Rows())]
                halves.withUnsafeMutableBufferPointer { slots in
                    let slots = slots
                    DispatchQueue.concurrentPerform(iterations: 2) { half in
                        slots[half] = Result { () throws(CSVReader.Failure) in
                            half == 0 ? try rows(input, from: body.offset, to: cut.offset, firstLine: body.line, columns)
                                      : try rows(input, from: cut.offset, to: input.count, firstLine: cut.line, columns)
                        }
                    }
                }
                let first = try halves[0].get(), second = try halves[1].get()
                return .success(Rows(rows: first.rows + second.rows, problems: first.problems + second.problems, headerLine: header.line))
            }.get()
        } catch let failure as ImportFailed {
            throw failure
        } catch let failure as CSVReader.Failure {
            throw ImportFailed(problems: [RowProblem(line: failure.line, reason: failure.reason)])
        } catch {
            preconditionFailure("unexpected \(error)")
        }
    }

    static func rows(_ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, firstLine: Int,
                     _ columns: ImportColumns) throws(CSVReader.Failure) -> Rows {
        var read = Rows()
        read.rows.reserveCapacity((end - start) / 48)
        var texts = ImportTexts()
        _ = try CSVReader.scan(input, from: start, to: end, firstLine: firstLine) { line, fields in
            do throws(RowProblem) { read.rows.append(try PaymentRows.row(line: line, fields, columns, &texts)) } catch { read.problems.append(error) }
            return read.rows.count + read.problems.count <= PaymentRows.rowsMax
        }
        return read
    }

    /// One object per line with the same keys as the CSV columns.
    static func jsonLines(_ bytes: [UInt8]) throws(ImportFailed) -> Rows {
        let names = PaymentRows.required + PaymentRows.optional
        guard case .success(let columns) = PaymentRows.columns(header: names, line: 0) else { preconditionFailure("the JSON keys are the columns") }
        var read = Rows()
        var problems: [RowProblem] = []
        var texts = ImportTexts()
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard case .object(let object)? = try? JSONParser.parse(Array(line)) else {
                problems.append(RowProblem(line: index + 1, reason: "not a JSON object")); continue
            }
            for member in object.members where !names.contains(member.key) {
                problems.append(RowProblem(line: index + 1, reason: "unknown key '\(member.key)'"))
            }
            // The values, end to end in one buffer, read as the fields of a CSV record would be.
            var joined: [UInt8] = []
            var ends: [Int] = []
            for name in names {
                switch object[name] {
                case .string(let text)?: joined += text.utf8
                case .number(let literal)?: joined += literal.utf8
                default: break
                }
                ends.append(joined.count)
            }
            joined.withUnsafeBufferPointer { buffer in
                let fields = ends.indices.map { UnsafeBufferPointer(rebasing: buffer[(($0 == 0 ? 0 : ends[$0 - 1]))..<ends[$0]]) }
                do throws(RowProblem) { read.rows.append(try PaymentRows.row(line: index + 1, fields, columns, &texts)) } catch { read.problems.append(error) }
            }
        }
        guard problems.isEmpty else { throw ImportFailed(problems: problems) }
        return read
    }
}

/// An import that wrote nothing, with every problem found. Printed one line each.
struct ImportFailed: Error {
    let problems: [RowProblem]
}
