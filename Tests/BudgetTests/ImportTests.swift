import XCTest
import Foundation
import BudgetText
@testable import BudgetCLI
@testable import BudgetModel
@testable import BudgetProjections

final class ImportTests: XCTestCase {
    func testCSVAsSpreadsheetsWriteIt() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\r\n3,,z"
        let records = try CSVReader.records(Array(text.utf8))
        XCTAssertEqual(records.map(\.line), [1, 2, 3, 6])
        XCTAssertEqual(records[0].fields, ["a", "b", "c"])
        XCTAssertEqual(records[1].fields, ["1", "x, y", "say \"hi\""])
        XCTAssertEqual(records[2].fields, ["2", "two\nlines", ""])
        XCTAssertEqual(records[3].fields, ["3", "", "z"])
    }

    /// Keys used again are found by fingerprint, then compared: rows whose fingerprints collide
    /// but whose keys differ are not repeats; the same payment again is a repeat of the first,
    /// another under its key is refused. The same whether the batch comes whole or in pieces,
    /// an earlier piece's row read again when a later one matches it.
    func testRepeatedKeysAreFoundEvenWhenFingerprintsCollide() throws {
        let drafts = ["a", "b", "a", "c", "b", "a", "c"].enumerated().map { index, key in
            PaymentDraft(key: key, date: BusinessDate("2023-03-01")!,
                         payment: Disbursement(project: "p", source: .current, amount: Money(fen: index == 6 ? 200 : 100)))
        }
        let expected: [Int: BatchOutcome] = [2: .repeats(0), 4: .repeats(1), 5: .repeats(0), 6: .keyReused(3)]
        // Every key's fingerprint collides but that of "c".
        for fingerprint in [{ (key: String) -> UInt64 in key == "c" ? 9 : 7 }, Fingerprint.of] {
            for size in [1, 2, 3, 7] {
                var keys = BatchKeys(fingerprint: fingerprint)
                var found: [Int: BatchOutcome] = [:]
                var read: [Int] = []
                for first in stride(from: 0, to: drafts.count, by: size) {
                    let piece = Array(drafts[first..<min(drafts.count, first + size)])
                    found.merge(keys.repeated(in: piece, from: first) { index in read.append(index); return drafts[index] }) { $1 }
                }
                XCTAssertEqual(found, expected, "pieces of \(size)")
                XCTAssertTrue(read.allSatisfy { $0 < drafts.count })
            }
        }
    }

    /// Unquoted fields are read eight bytes at a time: on random files of commas, line ends
    /// (LF, CRLF, a lone CR, which is data), ASCII and Chinese, the records are those of splitting
    /// the text by hand; a byte that is not UTF-8, and a quote inside an unquoted field, are
    /// refused wherever they fall in their word.
    func testUnquotedFieldsReadAsTheTextSplitByHand() throws {
        var random = SplitMix64(seed: 2023)
        let pieces = ["a", "bc", "12345678", "中", "文字", ",", ",", "\n", "\r\n", "\r", "-", " "]
        for round in 0..<3_000 {
            let text = (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            // By hand, by bytes (a String takes CR LF as one character): lines end at LF, a CR
            // just before it is the line end's; a blank line is no record; fields part at commas.
            var expected: [CSVReader.Record] = []
            let lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
            for (index, var line) in lines.enumerated() {
                if index < lines.count - 1, line.last == 0x0D { line.removeLast() }
                if line.isEmpty { continue }
                let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                expected.append(CSVReader.Record(line: index + 1, fields: fields.map { String(decoding: $0, as: UTF8.self) }))
            }
            XCTAssertEqual(try CSVReader.records(Array(text.utf8)), expected, "round \(round): \(text.debugDescription)")
        }
        // A byte that is not UTF-8 is found wherever it falls in its word, the field's end too:
        // the text a word at a time is judged ASCII only up to the field's end.
        for before in 0..<20 {
            for after in 0..<12 {
                let field = [UInt8](repeating: UInt8(ascii: "x"), count: before) + [0xFF] + [UInt8](repeating: UInt8(ascii: "y"), count: after)
                let text = Array("k,".utf8) + field + Array(",中文\n".utf8)
                XCTAssertThrowsError(try CSVReader.records(text), "\(before) before, \(after) after") { error in
                    XCTAssertEqual((error as? CSVReader.Failure)?.reason, Message(.notValidUTF))
                }
                // Chinese after the field's end, in its last word, leaves an ASCII field ASCII: read as it is.
                let ascii = Array("k,".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: before + after) + Array(",中文\n".utf8)
                XCTAssertEqual(try CSVReader.records(ascii).first?.fields[1], String(repeating: "x", count: before + after))
            }
        }
        for offset in 1..<20 {
            for lineBefore in 0..<3 {
                let field = String(repeating: "x", count: offset) + "\"" + String(repeating: "中", count: 3)
                let text = String(repeating: "a,b\n", count: lineBefore) + "k," + field + ",z\n"
                XCTAssertThrowsError(try CSVReader.records(Array(text.utf8))) { error in
                    XCTAssertEqual((error as? CSVReader.Failure)?.line, lineBefore + 1, text.debugDescription)
                    XCTAssertEqual((error as? CSVReader.Failure)?.reason, Message(.quoteInsideUnquotedField))
                }
            }
        }
    }

    func testBadCSVIsNamedByLine() {
        func failure(_ text: [UInt8]) -> String? {
            do { _ = try CSVReader.records(text); return nil } catch { return error.description }
        }
        XCTAssertEqual(failure(Array("a,b\n1,\"open\n2,3\n".utf8)), "line 2: a quoted field is not closed")
        XCTAssertEqual(failure(Array("a,b\n1,x\"y\n".utf8)), "line 2: a quote inside an unquoted field")
        XCTAssertEqual(failure([0x61, 0x0A, 0xFF, 0xFE, 0x0A]), "line 2: not valid UTF-8")
        XCTAssertEqual(failure(Array(("a\n" + String(repeating: "x", count: CSVReader.fieldBytesMax + 1) + "\n").utf8)),
                       "line 2: a field is longer than \(CSVReader.fieldBytesMax) bytes")
        XCTAssertNil(failure(Array(("a\n" + String(repeating: "x", count: CSVReader.fieldBytesMax) + "\n").utf8)))
        // A stray quote before a long run is reported as unclosed, on the line it opens; a long
        // quoted field that does close is too long, on the line where it ends.
        let long = String(repeating: "a", count: CSVReader.fieldBytesMax + 100)
        XCTAssertEqual(failure(Array("h\nx,\"\(long)".utf8)), "line 2: a quoted field is not closed")
        XCTAssertEqual(failure(Array("h\n\"\(long)\nb\"\n".utf8)), "line 3: a field is longer than \(CSVReader.fieldBytesMax) bytes")
    }

    var directory: TemporaryDirectory!
    var journal: String!

    override func setUp() {
        directory = TemporaryDirectory()
        journal = directory.path("j.jsonl")
        for arguments in [["init"], ["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"],
                          ["approve", "p", "2000", "--source", "current", "--date", "2023-01-02"]] {
            XCTAssertEqual(run(arguments).status, 0)
        }
    }

    // XCTest keeps every test case until the process ends, so a directory it holds would outlive
    // the test: let go of it here, and it is removed.
    override func tearDown() {
        directory = nil
        super.tearDown()
    }

    @discardableResult
    func run(_ arguments: [String]) -> CommandResult {
        BudgetCommandLine.run(["--journal", journal] + arguments, environment: ["BUDGET_NOW": "2023-12-31T00:00:00Z"])
    }

    func file(_ name: String, _ text: String) -> String {
        let path = directory.path(name)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        return path
    }

    func bytes() -> Data { (try? Data(contentsOf: URL(fileURLWithPath: journal))) ?? Data() }

    func testAGoodFileIsImportedOnceAndARerunAddsNothing() {
        let csv = file("ok.csv", "id,project,amount,source,date,payee,memo\nr1,p,100,current,2023-02-01,\"厦门大学, 培训\",=1+1\nr2,p,\"1,200.50\",current,2023-03-01,,\n")
        let first = run(["import", csv])
        XCTAssertEqual(first.stdout, "imported 2 payments as #3–#4\n", first.stderr)
        let after = bytes()
        XCTAssertEqual(run(["import", csv]).stdout, "nothing to import: all 2 rows were already recorded\n")
        XCTAssertEqual(bytes(), after)
        // The payee with a comma and the formula-like memo are kept as data, exactly.
        let text = String(decoding: after, as: UTF8.self)
        XCTAssertTrue(text.contains("\"payee\":\"厦门大学, 培训\",\"memo\":\"=1+1\""))
        XCTAssertTrue(text.contains("\"amount\":\"1200.50\""))
    }

    /// Every bad row is named, and nothing is written, even for the good rows.
    func testABadRowAnywhereWritesNothingAndEveryBadRowIsNamed() {
        let before = bytes()
        let csv = file("bad.csv", """
        id,project,amount,source,date
        a1,p,10,current,2023-02-01
        a2,p,10.001,current,2023-02-01
        a3,nope,10,current,2023-02-01
        a4,p,10,current,2023-02-30
        a5,p,1990.01,current,2023-02-01
        a1,p,11,current,2023-02-01
        a6,p,10,bogus,2023-02-01,extra

        """)
        let result = run(["import", csv])
        XCTAssertEqual(result.status, 1)
        // 2000 approved; a1 takes 10, so a5's 1,990.01 is 0.01 too many.
        XCTAssertEqual(result.stderr, """
        budget: error: line 3: amount: '10.001' has more than 2 decimals
        budget: error: line 4: unknown project 'nope'
        budget: error: line 5: date '2023-02-30' is not a valid date (YYYY-MM-DD)
        budget: error: line 6: payment of 1990.01 exceeds the budget (无预算不支出): only 1990.00 of the current budget of 'p' remains unspent on 2023-02-01
        budget: error: line 7: id 'a1' is already used on line 2 for another payment
        budget: error: line 8: 6 fields where the header has 5 (quote a field that holds a comma)
        budget: error: nothing imported: 6 problems

        """)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(bytes(), before)
    }

    func testAHeaderRowIsRequired() {
        let result = run(["import", file("noheader.csv", "r1,p,100,current,2023-02-01\n")])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("budget: error: line 1: unknown column 'r1'"), result.stderr)
    }

    /// A batch of several encoding chunks, written with one writev: every line is intact and
    /// chained, and a rerun adds nothing.
    func testABatchOfManyChunksIsWrittenWholeAndChained() {
        var text = "id,project,amount,source,date,payee\n"
        for index in 0..<5_000 { text += "c\(index),p,0.0\(1 + index % 9),current,2023-0\(1 + index % 9)-1\(index % 10),供应商\(index % 3)\n" }
        XCTAssertEqual(run(["import", file("many.csv", text)]).stdout, "imported 5000 payments as #3–#5002\n")
        let verify = run(["verify"])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("ok: 5002 events, chain intact"), verify.stdout)
        let after = bytes()
        XCTAssertEqual(run(["import", file("many.csv", text)]).stdout, "nothing to import: all 5000 rows were already recorded\n")
        XCTAssertEqual(bytes(), after)
    }

    func testAFileThatCannotBeReadIsNamed() {
        let missing = run(["import", directory.path("missing.csv")])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("FILE '\(directory.path("missing.csv"))' cannot be opened: No such file or directory"), missing.stderr)
        let folder = run(["import", directory.path("")])
        XCTAssertNotEqual(folder.status, 0)
        XCTAssertTrue(folder.stderr.contains("is a directory"), folder.stderr)
    }

    func testJSONLines() {
        let jsonl = file("p.jsonl", """
        {"id":"j1","project":"p","amount":"5.50","source":"current","date":"2023-03-01","payee":"x"}
        {"id":"j2","project":"p","amount":"4.50","source":"current","date":"2023-03-02"}

        """)
        XCTAssertEqual(run(["import", jsonl, "--format", "jsonl"]).stdout, "imported 2 payments as #3–#4\n")
        let report = run(["report", "--format", "json"]).stdout
        XCTAssertTrue(report.contains("\"executed\": \"10.00\""), report)
    }
}
