import BudgetModel

/// Writes events as journal lines, version 1:
///
///     {"v":1,"seq":7,"id":"@7","type":"disbursement.made","date":"2023-03-02",
///      "recorded":"2023-03-02T08:00:00Z","project":"p1","source":"current","amount":"534253.73",
///      "prev":"<64 hex>","hash":"<64 hex>"}
///
/// The key order is fixed, so the same event always gives the same bytes. `hash` is the
/// SHA-256 of everything before `,"hash":`, and `prev` is the hash of the line before, which
/// chains every line to all of its predecessors.
public enum EventEncoder {
    public static let formatVersion = 1

    /// The whole line, without its newline.
    public static func line(for event: Event, prev: SHA256Digest) -> (text: String, hash: SHA256Digest) {
        let body = unchainedBody(for: event) + "\(prev.hex)\""
        let hash = SHA256.hash(body)
        return (body + ",\"hash\":\"\(hash.hex)\"}", hash)
    }

    /// The line up to and including `,"prev":"`: everything that does not depend on the line
    /// before, so that many lines can be encoded at once (see `BatchEncoder`).
    static func unchainedBody(for event: Event) -> String {
        var body = "{\"v\":\(formatVersion),\"seq\":\(event.seq),\"id\":"
        JSONWriter.appendQuoted(event.id, to: &body)
        body += ",\"type\":\"\(event.body.type.rawValue)\",\"date\":\"\(event.date.text)\",\"recorded\":"
        JSONWriter.appendQuoted(event.recorded, to: &body)
        appendFields(of: event.body, to: &body)
        return body + ",\"prev\":\""
    }

    /// The body's own members, each preceded by a comma.
    public static func appendFields(of body: EventBody, to out: inout String) {
        var fields = FieldWriter(out: out)
        switch body {
        case .projectRegistered(let e):
            fields.text("project", e.project); fields.text("name", e.name)
            fields.text("department", e.department); fields.text("unit", e.unit); fields.integer("year", Int64(e.year))
        case .budgetApproved(let e):
            fields.text("project", e.project); fields.text("source", e.source.rawValue)
            fields.text("amount", e.amount.yuanText); fields.optionalText("memo", e.memo)
        case .budgetAdjusted(let e):
            fields.text("project", e.project); fields.text("source", e.source.rawValue)
            fields.text("amount", e.amount.yuanText); fields.text("reason", e.reason)
        case .disbursed(let e):
            fields.text("project", e.project); fields.text("source", e.source.rawValue)
            fields.text("amount", e.amount.yuanText); fields.optionalText("payee", e.payee); fields.optionalText("memo", e.memo)
        case .refunded(let e):
            fields.text("project", e.project); fields.text("source", e.source.rawValue)
            fields.text("amount", e.amount.yuanText); fields.text("reason", e.reason)
        case .carriedOver(let e):
            fields.text("project", e.project); fields.text("source", e.source.rawValue)
            fields.text("amount", e.amount.yuanText); fields.text("to", e.toProject); fields.optionalText("memo", e.memo)
        case .indicatorDefined(let e):
            fields.text("project", e.project); fields.text("indicator", e.indicator)
            fields.text("level1", e.level1.rawValue); fields.text("level2", e.level2); fields.text("name", e.name)
            fields.text("target", e.target); fields.text("weight", e.weight.text)
        case .indicatorActualRecorded(let e):
            fields.text("project", e.project); fields.text("indicator", e.indicator)
            fields.text("value", e.value); fields.optionalText("note", e.note); fields.optionalText("grade", e.grade?.rawValue)
        case .indicatorScored(let e):
            fields.text("project", e.project); fields.text("indicator", e.indicator)
            fields.text("score", e.score.text); fields.optionalText("reason", e.reason)
        case .reversed(let e):
            fields.integer("target", e.targetSeq); fields.text("reason", e.reason)
            fields.out += ",\"reverses\":{\"type\":\"\(e.original.type.rawValue)\""
            appendFields(of: e.original, to: &fields.out)
            fields.out += "}"
        case .policySet(let e):
            fields.text("executionWeight", e.executionWeight.text); fields.text("outputWeight", e.outputWeight.text)
            fields.text("benefitWeight", e.benefitWeight.text); fields.text("satisfactionWeight", e.satisfactionWeight.text)
            fields.integer("rateDecimals", Int64(e.rateDecimals)); fields.integer("executionScoreDecimals", Int64(e.executionScoreDecimals))
            fields.integer("indicatorScoreDecimals", Int64(e.indicatorScoreDecimals))
            fields.text("lowerIsBetter", e.lowerIsBetter.rawValue); fields.text("tolerance", e.tolerance.text)
            fields.optionalText("memo", e.memo)
        case .formDeclared(let e):
            fields.text("project", e.project); fields.text("fundUnit", e.fundUnit.rawValue)
            if let funds = DeclarationFields.funds(e) { fields.out += ",\"funds\":" + JSONWriter.compact(funds) }
            fields.optionalText("executionWeight", e.executionWeight?.text); fields.optionalText("executionScore", e.executionScore?.text)
            if let scores = DeclarationFields.scores(e) { fields.out += ",\"indicators\":" + JSONWriter.compact(scores) }
            fields.optionalText("indicatorScore", e.indicatorScore?.text); fields.optionalText("totalScore", e.totalScore?.text)
            fields.optionalText("grade", e.grade?.rawValue); fields.optionalText("executionReason", e.executionReason)
            fields.optionalText("memo", e.memo)
        case .goalRecorded(let e):
            fields.text("project", e.project); fields.optionalText("expected", e.expected); fields.optionalText("outcome", e.outcome)
        }
        out = fields.out
    }
}

/// Appends `,"key":value` members; keys are fixed ASCII so only values need escaping.
private struct FieldWriter {
    var out: String

    mutating func text(_ key: String, _ value: String) {
        out += ",\"\(key)\":"
        JSONWriter.appendQuoted(value, to: &out)
    }

    mutating func optionalText(_ key: String, _ value: String?) {
        if let value { text(key, value) }
    }

    mutating func integer(_ key: String, _ value: Int64) {
        out += ",\"\(key)\":\(value)"
    }
}
