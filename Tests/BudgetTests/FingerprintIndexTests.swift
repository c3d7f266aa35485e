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

    /// A table made for a batch's rows holds them all in the room it was made with, never
    /// growing, and finds what a table grown step by step finds.
    func testATableMadeForABatchHoldsItWithoutGrowing() {
        for rows in [1, 768, 769, 100_000] {
            var reserved = FingerprintIndex(reservingCapacity: rows), grown = FingerprintIndex()
            let capacity = reserved.capacity
            XCTAssertGreaterThanOrEqual(capacity * 3, rows * 4)
            var random = SplitMix64(seed: UInt64(rows))
            var fingerprints: [UInt64] = []
            for row in 0..<rows {
                let fingerprint = random.next() >> UInt64(random.next(40))
                fingerprints.append(fingerprint)
                reserved.insert(fingerprint, row)
                grown.insert(fingerprint, row)
            }
            XCTAssertEqual(reserved.capacity, capacity, "\(rows) rows")
            for fingerprint in fingerprints.prefix(2_000) { XCTAssertEqual(reserved.values(fingerprint), grown.values(fingerprint)) }
        }
        XCTAssertEqual(FingerprintIndex(reservingCapacity: 0).capacity, 0)
    }

    /// A search that inserts when it finds nothing gives what a search then an insert gives,
    /// and leaves the same values behind, through the table's growth: a value is inserted only
    /// when no value under its fingerprint passes the test (here: the same key, value mod 7).
    func testASearchThatInsertsIsASearchThenAnInsert() {
        var random = SplitMix64(seed: 12)
        var oneProbe = FingerprintIndex(), twoSteps = FingerprintIndex()
        for value in 0..<30_000 {
            let fingerprint = UInt64(random.next(value < 5_000 ? 400 : 1 << 20))
            let key = random.next(7)
            let same: (Int) -> Bool = { $0 % 7 == key }
            let expected = twoSteps.firstValue(fingerprint, where: same)
            if expected == nil { twoSteps.insert(fingerprint, value - value % 7 + key) }
            XCTAssertEqual(oneProbe.firstValue(fingerprint, where: same, elseInserting: value - value % 7 + key), expected, "\(value)")
            XCTAssertEqual(oneProbe.count, twoSteps.count)
        }
        for fingerprint in 0..<400 as Range<UInt64> { XCTAssertEqual(oneProbe.values(fingerprint), twoSteps.values(fingerprint)) }
        XCTAssertGreaterThan(oneProbe.count, 10_000)
        XCTAssertLessThan(oneProbe.count, 30_000)
    }
}
