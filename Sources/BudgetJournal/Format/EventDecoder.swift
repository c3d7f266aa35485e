import BudgetModel

/// Reads one journal line back into an event, checking every member as strictly as the
/// encoder writes it: the pair of the checks made before an event is written.
public enum EventDecoder {
    public struct Decoded {
        public let event: Event
        public let prev: SHA256Digest
        public let hash: SHA256Digest
    }

    /// `,"hash":"` + 64 hex digits + `"}`: the fixed tail of every line.
    static let hashSuffixBytes = 75

    /// Decodes `line` (without its newline), checking its own hash but not its link to the
    /// line before: that is the reader's job, since only it knows the previous line. A copy that
    /// carries its own checksum (the checkpoint) may skip the hash.
    public static func decode(_ line: UnsafeRawBufferPointer, verifyingHash: Bool = true, computedHash: SHA256Digest? = nil) throws(LineProblem) -> Decoded {
        let written = verifyingHash ? try verifiedHash(of: line, computed: computedHash) : try writtenHash(of: line)

        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch { throw LineProblem("not valid JSON: \(error)") }
        guard case .object(let object) = value else { throw LineProblem("not a JSON object") }
        var fields = FieldReader(object)
        let version = try fields.integer("v", in: 1...Int64.max)
        guard version == Int64(EventEncoder.formatVersion) else { throw LineProblem("unknown format version \(version)") }
        let seq = try fields.integer("seq", in: 1...Int64(Limits.eventsMax))
        let id = try fields.text("id")
        guard Identifier.problem(with: id) == nil || id == "@\(seq)" else { throw LineProblem("\"id\" is not a valid id") }
        let typeName = try fields.text("type")
        guard let type = EventType(rawValue: typeName) else { throw LineProblem("unknown event type \"\(typeName)\"") }
        let date = try fields.date("date")
        let recorded = try fields.text("recorded")
        let body = try decodeBody(type, &fields)
        let prevText = try fields.text("prev")
        // Only the lowercase spelling is accepted, so that a line has exactly one valid form.
        guard prevText.utf8.allSatisfy(isLowercaseHex), let prev = SHA256Digest(hex: prevText) else {
            throw LineProblem("\"prev\" is not a lowercase SHA-256")
        }
        _ = try fields.text("hash")
        try fields.rejectUnknownMembers()
        return Decoded(event: Event(seq: seq, id: id, date: date, recorded: recorded, body: body), prev: prev, hash: written)
    }

    static func decodeBody(_ type: EventType, _ f: inout FieldReader) throws(LineProblem) -> EventBody {
        switch type {
        case .projectRegistered:
            let year = try f.integer("year", in: Int64(Limits.yearRange.lowerBound)...Int64(Limits.yearRange.upperBound))
            return .projectRegistered(ProjectRegistration(
                project: try f.identifier("project"), name: try f.text("name"), department: try f.text("department"),
                unit: try f.text("unit"), year: Int(year)))
        case .budgetApproved:
            return .budgetApproved(BudgetApproval(
                project: try f.identifier("project"), source: try f.source(), amount: try positive(f.money("amount")),
                memo: try f.optionalText("memo")))
        case .budgetAdjusted:
            return .budgetAdjusted(BudgetAdjustment(
                project: try f.identifier("project"), source: try f.source(), amount: try f.money("amount", signed: true),
                reason: try f.text("reason")))
        case .disbursed:
            return .disbursed(Disbursement(
                project: try f.identifier("project"), source: try f.source(), amount: try positive(f.money("amount")),
                payee: try f.optionalText("payee"), memo: try f.optionalText("memo")))
        case .refunded:
            return .refunded(TreasuryRefund(
                project: try f.identifier("project"), source: try f.source(), amount: try positive(f.money("amount")),
                reason: try f.text("reason")))
        case .carriedOver:
            return .carriedOver(CarryOver(
                project: try f.identifier("project"), source: try f.source(), amount: try positive(f.money("amount")),
                toProject: try f.identifier("to"), memo: try f.optionalText("memo")))
        case .indicatorDefined:
            let levelName = try f.text("level1")
            guard let level = IndicatorLevel(rawValue: levelName) else { throw LineProblem("\"level1\" is not a level: \(levelName)") }
            return .indicatorDefined(IndicatorDefinition(
                project: try f.identifier("project"), indicator: try f.identifier("indicator"), level1: level,
                level2: try f.text("level2"), name: try f.text("name"), target: try f.text("target"), weight: try f.points("weight")))
        case .indicatorActualRecorded:
            let actual = IndicatorActual(
                project: try f.identifier("project"), indicator: try f.identifier("indicator"),
                value: try f.text("value"), note: try f.optionalText("note"))
            guard let gradeText = try f.optionalText("grade") else { return .indicatorActualRecorded(actual) }
            guard let grade = Achievement(rawValue: gradeText) else {
                throw LineProblem("\"grade\" is not achieved, partial or not-achieved: \(gradeText)")
            }
            return .indicatorActualRecorded(IndicatorActual(project: actual.project, indicator: actual.indicator,
                                                            value: actual.value, note: actual.note, grade: grade))
        case .indicatorScored:
            return .indicatorScored(IndicatorScore(
                project: try f.identifier("project"), indicator: try f.identifier("indicator"),
                score: try f.points("score"), reason: try f.optionalText("reason")))
        case .reversed:
            let target = try f.integer("target", in: 1...Int64(Limits.eventsMax))
            let reason = try f.text("reason")
            var inner = FieldReader(try f.nested("reverses"))
            let innerTypeName = try inner.text("type")
            guard let innerType = EventType(rawValue: innerTypeName), innerType != .reversed, innerType != .projectRegistered else {
                throw LineProblem("\"reverses\" names an event type that cannot be reversed")
            }
            let original = try decodeBody(innerType, &inner)
            try inner.rejectUnknownMembers()
            return .reversed(Reversal(targetSeq: target, reason: reason, original: original))
        case .policySet:
            return .policySet(try decodePolicy(&f))
        case .formDeclared:
            return .formDeclared(try DeclarationFields.decode(&f))
        case .goalRecorded:
            let goal = GoalRecord(project: try f.identifier("project"), expected: try f.optionalText("expected"),
                                  outcome: try f.optionalText("outcome"))
            guard !goal.isEmpty else { throw LineProblem("a goal states neither \"expected\" nor \"outcome\"") }
            return .goalRecorded(goal)
        }
    }

    static func decodePolicy(_ f: inout FieldReader) throws(LineProblem) -> PolicySetting {
        let decimals = Int64(PolicySetting.decimalsRange.lowerBound)...Int64(PolicySetting.decimalsRange.upperBound)
        let execution = try f.points("executionWeight"), output = try f.points("outputWeight")
        let benefit = try f.points("benefitWeight"), satisfaction = try f.points("satisfactionWeight")
        let rateDecimals = try f.integer("rateDecimals", in: decimals)
        let executionDecimals = try f.integer("executionScoreDecimals", in: decimals)
        let indicatorDecimals = try f.integer("indicatorScoreDecimals", in: decimals)
        let ruleText = try f.text("lowerIsBetter")
        guard let rule = LowerIsBetterRule(rawValue: ruleText) else { throw LineProblem("\"lowerIsBetter\" is not linear or ratio: \(ruleText)") }
        return PolicySetting(executionWeight: execution, outputWeight: output, benefitWeight: benefit, satisfactionWeight: satisfaction,
                             rateDecimals: Int(rateDecimals), executionScoreDecimals: Int(executionDecimals),
                             indicatorScoreDecimals: Int(indicatorDecimals), lowerIsBetter: rule,
                             tolerance: try f.points("tolerance"), memo: try f.optionalText("memo"))
    }

    static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    private static func positive(_ money: Money) throws(LineProblem) -> Money {
        guard money.fen > 0 else { throw LineProblem("\"amount\" must be positive") }
        return money
    }
}
