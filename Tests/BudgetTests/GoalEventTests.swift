import XCTest
import Foundation
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections
@testable import BudgetCLI

/// `goal.recorded` (年度总体目标): the file format, admission, the fold and the command.
final class GoalEventTests: XCTestCase {
    static let goals: [GoalRecord] = [
        GoalRecord(project: "p1", expected: "举办培训班5个,金额26.96万元"),
        GoalRecord(project: "p1", outcome: "完成“学习宣传贯彻”培训班 \"引号\" \\ 反斜杠"),
        GoalRecord(project: "p1", expected: "<script>alert(1)</script>", outcome: "=1+1"),
    ]

    /// Each form of the event (one text, the other, both) and its reversal, encoded and read back
    /// to the same bodies and the same bytes.
    func testGoalEventsRoundTripExactly() throws {
        let bodies: [EventBody] = [Fixture.register("p1")] + Self.goals.map { .goalRecorded($0) }
            + [.reversed(Reversal(targetSeq: 2, reason: "录入错误", original: .goalRecorded(Self.goals[0])))]
        let lines = Fixture.chain(bodies.enumerated().map { index, body in
            Event(seq: Int64(index + 1), id: "@\(index + 1)", date: Fixture.date("2023-06-0\(index + 1)"), recorded: "2023-06-01T08:00:00Z", body: body)
        })
        let text = lines.joined(separator: "\n") + "\n"
        let parsed = try JournalParser.parse(Array(text.utf8)[...])
        XCTAssertEqual(parsed.events.map(\.body), bodies)
        XCTAssertTrue(lines[1].contains(",\"type\":\"goal.recorded\","))
        XCTAssertTrue(lines[1].contains(",\"project\":\"p1\",\"expected\":\"举办培训班5个,金额26.96万元\",\"prev\":"), lines[1])
        XCTAssertFalse(lines[1].contains("\"outcome\""))
        XCTAssertTrue(lines[3].contains(",\"expected\":\"<script>alert(1)</script>\",\"outcome\":\"=1+1\","), lines[3])
        var again = SHA256Digest.zero
        let reencoded = parsed.events.map { event -> String in
            let line = EventEncoder.line(for: event, prev: again)
            again = line.hash
            return line.text
        }
        XCTAssertEqual(reencoded, lines)
    }

    /// The decoder is as strict as the encoder: an unknown member, a goal with no text, a text
    /// that is not a string or holds a control character are damage, even under a valid hash.
    func testTheDecoderRefusesWhatTheEncoderNeverWrites() {
        func sealed(_ body: String) -> String { body + ",\"hash\":\"\(SHA256.hash(body).hex)\"}" }
        let zero = SHA256Digest.zero.hex
        let head = "{\"v\":1,\"seq\":1,\"id\":\"@1\",\"type\":\"goal.recorded\",\"date\":\"2023-01-01\",\"recorded\":\"2023-01-01T00:00:00Z\",\"project\":\"p\""
        let good = sealed(head + ",\"expected\":\"e\",\"prev\":\"\(zero)\"")
        XCTAssertNoThrow(try decode(good))
        let cases: [(String, String)] = [
            (head + ",\"expected\":\"e\",\"memo\":\"m\",\"prev\":\"\(zero)\"", "unexpected member \"memo\""),
            (head + ",\"prev\":\"\(zero)\"", "neither \"expected\" nor \"outcome\""),
            (head + ",\"outcome\":7,\"prev\":\"\(zero)\"", "\"outcome\" must be a string"),
            (head + ",\"outcome\":\"a\\nb\",\"prev\":\"\(zero)\"", "\"outcome\" contains a control character"),
            (head.replacingOccurrences(of: "\"project\":\"p\"", with: "\"project\":\"p q\"") + ",\"expected\":\"e\",\"prev\":\"\(zero)\"", "\"project\""),
        ]
        for (line, fragment) in cases {
            XCTAssertThrowsError(try decode(sealed(line)), line) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(error) lacks \(fragment)")
            }
        }
    }

    func decode(_ line: String) throws -> Event {
        let bytes = Array(line.utf8)
        return try bytes.withUnsafeBytes { buffer throws(LineProblem) in try EventDecoder.decode(buffer).event }
    }

    func rejection(_ book: LedgerBook, _ date: String, _ goal: GoalRecord) -> String? {
        do { _ = try book.admit(EventDraft(date: Fixture.date(date), body: .goalRecorded(goal)), recorded: "2023-12-31T00:00:00Z"); return nil }
        catch { return error.message }
    }

    func testAdmissionChecksTheProjectTheDateAndTheTexts() {
        let book = Fixture.book([("2023-01-10", Fixture.register("p"))])
        XCTAssertNil(rejection(book, "2023-01-10", GoalRecord(project: "p", expected: "e")))
        XCTAssertNil(rejection(book, "2023-12-31", GoalRecord(project: "p", expected: "e", outcome: "o")))
        XCTAssertEqual(rejection(book, "2023-03-01", GoalRecord(project: "q", expected: "e")), "unknown project 'q'")
        XCTAssertEqual(rejection(book, "2024-01-01", GoalRecord(project: "p", outcome: "o")),
                       "date 2024-01-01 is outside fiscal year 2023 of project 'p'")
        XCTAssertEqual(rejection(book, "2023-01-09", GoalRecord(project: "p", outcome: "o")),
                       "date 2023-01-09 is before project 'p' was registered (2023-01-10)")
        XCTAssertEqual(rejection(book, "2023-03-01", GoalRecord(project: "p")),
                       "a goal needs --expected TEXT (预期目标), --outcome TEXT (实际完成情况) or both")
        XCTAssertEqual(rejection(book, "2023-03-01", GoalRecord(project: "p", expected: " \u{3000}")), "--expected is blank")
        XCTAssertEqual(rejection(book, "2023-03-01", GoalRecord(project: "p", outcome: "a\tb")),
                       "--outcome contains a control character such as a newline")
        // FreeText's limit, in bytes: 682 three-byte characters fit, one more does not.
        let atLimit = String(repeating: "目", count: Limits.textBytesMax / 3) + String(repeating: "x", count: Limits.textBytesMax % 3)
        XCTAssertNil(rejection(book, "2023-03-01", GoalRecord(project: "p", outcome: atLimit)))
        XCTAssertEqual(rejection(book, "2023-03-01", GoalRecord(project: "p", outcome: atLimit + "x")),
                       "--outcome is longer than \(Limits.textBytesMax) bytes")
    }

    /// A later record supersedes each text it states and leaves the other; a reversal brings
    /// back what the reversed record had superseded.
    func testTheFoldSupersedesPerTextAndReversalsUndo() {
        var projection = LedgerProjection()
        let events: [(String, EventBody)] = [
            ("2023-01-01", Fixture.register("p")),
            ("2023-01-18", .goalRecorded(GoalRecord(project: "p", expected: "E1"))),
            ("2023-12-31", .goalRecorded(GoalRecord(project: "p", outcome: "O1"))),
            ("2023-12-31", .goalRecorded(GoalRecord(project: "p", expected: "E2"))),
        ]
        for (index, (date, body)) in events.enumerated() {
            projection.apply(Event(seq: Int64(index + 1), id: "@\(index + 1)", date: Fixture.date(date), recorded: "r", body: body))
        }
        XCTAssertEqual(projection.projects["p"]?.expectedGoal, "E2")
        XCTAssertEqual(projection.projects["p"]?.outcome, "O1")
        XCTAssertEqual(projection.projects["p"]?.lastSeq, 4)
        projection.apply(Event(seq: 5, id: "@5", date: Fixture.date("2023-12-31"), recorded: "r",
                               body: .reversed(Reversal(targetSeq: 4, reason: "x", original: events[3].1))))
        XCTAssertEqual(projection.projects["p"]?.expectedGoal, "E1")
        XCTAssertEqual(projection.projects["p"]?.goals.map(\.seq), [2, 3])
    }

    func testTheGoalCommandRecordsReplaysAndRefuses() throws {
        let scenario = Scenario()
        scenario.project("p")
        XCTAssertTrue(scenario.ok(["goal", "p", "--expected", "举办培训班", "--date", "2023-01-18"]).contains("goal.recorded p 2023-01-18 预期目标"))
        scenario.ok(["goal", "p", "--outcome", "已举办", "--date", "2023-12-31", "--id", "goal-1"])
        XCTAssertTrue(scenario.ok(["goal", "p", "--outcome", "已举办", "--date", "2023-12-31", "--id", "goal-1"]).contains("already recorded"))
        scenario.refused(["goal", "p", "--date", "2023-12-31"], "give --expected TEXT, --outcome TEXT or both", status: 2)
        scenario.refused(["goal", "p", "--outcome", "", "--date", "2023-12-31"], "--outcome must not be empty", status: 2)
        scenario.refused(["goal", "p", "--outcome", "x", "--date", "2024-01-01"], "outside fiscal year 2023", status: 1)
        scenario.refused(["goal", "nope", "--outcome", "x", "--date", "2023-05-01"], "unknown project 'nope'", status: 1)

        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(scenario.ok(["report", "p", "--format", "json"]).utf8)) as? [String: Any])
        let project = try XCTUnwrap((json["projects"] as? [[String: Any]])?.first)
        let goal = try XCTUnwrap(project["goal"] as? [String: Any])
        XCTAssertEqual(goal["expected"] as? String, "举办培训班")
        XCTAssertEqual(goal["outcome"] as? String, "已举办")
        // As of a date before the outcome was written, the form has only the expected goal.
        let early = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(scenario.ok(["report", "p", "--as-of", "2023-06-30", "--format", "json"]).utf8)) as? [String: Any])
        let earlyGoal = try XCTUnwrap(((early["projects"] as? [[String: Any]])?.first)?["goal"] as? [String: Any])
        XCTAssertTrue(earlyGoal["outcome"] is NSNull)
        XCTAssertTrue(scenario.ok(["log", "--project", "p"]).contains("实际完成情况 已举办"))
        XCTAssertTrue(scenario.ok(["verify"]).contains("chain intact"))
    }
}
