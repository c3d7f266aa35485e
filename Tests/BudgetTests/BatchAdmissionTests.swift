import XCTest
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections

/// The batch paths an import takes give exactly what the one-at-a-time paths give.
final class BatchAdmissionTests: XCTestCase {
    /// A book with two projects, budgets on a few dates, and a keyed approval.
    static func book(retainingPayments: Bool) -> LedgerBook {
        var book = LedgerBook(retainingPayments: retainingPayments)
        let entries: [(String?, String, EventBody)] = [
            (nil, "2023-01-01", Fixture.register("p")), (nil, "2023-03-01", Fixture.register("q")),
            ("grant", "2023-01-02", Fixture.approve("p", "20000")), (nil, "2023-06-01", Fixture.approve("p", "3000")),
            (nil, "2023-03-02", Fixture.approve("q", "6000", .other)),
        ]
        for (key, date, body) in entries {
            guard case .append(let event)? = try? book.admit(EventDraft(key: key, date: Fixture.date(date), body: body), recorded: "r") else {
                XCTFail("setup"); continue
            }
            book.recordAdmitted(event)
        }
        return book
    }

    /// Random payments, many of them bad in every way admission knows: unknown projects, dates
    /// outside the year or before registration, overspending on some date, a source never
    /// approved, a key already used by an approval, a key used twice.
    static func drafts(_ count: Int, seed: UInt64) -> [PaymentDraft] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let project = ["p", "p", "q", "nope"][random.next(4)]
            let date = BusinessDate(year: random.next(10) == 0 ? 2024 : 2023, month: random.next(12) + 1, day: random.next(28) + 1)!
            let key = random.next(20) == 0 ? "grant" : random.next(20) == 0 ? "k-\(index / 2)" : "k-\(index)"
            let payment = Disbursement(project: project, source: FundSource.allCases[random.next(3)],
                                       amount: Money(fen: Int64(random.next(40_000)) + 1), payee: random.next(2) == 0 ? "厦门大学" : nil)
            return PaymentDraft(key: key, date: date, payment: payment)
        }
    }

    /// A batch admits each payment as `admit` would if it were recorded alone after those before
    /// it; a key used again within the batch is the batch's own business: the same payment again
    /// is a repeat of its first row, another payment under the key is refused.
    func testABatchAdmitsExactlyAsOneAtATime() {
        for retaining in [false, true] {
            for seed in 1...6 as ClosedRange<UInt64> {
                let drafts = Self.drafts(400, seed: seed)
                var single = Self.book(retainingPayments: retaining)
                var expected: [String] = []
                var firstOfKey: [String: Int] = [:]
                for (index, draft) in drafts.enumerated() {
                    if let first = firstOfKey[draft.key] {
                        expected.append(drafts[first] == draft ? "repeats \(first)" : "key reused \(first)")
                        continue
                    }
                    firstOfKey[draft.key] = index
                    do {
                        let admission = try single.admit(draft.draft, recorded: "r", lookup: InMemoryEvents([]))
                        if case .append(let event) = admission { single.recordAdmitted(event) }
                        expected.append(Self.describe(.admitted(admission)))
                    } catch {
                        expected.append(Self.describe(.refused(error)))
                    }
                }
                var batch = Self.book(retainingPayments: retaining)
                var got: [String] = []
                batch.admitPayments(drafts, recorded: "r", lookup: InMemoryEvents([])) { index, outcome in
                    XCTAssertEqual(index, got.count)
                    got.append(Self.describe(outcome))
                }
                XCTAssertEqual(got, expected, "seed \(seed), retaining \(retaining)")
                let appended = expected.filter { $0.hasPrefix("append") }.count
                XCTAssertGreaterThan(appended, 50, "the batch admits some")
                XCTAssertGreaterThan(drafts.count - appended, 50, "and refuses some")
                XCTAssertGreaterThan(expected.filter { $0.hasPrefix("key reused") }.count, 0, "and meets keys used twice")
                // The books agree afterwards: the same head, and the same balances on every date.
                XCTAssertEqual(batch.headSeq, single.headSeq)
                for project in ["p", "q"] {
                    XCTAssertEqual(batch.projects[project]?.balances, single.projects[project]?.balances, project)
                    XCTAssertEqual(batch.projects[project]?.grossFen, single.projects[project]?.grossFen, project)
                }
            }
        }
    }

    static func describe(_ outcome: BatchOutcome) -> String {
        switch outcome {
        case .admitted(.append(let event)): return "append #\(event.seq) \(event.id)"
        case .admitted(.alreadyRecorded(let event)): return "already #\(event.seq)"
        case .refused(let rejection): return "refused: \(rejection.message)"
        case .repeats(let first): return "repeats \(first)"
        case .keyReused(let first): return "key reused \(first)"
        }
    }

    /// Balances noted during a fold and settled at its end equal those recorded one by one.
    func testSettledTimelinesEqualRecordedOnes() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<50 {
            var recorded = BalanceTimeline(), settled = BalanceTimeline()
            for seq in 1...Int64(random.next(300) + 1) {
                let date = BusinessDate(year: 2023, month: random.next(12) + 1, day: random.next(28) + 1)!
                let fen = Int64(random.next(20_000)) - 10_000
                recorded.record(fen, on: date, seq: seq)
                // Some recorded at once, some noted: a fold may meet a timeline both ways.
                if random.next(4) == 0 { settled.record(fen, on: date, seq: seq) } else { settled.recordLater(fen, on: date, seq: seq) }
                if random.next(50) == 0 { settled.settle() }
            }
            settled.settle()
            XCTAssertEqual(settled.dates, recorded.dates)
            XCTAssertEqual(settled.balanceFen, recorded.balanceFen)
            XCTAssertEqual(settled.lastSeq, recorded.lastSeq)
        }
    }

    /// A timeline recorded movement by movement, in runs of one date (where the last date is
    /// tried first) broken by earlier and later dates, holds each date's balance as summing every
    /// movement on or before it gives, and each date's last seq.
    func testRecordedTimelinesHoldTheRunningBalanceOfEveryDate() {
        var random = SplitMix64(seed: 17)
        for _ in 0..<50 {
            var timeline = BalanceTimeline()
            var moves: [(date: BusinessDate, fen: Int64, seq: Int64)] = []
            var date = BusinessDate(year: 2023, month: 6, day: 15)!
            for seq in 1...Int64(random.next(300) + 1) {
                // Mostly the date before; now and then any date of the year, before or after.
                if random.next(5) == 0 { date = BusinessDate(year: 2023, month: random.next(12) + 1, day: random.next(28) + 1)! }
                let fen = Int64(random.next(20_000)) - 10_000
                timeline.record(fen, on: date, seq: seq)
                moves.append((date, fen, seq))
            }
            let dates = Array(Set(moves.map(\.date))).sorted()
            XCTAssertEqual(timeline.dates, dates)
            XCTAssertEqual(timeline.balanceFen, dates.map { day in moves.filter { $0.date <= day }.reduce(0) { $0 + $1.fen } })
            XCTAssertEqual(timeline.lastSeq, dates.map { day in moves.filter { $0.date == day }.map(\.seq).max()! })
        }
    }

    /// The key index finds every key whether its entries came from a checkpoint, were absorbed
    /// one by one, or were sorted in; a key never recorded is not found.
    func testTheKeyIndexFindsKeysHoweverTheyCame() throws {
        var summary = JournalSummary()
        var random = SplitMix64(seed: 3)
        var offset: Int64 = 0
        var events: [Event] = []
        for seq in Int64(1)...3_000 {
            // Some keys repeat, as a retried reversal of a key would on a real journal's fingerprint.
            let id = random.next(3) == 0 ? "@\(seq)" : "key-\(random.next(2_500))"
            events.append(Event(seq: seq, id: id, date: Fixture.date("2023-05-01"), recorded: "r", body: Fixture.register("p\(seq)")))
        }
        for event in events.prefix(2_000) {
            offset += 100
            summary.absorb(event, endingAt: JournalPosition(head: JournalHead(seq: event.seq, hash: .zero), offset: offset))
        }
        summary.settleKeyIndex()
        let decoded = try XCTUnwrap(CheckpointFixture.decode(CheckpointFixture.encode(summary)))
        XCTAssertEqual(try decoded.contents(), try summary.contents())
        var grown = decoded
        for event in events.dropFirst(2_000) {
            offset += 100
            grown.absorb(event, endingAt: JournalPosition(head: JournalHead(seq: event.seq, hash: .zero), offset: offset))
        }
        for candidate in [grown, try XCTUnwrap(CheckpointFixture.decode(CheckpointFixture.encode(grown)))] {
            for event in events where !event.id.hasPrefix("@") {
                XCTAssertTrue(try candidate.candidateSeqs(forKey: event.id).contains(event.seq), event.id)
            }
            XCTAssertEqual(try candidate.candidateSeqs(forKey: "never-used"), [])
        }
    }

    /// Our UTF-8 check agrees with the standard library's on random bytes and on the edges of
    /// every multi-byte form.
    func testTheUTF8CheckAgreesWithTheStandardLibrary() {
        var random = SplitMix64(seed: 21)
        var cases: [[UInt8]] = [[0xC2, 0x80], [0xC1, 0xBF], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
                                [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
                                [0xF5, 0x80, 0x80, 0x80], [0xE4, 0xB8], [0x80], Array("厦门大学 ok".utf8)]
        for _ in 0..<20_000 {
            cases.append((0..<random.next(8)).map { _ in
                // Mostly bytes near the boundaries that matter.
                [UInt8(random.next(0x80)), 0x80 + UInt8(random.next(0x40)), 0xC0 + UInt8(random.next(0x40))][random.next(3)]
            })
        }
        for bytes in cases {
            bytes.withUnsafeBufferPointer { buffer in
                XCTAssertEqual(UTF8Bytes.isValid(buffer), String(validating: buffer, as: UTF8.self) != nil, "\(bytes)")
            }
        }
    }

    /// A draft's project number is a hint, checked against the project it finds: drafts whose
    /// numbers mislead (one number for two projects, a number another reader gave another
    /// project, numbers past any slot) are admitted exactly as drafts without numbers.
    func testProjectNumbersAreHintsCheckedAgainstTheProject() {
        for seed in 1...4 as ClosedRange<UInt64> {
            let drafts = Self.drafts(400, seed: seed)
            var random = SplitMix64(seed: seed + 100)
            let misleading = drafts.map { draft in
                PaymentDraft(key: draft.key, date: draft.date, payment: draft.payment,
                             projectNumber: [0, 1, 2, -1, 7, ProjectPositions.numbersKeptMax][random.next(6)])
            }
            var plain = Self.book(retainingPayments: false)
            var hinted = Self.book(retainingPayments: false)
            var expected: [String] = [], got: [String] = []
            plain.admitPayments(drafts, recorded: "r", lookup: InMemoryEvents([])) { _, outcome in expected.append(Self.describe(outcome)) }
            hinted.admitPayments(misleading, recorded: "r", lookup: InMemoryEvents([])) { _, outcome in got.append(Self.describe(outcome)) }
            XCTAssertEqual(got, expected, "seed \(seed)")
            XCTAssertGreaterThan(expected.filter { $0.hasPrefix("append") }.count, 50)
            for project in ["p", "q"] {
                XCTAssertEqual(hinted.projects[project]?.balances, plain.projects[project]?.balances, project)
                XCTAssertEqual(hinted.projects[project]?.grossFen, plain.projects[project]?.grossFen, project)
            }
        }
    }
}
