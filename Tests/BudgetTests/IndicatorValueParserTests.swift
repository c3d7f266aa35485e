import XCTest
@testable import BudgetModel
@testable import BudgetProjections

/// The parser of targets and actual values (年度指标值, 实际完成值): units, signs, 万, composite
/// values, qualitative text, and text it must refuse rather than guess.
final class IndicatorValueParserTests: XCTestCase {
    func decimal(_ millionths: Int128) -> ExactDecimal { ExactDecimal(millionths: millionths) }

    func parts(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [QuantityPart] {
        guard case .quantity(let parts) = IndicatorValueParser.parse(text) else {
            XCTFail("'\(text)' should be a quantity, is \(IndicatorValueParser.parse(text))", file: file, line: line)
            return []
        }
        return parts
    }

    func assertUnparseable(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        guard case .unparseable = IndicatorValueParser.parse(text) else {
            return XCTFail("'\(text)' should be unparseable, is \(IndicatorValueParser.parse(text))", file: file, line: line)
        }
    }

    func testEveryUnitOfTheFormsParses() {
        // 600本 → 600 with unit 本; each unit of the list, one by one.
        for unit in ["本", "套", "个", "人", "天", "台", "项", "公里", "元", "元/项", "元/天/人", "%"] {
            XCTAssertEqual(parts("12\(unit)"), [QuantityPart(value: decimal(12_000_000), unit: unit)], unit)
        }
        // Seen on the seed forms beyond the list: a price per person-day, per year, per device.
        XCTAssertEqual(parts("180000元/年").first?.unit, "元/年")
        XCTAssertEqual(parts("35000元/台").first?.unit, "元/台")
    }

    func testDecimalsAreExact() {
        // 534253.73 is 534253730000 millionths; 95894.6 is 95894600000.
        XCTAssertEqual(parts("534253.73元/项"), [QuantityPart(value: decimal(534_253_730_000), unit: "元/项")])
        XCTAssertEqual(parts("平均95894.6元"), [QuantityPart(label: "平均", value: decimal(95_894_600_000), unit: "元")])
        XCTAssertEqual(decimal(534_253_730_000).description, "534253.73")
    }

    func testWanMultipliesByTenThousand() {
        // 3.5万元 = 35000 元; 1.5万公里 = 15000 公里; 2万 (bare) = 20000 with no unit.
        XCTAssertEqual(parts("3.5万元"), [QuantityPart(value: decimal(35_000_000_000), unit: "元")])
        XCTAssertEqual(parts("1.5万公里"), [QuantityPart(value: decimal(15_000_000_000), unit: "公里")])
        XCTAssertEqual(parts("2万"), [QuantityPart(value: decimal(20_000_000_000), unit: nil)])
    }

    func testSigns() {
        XCTAssertEqual(parts("≥80%").first?.sign, .atLeast)
        XCTAssertEqual(parts("≤5%").first?.sign, .atMost)
        XCTAssertEqual(parts(">3个").first?.sign, .greater)
        XCTAssertEqual(parts("<3个").first?.sign, .less)
        XCTAssertEqual(parts("=5个").first?.sign, .equal)
        XCTAssertEqual(parts(">=80%").first?.sign, .atLeast)
        XCTAssertEqual(parts("<=5%").first?.sign, .atMost)
        XCTAssertNil(parts("600本").first?.sign)
        // Full-width forms read as ASCII: ＞８０％ is >80%.
        XCTAssertEqual(parts("＞８０％"), [QuantityPart(sign: .greater, value: decimal(80_000_000), unit: "%")])
    }

    func testCompositeValuesSplitIntoLabelledParts() {
        XCTAssertEqual(parts("区内510元/人天,区外530元/人天"), [
            QuantityPart(label: "区内", value: decimal(510_000_000), unit: "元/人天"),
            QuantityPart(label: "区外", value: decimal(530_000_000), unit: "元/人天"),
        ])
        // 、 separates too: form 3's 1人、1年.
        XCTAssertEqual(parts("1人、1年"), [QuantityPart(value: decimal(1_000_000), unit: "人"), QuantityPart(value: decimal(1_000_000), unit: "年")])
    }

    func testABareNumberHasNoUnit() {
        XCTAssertEqual(parts("0"), [QuantityPart(value: .zero, unit: nil)])
    }

    func testWordsWithoutDigitsAreQualitative() {
        for text in ["年底前全面完成", "着力破解", "长效", "进一步促进", "高质量完成"] {
            XCTAssertEqual(IndicatorValueParser.parse(text), .text, text)
        }
    }

    func testTextWithDigitsThatIsNoQuantityIsUnparseable() {
        assertUnparseable("2023年底")            // 2023年 then 底: text after the unit
        assertUnparseable("2023年12月")          // 年12月 is no unit
        assertUnparseable("2023年5月13日完")
        assertUnparseable("5斤")                 // a unit the parser does not know
        assertUnparseable("1.本")                // a decimal point with no digits after it
        assertUnparseable("1,,2个")              // an empty part
        assertUnparseable("1234567890123456本")  // 16 whole digits, over the 15 allowed
        assertUnparseable("0.1234567本")         // 7 decimals, over the 6 allowed
        assertUnparseable("")
    }

    func testTheLargestNumberAllowedStillParses() {
        // 15 nines with six decimals, then × 万: still exact in Int128.
        XCTAssertEqual(parts("999999999999999.999999万元").first?.value,
                       decimal(Int128(999_999_999_999_999_999_999) * 10_000))
    }
}
