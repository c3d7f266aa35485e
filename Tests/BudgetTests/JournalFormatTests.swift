import XCTest
import Foundation
import BudgetJSON
import BudgetText
@testable import BudgetModel
@testable import BudgetJournal
@testable import BudgetProjections

final class JournalFormatTests: XCTestCase {
    /// One event of every kind (checked below), the money's with their optional members set and unset.
    static let bodies: [EventBody] = [
        Fixture.register("p1"),
        .budgetApproved(BudgetApproval(project: "p1", source: .current, amount: Fixture.yuan("1280000"), memo: "年初批复")),
        .budgetApproved(BudgetApproval(project: "p1", source: .other, amount: Fixture.yuan("0.01"))),
        .budgetAdjusted(BudgetAdjustment(project: "p1", source: .current, amount: Fixture.yuan("-112300"), reason: "压减")),
        .disbursed(Disbursement(project: "p1", source: .current, amount: Fixture.yuan("534253.73"), payee: "差旅 \"引号\" \\ 反斜杠", memo: "改革调研")),
        .disbursed(Disbursement(project: "p1", source: .current, amount: Fixture.yuan("1"))),
        .refunded(TreasuryRefund(project: "p1", source: .current, amount: Fixture.yuan("350000"), reason: "不再建设")),
        .carriedOver(CarryOver(project: "p1", source: .current, amount: Fixture.yuan("688100"), toProject: "p2", memo: nil)),
        .indicatorDefined(IndicatorDefinition(project: "p1", indicator: "out-01", level1: .output, level2: "数量指标",
                                              name: "编撰《宁夏编办志》", target: "≥600本", weight: Points(hundredths: 12_50))),
        .indicatorActualRecorded(IndicatorActual(project: "p1", indicator: "out-01", value: "区内300元/人天,区外510元/人天", note: "n")),
        .indicatorScored(IndicatorScore(project: "p1", indicator: "out-01", score: Points(hundredths: 1_50), reason: "受到场地限制")),
        .reversed(Reversal(targetSeq: 5, reason: "录入错误", original: .disbursed(Disbursement(project: "p1", source: .current, amount: Fixture.yuan("1"))))),
        .goalRecorded(GoalRecord(project: "p1", expected: "完成编撰", outcome: "已出版")),
        .executionExplained(ExecutionReason(project: "p1", text: "项目暂未支出")),
        .annotated(Annotation(targetSeq: 5, project: "p1", memo: "补记", reason: "凭证号有误")),
        .projectClosed(ProjectClose(project: "p1", year: 2023,
                                    current: ClosingFigures(fullYear: Fixture.yuan("1167700"), executed: Fixture.yuan("534254.73"),
                                                            carriedOver: Fixture.yuan("688100"), refunded: Fixture.yuan("350000"), balance: Fixture.yuan("-54654.73")),
                                    carryover: nil, other: nil)),
        .yearClosed(YearClose(year: 2023, projectCount: 1, reason: "年终结账")),
        .yearReopened(YearReopen(year: 2023, reason: "补录")),
        .settingsSet(FormSettings(region: "宁夏回族自治区")),
        .policySet(PolicySetting.standard),
        .formDeclared(FormDeclaration(project: "p1", fundUnit: .yuan, funds: [:], totalScore: Points(hundredths: 90_00))),
    ]

    func lines(_ bodies: [EventBody]) -> [String] {
        Fixture.chain(bodies.enumerated().map { index, body in
            Event(seq: Int64(index + 1), id: index == 3 ? "client-key" : "@\(index + 1)", date: Fixture.date("2023-06-0\(index % 9 + 1)"),
                  recorded: "2023-06-01T08:00:00Z", body: body)
        })
    }

    func testEveryEventKindRoundTripsExactly() throws {
        XCTAssertEqual(Set(Self.bodies.map(\.kind.name)), Set(EventBody.kinds.map { $0.kind.name }), "the fixture holds every kind")
        let text = lines(Self.bodies).joined(separator: "\n") + "\n"
        let parsed = try JournalParser.parse(Array(text.utf8)[...])
        XCTAssertEqual(parsed.events.map(\.body), Self.bodies)
        XCTAssertEqual(parsed.events.map(\.seq), Array(1...Int64(Self.bodies.count)))
        XCTAssertEqual(parsed.events[3].id, "client-key")
        // Encoding what was decoded gives the same bytes: the format has one spelling per event.
        let again = Fixture.chain(parsed.events)
        XCTAssertEqual(again.joined(separator: "\n") + "\n", text)
    }

    func testTheHashIsTheSHA256OfTheLineBeforeItsHashMember() throws {
        let line = lines([Fixture.register("p1")])[0]
        let cut = try XCTUnwrap(line.range(of: ",\"hash\":\""))
        let body = String(line[..<cut.lowerBound])
        XCTAssertEqual(SHA256.hash(body).hex, String(line[cut.upperBound...].dropLast(2)))
        XCTAssertTrue(body.hasSuffix("\"prev\":\"\(SHA256Digest.zero.hex)\""))
        XCTAssertTrue(line.hasPrefix("{\"v\":1,\"seq\":1,"))
    }

    func damagedReason(_ text: String) -> (line: Int, reason: String)? {
        do { _ = try JournalParser.parse(Array(text.utf8)[...]); return nil } catch {
            if case .damaged(let line, let reason) = error { return (line, reason.description) }
            if case .tornTail(let line) = error { return (line, "torn") }
            return (0, "\(error)")
        }
    }

    func testAnEditedByteIsFoundOnItsLine() {
        var all = lines(Self.bodies)
        all[4] = all[4].replacingOccurrences(of: "534253.73", with: "534253.78")
        let found = damagedReason(all.joined(separator: "\n") + "\n")
        XCTAssertEqual(found?.line, 5)
        XCTAssertEqual(found?.reason.contains("content does not match its hash"), true)
    }

    func testAnEditWithARecomputedHashBreaksTheNextLink() throws {
        var all = lines(Self.bodies)
        let original = all[4]
        let body = String(original[..<original.range(of: ",\"hash\":\"")!.lowerBound]).replacingOccurrences(of: "534253.73", with: "534253.78")
        all[4] = body + ",\"hash\":\"\(SHA256.hash(body).hex)\"}"
        let found = damagedReason(all.joined(separator: "\n") + "\n")
        XCTAssertEqual(found?.line, 6)
        XCTAssertEqual(found?.reason.contains("does not chain"), true)
    }

    func testARemovedLineIsFound() {
        var all = lines(Self.bodies)
        all.remove(at: 2)
        let found = damagedReason(all.joined(separator: "\n") + "\n")
        XCTAssertEqual(found?.line, 3)
        XCTAssertEqual(found?.reason.contains("seq 4 where 3 was expected"), true)
    }

    func testReorderedLinesAreFound() {
        var all = lines(Self.bodies)
        all.swapAt(6, 7)
        let found = damagedReason(all.joined(separator: "\n") + "\n")
        XCTAssertEqual(found?.line, 7)
    }

    func testATornLastLineIsReportedAsCutShort() {
        let all = lines(Self.bodies)
        let text = all.joined(separator: "\n") + "\n"
        let torn = String(text.utf8.prefix(text.utf8.count - 30))!
        XCTAssertEqual(damagedReason(torn)?.line, Self.bodies.count)
        XCTAssertEqual(damagedReason(torn)?.reason, "torn")
        // A missing final newline alone is a tear too: the write did not finish.
        XCTAssertEqual(damagedReason(String(text.dropLast()))?.reason, "torn")
    }

    func testMalformedLinesAreDamagedNeverSkipped() {
        let good = lines(Self.bodies)
        let cases = ["", "{}", "not json at all", "[1,2,3]", String(repeating: "x", count: 100)]
        for bad in cases {
            let text = good[0] + "\n" + bad + "\n" + good[1] + "\n"
            XCTAssertEqual(damagedReason(text)?.line, 2, "\(bad.prefix(20))")
        }
    }

    func testALineAtTheLengthLimitIsReadAndOnePastIsRefused() {
        let oversized = String(repeating: "a", count: Limits.lineBytesMax + 1)
        let found = damagedReason(oversized + "\n")
        XCTAssertEqual(found?.line, 1)
        XCTAssertEqual(found?.reason.contains("longer than the limit"), true)
        // Exactly at the limit the length check passes and the line fails for what it holds.
        let atLimit = damagedReason(String(repeating: "a", count: Limits.lineBytesMax) + "\n")
        XCTAssertEqual(atLimit?.reason.contains("longer than the limit"), false)
        // The scanner hashes a block's lines in lanes before it reads any, yet the first damaged
        // line is the one it names: an edit on line 2 comes before an oversized line 4.
        var all = lines(Self.bodies)
        all[1] = all[1].replacingOccurrences(of: "\"v\":1", with: "\"v\":2")
        all[3] = oversized
        let bytes = Array((all.joined(separator: "\n") + "\n").utf8)
        let scanned = bytes.withUnsafeBytes { JournalScanner.decodeHalf($0, firstLine: 1) }
        guard case .damaged(let line, let reason)? = scanned.failure else { return XCTFail("\(String(describing: scanned.failure))") }
        XCTAssertEqual(scanned.lines.count, 1, "the line before the damaged one decodes")
        XCTAssertEqual(line, 2, reason.description)
        XCTAssertTrue(reason.description.contains("does not match its hash"), reason.description)
    }

    /// Each kind's table of members is its own: a member that another kind declares, added to a
    /// line of a kind that does not and sealed with a valid hash, is refused, and the line as
    /// written is not.
    func testEachKindRefusesTheMembersOfEveryOtherKind() throws {
        func declared<Payload: EventPayload>(_ kind: Payload.Type) -> Set<String> { Set(Payload.fields.map(\.key)) }
        // Read off the kinds' field tables, not off the table the decoder asks.
        let everyMember = EventBody.kinds.reduce(into: Set<String>()) { $0.formUnion(declared($1)) }
        var refused = 0
        for (index, line) in lines(Self.bodies).enumerated() {
            let kind = Self.bodies[index].kind.name
            guard let payload = EventBody.kind(named: kind) else { return XCTFail("no kind \(kind)") }
            XCTAssertNoThrow(try Array(line.utf8).withUnsafeBytes { _ = try EventDecoder.decode($0) }, line)
            // Inserted before `prev`, and the line sealed again: only the member is wrong.
            let unsealed = String(line[..<line.range(of: ",\"hash\":\"")!.lowerBound])
            let prevStart = unsealed.range(of: ",\"prev\":")!.lowerBound
            for member in everyMember.subtracting(declared(payload)).sorted() {
                let body = unsealed[..<prevStart] + ",\"\(member)\":\"x\"" + unsealed[prevStart...]
                let sealed = body + ",\"hash\":\"\(SHA256.hash(String(body)).hex)\"}"
                XCTAssertThrowsError(try Array(sealed.utf8).withUnsafeBytes { _ = try EventDecoder.decode($0) }, "\(kind) with \(member)") { error in
                    XCTAssertEqual((error as? LineProblem)?.reason, Message(.unexpectedMember, member))
                }
                refused += 1
            }
        }
        XCTAssertGreaterThan(refused, Self.bodies.count * 10)
        // The body a reversal carries is held to its own kind's table too.
        let reversal = try XCTUnwrap(lines(Self.bodies).first { $0.contains("\"type\":\"event.reversed\"") })
        let unsealed = String(reversal[..<reversal.range(of: ",\"hash\":\"")!.lowerBound])
        let nested = try XCTUnwrap(unsealed.range(of: "{\"type\":\"disbursement.made\"")).upperBound
        func decoded(adding member: String) throws -> Event {
            let body = unsealed[..<nested] + ",\"\(member)\":\"x\"" + unsealed[nested...]
            let sealed = body + ",\"hash\":\"\(SHA256.hash(String(body)).hex)\"}"
            return try Array(sealed.utf8).withUnsafeBytes { try EventDecoder.decode($0).event }
        }
        for member in everyMember.subtracting(declared(Disbursement.self)).sorted() {
            XCTAssertThrowsError(try decoded(adding: member), member) { error in
                XCTAssertEqual((error as? LineProblem)?.reason, Message(.unexpectedMemberIn, member, "reverses"))
            }
        }
        guard case .reversed(let read) = try decoded(adding: "payee").body, case .disbursed(let payment) = read.original else {
            return XCTFail("a reversal of a payment reads as one")
        }
        XCTAssertEqual(payment.payee, "x")
    }

    func testUnknownMembersAndWrongTypesAreRefusedEvenWithAValidHash() {
        func sealed(_ body: String) -> String { body + ",\"hash\":\"\(SHA256.hash(body).hex)\"}" }
        let zero = SHA256Digest.zero.hex
        let base = "{\"v\":1,\"seq\":1,\"id\":\"@1\",\"type\":\"project.registered\",\"date\":\"2023-01-01\",\"recorded\":\"2023-01-01T00:00:00Z\",\"project\":\"p\",\"name\":\"n\",\"department\":\"d\",\"unit\":\"u\",\"year\":2023"
        XCTAssertNil(damagedReason(sealed(base + ",\"prev\":\"\(zero)\"") + "\n"))
        let variants = [
            base + ",\"extra\":1,\"prev\":\"\(zero)\"",
            base.replacingOccurrences(of: "\"year\":2023", with: "\"year\":\"2023\"") + ",\"prev\":\"\(zero)\"",
            base.replacingOccurrences(of: "2023-01-01\",\"recorded", with: "2023-02-30\",\"recorded") + ",\"prev\":\"\(zero)\"",
            base.replacingOccurrences(of: "\"v\":1", with: "\"v\":2") + ",\"prev\":\"\(zero)\"",
            base.replacingOccurrences(of: "project.registered", with: "project.deleted") + ",\"prev\":\"\(zero)\"",
            base.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":99999999999999999999") + ",\"prev\":\"\(zero)\"",
        ]
        for variant in variants {
            XCTAssertEqual(damagedReason(sealed(variant) + "\n")?.line, 1, variant)
        }
    }
}
