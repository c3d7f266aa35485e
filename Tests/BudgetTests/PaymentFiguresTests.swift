import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections

/// A read that only sums and checks payments takes each payment line as its figures, not as an
/// event (`JournalScanner.scanFigures`). Everything it concludes must be what the events say.
final class PaymentFiguresTests: XCTestCase {
    /// The figures an event gives, as a reader of events would take them.
    static func figures(of event: Event) -> PaymentFigures? {
        guard case .disbursed(let payment) = event.body else { return nil }
        return PaymentFigures(seq: event.seq, date: event.date, project: payment.project, source: payment.source, amount: payment.amount,
                              economicClass: payment.economicClass, functionalClass: payment.functionalClass,
                              keyFingerprint: event.id.hasPrefix("@") ? nil : Fingerprint.of(event.id),
                              voucherFingerprint: payment.voucher.map(Fingerprint.of))
    }

    func assertSame(_ a: PaymentFigures?, _ b: PaymentFigures?, _ message: String = "", line: UInt = #line) {
        XCTAssertEqual(a.map(Self.describe), b.map(Self.describe), message, line: line)
    }

    static func describe(_ f: PaymentFigures) -> String {
        "\(f.seq) \(f.date) \(f.project) \(f.source) \(f.amount.fen) \(f.economicClass ?? "-") \(f.functionalClass ?? "-") "
            + "\(f.keyFingerprint.map(String.init) ?? "-") \(f.voucherFingerprint.map(String.init) ?? "-")"
    }

    /// Reads one line as figures, or nil when the quick reading declines it.
    static func compact(_ bytes: UnsafeRawBufferPointer) -> PaymentFigures? {
        var texts = FastPaymentDecoder.Texts()
        var names = NameTable()
        return FastPaymentDecoder.compact(bytes, texts: &texts, names: &names).map { $0.figures(names, projectNumber: -1) }
    }

    /// Every payment the fast decoder reads is read as figures too, and they are its event's.
    func testFiguresAreWhatTheEventSays() {
        var read = 0
        for event in JournalScannerTests.payments(2_000, seed: 41) {
            let line = Array(EventEncoder.line(for: event, prev: .zero).text.utf8)
            line.withUnsafeBytes { bytes in
                let compact = Self.compact(bytes)
                XCTAssertEqual(compact != nil, FastPaymentDecoder.decode(bytes) != nil, "both quick readings take the same lines")
                guard let compact else { return }
                read += 1
                assertSame(compact, Self.figures(of: event))
            }
        }
        XCTAssertGreaterThan(read, 500, "most plain payments are read as figures")
    }

    /// One table of names for a whole stretch, as a read keeps it: a project or code met again
    /// is found by its bytes, never confused with another of the same length.
    func testNamesMetAgainAreTheirOwn() {
        var texts = FastPaymentDecoder.Texts()
        var names = NameTable()
        var read = 0
        for event in JournalScannerTests.payments(2_000, seed: 43) {
            let line = Array(EventEncoder.line(for: event, prev: .zero).text.utf8)
            line.withUnsafeBytes { bytes in
                guard let compact = FastPaymentDecoder.compact(bytes, texts: &texts, names: &names) else { return }
                read += 1
                assertSame(compact.figures(names, projectNumber: -1), Self.figures(of: event))
            }
        }
        XCTAssertGreaterThan(read, 500)
        XCTAssertLessThan(names.names.count, read / 10, "names recur")
        XCTAssertEqual(Set(names.names).count, names.names.count, "each name numbered once")
    }

    /// Damaged lines: whatever is read as figures, the general decoder reads, with the same figures.
    func testFiguresAreNeverReadFromALineTheGeneralDecoderRefuses() {
        var random = SplitMix64(seed: 6)
        let events = JournalScannerTests.payments(200, seed: 13)
        var refusedByBoth = 0
        for _ in 0..<20_000 {
            var line = Array(EventEncoder.line(for: events[random.next(events.count)], prev: .zero).text.utf8)
            line[random.next(line.count)] = UInt8(random.next(256))
            line.withUnsafeBytes { bytes in
                let general = try? EventDecoder.decode(bytes)
                guard let compact = Self.compact(bytes) else { if general == nil { refusedByBoth += 1 }; return }
                assertSame(compact, general.flatMap { Self.figures(of: $0.event) })
            }
        }
        XCTAssertGreaterThan(refusedByBoth, 10_000, "most damage is refused")
    }

    /// A journal of every kind of line, read as events and as figures, in blocks of several
    /// sizes: the same summary (totals, lines, keys, vouchers, dates), and the events that are
    /// not payments handed over the same, in order.
    func testAReadOfFiguresSummarisesAsAReadOfEvents() throws {
        var random = SplitMix64(seed: 17)
        var bodies = JournalScannerTests.payments(3_000, seed: 23, written: true).map(\.body)
        for body in JournalFormatTests.bodies { bodies.insert(body, at: random.next(bodies.count + 1)) }
        let events = bodies.enumerated().map { index, body in
            Event(seq: Int64(index + 1), id: random.next(3) == 0 ? "k-\(index)" : "@\(index + 1)",
                  date: BusinessDate(year: 2023, month: index * 12 / bodies.count + 1, day: random.next(28) + 1)!,
                  recorded: "2023-03-01T00:00:00Z", body: body)
        }
        let directory = TemporaryDirectory()
        let path = directory.path("j.jsonl")
        try Data(JournalScannerTests.encode(events)).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }

        var byEvents = JournalSummary()
        let end = try JournalScanner.scanLines(fd: fd, path: path) { event, end in byEvents.absorb(event, endingAt: end) }.end
        byEvents.settleKeyIndex()
        for block in [700, 64 * 1024, JournalScanner.blockBytes] {
            var byFigures = JournalSummary()
            var others: [Event] = []
            var figures = 0
            let reached = try JournalScanner.scanFigures(fd: fd, path: path, blockBytes: block, event: { event, end in
                others.append(event)
                byFigures.absorb(event, endingAt: end)
            }, payment: { payment, end in
                figures += 1
                byFigures.absorb(payment, endingAt: end)
            }).end
            byFigures.settleKeyIndex()
            XCTAssertEqual(reached, end, "block \(block)")
            XCTAssertEqual(try byFigures.contents(), try byEvents.contents(), "block \(block)")
            XCTAssertEqual(byFigures.lastSeqByDate.map(\.seq), byEvents.lastSeqByDate.map(\.seq), "block \(block)")
            XCTAssertEqual(others, events.filter { event in Self.figures(of: event) == nil || !readAsFigures(event) }, "block \(block)")
            XCTAssertGreaterThan(figures, 1_000, "block \(block)")
        }
    }

    private func readAsFigures(_ event: Event) -> Bool {
        Array(EventEncoder.line(for: event, prev: .zero).text.utf8).withUnsafeBytes { Self.compact($0) != nil }
    }

    /// Payments that break each rule a read-back payment is held to, taken by one book as events
    /// and by another as figures: the same violations, in the same words, and the same
    /// overdrafts at the end.
    func testTheBookHoldsFiguresToTheRulesItHoldsEventsTo() throws {
        func pay(_ project: String, _ yuan: String, on date: String, source: FundSource = .current) -> EventBody {
            .disbursed(Disbursement(project: project, source: source, amount: Fixture.yuan(yuan)))
        }
        let bodies: [EventBody] = [
            Fixture.register("p"), Fixture.register("q", year: 2024),
            .budgetApproved(BudgetApproval(project: "p", source: .current, amount: Fixture.yuan("100"))),
            pay("p", "60", on: "2023-03-01"),
            pay("nobody", "1", on: "2023-03-02"),           // an unknown project
            pay("p", "60", on: "2023-03-03"),               // overspent
            pay("p", "1", on: "2024-01-05"),                // outside the project's year
            pay("p", "1", on: "2023-03-04", source: .other),
            .yearClosed(YearClose(year: 2023, projectCount: 0)),
            pay("p", "1", on: "2023-12-30"),                // in a closed year
            pay("q", "1", on: "2024-02-01"),
            pay("p", "999999999999", on: "2023-04-01"),     // past the project's gross limit, as often as it takes
            pay("p", "999999999999", on: "2023-04-01"),
            pay("p", "999999999999", on: "2023-04-01"),
        ]
        let dates = ["2023-01-01", "2024-01-01", "2023-01-02", "2023-03-01", "2023-03-02", "2023-03-03", "2024-01-05", "2023-03-04",
                     "2023-12-31", "2023-12-30", "2024-02-01", "2023-04-01", "2023-04-01", "2023-04-01"]
        let events = bodies.enumerated().map { index, body in
            Event(seq: Int64(index + 1), id: "@\(index + 1)", date: Fixture.date(dates[index]), recorded: "2024-01-01T00:00:00Z", body: body)
        }
        var asEvents = LedgerBook(retainingPayments: false)
        var asFigures = LedgerBook(retainingPayments: false)
        for event in events {
            try asEvents.take(event)
            if let figures = Self.figures(of: event) { try asFigures.take(figures) } else { try asFigures.take(event) }
        }
        asEvents.finishReading()
        asFigures.finishReading()
        XCTAssertEqual(asFigures.violations, asEvents.violations)
        XCTAssertEqual(asFigures.headSeq, asEvents.headSeq)
        // Each rule was broken, and noted: unknown project, overspent, date, closed year, gross.
        XCTAssertGreaterThanOrEqual(asEvents.violations.count, 6)
        let said = asEvents.violations.first.map { "\($0.reason)" }.joined(separator: "\n")
        for word in ["nobody", "2024-01-05", "closed"] { XCTAssertTrue(said.contains(word), "\(word) in\n\(said)") }
        XCTAssertThrowsError(try asFigures.take(Self.figures(of: events[3])!), "a line before the head is refused")
    }

    /// A read's project number tells the book where to look for a payment's project, never what
    /// it finds: numbers that swap between projects, that name a project never registered, or
    /// that are missing leave every project's balances and gross as the events leave them.
    func testAProjectNumberOnlySaysWhereToLook() throws {
        let projects = ["p", "q", "r"]
        var events = projects.enumerated().map { index, project in
            Event(seq: Int64(index + 1), id: "@\(index + 1)", date: Fixture.date("2023-01-01"), recorded: "2024-01-01T00:00:00Z",
                  body: Fixture.register(project))
        }
        for project in projects {
            events.append(Event(seq: Int64(events.count + 1), id: "@\(events.count + 1)", date: Fixture.date("2023-01-02"),
                                recorded: "2024-01-01T00:00:00Z",
                                body: .budgetApproved(BudgetApproval(project: project, source: .current, amount: Fixture.yuan("1000")))))
        }
        var random = SystemRandomNumberGenerator()
        var payments: [(Event, number: Int)] = []
        for index in 0..<600 {
            let project = (projects + ["nobody"]).randomElement(using: &random)!
            let seq = Int64(events.count + payments.count + 1)
            let event = Event(seq: seq, id: "@\(seq)", date: Fixture.date("2023-02-\(10 + index % 18)"), recorded: "2024-01-01T00:00:00Z",
                              body: .disbursed(Disbursement(project: project, source: .current, amount: Money(fen: Int64.random(in: 1...900, using: &random)))))
            // Right for the first third, then shuffled, then missing or out of range.
            let number = index < 200 ? (projects.firstIndex(of: project) ?? 3) : index < 400 ? Int.random(in: 0...3, using: &random)
                : [-1, 7, 1_000, 1 << 30].randomElement(using: &random)!
            payments.append((event, number))
        }
        var asEvents = LedgerBook(retainingPayments: false)
        var asFigures = LedgerBook(retainingPayments: false)
        for event in events {
            try asEvents.take(event)
            try asFigures.take(event)
        }
        for (event, number) in payments {
            try asEvents.take(event)
            let figures = Self.figures(of: event)!
            try asFigures.take(PaymentFigures(seq: figures.seq, date: figures.date, project: figures.project, source: figures.source,
                                              amount: figures.amount, economicClass: nil, functionalClass: nil, keyFingerprint: nil,
                                              voucherFingerprint: nil, projectNumber: number))
        }
        asEvents.finishReading()
        asFigures.finishReading()
        for project in projects {
            XCTAssertEqual(asFigures.projects[project]?.balances, asEvents.projects[project]?.balances, project)
            XCTAssertEqual(asFigures.projects[project]?.grossFen, asEvents.projects[project]?.grossFen, project)
        }
        XCTAssertEqual(asFigures.violations, asEvents.violations)
        XCTAssertGreaterThan(asEvents.violations.count, 0, "the payments to nobody are noted")
    }

    /// A project taken out of the table (no caller does) is not found again by a number the read
    /// gave it before: its payments are to an unknown project, not a crash.
    func testAProjectTakenOutIsNotFoundByItsOldNumber() {
        var table = ProjectTable()
        table["p"] = LedgerBook.ProjectFacts(registration: ProjectRegistration(project: "p", name: "n", department: "d", unit: "u", year: 2023),
                                             registeredOn: Fixture.date("2023-01-01"))
        XCTAssertEqual(table.position(of: "p", number: 0), 0)
        table["p"] = nil
        XCTAssertNil(table["p"])
        XCTAssertNil(table.position(of: "p", number: 0))
    }
}
