import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal

final class JournalTamperTests: XCTestCase {
    /// A short journal of real lines, one of every kind.
    lazy var journal: [UInt8] = {
        let events = JournalFormatTests.bodies.prefix(6).enumerated().map { index, body in
            Event(seq: Int64(index + 1), id: "@\(index + 1)", date: Fixture.date("2023-03-0\(index + 1)"), recorded: "2023-03-01T00:00:00Z", body: body)
        }
        return Array(Fixture.chain(events).map { $0 + "\n" }.joined().utf8)
    }()

    func failingLine(_ bytes: [UInt8]) -> Int? {
        do { _ = try JournalParser.parse(bytes[...]); return nil } catch {
            switch error {
            case .damaged(let line, _), .tornTail(let line): return line
            default: return -1
            }
        }
    }

    /// Every single-byte edit anywhere in the journal, to each of several values, is caught, and
    /// on the line where it was made: a flipped bit, a changed letter case (hex digits included),
    /// a digit, a space, a newline and a NUL.
    func testEverySingleByteEditIsCaughtOnItsLine() {
        let original = journal
        XCTAssertNil(failingLine(original))
        var lineOfOffset: [Int] = []
        var line = 1
        for byte in original { lineOfOffset.append(line); if byte == 0x0A { line += 1 } }
        var edits = 0
        for offset in original.indices {
            let old = original[offset]
            for new in Set([old ^ 0x01, old ^ 0x20, UInt8(ascii: "0"), UInt8(ascii: " "), 0x0A, 0x00]) where new != old {
                var copy = original
                copy[offset] = new
                XCTAssertEqual(failingLine(copy), lineOfOffset[offset], "byte \(offset) \(old) → \(new)")
                edits += 1
            }
        }
        XCTAssertGreaterThan(edits, original.count * 4)
    }

    /// Cutting the journal anywhere inside a line is a tear of that line; cutting it exactly at a
    /// line's end leaves a shorter, valid journal, which only a published head can reveal.
    func testEveryTruncationIsATearOrAValidPrefix() {
        let original = journal
        var line = 1
        for length in 0..<original.count {
            let prefix = Array(original[..<length])
            let endsLine = length == 0 || original[length - 1] == 0x0A
            if endsLine {
                XCTAssertNil(failingLine(prefix), "cut at \(length)")
            } else {
                XCTAssertEqual(failingLine(prefix), line, "cut at \(length)")
            }
            if length < original.count && original[length] == 0x0A { line += 1 }
        }
    }

    func testSwappingDeletingOrDuplicatingWholeLinesIsCaught() {
        let lines = journal.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
        func join(_ parts: [[UInt8]]) -> [UInt8] { parts.flatMap { $0 + [0x0A] } }
        for index in 0..<(lines.count - 1) {
            var swapped = lines
            swapped.swapAt(index, index + 1)
            XCTAssertEqual(failingLine(join(swapped)), index + 1)
            var deleted = lines
            deleted.remove(at: index)
            XCTAssertEqual(failingLine(join(deleted)), index + 1)
            var duplicated = lines
            duplicated.insert(lines[index], at: index + 1)
            XCTAssertEqual(failingLine(join(duplicated)), index + 2)
        }
    }
}
