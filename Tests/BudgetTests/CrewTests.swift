import XCTest
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
@testable import BudgetJournal

/// The crew that decodes a scan's blocks (`Crew`): every task runs once, whoever takes it, and the
/// thread that waits for a result gets it whether the helpers are busy, asleep or none at all.
final class CrewTests: XCTestCase {
    /// A piece of work shaped like a block: its first task queues its second, as reading a block
    /// queues the decoding of its second half; the waiting thread takes results in order.
    private final class Piece: @unchecked Sendable {
        let group = DispatchGroup()
        var first = 0, second = 0
        var ranFirst = 0, ranSecond = 0

        init(_ index: Int, crew: Crew) {
            group.enter()
            crew.push { [self] in
                ranFirst += 1
                first = index * 2
                group.enter()
                crew.push { [self] in
                    ranSecond += 1
                    second = index * 2 + 1
                    group.leave()
                }
                group.leave()
            }
        }

        func wait(helping crew: Crew) {
            crew.work(until: { group.wait(timeout: .now()) == .success }, wait: { group.wait() })
        }
    }

    func testEveryTaskRunsOnceAndResultsComeInOrderWhateverTheHelpers() {
        for helpers in [0, 1, 3] {
            let crew = Crew(helpers: helpers)
            var pieces: [Piece] = []
            var next = 0
            var seen: [Int] = []
            // Two pieces ahead of the one taken, as a scan keeps two blocks ahead of its fold.
            while seen.count < 2 * 2_000 {
                while next < 2_000 && pieces.count < 3 {
                    pieces.append(Piece(next, crew: crew))
                    next += 1
                }
                let piece = pieces.removeFirst()
                piece.wait(helping: crew)
                XCTAssertEqual([piece.ranFirst, piece.ranSecond], [1, 1], "\(helpers) helpers")
                seen += [piece.first, piece.second]
            }
            crew.finish()
            XCTAssertEqual(seen, Array(0..<4_000), "\(helpers) helpers")
        }
    }

    /// A helper idle past `idleNanosecondsMax` sleeps; a task pushed then wakes it, and it runs
    /// the task with no help from the thread that pushed it.
    func testASleepingHelperIsWokenByTheNextTask() {
        let crew = Crew(helpers: 1)
        let ran = DispatchSemaphore(value: 0)
        for _ in 0..<3 {
            usleep(UInt32(Crew.idleNanosecondsMax / 1_000) * 5)
            crew.push { ran.signal() }
            XCTAssertEqual(ran.wait(timeout: .now() + 10), .success)
        }
        crew.finish()
    }

    /// `finish` returns whether the helpers are looking for work or asleep, and at once with none.
    func testFinishEndsHelpersAwakeOrAsleep() {
        for pause in [0, Crew.idleNanosecondsMax / 1_000 * 5] {
            for helpers in [0, 1, 3] {
                let crew = Crew(helpers: helpers)
                if pause > 0 { usleep(UInt32(pause)) }
                crew.finish()
            }
        }
    }

    /// A task taken lets go of what it captured as soon as it has run: a block's bytes, a MiB,
    /// must not wait in the queue's storage for the taken slots to be dropped (that kept dozens
    /// of blocks alive, and every block read into fresh pages: 17,000 page faults in a cold
    /// `verify` instead of 6,500).
    func testATaskLetsGoOfWhatItCapturedOnceRun() {
        final class Bytes {}
        let crew = Crew(helpers: 0)
        weak var captured: Bytes?
        let group = DispatchGroup()
        do {
            let bytes = Bytes()
            captured = bytes
            group.enter()
            crew.push {
                withExtendedLifetime(bytes) {}
                group.leave()
            }
        }
        XCTAssertNotNil(captured, "held by the queued task")
        crew.work(until: { group.wait(timeout: .now()) == .success }, wait: { group.wait() })
        XCTAssertNil(captured, "still held after the task ran")
        crew.finish()
    }
}
