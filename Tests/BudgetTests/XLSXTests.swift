import XCTest
import Foundation
@testable import BudgetReports

/// The .xlsx writer, checked against outside readers: Python's zipfile and ElementTree, `unzip -t`
/// and openpyxl. A reader that is missing skips only the part that needs it (CI has python3 but
/// may lack openpyxl; `Scripts/xlsx-readback` installs it).
final class XLSXTests: XCTestCase {
    // MARK: CRC-32

    func testCRC32MatchesPublishedCheckValues() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
        XCTAssertEqual(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)), 0x414F_A339)
        XCTAssertEqual(CRC32.checksum([0]), 0xD202_EF8D)
        let whole = Array("预算执行 budget".utf8)
        XCTAssertEqual(CRC32.update(CRC32.checksum(Array(whole[..<5])), with: Array(whole[5...])), CRC32.checksum(whole))
    }

    // MARK: ZIP

    func testZipHeadersAreStoredUTF8AndDeterministic() throws {
        let zip = try ZipWriter.stored([("报表/数据.txt", Array("abc".utf8))])
        XCTAssertEqual(try ZipWriter.stored([("报表/数据.txt", Array("abc".utf8))]), zip)
        XCTAssertEqual(Array(zip[0..<4]), [0x50, 0x4B, 0x03, 0x04])
        XCTAssertEqual(le16(zip, 6), 0x0800, "flag bit 11: UTF-8 names")
        XCTAssertEqual(le16(zip, 8), 0, "method 0: stored")
        XCTAssertEqual(le16(zip, 10), 0, "time 00:00:00")
        XCTAssertEqual(le16(zip, 12), 0x0021, "date 1980-01-01")
        XCTAssertEqual(le32(zip, 14), CRC32.checksum(Array("abc".utf8)))
        let end = zip.count - 22
        XCTAssertEqual(le32(zip, end), 0x0605_4B50)
        XCTAssertEqual(le16(zip, end + 10), 1, "one entry")
        XCTAssertEqual(Int(le32(zip, end + 16)) + Int(le32(zip, end + 12)), end, "central directory ends where the end record starts")
    }

    func testZipRefusesUnsafeAndDuplicatePaths() {
        for path in ["", "/etc/passwd", "../up", "a/../../b", "a//b", "a/", "a\\b", "a\u{0}b", "./a"] {
            XCTAssertThrowsError(try ZipWriter.stored([(path, [1])]), path) { XCTAssertEqual($0 as? ZipError, .invalidPath(path)) }
        }
        XCTAssertThrowsError(try ZipWriter.stored([("a", [1]), ("a", [2])])) { XCTAssertEqual($0 as? ZipError, .duplicatePath("a")) }
        let tooMany = (0...ZipWriter.maximumEntries).map { (path: "f\($0)", bytes: [UInt8]()) }
        XCTAssertThrowsError(try ZipWriter.stored(tooMany)) { XCTAssertEqual($0 as? ZipError, .tooLarge("65535 entries")) }
    }

    func testZipIsReadByPythonZipfileAndUnzip() throws {
        let entries: [(path: String, bytes: [UInt8])] = [
            ("hello.txt", Array("hello\n".utf8)), ("报表/数据.txt", Array("预算 534253.73".utf8)),
            ("empty", []), ("bin/all-bytes", (0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init)),
        ]
        let folder = ScratchFolder()
        let file = try folder.write("t.zip", ZipWriter.stored(entries))
        let script = """
        import sys, zipfile, json
        with zipfile.ZipFile(sys.argv[1]) as z:
            assert z.testzip() is None
            print(json.dumps([[i.filename, z.read(i).hex(), i.flag_bits & 0x800, i.compress_type, list(i.date_time)] for i in z.infolist()]))
        """
        let listed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(python(script, file).utf8)) as? [[Any]])
        XCTAssertEqual(listed.map { $0[0] as? String }, entries.map(\.path))
        XCTAssertEqual(listed.map { $0[1] as? String }, entries.map { $0.bytes.map { String(format: "%02x", $0) }.joined() })
        XCTAssertEqual(listed.map { $0[2] as? Int }, Array(repeating: 0x800, count: entries.count))
        XCTAssertEqual(listed.map { $0[3] as? Int }, Array(repeating: 0, count: entries.count), "ZIP_STORED")
        XCTAssertEqual(listed.map { $0[4] as? [Int] }, Array(repeating: [1980, 1, 1, 0, 0, 0], count: entries.count))

        guard let unzip = which("unzip") else { throw XCTSkip("unzip is not installed; zipfile passed") }
        let tested = try run(unzip, ["-t", file])
        XCTAssertEqual(tested.status, 0, tested.output)
        XCTAssertTrue(tested.output.contains("No errors detected"), tested.output)
    }

    // MARK: Workbook read back

    /// Chinese text, merged cells, widths, numbers and every style, read back by ElementTree (each
    /// part well-formed) and openpyxl (values, types, merges, widths, formats, page setup).
    func testWorkbookReadsBackWithOpenpyxl() throws {
        let report = Worksheet(name: "2023年预算执行/汇总", rows: [
            [.text("宁夏回族自治区 项目支出绩效自评表", style: .bold)],
            [.text("项目", style: .header), .text("资金来源", style: .header), .text("执行数（元）", style: .header), .text("执行率", style: .header)],
            [.text("业务费", style: .bordered), .text("年初预算", style: .wrapped), .number("534253.73", style: .money), .number("0.9512", style: .percent)],
            [.blank(style: .bordered), .text("上年结转", style: .wrapped), .number("-1200.50", style: .money), .number("1", style: .percent)],
            [.empty],
            [.text("说明：金额单位为元\n第二行", style: .wrapped), .number("100")],
        ], columnWidths: [0: 30, 1: 12, 3: 9], merges: [CellRange("A3:A4")!, CellRange(rows: 0...0, columns: 0...3)], landscape: true)
        let folder = ScratchFolder()
        let file = try folder.write("report.xlsx", Workbook(sheets: [report, Worksheet(name: "空")]).xlsxBytes())

        let wellFormed = try python("""
        import sys, zipfile, xml.etree.ElementTree as ET
        with zipfile.ZipFile(sys.argv[1]) as z:
            assert z.testzip() is None
            for name in z.namelist(): ET.fromstring(z.read(name))
            print(" ".join(z.namelist()))
        """, file)
        XCTAssertEqual(wellFormed.split(whereSeparator: \.isWhitespace).map(String.init), ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])

        let book = try openpyxl(file)
        XCTAssertEqual(book.titles, ["2023年预算执行_汇总", "空"])
        let cells = book.sheets[0].cells
        XCTAssertEqual(cells["A1"]?.value, "宁夏回族自治区 项目支出绩效自评表")
        XCTAssertEqual(cells["A1"]?.bold, true)
        XCTAssertEqual(cells["C2"]?.value, "执行数（元）")
        XCTAssertEqual(cells["C2"]?.wrap, true)
        XCTAssertEqual(cells["C3"]?.type, "n")
        XCTAssertEqual(cells["C3"]?.python, "float")
        XCTAssertEqual(cells["C3"]?.value, "534253.73")
        XCTAssertEqual(cells["C3"]?.format, "0.00")
        XCTAssertEqual(cells["C4"]?.value, "-1200.5")
        XCTAssertEqual(cells["D3"]?.format, "0.00%")
        XCTAssertEqual(cells["D4"]?.python, "int")
        XCTAssertEqual(cells["B6"]?.value, "100")
        XCTAssertEqual(cells["A6"]?.value, "说明：金额单位为元\n第二行")
        XCTAssertEqual(cells["A6"]?.wrap, true)
        XCTAssertEqual(cells["A3"]?.border, "thin")
        XCTAssertEqual(book.sheets[0].merged, ["A1:D1", "A3:A4"])
        XCTAssertEqual(book.sheets[0].widths, ["A": 30, "B": 12, "D": 9])
        XCTAssertEqual(book.sheets[0].page, ["landscape", "9", "1", "True"])
        XCTAssertEqual(book.sheets[1].page[0], "portrait")
        XCTAssertTrue(book.sheets[1].cells.isEmpty)
    }

    /// Markup and formula-like text are text: escaped in the XML, inline strings (never <f>), read
    /// back verbatim, and flagged quotePrefix so editing them in Excel keeps them text.
    func testHostileTextComesBackAsTextNeverAsFormula() throws {
        let hostile = ["<script>alert(1)</script>", "Tom & Jerry's \"budget\"", "=1+1", "@SUM(A1)", "-2+3", "+1",
                       "\tTab", "\r\nCR", "=HYPERLINK(\"http://x\",\"y\")", "_x0041_ stays", "a\u{1}b\u{7F}c\u{FFFF}d"]
        let sheet = Worksheet(name: "t", rows: hostile.map { [.text($0, style: .bordered)] })
        let parts = try Workbook(sheets: [sheet]).parts()
        let xml = String(decoding: parts.first { $0.path == "xl/worksheets/sheet1.xml" }!.bytes, as: UTF8.self)
        XCTAssertTrue(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(xml.contains("Tom &amp; Jerry&apos;s &quot;budget&quot;"))
        XCTAssertTrue(xml.contains("&#13;\nCR"))
        XCTAssertTrue(xml.contains("_x005F_x0041_ stays"))
        XCTAssertFalse(xml.contains("<script"))
        XCTAssertFalse(xml.contains("<f>"))
        XCTAssertEqual(xml.components(separatedBy: "t=\"inlineStr\"").count - 1, hostile.count)

        let folder = ScratchFolder()
        let file = try folder.write("hostile.xlsx", Workbook(sheets: [sheet]).xlsxBytes())
        let cells = try openpyxl(file).sheets[0].cells
        for (index, text) in hostile.enumerated() where !text.hasPrefix("_x") {
            let cell = cells["A\(index + 1)"]
            XCTAssertEqual(cell?.type, "s", text)
            XCTAssertEqual(cell?.value, text == hostile.last ? "abcd" : text, text)
            XCTAssertEqual(cell?.quotePrefix, SpreadsheetText.isFormulaLike(text), text)
        }
    }

    // MARK: Text rules

    func testCSVNeutralisationPrefixesAQuoteOnlyToFormulaLikeText() {
        for text in ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "\r\nx"] {
            XCTAssertEqual(SpreadsheetText.neutralisedForCSV(text), "'" + text)
        }
        for text in ["", "项目", "1-2", " =1", "'x", "a=b"] {
            XCTAssertEqual(SpreadsheetText.neutralisedForCSV(text), text)
        }
    }

    func testSheetNamesAreSanitisedTruncatedAndUnique() {
        let names = Workbook(sheets: ["a[b]:c*d?e/f\\g", "'quoted'", "", "History", "Sheet", "SHEET",
                                      String(repeating: "预", count: 40), String(repeating: "预", count: 35), "a\u{1}\nb"]
            .map { Worksheet(name: $0) }).sheetNames
        XCTAssertEqual(names[0], "a_b__c_d_e_f_g")
        XCTAssertEqual(names[1], "quoted")
        XCTAssertEqual(names[2], "Sheet3")
        XCTAssertEqual(names[3], "History_")
        XCTAssertEqual(names[4], "Sheet")
        XCTAssertEqual(names[5], "SHEET (2)")
        XCTAssertEqual(names[6], String(repeating: "预", count: 31))
        XCTAssertEqual(names[7], String(repeating: "预", count: 27) + " (2)")
        XCTAssertEqual(names[8], "ab")
        XCTAssertEqual(Workbook.truncated("a😀b", toUTF16: 2), "a", "a surrogate pair is never split")
    }

    func testCellReferencesRoundTrip() {
        XCTAssertEqual(CellReference.a1(row: 0, column: 0), "A1")
        XCTAssertEqual(CellReference.columnLetters(25), "Z")
        XCTAssertEqual(CellReference.columnLetters(26), "AA")
        XCTAssertEqual(CellReference.columnLetters(16_383), "XFD")
        XCTAssertEqual(CellRange("A5:A9"), CellRange(rows: 4...8, columns: 0...0))
        XCTAssertEqual(CellRange("C9:A5")?.a1, "A5:C9")
        XCTAssertEqual(CellReference.parse("XFD1048576")?.column, 16_383)
        for bad in ["", "A0", "a1", "1A", "XFE1", "A1048577", "A01", "A1:B2:C3", "A1:"] {
            XCTAssertNil(CellRange(bad), bad)
        }
    }

    func testNumbersAreWrittenVerbatimOnlyWhenPlainDecimals() throws {
        for good in ["0", "-0.00", "534253.73", "123456789012345", "0.000000000012345678901234", "1234567890123.40"] {
            let xml = try WorksheetXML.render(Worksheet(name: "n", rows: [[.number(good)]]))
            XCTAssertTrue(xml.contains("<v>\(good)</v>"), good)
        }
        for bad in ["", "-", "1.", ".5", "1e5", "+1", "1,000", " 1", "1 ", "NaN", "３", "0x10", "1.2.3", "1234567890123456", "12345678901234.56"] {
            XCTAssertThrowsError(try Workbook(sheets: [Worksheet(name: "n", rows: [[.empty, .number(bad)]])]).xlsxBytes(), bad) {
                XCTAssertEqual($0 as? SpreadsheetError, .invalidNumber(sheet: "n", cell: "B1", literal: bad))
            }
        }
    }

    func testRowHeightsAreGivenOrEstimatedFromWrappedText() throws {
        let sheet = Worksheet(name: "h", rows: [
            [.text("一\n二\n三", style: .wrapped)],                                     // three line breaks' worth
            [.text(String(repeating: "预", count: 20), style: .wrapped)],                  // 40 columns in 10 wide: 5 lines
            [.text(String(repeating: "预", count: 20), style: .bordered)],                 // not wrapped: one line
            [.text("a\nb", style: .header), .text(String(repeating: "x", count: 9000), style: .wrapped)],
            [.empty, .empty, .text("merged\nover\nrows", style: .wrapped)],
            [.text(String(repeating: "预", count: 10), style: .wrapped)],                 // 20 columns in A:B, 21 wide
        ], columnWidths: [0: 10, 1: 11], rowHeights: [2: 40, 9: 20],
           merges: [CellRange("C5:C6")!, CellRange("A6:B6")!])
        let xml = try WorksheetXML.render(sheet)
        XCTAssertTrue(xml.contains(#"<row r="1" ht="45">"#), xml)
        XCTAssertTrue(xml.contains(#"<row r="2" ht="75">"#))
        XCTAssertTrue(xml.contains(#"<row r="3" ht="40" customHeight="1">"#), "given heights win")
        XCTAssertTrue(xml.contains(#"<row r="4" ht="409">"#), "capped at Excel's 409 pt")
        XCTAssertTrue(xml.contains(#"<row r="5">"#), "a merge over several rows is not estimated")
        XCTAssertTrue(xml.contains(#"<row r="6">"#), "a merge over columns adds their widths")
        XCTAssertTrue(xml.contains(#"<row r="10" ht="20" customHeight="1"></row>"#), "a height for a row without cells")
        XCTAssertTrue(xml.contains(#"<dimension ref="A1:C6"/>"#))
        XCTAssertEqual(RowHeights.lineCount(String(repeating: "预", count: 10), width: 21), 1)
        XCTAssertEqual(RowHeights.lineCount("", width: 5), 1)
        for (row, height) in [(0, 0), (0, 410), (-1, 15), (SpreadsheetLimits.maximumRows, 15)] {
            XCTAssertThrowsError(try WorksheetXML.render(Worksheet(name: "h", rowHeights: [row: height]))) {
                XCTAssertEqual($0 as? SpreadsheetError, .invalidRowHeight(sheet: "h", row: row, height: height))
            }
        }
    }

    func testOutputIsDeterministic() throws {
        let book = Workbook(sheets: [Worksheet(name: "x", rows: [[.text("a"), .number("1.5")]], columnWidths: [2: 5, 0: 9, 1: 7])])
        XCTAssertEqual(try book.xlsxBytes(), try book.xlsxBytes())
    }

    // MARK: Limits

    func testSizeLimitsAreEnforcedAtTheirBoundaries() throws {
        let text = String(repeating: "预", count: SpreadsheetLimits.maximumTextLength)
        XCTAssertNoThrow(try WorksheetXML.render(Worksheet(name: "s", rows: [[.text(text)]])))
        XCTAssertThrowsError(try WorksheetXML.render(Worksheet(name: "s", rows: [[.text(text + "x")]]))) {
            XCTAssertEqual($0 as? SpreadsheetError, .textTooLong(sheet: "s", cell: "A1", length: 32_768))
        }
        XCTAssertThrowsError(try WorksheetXML.render(Worksheet(name: "s", rows: [[.text(String(repeating: "😀", count: 16_384))]]))) {
            XCTAssertEqual($0 as? SpreadsheetError, .textTooLong(sheet: "s", cell: "A1", length: 32_768), "emoji count 2")
        }

        var rows = [[Cell]](repeating: [], count: SpreadsheetLimits.maximumRows)
        rows[rows.count - 1] = [.number("1")]
        XCTAssertTrue(try WorksheetXML.render(Worksheet(name: "s", rows: rows)).contains(#"<dimension ref="A1:A1048576"/>"#))
        rows.append([])
        XCTAssertThrowsError(try WorksheetXML.render(Worksheet(name: "s", rows: rows))) {
            XCTAssertEqual($0 as? SpreadsheetError, .tooManyRows(sheet: "s", count: 1_048_577))
        }

        var wide = [Cell](repeating: .empty, count: SpreadsheetLimits.maximumColumns)
        wide[wide.count - 1] = .text("last")
        XCTAssertTrue(try WorksheetXML.render(Worksheet(name: "s", rows: [wide])).contains(#"<c r="XFD1""#))
        XCTAssertThrowsError(try WorksheetXML.render(Worksheet(name: "s", rows: [[], wide + [.empty]]))) {
            XCTAssertEqual($0 as? SpreadsheetError, .tooManyColumns(sheet: "s", row: 2, count: 16_385))
        }

        let most = (1...SpreadsheetLimits.maximumSheets).map { Worksheet(name: "s\($0)", rows: [[.number("\($0)")]]) }
        XCTAssertEqual(try Workbook(sheets: most).parts().count, 5 + 255)
        XCTAssertThrowsError(try Workbook(sheets: most + [Worksheet(name: "one more")]).xlsxBytes()) {
            XCTAssertEqual($0 as? SpreadsheetError, .tooManySheets(count: 256))
        }
        XCTAssertThrowsError(try Workbook(sheets: []).xlsxBytes()) { XCTAssertEqual($0 as? SpreadsheetError, .noSheets) }

        for (width, ok) in [(1, true), (255, true), (0, false), (256, false), (-3, false)] {
            XCTAssertEqual((try? WorksheetXML.columns(Worksheet(name: "w", columnWidths: [0: width]))) != nil, ok, "width \(width)")
        }
        XCTAssertThrowsError(try WorksheetXML.columns(Worksheet(name: "w", columnWidths: [16_384: 10])))
    }

    func testMergesMustBeOnTheSheetWiderThanOneCellAndDisjoint() throws {
        func error(_ merges: [CellRange]) -> SpreadsheetError? {
            do { _ = try WorksheetXML.merges(Worksheet(name: "m", merges: merges)); return nil } catch { return error as? SpreadsheetError }
        }
        XCTAssertNil(error([CellRange("A5:A9")!, CellRange("B5:C5")!, CellRange("A10:B10")!]))
        XCTAssertEqual(error([CellRange("C1:D9")!, CellRange("A1:B2")!, CellRange("A2:C2")!]),
                       .invalidMerge(sheet: "m", range: "A2:C2", reason: "overlaps C1:D9"))
        XCTAssertEqual(error([CellRange("A5:A9")!, CellRange("A9:B9")!]), .invalidMerge(sheet: "m", range: "A9:B9", reason: "overlaps A5:A9"))
        XCTAssertEqual(error([CellRange("B2")!]), .invalidMerge(sheet: "m", range: "B2:B2", reason: "a single cell"))
        XCTAssertEqual(error([CellRange(rows: -1...0, columns: 0...0)]),
                       .invalidMerge(sheet: "m", range: "rows -1…0, columns 0…0", reason: "outside the sheet"))
        XCTAssertEqual(error([CellRange(rows: 0...0, columns: 16_383...16_384)]),
                       .invalidMerge(sheet: "m", range: "XFD1:XFE1", reason: "outside the sheet"))
        let many = (0..<SpreadsheetLimits.maximumMerges).map { CellRange(rows: $0...$0, columns: 0...1) }
        XCTAssertNil(error(many))
        XCTAssertEqual(error(many + [CellRange("D1:E1")!]), .tooManyMerges(sheet: "m", count: 10_001))
    }
}

// MARK: - Outside readers

private struct ReadBack {
    struct Cell { let type: String, value: String, python: String, format: String, bold: Bool, wrap: Bool, border: String, quotePrefix: Bool }
    struct Sheet { let cells: [String: Cell]; let merged: [String]; let widths: [String: Double]; let page: [String] }
    let titles: [String]
    let sheets: [Sheet]
}

private extension XLSXTests {
    /// The workbook as openpyxl sees it; skips the calling test when openpyxl is not importable.
    func openpyxl(_ file: String) throws -> ReadBack {
        let script = """
        import sys, json
        try:
            import openpyxl
        except ImportError:
            print("NO-OPENPYXL"); sys.exit(0)
        wb = openpyxl.load_workbook(sys.argv[1])
        out = []
        for ws in wb.worksheets:
            cells = {}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None: continue
                    cells[c.coordinate] = [c.data_type, c.value if isinstance(c.value, str) else repr(c.value), type(c.value).__name__,
                                           c.number_format, bool(c.font.b), bool(c.alignment.wrap_text), str(c.border.left.style), bool(c.quotePrefix)]
            ps = ws.page_setup
            out.append([ws.title, cells, sorted(str(r) for r in ws.merged_cells.ranges),
                        {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth},
                        [str(ps.orientation), str(ps.paperSize), str(ps.fitToWidth), str(ws.sheet_properties.pageSetUpPr.fitToPage)]])
        print(json.dumps(out, ensure_ascii=False))
        """
        let output = try python(script, file)
        if output.hasPrefix("NO-OPENPYXL") { throw XCTSkip("openpyxl is not importable (pip install openpyxl); the other checks passed") }
        let sheets = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[Any]])
        return ReadBack(titles: sheets.map { $0[0] as? String ?? "" }, sheets: sheets.map { sheet in
            let cells = (sheet[1] as? [String: [Any]] ?? [:]).mapValues { c in
                ReadBack.Cell(type: c[0] as? String ?? "", value: c[1] as? String ?? "", python: c[2] as? String ?? "", format: c[3] as? String ?? "",
                              bold: c[4] as? Bool ?? false, wrap: c[5] as? Bool ?? false, border: c[6] as? String ?? "", quotePrefix: c[7] as? Bool ?? false)
            }
            return ReadBack.Sheet(cells: cells, merged: sheet[2] as? [String] ?? [], widths: sheet[3] as? [String: Double] ?? [:], page: sheet[4] as? [String] ?? [])
        })
    }

    /// Runs `script` with python3 on `file` and returns its stdout; skips the test without python3.
    func python(_ script: String, _ file: String) throws -> String {
        guard let python = which("python3") else { throw XCTSkip("python3 is not installed") }
        let result = try run(python, ["-c", script, file])
        guard result.status == 0 else { XCTFail("python3 failed: \(result.output) \(result.errors)"); return "" }
        return result.output
    }

    func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Both pipes are read to the end before waiting, so a full pipe cannot stall the child.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) } }
}

/// A temporary folder removed with the test.
private final class ScratchFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-tests-\(UUID().uuidString)")
    init() { try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
