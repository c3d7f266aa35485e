import BudgetText
import BudgetModel
import BudgetJournal
import BudgetProjections
import BudgetStore
import BudgetJSON

/// Reads an import file, CSV or JSON Lines, into payment rows and the problems of the rows that
/// do not read. A problem with the file as a whole (its header, its CSV) is thrown.
enum ImportFile {
    /// An import file of more bytes than this is refused; split it.
    static let bytesMax = 1 << 30

    /// The rows that read well, as parallel arrays (a batch is admitted straight from `drafts`,
    /// uncopied), and the problems of those that did not.
    struct Rows {
        var drafts: [PaymentDraft] = []
        var lines: [Int] = []
        /// Every project the rows name.
        var projects: Set<String> = []
        /// How many project numbers (`PaymentDraft.projectNumber`) `projects` holds: numbers are
        /// given from 0 in the order met, so a row whose number is below this names a project
        /// already there, and its id is not hashed again.
        private var projectsNumbered = 0
        var problems: [RowProblem] = []
        /// The header's line (0 for JSON Lines, which has none), to name in a problem with the whole file.
        var headerLine = 0
        /// What a line of the file is called in a problem: "line" of a text file, "row" of a sheet.
        var unit = Message(.unitLine)

        var count: Int { drafts.count }

        /// Takes the row's draft over rather than copying it (a copy retained each of its texts,
        /// and the row's end released them again, for every row).
        mutating func append(_ row: consuming PaymentRow) {
            let number = row.draft.projectNumber
            if number < 0 || number >= projectsNumbered {
                projects.insert(row.draft.payment.project)
                if number == projectsNumbered { projectsNumbered += 1 }
            }
            lines.append(row.line)
            drafts.append(row.draft)
        }

        /// Row by row, for tests.
        var rows: [PaymentRow] {
            (0..<count).map { PaymentRow(line: lines[$0], draft: drafts[$0]) }
        }
    }

    /// The header of a CSV file (its first record, after a byte-order mark): the columns it
    /// names, its line, and where the rows after it begin.
    static func csvHeader(_ bytes: [UInt8]) throws(ImportFailed) -> (columns: ImportColumns, line: Int, offset: Int, bodyLine: Int) {
        do {
            return try bytes.withUnsafeBufferPointer { (input: UnsafeBufferPointer<UInt8>) throws(CSVReader.Failure) -> Result<(columns: ImportColumns, line: Int, offset: Int, bodyLine: Int), ImportFailed> in
                let start = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                var header: (line: Int, fields: [String])?
                let body = try CSVReader.scan(input, from: start, to: input.count, firstLine: 1) { line, fields in
                    header = (line, fields.map { String(decoding: $0, as: UTF8.self) })
                    return false
                }
                guard let header else { return .failure(ImportFailed(problems: [RowProblem(line: 1, reason: Message(.fileIsEmptyHeaderRow))])) }
                switch PaymentRows.columns(header: header.fields, line: header.line) {
                case .success(let found): return .success((found, header.line, body.offset, body.line))
                case .failure(let failure): return .failure(failure)
                }
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
        let estimate = (end - start) / 48
        read.drafts.reserveCapacity(estimate); read.lines.reserveCapacity(estimate)
        var texts = ImportTexts()
        _ = try CSVReader.scan(input, from: start, to: end, firstLine: firstLine) { line, fields in
            do throws(RowProblem) { read.append(try PaymentRows.row(line: line, fields, columns, &texts)) } catch { read.problems.append(error) }
            return read.count + read.problems.count <= PaymentRows.rowsMax
        }
        return read
    }

    /// The rows of lines of JSON Lines numbered from `firstLine`, and the lines that are not
    /// objects of the columns' keys, which are problems with the whole file.
    static func jsonLines(_ bytes: ArraySlice<UInt8>, firstLine: Int) -> (rows: Rows, fileProblems: [RowProblem]) {
        let names = PaymentRows.required + PaymentRows.optional
        guard case .success(let columns) = PaymentRows.columns(header: names, line: 0) else { preconditionFailure("the JSON keys are the columns") }
        var read = Rows()
        var problems: [RowProblem] = []
        var texts = ImportTexts()
        for (offset, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let index = firstLine - 1 + offset
            guard case .object(let object)? = try? JSONParser.parse(Array(line)) else {
                problems.append(RowProblem(line: index + 1, reason: Message(.notJSONObject))); continue
            }
            for member in object.members where !names.contains(member.key) {
                problems.append(RowProblem(line: index + 1, reason: Message(.unknownKey, member.key)))
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
                do throws(RowProblem) { read.append(try PaymentRows.row(line: index + 1, fields, columns, &texts)) } catch { read.problems.append(error) }
            }
        }
        return (read, problems)
    }
}

/// An import that wrote nothing, with the problems found. Printed one line each; past a
/// thousand, the rest are counted (`unlisted`).
struct ImportFailed: Error {
    let problems: [RowProblem]
    var unlisted = 0

    init(problems: [RowProblem], unlisted: Int = 0) { self.problems = problems; self.unlisted = unlisted }
}

/// The rows an import checks: read whole (a workbook, a mapped file), or from disk a piece at a
/// time (`ImportStream`).
protocol ImportRows: PaymentDraftSource {
    /// The rows that do not read, the first of them; and how many more there are.
    var problems: [RowProblem] { get }
    var problemsUnlisted: Int { get }
    /// What a line of the file is called in a problem.
    var unit: Message { get }
    /// The line row `index` came from.
    func line(of index: Int) -> Int
    /// As `forEachPiece`, stopping after the piece that holds row `last`.
    func forEachPiece(through last: Int, _ body: (_ firstIndex: Int, _ drafts: [PaymentDraft]) throws -> Void) throws
}

extension ImportFile.Rows: ImportRows {
    var problemsUnlisted: Int { 0 }
    func line(of index: Int) -> Int { lines[index] }
    func forEachPiece(_ body: (_ firstIndex: Int, _ drafts: [PaymentDraft]) throws -> Void) throws { try body(0, drafts) }
    func forEachPiece(through last: Int, _ body: (_ firstIndex: Int, _ drafts: [PaymentDraft]) throws -> Void) throws { try body(0, drafts) }
    func draft(at index: Int) throws -> PaymentDraft { drafts[index] }
    var holdsPieces: Bool { true }
}

extension ImportStream: ImportRows {
    var unit: Message { Message(.unitLine) }
}
