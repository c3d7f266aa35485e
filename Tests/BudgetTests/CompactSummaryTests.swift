import XCTest
@testable import BudgetModel
@testable import BudgetJournal

/// A summary keeps its totals as numbers and compares a checkpoint's key pages a few at a time:
/// what it gives back is what it took in, and a difference anywhere is still seen.
final class CompactSummaryTests: XCTestCase {
    static let codes: [(String?, String?)] = [(nil, nil), ("30211", nil), ("30201", "20101"), (nil, "20101"), ("30211", "20801")]

    /// Payments of two projects over many dates, sources and classification codes, some with a
    /// client id and a voucher: enough keys for several checkpoint pages.
    static func events(count: Int, seed: UInt64, renaming renamed: Int64? = nil) -> [Event] {
        var random = SplitMix64(seed: seed)
        return (1...Int64(count)).map { seq in
            let (economic, functional) = codes[random.next(codes.count)]
            let date = BusinessDate(year: 2022 + random.next(2), month: random.next(12) + 1, day: random.next(28) + 1)!
            let source = FundSource.allCases[random.next(FundSource.allCases.count)]
            let payment = Disbursement(project: random.next(2) == 0 ? "p" : "q", source: source, amount: Money(fen: Int64(random.next(100_000) + 1)),
                                       voucher: seq % 3 == 0 ? "V\(seq)" : nil, economicClass: economic, functionalClass: functional)
            let id = seq % 2 == 0 ? (seq == renamed ? "other-\(seq)" : "k-\(seq)") : "@\(seq)"
            return Event(seq: seq, id: id, date: date, recorded: "2024-01-01T00:00:00Z", body: .disbursed(payment))
        }
    }

    /// Every total a part gives back names the project, source, date and codes it was summed
    /// under, with the sum, count and last seq of exactly the payments that match them.
    func testTotalsComeBackWithTheirKeysAndSums() {
        let events = Self.events(count: 3_000, seed: 5)
        let summary = CheckpointTests.summary(of: events)
        for project in ["p", "q"] {
            var expected: [PaymentTotal.Key: (fen: Int64, count: Int, last: Int64)] = [:]
            for event in events {
                guard case .disbursed(let payment) = event.body, payment.project == project else { continue }
                let key = PaymentTotal.Key(project: project, source: payment.source, date: event.date,
                                           economicClass: payment.economicClass, functionalClass: payment.functionalClass)
                let before = expected[key] ?? (0, 0, 0)
                expected[key] = (before.fen + payment.amount.fen, before.count + 1, event.seq)
            }
            let totals = (try? summary.part(of: project))??.totals ?? []
            XCTAssertEqual(totals.count, expected.count, project)
            XCTAssertEqual(totals.map(\.lastSeq), totals.map(\.lastSeq).sorted(), "in the order of their last payments")
            for total in totals {
                let sums = expected[total.key]
                XCTAssertEqual(sums?.fen, total.amount.fen, "\(total.key)")
                XCTAssertEqual(sums?.count, total.count, "\(total.key)")
                XCTAssertEqual(sums?.last, total.lastSeq, "\(total.key)")
            }
        }
    }

    /// Parts equal whatever order their codes were first met in; a cent anywhere makes them differ.
    func testPartsCompareByWhatTheyHoldNotByTheOrderCodesCameIn() throws {
        let events = Self.events(count: 400, seed: 8)
        let forward = CheckpointTests.summary(of: events)
        // The checkpoint lists totals by last seq, so its parts number the codes in another order.
        let decoded = try XCTUnwrap(CheckpointFixture.decode(CheckpointFixture.encode(forward)))
        for project in ["p", "q"] {
            XCTAssertEqual(try decoded.part(of: project), try forward.part(of: project), project)
        }
        var changed = events
        guard case .disbursed(let payment) = changed[123].body else { return XCTFail("a payment") }
        changed[123] = Event(seq: changed[123].seq, id: changed[123].id, date: changed[123].date, recorded: changed[123].recorded,
                             body: .disbursed(Disbursement(project: payment.project, source: payment.source, amount: Money(fen: payment.amount.fen + 1),
                                                           voucher: payment.voucher, economicClass: payment.economicClass,
                                                           functionalClass: payment.functionalClass)))
        let other = CheckpointTests.summary(of: changed)
        XCTAssertNotEqual(try other.part(of: payment.project), try forward.part(of: payment.project))
    }

    /// A checkpoint's key and voucher pages are compared with a replay's page by page: the same
    /// keys agree, and one key renamed, one missing or one extra is a difference.
    func testKeyPagesAreComparedWithAReplaysKeys() throws {
        let events = Self.events(count: 5_000, seed: 13)
        let summary = CheckpointTests.summary(of: events)
        let checkpoint = try XCTUnwrap(CheckpointFixture.decode(CheckpointFixture.encode(summary)))
        XCTAssertGreaterThan(summary.keyIndex.count, 2 * Checkpoint.keyEntriesPerPage, "keys over several pages")
        XCTAssertTrue(try checkpoint.sameIndexes(as: summary))
        XCTAssertTrue(try summary.sameIndexes(as: checkpoint))
        let renamed = CheckpointTests.summary(of: Self.events(count: 5_000, seed: 13, renaming: 4_000))
        XCTAssertFalse(try checkpoint.sameIndexes(as: renamed))
        XCTAssertFalse(try checkpoint.sameIndexes(as: CheckpointTests.summary(of: Array(events.dropLast(2)))), "a key fewer")
        let longer = CheckpointTests.summary(of: Self.events(count: 5_002, seed: 13))
        XCTAssertFalse(try checkpoint.sameIndexes(as: longer), "keys more")
    }

    /// A checkpoint whose keys differ from a replay's and whose last key page is damaged is
    /// refused for the damage, wherever the difference lies: every page is read and checked,
    /// not only those up to the first difference.
    func testEveryKeyPageIsCheckedEvenPastADifference() throws {
        let events = Self.events(count: 5_000, seed: 13)
        let bytes = CheckpointFixture.encode(CheckpointTests.summary(of: events))
        let image = try XCTUnwrap(CheckpointFixture.image(bytes))
        let lastKeyPage = try XCTUnwrap(image.pages.last { $0.kind == .keys })
        var damaged = bytes
        damaged[Int(lastKeyPage.offset) + 5] ^= 0x04
        let checkpoint = JournalSummary(base: try XCTUnwrap(CheckpointFixture.image(damaged)))
        // A key renamed whose old and new entries both lie on pages ahead of the damaged one.
        let seq = try XCTUnwrap(stride(from: Int64(2), through: 5_000, by: 2).first { seq in
            [JournalSummary.fingerprint(of: "k-\(seq)"), JournalSummary.fingerprint(of: "other-\(seq)")].allSatisfy { $0 < lastKeyPage.firstKey }
        })
        let renamed = CheckpointTests.summary(of: Self.events(count: 5_000, seed: 13, renaming: seq))
        XCTAssertThrowsError(try checkpoint.sameIndexes(as: renamed)) { XCTAssertTrue($0 is CheckpointUnusable, "\($0)") }
    }
}
