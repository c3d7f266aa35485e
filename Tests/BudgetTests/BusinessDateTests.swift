import XCTest
@testable import BudgetModel

final class BusinessDateTests: XCTestCase {
    func testOnlyRealDatesParse() {
        XCTAssertNotNil(BusinessDate("2023-02-28"))
        XCTAssertNil(BusinessDate("2023-02-29"))
        XCTAssertNotNil(BusinessDate("2024-02-29"))
        XCTAssertNil(BusinessDate("2100-02-29"))      // not a leap year: divisible by 100
        XCTAssertNil(BusinessDate("2023-02-30"))
        XCTAssertNil(BusinessDate("2023-04-31"))
        XCTAssertNil(BusinessDate("2023-13-01"))
        XCTAssertNil(BusinessDate("2023-00-10"))
        XCTAssertNil(BusinessDate("2023-1-10"))
        XCTAssertNil(BusinessDate("2023/01/10"))
        XCTAssertNil(BusinessDate("1989-12-31"))      // before the years the ledger accepts
        XCTAssertNil(BusinessDate("２０２３-01-01"))
    }

    func testOrderTextAndDayOfYear() throws {
        let a = try XCTUnwrap(BusinessDate("2023-03-01"))
        let b = try XCTUnwrap(BusinessDate("2023-12-31"))
        XCTAssertLessThan(a, b)
        XCTAssertEqual(a.text, "2023-03-01")
        XCTAssertEqual(a.dayOfYear, 31 + 28)
        XCTAssertEqual(b.dayOfYear, 364)
    }
}
