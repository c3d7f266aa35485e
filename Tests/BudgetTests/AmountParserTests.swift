import XCTest
@testable import BudgetModel

final class AmountParserTests: XCTestCase {
    func fen(_ text: String, signed: Bool = false) throws -> Int64 {
        try AmountParser.parse(text, signed: signed).fen
    }

    func testTheWaysPeopleWriteYuan() throws {
        XCTAssertEqual(try fen("1234.5"), 123_450)
        XCTAssertEqual(try fen("1,234.50"), 123_450)
        XCTAssertEqual(try fen("1234.50元"), 123_450)
        XCTAssertEqual(try fen("0.01"), 1)
        XCTAssertEqual(try fen("534253.73"), 53_425_373)
        XCTAssertEqual(try fen("1,000,000"), 100_000_000)
    }

    func testWanMovesTheDecimalPointFourPlaces() throws {
        XCTAssertEqual(try fen("53.42万"), 53_420_000)       // 534,200.00 yuan
        XCTAssertEqual(try fen("0.95万"), 950_000)
        XCTAssertEqual(try fen("64.7242万元"), 64_724_200)
        XCTAssertEqual(try fen("0.000001万"), 1)             // six decimals of 万 is one fen
    }

    func testSignsOnlyWhereAllowed() throws {
        XCTAssertEqual(try fen("-11.23万", signed: true), -11_230_000)
        XCTAssertEqual(try fen("+524.54万", signed: true), 524_540_000)
        XCTAssertThrowsError(try fen("-5")) { XCTAssertEqual($0 as? AmountParser.Failure, .signNotAllowed("-5")) }
    }

    func testMalformedAmountsAreRefusedWithTheReason() {
        XCTAssertEqual(failure("12.345"), .tooManyDecimals("12.345", allowed: 2))
        XCTAssertEqual(failure("1.0000001万"), .tooManyDecimals("1.0000001万", allowed: 6))
        XCTAssertEqual(failure("1,23.00"), .misplacedGrouping("1,23.00"))
        XCTAssertEqual(failure("1234,567"), .misplacedGrouping("1234,567"))
        XCTAssertEqual(failure(""), .empty)
        for text in ["12a", "abc", ".5", "5.", "1.2.3", "万", "1e5", " 5", "５"] {
            XCTAssertEqual(failure(text), .notANumber(text), text)
        }
    }

    func testTheLimitAndOnePastIt() throws {
        XCTAssertEqual(try fen("1000000000000.00"), Limits.amountFenMax)
        XCTAssertEqual(failure("1000000000000.01"), .tooLarge("1000000000000.01"))
        XCTAssertEqual(failure("99999999999999999999"), .tooLarge("99999999999999999999"))
        XCTAssertEqual(try fen("100000000万"), Limits.amountFenMax)           // 一万亿元 exactly
        XCTAssertEqual(failure("100000000.000001万"), .tooLarge("100000000.000001万"))
    }

    func failure(_ text: String) -> AmountParser.Failure? {
        do { _ = try AmountParser.parse(text); return nil } catch { return error }
    }

    func testPrintingYuanAndWan() {
        XCTAssertEqual(Money(fen: 53_425_373).yuanText, "534253.73")
        XCTAssertEqual(Money(fen: -5).yuanText, "-0.05")
        XCTAssertEqual(Money(fen: 185_580_000).wanText, "185.58")
        XCTAssertEqual(Money(fen: 64_724_200).wanText, "64.72")
        XCTAssertEqual(Money(fen: 64_725_000).wanText, "64.73")    // half-up
        XCTAssertEqual(Money(fen: 185_580_000).groupedYuanText, "1,855,800.00")
        XCTAssertEqual(Money(fen: -123_456_789).groupedYuanText, "-1,234,567.89")
    }
}
