import XCTest
import Foundation
@testable import BudgetCLI

/// A voucher repeated within one import file names the row that first carries it, in both
/// languages, not the event number the batch would have given that row.
final class ImportRowNamingTests: XCTestCase {
    func testARepeatedVoucherNamesTheEarlierRow() throws {
        let cli = LedgerCLI()
        cli.ok(["init"])
        cli.ok(["project", "add", "x-2023", "--name", "测试", "--year", "2023", "--department", "部门", "--unit", "单位", "--date", "2023-01-01"])
        cli.ok(["approve", "x-2023", "1000", "--source", "current", "--date", "2023-01-01"])
        let file = cli.directory.path("pay.csv")
        try "id,project,amount,source,date,voucher\na,x-2023,1,current,2023-01-02,VV\nb,x-2023,2,current,2023-01-02,VV\n"
            .write(toFile: file, atomically: false, encoding: .utf8)
        let before = FileManager.default.contents(atPath: cli.journal)
        XCTAssertEqual(cli.run(["import", file], environment: ["LANG": "C"]).stderr,
                       "budget: error: line 3: voucher 'VV' is already used on line 2 for another payment\nbudget: error: nothing imported: 1 problem\n")
        XCTAssertEqual(cli.run(["import", file], environment: ["LANG": "zh_CN.UTF-8"]).stderr,
                       "budget: 错误：第 3 行：支付凭证号“VV”已在第 2 行用于另一笔支出\nbudget: 错误：未导入任何数据：共 1 个问题\n")
        XCTAssertEqual(FileManager.default.contents(atPath: cli.journal), before)
    }
}
