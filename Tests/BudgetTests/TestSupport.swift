import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections

/// Builders that keep tests short: dates and amounts from literals, and events in order.
enum Fixture {
    static func date(_ text: String) -> BusinessDate { BusinessDate(text)! }
    static func yuan(_ text: String) -> Money { try! AmountParser.parse(text, signed: true) }

    static func register(_ project: String, year: Int = 2023) -> EventBody {
        .projectRegistered(ProjectRegistration(project: project, name: "项目\(project)", department: "部门", unit: "单位", year: year))
    }

    static func approve(_ project: String, _ amount: String, _ source: FundSource = .current) -> EventBody {
        .budgetApproved(BudgetApproval(project: project, source: source, amount: yuan(amount)))
    }

    static func pay(_ project: String, _ amount: String, _ source: FundSource = .current) -> EventBody {
        .disbursed(Disbursement(project: project, source: source, amount: yuan(amount)))
    }

    /// The journal lines of `events`, each chained to the one before (without newlines).
    static func chain(_ events: [Event]) -> [String] {
        var prev = SHA256Digest.zero
        return events.map { event in
            let line = EventEncoder.line(for: event, prev: prev)
            prev = line.hash
            return line.text
        }
    }

    /// Admits each (date, body) in turn, failing the test on the first rejection.
    static func book(_ entries: [(String, EventBody)], file: StaticString = #filePath, line: UInt = #line) -> LedgerBook {
        var book = LedgerBook()
        for (dateText, body) in entries {
            do {
                guard case .append(let event) = try book.admit(EventDraft(date: date(dateText), body: body), recorded: "2023-12-31T00:00:00Z") else {
                    XCTFail("not appended", file: file, line: line); continue
                }
                book.record(event)
            } catch {
                XCTFail("rejected: \(error)", file: file, line: line)
            }
        }
        return book
    }
}

/// A temporary directory that disappears with the test.
final class TemporaryDirectory {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("budget-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A condensed journal folded into the projection it stands for.
func projection(of items: [CondensedItem]) -> LedgerProjection {
    var projection = LedgerProjection()
    for item in items {
        switch item {
        case .event(let event): projection.apply(event)
        case .total(let total): projection.apply(total)
        }
    }
    return projection
}

/// The execution curves a condensed journal folds to.
func curves(of items: [CondensedItem], asOf: BusinessDate) -> ExecutionCurves {
    var curves = ExecutionCurves(asOf: asOf)
    for item in items {
        switch item {
        case .event(let event): if event.date <= asOf { curves.apply(event) }
        case .total(let total): if total.key.date <= asOf { curves.apply(total) }
        }
    }
    return curves
}

extension Fixture {
    /// A checkpoint key of the tests' own, so that no test touches the user's.
    static let checkpointKey = CheckpointKey(bytes: [UInt8](repeating: 7, count: CheckpointKey.bytesCount), owner: 4242)
}

/// The interrupts an append holds off (see `HeldInterrupts`), and whether each is now ignored.
enum Interrupts {
    static let held = [SIGINT, SIGTERM, SIGHUP]

    static func ignored() -> [Bool] {
        held.map { signal in
            var current = sigaction()
            sigaction(signal, nil, &current)
            return current.__sigaction_handler.sa_handler.map { unsafeBitCast($0, to: Int.self) } == 1   // SIG_IGN
        }
    }
}
