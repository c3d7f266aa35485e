import XCTest
import Foundation
@testable import BudgetCLI
@testable import BudgetModel

/// Importing the files people have: a treasury export as .xlsx (written by openpyxl and by
/// LibreOffice) or as a GB18030 CSV from Excel on Chinese Windows, read through an import map.
/// The fixtures are made by Scripts/make-import-fixtures.
final class MappedImportTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/import")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static let treasuryMap = """
        # 国库集中支付系统导出的支付明细
        voucher  = 支付凭证号
        date     = 支付日期
        project  = 预算项目编码
        function = 功能分类
        class    = 经济分类   # 30211 差旅费, as the export writes it
        payee    = 收款人
        amount   = 支付金额
        source   = 资金性质
        skip = 2
        """

    func ledger() -> LedgerCLI { Self.ledger() }

    /// Two 2023 projects with budgets the fixtures' payments fit: P-TRAIN, and P-EQUIP with 100 of other funds.
    static func ledger() -> LedgerCLI {
        let cli = LedgerCLI()
        cli.ok(["init"])
        for id in ["P-TRAIN", "P-EQUIP"] {
            cli.ok(["project", "add", id, "--name", id, "--department", "d", "--unit", "u", "--year", "2023"])
            cli.ok(["approve", id, "200000", "--source", "current", "--date", "2023-01-05"])
        }
        cli.ok(["approve", "P-EQUIP", "100", "--source", "other", "--date", "2023-01-05"])
        return cli
    }

    func write(_ text: String, _ name: String, in cli: LedgerCLI) -> String {
        let path = cli.directory.path(name)
        try! text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// The journal's payment lines without what differs between runs (when recorded, the hashes).
    func payments(_ cli: LedgerCLI) throws -> [String] {
        try String(contentsOfFile: cli.journal, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("disbursement.made") }
            .map { $0.replacingOccurrences(of: #","recorded":"[^"]*""#, with: "", options: .regularExpression)
                     .replacingOccurrences(of: #","prev":.*"#, with: "", options: .regularExpression) }
    }

    /// Runs an import that must fail, naming each fragment, and leaving the journal as it was.
    func refusedImport(_ cli: LedgerCLI, _ arguments: [String], _ fragments: [String], status: Int32 = 1,
                       file: StaticString = #filePath, line: UInt = #line) {
        let before = FileManager.default.contents(atPath: cli.journal)
        let result = cli.run(["import"] + arguments)
        XCTAssertEqual(result.status, status, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "\(result.stderr) does not name \(fragment)", file: file, line: line)
        }
        XCTAssertEqual(FileManager.default.contents(atPath: cli.journal), before, "the journal changed", file: file, line: line)
    }

    func testTheSameExportFromOpenpyxlLibreOfficeAndExcelCSVImportsTheSamePayments() throws {
        var journals: [[String]] = []
        for name in ["treasury-openpyxl.xlsx", "treasury-libreoffice.xlsx", "treasury-gb18030.csv"] {
            let cli = ledger()
            let map = write(Self.treasuryMap, "treasury.map", in: cli)
            XCTAssertEqual(cli.ok(["import", Self.fixture(name), "--map", map]), "imported 4 payments as #6–#9\n", name)
            journals.append(try payments(cli))
            // Every export of the same payments is the same payments: a rerun adds nothing.
            for other in ["treasury-openpyxl.xlsx", "treasury-libreoffice.xlsx", "treasury-gb18030.csv"] {
                XCTAssertEqual(cli.ok(["import", Self.fixture(other), "--map", map]), "nothing to import: all 4 rows were already recorded\n")
            }
        }
        XCTAssertEqual(journals[0], journals[1])
        XCTAssertEqual(journals[0], journals[2])
        XCTAssertEqual(journals[0], [
            #"{"v":1,"seq":6,"id":"v-2023-0301-001","type":"disbursement.made","date":"2023-03-01","batch":4,"project":"P-TRAIN","source":"current","amount":"33950.00","voucher":"2023-0301-001","class":"30216","function":"20106","payee":"省委党校""#,
            #"{"v":1,"seq":7,"id":"v-2023-0315-002","type":"disbursement.made","date":"2023-03-15","project":"P-TRAIN","source":"current","amount":"53420.10","voucher":"2023-0315-002","class":"30211","function":"20106","payee":"张三""#,
            // A voucher the sheet holds as a number is written out whole, not as 2.0230417000123E13.
            #"{"v":1,"seq":8,"id":"v-20230417000123","type":"disbursement.made","date":"2023-04-17","project":"P-EQUIP","source":"current","amount":"1234.56","voucher":"20230417000123","class":"31002","function":"20106","payee":"某某科技有限公司""#,
            #"{"v":1,"seq":9,"id":"v-2023-1120-004","type":"disbursement.made","date":"2023-11-20","project":"P-EQUIP","source":"other","amount":"0.07","voucher":"2023-1120-004","class":"30202","function":"20106","payee":"印刷厂""#,
        ])
    }

    func testATotalRowThatDisagreesWithTheRowsAboveItIsAProblem() {
        let cli = ledger()
        let map = write("voucher = 凭证号\nproject = 项目\namount = 金额\ndate = 日期\nsource := current\n", "m.map", in: cli)
        let good = write("凭证号,项目,金额,日期\nA1,P-TRAIN,\"1,000.00\",2023年3月1日\nA2,P-TRAIN,0.10,2023.03.02\n合计,,\"1,000.10\",\n", "good.csv", in: cli)
        XCTAssertEqual(cli.ok(["import", good, "--map", map]), "imported 2 payments as #6–#7\n")
        let short = write("凭证号,项目,金额,日期\nB1,P-TRAIN,100,20230401\n合计,,\"1,100.00\",\n", "short.csv", in: cli)
        refusedImport(cli, [short, "--map", map], ["line 3: the 合计 row states 1,100.00 yuan, but the payments above it sum to 100.00 yuan"])
    }

    func testEveryBadRowIsNamedByItsLineAndNothingIsWritten() {
        let cli = ledger()
        let map = write("voucher = 凭证号\nproject = 项目\namount = 金额\ndate = 日期\nsource = 来源\nclass = 经济分类\n", "m.map", in: cli)
        let file = write("""
            凭证号,项目,金额,日期,来源,经济分类
            C1,P-TRAIN,12.5,2023-03-01,当年财政拨款,30211
            C2,P-NONE,1,2023-03-01,current,30211
            C3,P-TRAIN,-5,2023-03-01,current,30211
            C4,P-TRAIN,5,2023/13/01,current,30211
            C5,P-TRAIN,5,2023-03-01,国库,30211
            C6,P-TRAIN,5,2023-03-01,current,30221
            ,P-TRAIN,5,2023-03-01,current,30211
            C1,P-TRAIN,7,2023-03-02,current,30211

            """, "bad.csv", in: cli)
        refusedImport(cli, [file, "--map", map], [
            "line 3: unknown project 'P-NONE'", "line 4: amount '-5' is negative", "line 5: date '2023/13/01' is not a date",
            "line 6: source '国库' is not current (当年财政拨款)", "line 7: class '30221' is not a code", "did you mean",
            "line 8: voucher is empty, and the map gives no id column", "line 9: repeats line 2 (voucher 'C1')",
            "nothing imported: 7 problems"])
    }

    func testAHeaderThatLacksAMappedColumnNamesTheColumnsItHas() {
        let cli = ledger()
        let map = write("voucher = 支付凭证号\nproject = 项目编码\namount = 金额\ndate = 日期\nsource := current\nskip = 1\n", "m.map", in: cli)
        let file = write("标题\n支付凭证号,项目代码,金额,日期\nX,P-TRAIN,1,2023-03-01\n", "f.csv", in: cli)
        refusedImport(cli, [file, "--map", map], ["line 2: the header row has no column '项目编码' for project (its columns: '支付凭证号', '项目代码', '金额', '日期')"])
    }

    func testAMapIsCheckedLineByLine() {
        let cli = ledger()
        let file = write("a\n1\n", "f.csv", in: cli)
        let map = write("voucher = 凭证\namount := 100\nproject = 项目\ncolour = red\ndate-format = MM/YY\nsource := current\ndate = 日期\ndate = 日\n", "bad.map", in: cli)
        refusedImport(cli, [file, "--map", map], [
            "bad.map line 2: amount differs row by row", "bad.map line 4: unknown field or setting 'colour'",
            "bad.map line 5: date-format 'MM/YY'", "bad.map line 8: date is mapped twice"])
        let noKey = write("project = 项目\namount = 金额\ndate = 日期\nsource := current\n", "nokey.map", in: cli)
        refusedImport(cli, [file, "--map", noKey], ["the map gives neither id nor voucher"])
        refusedImport(cli, [file, "--map", noKey, "--format", "csv"], ["--format and --map cannot be given together"], status: 2)
    }

    func testAmountsIn万元AndTextDatesInTheMapsFormat() throws {
        let cli = ledger()
        let map = write("id = 编号\nproject := P-TRAIN\namount = 金额(万元)\ndate = 日期\nsource := current\namount-unit = 万元\ndate-format = DD/MM/YYYY\n", "m.map", in: cli)
        let file = write("编号,金额(万元),日期\nw1,5.342,01/03/2023\nw2,0.0000005,02/03/2023\nw3,3.395万元,03/03/2023\nw4,12元,04/03/2023\n", "f.csv", in: cli)
        cli.ok(["import", file, "--map", map])
        // 5.342万 is 53,420.00; half a fen rounds up to one; a cell's own unit wins over the map's.
        XCTAssertEqual(try payments(cli).map { $0.components(separatedBy: #""amount":""#)[1].prefix { $0 != "\"" } }, ["53420.00", "0.01", "33950.00", "12.00"])
        XCTAssertTrue(try payments(cli)[0].contains(#""date":"2023-03-01""#))
    }

    func testAFileThatIsNoWorkbookOrTextIsRefusedWithOneReason() throws {
        let cli = ledger()
        let map = write(Self.treasuryMap, "treasury.map", in: cli)
        let xls = cli.directory.path("old.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: URL(fileURLWithPath: xls))
        refusedImport(cli, [xls, "--map", map], ["is an Excel 97–2003 .xls workbook, which is not read; save it as .xlsx"])
        refusedImport(cli, [Self.fixture("treasury-openpyxl.xlsx")], ["is an .xlsx workbook: give --map MAPFILE"], status: 2)
        // A workbook cut short, or with damaged bytes, is named as such: never a crash.
        let whole = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("treasury-openpyxl.xlsx")))
        let cut = cli.directory.path("cut.xlsx")
        try whole.prefix(whole.count - 200).write(to: URL(fileURLWithPath: cut))
        refusedImport(cli, [cut, "--map", map], ["'\(cut)': the workbook cannot be read"])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var bytes = [UInt8](whole)
            for _ in 0..<Int.random(in: 1...6, using: &generator) { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            let path = cli.directory.path("flipped.xlsx")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let before = FileManager.default.contents(atPath: cli.journal)
            let result = cli.run(["import", path, "--map", map])
            if result.status != 0 {
                XCTAssertEqual(result.status, 1, result.stderr)
                XCTAssertTrue(result.stderr.hasPrefix("budget: error: "), result.stderr)
                XCTAssertEqual(FileManager.default.contents(atPath: cli.journal), before)
            }
        }
    }

    func testAGB18030FileReadAsUTF8NamesTheLineAndTheFix() {
        let cli = ledger()
        let map = write(Self.treasuryMap + "\nencoding = utf-8\n", "treasury.map", in: cli)
        refusedImport(cli, [Self.fixture("treasury-gb18030.csv"), "--map", map], ["line 1: is not valid UTF-8", "encoding = gb18030"])
    }

    func testSpreadsheetSerialDates() {
        XCTAssertEqual(SerialDate.date("44986", date1904: false)?.text, "2023-03-01")
        XCTAssertEqual(SerialDate.date("45250.75", date1904: false)?.text, "2023-11-20")
        func day(_ serial: String, _ date1904: Bool = false) -> [Int]? { SerialDate.day(serial, date1904: date1904).map { [$0.year, $0.month, $0.day] } }
        XCTAssertEqual(day("1"), [1900, 1, 1])
        XCTAssertEqual(day("59"), [1900, 2, 28])
        XCTAssertNil(day("60"), "Excel's 29 February 1900 never was")
        XCTAssertEqual(day("61"), [1900, 3, 1])
        XCTAssertEqual(day("0", true), [1904, 1, 1])
        XCTAssertEqual(day("2958465"), [9999, 12, 31])
        XCTAssertEqual(SerialDate.date("43524", date1904: true)?.text, "2023-03-01")
        XCTAssertNil(SerialDate.date("-3", date1904: false))
        XCTAssertNil(SerialDate.date("1e5", date1904: false))
    }

    func testAmountsAreReadExactlyAndRoundedHalfUpAtTheFen() {
        func fen(_ text: String, _ unit: ImportMap.AmountUnit = .yuan) -> Int64? { try? DecimalAmount.fen(text, unit: unit).get() }
        XCTAssertEqual(fen("53420.099999999999"), 5_342_010)   // a spreadsheet's double for 53420.10
        XCTAssertEqual(fen("0.005"), 1)
        XCTAssertEqual(fen("0.0049999"), 0)
        XCTAssertEqual(fen("1.5E-2"), 2)
        XCTAssertEqual(fen("1.2345E3"), 123_450)
        XCTAssertEqual(fen("12,345.67"), 1_234_567)
        XCTAssertEqual(fen("5.342", .wan), 5_342_000)
        XCTAssertEqual(fen("0.0000005", .wan), 1)
        XCTAssertNil(fen("1,,000"))
        XCTAssertNil(fen("12.3.4"))
        XCTAssertNil(fen("-1"))
        XCTAssertNil(fen("1e400"))
        XCTAssertNil(fen("99999999999999999999"))
    }

    func testAnIdMadeFromAVoucherIsAValidIdAndTellsVouchersApart() {
        XCTAssertEqual(VoucherKey.id("2023-0301-001"), "v-2023-0301-001")
        let vouchers = ["财预〔2023〕1号", "a_b", "a_5Fb", "a b", "a/b", String(repeating: "长", count: 40), String(repeating: "长", count: 40) + "x"]
        let ids = vouchers.map(VoucherKey.id)
        XCTAssertEqual(Set(ids).count, vouchers.count, "\(ids)")
        for id in ids { XCTAssertNil(Identifier.problem(with: id), id) }
        XCTAssertEqual(ids[1], "v-a_5Fb")
    }
}

/// Found in review: files that read as something other than what they show.
final class MappedImportReviewTests: XCTestCase {
    func ledger() -> (LedgerCLI, String) {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "P-TRAIN", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"])
        cli.ok(["approve", "P-TRAIN", "100000", "--source", "current", "--date", "2023-01-05"])
        let map = cli.directory.path("m.map")
        try! "voucher = 凭证号\nproject = 项目\namount = 金额\ndate = 日期\npayee = 收款人\nsource := current\n".write(toFile: map, atomically: false, encoding: .utf8)
        return (cli, map)
    }

    func file(_ cli: LedgerCLI, _ text: String) -> String {
        let path = cli.directory.path("f\(text.hashValue & 0xffff).csv")
        try! text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func testAPayeeCalled合计IsAPaymentAndATotalRowIsOnlyALabelledOne() throws {
        let (cli, map) = ledger()
        let csv = file(cli, "凭证号,项目,金额,日期,收款人\nA1,P-TRAIN,100,2023-03-01,甲\nA2,P-TRAIN,100,2023-03-01,合计\nA3,P-TRAIN,5,2023-03-01,乙\n合计,,205,,\n")
        XCTAssertEqual(cli.ok(["import", csv, "--map", map]), "imported 3 payments as #3–#5\n")
    }

    func testTheSameVoucherTwiceInOneFileIsAProblemNotOnePayment() {
        let (cli, map) = ledger()
        let csv = file(cli, "凭证号,项目,金额,日期,收款人\nA1,P-TRAIN,100,2023-03-01,甲\nA1,P-TRAIN,100,2023-03-01,甲\n合计,,200,,\n")
        let result = cli.run(["import", csv, "--map", map])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("line 3: repeats line 2 (voucher 'A1'): each payment is one row"), result.stderr)
    }

    func testADecimalCommaIsRefusedAndADateRunTogetherNeedsAllItsDigits() {
        func fen(_ text: String) -> Int64? { try? DecimalAmount.fen(text, unit: .yuan).get() }
        XCTAssertNil(fen("1,5"))
        XCTAssertNil(fen("12,34.5"))
        XCTAssertNil(fen("1,.5"))
        XCTAssertNil(fen("1,2345"))
        XCTAssertEqual(fen("1,234.5"), 123_450)
        XCTAssertEqual(fen("12,345,678"), 1_234_567_800)
        XCTAssertNil(DateFormat("YYYYMMDD")!.date("2023111"))
        XCTAssertEqual(DateFormat("YYYYMMDD")!.date("20231101")?.text, "2023-11-01")
        XCTAssertEqual(DateFormat("YYYY/M/D")!.date("2023/3/1")?.text, "2023-03-01")
    }

    func testAHiddenSheetIsNotReadAndAThousandCommentsDoNotCrash() {
        let (cli, _) = ledger()
        let map = cli.directory.path("h.map")
        try! "voucher = 支付凭证号\nproject = 预算项目编码\namount = 支付金额\ndate = 支付日期\nsource := current\n".write(toFile: map, atomically: false, encoding: .utf8)
        XCTAssertEqual(cli.ok(["import", MappedImportTests.fixture("hidden-first-sheet.xlsx"), "--map", map]), "imported 1 payment as #3–#3\n")
        XCTAssertTrue((try? String(contentsOfFile: cli.journal, encoding: .utf8))?.contains(#""voucher":"V1""#) == true)
        let treasury = cli.directory.path("t.map")
        try! MappedImportTests.treasuryMap.write(toFile: treasury, atomically: false, encoding: .utf8)
        let bomb = cli.run(["import", MappedImportTests.fixture("comment-bomb.xlsx"), "--map", treasury])
        XCTAssertTrue(bomb.status == 0 || bomb.stderr.hasPrefix("budget: error: "), bomb.stderr)
    }
}
