import BudgetModel
import BudgetJournal

/// Renders `budget log`: the journal's events as recorded, one line each.
public enum LogRenderer {
    public static func table(_ events: [Event]) -> String {
        var table = TextTable([
            .init("seq", alignRight: true), .init("date"), .init("type"), .init("project"), .init("amount", alignRight: true),
            .init("detail"), .init("id"), .init("recorded"),
        ])
        for event in events {
            table.add([String(event.seq), event.date.text, event.body.type.rawValue, event.body.project ?? "(all)",
                       amount(of: event.body)?.groupedYuanText ?? "", detail(of: event.body), event.id, event.recorded])
        }
        return table.render()
    }

    public static func json(_ events: [Event]) -> String {
        // The journal's own line format, without the chain, is already the JSON a script wants.
        var out = "[\n"
        for (index, event) in events.enumerated() {
            var body = "{\"seq\":\(event.seq),\"id\":"
            JSONWriter.appendQuoted(event.id, to: &body)
            body += ",\"type\":\"\(event.body.type.rawValue)\",\"date\":\"\(event.date.text)\",\"recorded\":"
            JSONWriter.appendQuoted(event.recorded, to: &body)
            EventEncoder.appendFields(of: event.body, to: &body)
            out += "  " + body + "}" + (index + 1 < events.count ? ",\n" : "\n")
        }
        return out + "]\n"
    }

    static func amount(of body: EventBody) -> Money? {
        switch body {
        case .budgetApproved(let e): return e.amount
        case .budgetAdjusted(let e): return e.amount
        case .disbursed(let e): return e.amount
        case .refunded(let e): return e.amount
        case .carriedOver(let e): return e.amount
        case .reversed(let e): return amount(of: e.original).flatMap(\.negated)
        default: return nil
        }
    }

    static func detail(of body: EventBody) -> String {
        switch body {
        case .projectRegistered(let e): return "\(e.name) (\(e.year))"
        case .budgetApproved(let e): return [e.source.rawValue, e.memo].compactMap { $0 }.joined(separator: " ")
        case .budgetAdjusted(let e): return "\(e.source) \(e.reason)"
        case .disbursed(let e): return [e.source.rawValue, e.payee, e.memo].compactMap { $0 }.joined(separator: " ")
        case .refunded(let e): return "\(e.source) \(e.reason)"
        case .carriedOver(let e): return "\(e.source) → \(e.toProject)"
        case .indicatorDefined(let e): return "\(e.indicator) \(e.name) target \(e.target) weight \(e.weight)"
        case .indicatorActualRecorded(let e): return "\(e.indicator) actual \(e.value)" + (e.grade.map { " (\($0.label))" } ?? "")
        case .indicatorScored(let e): return "\(e.indicator) score \(e.score)" + (e.reason.map { " \($0)" } ?? "")
        case .reversed(let e): return "reverses #\(e.targetSeq) \(e.original.type.rawValue): \(e.reason)"
        case .policySet(let e):
            return "weights \(e.executionWeight)/\(e.outputWeight)/\(e.benefitWeight)/\(e.satisfactionWeight) lower-is-better \(e.lowerIsBetter) tolerance \(e.tolerance)"
        case .formDeclared(let e):
            return "declared form" + (e.totalScore.map { " 总分 \($0)" } ?? "") + " (\(e.indicatorScores.count) indicator scores)"
        case .goalRecorded(let e):
            return [e.expected.map { "预期目标 \($0)" }, e.outcome.map { "实际完成情况 \($0)" }].compactMap { $0 }.joined(separator: " ")
        }
    }
}
