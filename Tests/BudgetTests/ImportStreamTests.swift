import XCTest
import Foundation
@testable import BudgetCLI
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections
@testable import BudgetStore

/// An import file read from disk a piece at a time gives exactly the rows, lines and problems of
/// the file read whole, however it is cut; and the journal it writes is byte for byte the one a
/// batch held whole writes.
final class ImportStreamTests: XCTestCase {
    /// A CSV with everything that makes cutting it hard: a byte-order mark, CRLF line ends,
    /// quoted fields holding commas, quotes and line breaks, blank lines, bad rows.
    static func awkwardCSV(rows: Int) -> String {
        var text = "\u{FEFF}id,project,amount,source,date,payee,memo\r\n"
        var random = SplitMix64(seed: 41)
        for index in 0..<rows {
            let memo: String
            switch random.next(6) {
            case 0: memo = "\"two\nlines, and \"\"quotes\"\"\""
            case 1: memo = "\"a, b\""
            case 2: memo = ""
            default: memo = "备注\(index)"
            }
            let amount = index % 97 == 13 ? "bad" : "\(random.next(9_000) + 1).\(random.next(90) + 10)"
            text += "k-\(index % 211 == 5 ? index - 5 : index),p,\(amount),current,2023-0\(random.next(9) + 1)-1\(random.next(9)),供应商\(random.next(5)),\(memo)\r\n"
            if index % 53 == 0 { text += "\r\n" }
        }
        return text + "last,p,1.00,current,2023-12-30,,"
    }

    func write(_ text: String, in directory: TemporaryDirectory, name: String = "rows.csv") throws -> String {
        let path = directory.path(name)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func testPiecesGiveTheRowsLinesAndProblemsOfTheWholeFile() throws {
        let directory = TemporaryDirectory()
        let text = Self.awkwardCSV(rows: 2_000)
        let path = try write(text, in: directory)
        let whole = try WholeImportFile.csv(Array(text.utf8))
        XCTAssertGreaterThan(whole.problems.count, 10)
        for (pieceBytes, keptRowsMax) in [(1, 0), (100, 0), (4_096, 0), (4_096, 1 << 20), (1 << 22, 0)] {
            let stream = try ImportStream(path: path, format: "csv", pieceBytes: pieceBytes, keptRowsMax: keptRowsMax)
            var drafts: [PaymentDraft] = []
            var firsts: [Int] = []
            try stream.forEachPiece { first, piece in
                XCTAssertEqual(first, drafts.count)
                firsts.append(first)
                drafts += piece
            }
            let what = "pieces of \(pieceBytes) bytes, \(keptRowsMax) rows kept"
            if pieceBytes < 1_000 { XCTAssertGreaterThan(firsts.count, 10, what) }
            XCTAssertEqual(drafts, whole.drafts, what)
            XCTAssertEqual(stream.count, whole.count, what)
            XCTAssertEqual((0..<stream.count).map(stream.line(of:)), whole.lines, what)
            XCTAssertEqual(stream.problems, whole.problems, what)
            XCTAssertEqual(stream.projects, whole.projects, what)
            // Any row read again, in any order.
            var random = SplitMix64(seed: 3)
            for _ in 0..<50 {
                let index = random.next(whole.count)
                XCTAssertEqual(try stream.draft(at: index), whole.drafts[index], what)
            }
        }
    }

    /// A file is cut into an even number of pieces of about the same size, parsed two at a time,
    /// so that both cores finish together: a file of one and a half pieces is two halves, not a
    /// whole piece and a half one, and the last piece is not a stray row or two.
    func testAFileIsCutIntoEvenPieces() throws {
        let directory = TemporaryDirectory()
        // 1,540 rows are just under two whole pieces: four pieces, not two and a stray third.
        for (rows, expected) in [(1, 1), (900, 2), (1_000, 2), (1_540, 4), (2_300, 4), (4_100, 6)] {
            var text = "id,project,amount,source,date\n"
            for row in 0..<rows { text += "k-\(String(row + 100_000)),p,1.00,current,2023-03-01\n" }
            let path = try write(text, in: directory, name: "even-\(rows).csv")
            // About 40 bytes a row: 1,000 rows are one and a half pieces of 27,000 bytes.
            let stream = try ImportStream(path: path, format: "csv", pieceBytes: 27_000)
            var sizes: [Int] = []
            try stream.forEachPiece { _, drafts in sizes.append(drafts.count) }
            XCTAssertEqual(sizes.count, expected, "\(rows) rows: \(sizes)")
            XCTAssertEqual(sizes.reduce(0, +), rows)
            XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 110, "\(rows) rows: \(sizes)")
        }
    }

    /// Reading up to a row reads the pieces up to the one that holds it, and no further.
    func testReadingThroughARowStopsAtItsPiece() throws {
        let directory = TemporaryDirectory()
        let path = try write(Self.awkwardCSV(rows: 500), in: directory)
        let stream = try ImportStream(path: path, format: "csv", pieceBytes: 500, keptRowsMax: 0)
        for last in [0, 37, 200, stream.count - 1] {
            var seen: [Int] = []
            try stream.forEachPiece(through: last) { first, piece in seen += first..<(first + piece.count) }
            XCTAssertEqual(seen.first, 0)
            XCTAssertTrue(seen.contains(last), "\(last)")
            XCTAssertLessThan(seen.last! - last, 20, "no piece past the one holding \(last)")
        }
    }

    func testJSONLinesInPiecesAsWhole() throws {
        let directory = TemporaryDirectory()
        var lines: [String] = []
        for index in 0..<500 {
            lines.append(index % 41 == 7 ? #"{"id":"j-\#(index)","project":"p","amount":"x","source":"current","date":"2023-03-01"}"#
                                        : #"{"id":"j-\#(index)","project":"p","amount":"\#(index + 1).25","source":"current","date":"2023-03-01","memo":"第\#(index)行"}"#)
            if index % 17 == 0 { lines.append("") }
        }
        let text = lines.joined(separator: "\n") + "\n"
        let path = try write(text, in: directory, name: "rows.jsonl")
        let whole = try WholeImportFile.jsonLines(Array(text.utf8))
        for pieceBytes in [1, 300, 1 << 20] {
            let stream = try ImportStream(path: path, format: "jsonl", pieceBytes: pieceBytes, keptRowsMax: 0)
            var drafts: [PaymentDraft] = []
            try stream.forEachPiece { _, piece in drafts += piece }
            XCTAssertEqual(drafts, whole.drafts, "\(pieceBytes)")
            XCTAssertEqual((0..<stream.count).map(stream.line(of:)), whole.lines, "\(pieceBytes)")
            XCTAssertEqual(stream.problems, whole.problems, "\(pieceBytes)")
        }
        // A line that is not an object is a problem with the file, wherever the cut falls.
        let broken = text + "[1]\n"
        let brokenPath = try write(broken, in: directory, name: "broken.jsonl")
        XCTAssertThrowsError(try ImportStream(path: brokenPath, format: "jsonl", pieceBytes: 64, keptRowsMax: 0)) { error in
            XCTAssertEqual((error as? ImportFailed)?.problems.map(\.line), [broken.split(separator: "\n", omittingEmptySubsequences: false).count - 1])
        }
    }

    func ledger() -> LedgerCLI { LedgerCLI.withProject(budget: "100000000", approvedOn: "2023-01-01") }

    /// Checked and written a piece at a time, with keys repeated across pieces (the same payment
    /// again is skipped, another under the key is refused), the journal is the batch's held whole.
    func testABatchWrittenInPiecesIsTheBatchWrittenWhole() throws {
        var text = "id,project,amount,source,date,voucher\n"
        for index in 0..<3_000 {
            // Every 250th row repeats an earlier row: the same payment, skipped.
            let row = index % 250 == 249 ? index - 200 : index
            text += "k-\(row),p,\(row % 500 + 1).00,current,2023-0\(row % 9 + 1)-15,V\(row)\n"
        }
        let whole = ledger(), pieces = ledger()
        let directory = TemporaryDirectory()
        let path = try write(text, in: directory)
        let drafts = try WholeImportFile.csv(Array(text.utf8)).drafts
        let recorded = "2024-01-02T03:04:05Z"
        let held = try LedgerStore(journal: JournalFile(path: whole.journal)).importPayments(drafts, recorded: recorded)
        let streamed = try LedgerStore(journal: JournalFile(path: pieces.journal))
            .importPayments(try ImportStream(path: path, format: "csv", pieceBytes: 1_000, keptRowsMax: 0), recorded: recorded)
        XCTAssertEqual(held.count, 3_000 - 12)
        XCTAssertEqual(held.skipped, 12)
        XCTAssertEqual(streamed.count, held.count)
        XCTAssertEqual(streamed.skipped, held.skipped)
        XCTAssertEqual(streamed.firstSeq, 3)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: pieces.journal)), try Data(contentsOf: URL(fileURLWithPath: whole.journal)))
        XCTAssertTrue(pieces.ok(["verify"]).contains("head 2990:"))
        // Held in pieces, the batch's repeats are found on another thread while the journal is
        // read (`Background`), and its admitted rows made into events as they are encoded:
        // the same journal again.
        let kept = ledger()
        let keptStream = try ImportStream(path: path, format: "csv", pieceBytes: 1_000)
        XCTAssertTrue(keptStream.holdsPieces)
        let keptOutcome = try LedgerStore(journal: JournalFile(path: kept.journal)).importPayments(keptStream, recorded: recorded)
        XCTAssertEqual(keptOutcome.count, held.count)
        XCTAssertEqual(keptOutcome.skipped, held.skipped)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: kept.journal)), try Data(contentsOf: URL(fileURLWithPath: whole.journal)))
        // The first line announces the whole batch, not a piece of it.
        let lines = try String(contentsOfFile: pieces.journal, encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(lines[2].contains(#""batch":2988"#), String(lines[2]))
        XCTAssertEqual(lines.filter { $0.contains(#""batch":"#) }.count, 1)
    }

    /// A voucher or a key that a row of an earlier piece used is found, read again from the file:
    /// the batch is refused for the same rows, with the same reasons, as when held whole.
    func testVouchersAndKeysOfEarlierPiecesAreFound() throws {
        var text = "id,project,amount,source,date,voucher\n"
        for index in 0..<2_000 {
            switch index {
            case 1_500: text += "k-other,p,3.00,current,2023-03-01,V10\n"     // V10 stands on row 10
            case 1_600: text += "k-20,p,9.00,current,2023-03-01,V-new\n"      // k-20's key, another payment
            case 1_700: text += "k-30,p,31.00,current,2023-04-01,V30\n"       // k-30 again, the same payment
            default: text += "k-\(index),p,\(index + 1).00,current,2023-04-01,V\(index)\n"
            }
        }
        let drafts = try WholeImportFile.csv(Array(text.utf8)).drafts
        let directory = TemporaryDirectory()
        let path = try write(text, in: directory)
        func refusal(_ source: some PaymentDraftSource) throws -> [(index: Int, outcome: BatchOutcome)] {
            let cli = ledger()
            do { _ = try LedgerStore(journal: JournalFile(path: cli.journal)).importPayments(source, recorded: "2024-01-01T00:00:00Z") } catch let refused as BatchRefused {
                XCTAssertEqual(refused.count, refused.problems.count)
                return refused.problems
            }
            XCTFail("not refused")
            return []
        }
        let held = try refusal(drafts)
        let streamed = try refusal(try ImportStream(path: path, format: "csv", pieceBytes: 2_000, keptRowsMax: 0))
        let keptInPieces = try refusal(try ImportStream(path: path, format: "csv", pieceBytes: 2_000))
        XCTAssertEqual(held.map(\.index), [1_500, 1_600])
        XCTAssertEqual(streamed.map(\.index), held.map(\.index))
        XCTAssertEqual(streamed.map(\.outcome), held.map(\.outcome))
        XCTAssertEqual(keptInPieces.map(\.index), held.map(\.index))
        XCTAssertEqual(keptInPieces.map(\.outcome), held.map(\.outcome))
        XCTAssertEqual(held[1].outcome, .keyReused(20))
        guard case .refused(let rejection) = streamed[0].outcome else { return XCTFail("\(streamed[0])") }
        XCTAssertTrue(rejection.message.contains("V10"), rejection.message)
    }

    /// A file changed between its reading and its writing (here an amount, the length the same)
    /// is caught by each piece's digest: nothing is written that was not checked.
    func testAFileChangedWhileImportedWritesNothing() throws {
        var text = "id,project,amount,source,date\n"
        for index in 0..<2_000 { text += "k-\(index),p,1.00,current,2023-03-01\n" }
        let cli = ledger()
        let directory = TemporaryDirectory()
        let path = try write(text, in: directory)
        let stream = try ImportStream(path: path, format: "csv", pieceBytes: 4_096, keptRowsMax: 0)
        try text.replacingOccurrences(of: "k-1500,p,1.00", with: "k-1500,p,9.00").write(toFile: path, atomically: false, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.journal))
        XCTAssertThrowsError(try LedgerStore(journal: JournalFile(path: cli.journal)).importPayments(stream, recorded: "2024-01-01T00:00:00Z")) { error in
            XCTAssertEqual((error as? Rejection)?.message, "the import file could not be read again as it was: it changed, or a read failed, while it was imported")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cli.journal)), before)
    }

    /// A file that ends short of the size it had when opened (cut while it is read) is refused:
    /// the survey does not go round for ever on empty reads.
    func testAFileThatShrinksIsRefusedNotReadForEver() throws {
        let directory = TemporaryDirectory()
        let path = try write("id,project,amount,source,date\nk-1,p,1.00,current,2023-03-01\n", in: directory)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        for start: Int64 in [30, 60] {
            XCTAssertThrowsError(try ImportStream.cutPiece(fd, path: path, format: "csv", at: start, size: 1_000, pieceBytes: 16)) { error in
                XCTAssertEqual((error as? Rejection)?.message.hasPrefix("the import file could not be read again"), true, "\(error)")
            }
        }
        XCTAssertEqual(try ImportStream.cutPiece(fd, path: path, format: "csv", at: 0, size: 60, pieceBytes: 40).count, 30, "to the header's end")
    }

    /// Lines of JSON Lines that are not objects are problems with the file: past a thousand,
    /// they are counted too.
    func testJSONLinesProblemsPastAThousandAreCounted() throws {
        let cli = ledger()
        let directory = TemporaryDirectory()
        let path = try write(String(repeating: "x\n", count: 1_500), in: directory, name: "rows.jsonl")
        let result = cli.run(["import", path, "--format", "jsonl"])
        XCTAssertEqual(result.status, 1)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1_002)
        XCTAssertEqual(lines[1_000], "budget: error: … and 500 more problems, not listed")
    }

    /// Rows that repeat rows of earlier pieces are skipped, each earlier piece read again once
    /// for all of them, not once a row.
    func testRepeatsOfEarlierPiecesReadEachEarlierPieceOnce() throws {
        var drafts: [PaymentDraft] = []
        for index in 0..<1_000 {
            let row = index >= 500 && index % 2 == 0 ? index - 499 : index
            drafts.append(PaymentDraft(key: "k-\(row)", date: BusinessDate("2023-03-01")!,
                                       payment: Disbursement(project: "p", source: .current, amount: Money(fen: Int64(row + 1)))))
        }
        var keys = BatchKeys()
        var reads: [Int] = []
        var found: [Int: BatchOutcome] = [:]
        for first in stride(from: 0, to: 1_000, by: 100) {
            let piece = Array(drafts[first..<(first + 100)])
            found.merge(keys.repeated(in: piece, from: first) { index in reads.append(index); return drafts[index] }) { $1 }
        }
        XCTAssertEqual(found.count, 250)
        XCTAssertTrue(found.values.allSatisfy { if case .repeats = $0 { return true } else { return false } })
        XCTAssertEqual(reads, reads.sorted(), "read in the order they stand")
        XCTAssertEqual(reads.count, 250)
    }

    /// Refused rows are found across pieces and named by line, the first use of a key or a
    /// voucher included; nothing is written.
    func testRowsRefusedAcrossPiecesAreNamedByTheirLines() throws {
        var text = "id,project,amount,source,date,voucher\n"
        for index in 0..<400 { text += "k-\(index),p,1.00,current,2023-03-01,V\(index)\n" }
        text += "k-7,p,2.00,current,2023-03-01,V-other\n"        // line 402: k-7's key, another payment
        text += "k-new,p,1.00,current,2023-03-01,V5\n"           // line 403: V5 stands on line 7
        text += "k-ghost,ghost,1.00,current,2023-03-01,\n"       // line 404: no such project
        let cli = ledger()
        let directory = TemporaryDirectory()
        let path = try write(text, in: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.journal))
        let result = cli.run(["import", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").map(String.init), [
            "budget: error: line 402: id 'k-7' is already used on line 9 for another payment",
            "budget: error: line 403: voucher 'V5' is already used on line 7 for another payment",
            "budget: error: line 404: unknown project 'ghost'",
            "budget: error: nothing imported: 3 problems",
        ], result.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cli.journal)), before)
    }

    /// Past a thousand problems, the rest are counted, not listed.
    func testProblemsPastAThousandAreCounted() throws {
        var text = "id,project,amount,source,date\n"
        for index in 0..<1_500 { text += "k-\(index),p,-1,current,2023-03-01\n" }
        let cli = ledger()
        let directory = TemporaryDirectory()
        let result = cli.run(["import", try write(text, in: directory)])
        XCTAssertEqual(result.status, 1)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1_002)
        XCTAssertEqual(lines[1_000], "budget: error: … and 500 more problems, not listed")
        XCTAssertEqual(lines.last, "budget: error: nothing imported: 1500 problems")
    }

    /// A pipe is read once, into a temporary file, then in pieces like any file.
    func testAPipeIsImported() throws {
        let cli = ledger()
        let directory = TemporaryDirectory()
        let fifo = directory.path("rows.fifo")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            let text = "id,project,amount,source,date\n" + (0..<100).map { "f-\($0),p,1.00,current,2023-03-01\n" }.joined()
            _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress!, $0.count - 1) }
            close(fd)
        }
        writer.start()
        XCTAssertEqual(cli.ok(["import", fifo]), "imported 100 payments as #3–#102\n")
    }

    /// Each piece numbers its projects in the order it meets them, so two pieces number them
    /// differently: the projects found are every project of the file, and a store that imports
    /// the file in pieces gives each project its own payments.
    func testProjectsNumberedByPieceAreEveryProject() throws {
        let directory = TemporaryDirectory()
        var text = "id,project,amount,source,date\n"
        // The first half names p-1, p-2, p-3 in turn; the second p-3, p-2, then p-4, p-1.
        for row in 0..<300 { text += "k-\(row),p-\(row % 3 + 1),1.00,current,2023-03-01\n" }
        for row in 300..<600 { text += "k-\(row),p-\(["3", "2", "4", "1"][row % 4]),2.00,current,2023-03-01\n" }
        let path = try write(text, in: directory)
        let whole = try WholeImportFile.csv(Array(text.utf8))
        for keptRowsMax in [0, 1 << 20] {
            let stream = try ImportStream(path: path, format: "csv", pieceBytes: 2_000, keptRowsMax: keptRowsMax)
            XCTAssertEqual(stream.projects, ["p-1", "p-2", "p-3", "p-4"])
            XCTAssertEqual(stream.projects, whole.projects)
            var numbers: [String: Set<Int>] = [:]
            try stream.forEachPiece { _, drafts in
                for draft in drafts { numbers[draft.payment.project, default: []].insert(draft.projectNumber) }
            }
            XCTAssertGreaterThan(numbers["p-1"]!.count, 1, "pieces number a project differently")
        }
    }

    /// A file too short to hold more rows than are kept is never read again, so its pieces are
    /// not hashed; one row longer, in rows of the fewest bytes a row can have, and it is read
    /// again, each piece checked, as a larger file is.
    func testAFileTooShortToOutgrowTheKeptRowsIsKeptWhole() throws {
        let directory = TemporaryDirectory()
        let shortest = "a,b,1,other,2023-01-01"
        XCTAssertEqual(shortest.utf8.count + 1, PaymentRows.rowBytesMin)
        // The bound holds while the readers take nothing shorter: no source name under five
        // bytes, no date but YYYY-MM-DD.
        XCTAssertEqual(FundSource.allCases.map(\.rawValue.utf8.count).min(), 5)
        for date in ["2023-1-01", "2023-01-1", "20230101", "23-01-01", "2023-1-1"] {
            XCTAssertNil(Array(date.utf8).withUnsafeBufferPointer { BusinessDate(utf8: $0) }, date)
        }
        for rows in [40, 41] {
            var text = "id,project,amount,source,date\n"
            for row in 0..<rows { text += "\(row % 10),\(row / 10),1,other,2023-01-01\n" }
            // The last row without its line end: a byte shorter, and still one row too many.
            if rows == 41 { text.removeLast() }
            let path = try write(text, in: directory, name: "short-\(rows).csv")
            let stream = try ImportStream(path: path, format: "csv", pieceBytes: 100, keptRowsMax: 40)
            XCTAssertEqual(stream.count, rows)
            XCTAssertEqual(stream.problems, [])
            XCTAssertEqual(stream.holdsPieces, rows == 40, "\(rows) rows")
            var drafts: [PaymentDraft] = []
            try stream.forEachPiece { _, piece in drafts += piece }
            XCTAssertEqual(drafts, try WholeImportFile.csv(Array(text.utf8)).drafts)
            XCTAssertEqual(try stream.draft(at: rows - 1).payment.project, "\((rows - 1) / 10)")
        }
    }
}
