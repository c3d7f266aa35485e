import XCTest
@testable import BudgetProjections

final class FingerprintIndexTests: XCTestCase {
    /// Every value is found under its fingerprint, and only there, however often fingerprints
    /// repeat and however many times the table grows; a fingerprint never inserted finds none.
    func testValuesAreFoundUnderTheirFingerprintsThroughGrowth() {
        var random = SplitMix64(seed: 11)
        var index = FingerprintIndex()
        var model: [UInt64: [Int]] = [:]
        for value in 0..<20_000 {
            // Few distinct fingerprints at first, so that many share one; then mostly new ones,
            // some alike in their low bits.
            let fingerprint = value < 2_000 ? UInt64(random.next(300)) : UInt64(random.next(1 << 30)) << (value % 2 == 0 ? 32 : 0)
            index.insert(fingerprint, value)
            model[fingerprint, default: []].append(value)
            if value % 997 == 0 || value == 19_999 {
                for (fingerprint, values) in model {
                    XCTAssertEqual(index.values(fingerprint), values, "\(fingerprint) after \(value + 1)")
                }
                XCTAssertEqual(index.count, value + 1)
            }
        }
        for (fingerprint, values) in model.prefix(200) {
            var seen: [Int] = []
            index.forEachValue(fingerprint) { seen.append($0) }
            XCTAssertEqual(seen.sorted(), values)
            XCTAssertEqual(index.firstValue(fingerprint) { $0 == values.last! }, values.last)
            XCTAssertNil(index.firstValue(fingerprint) { _ in false })
        }
        XCTAssertEqual(index.values(UInt64.max - 5), [])
        XCTAssertEqual(FingerprintIndex().values(0), [])
    }
}
