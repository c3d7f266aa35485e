import BudgetText
import BudgetModel
import BudgetProjections
import BudgetJSON

/// Renders `budget trace`: one line per event that touched the project, with the rate and
/// scores after it, so a reader can see which event moved a score and by how much. Beside the
/// self-assessed total stands the total by the rules (规则总分), under the policy of that step.
public enum TraceRenderer {
    public static func columns(_ language: Language) -> [TableLayout.Column] {
        func heading(_ key: MessageKey) -> String { Message(key).text(language) }
        return [
            .init(heading(.headingSeq), alignRight: true), .init(heading(.headingDate)), .init(heading(.headingType)),
            .init("执行率", alignRight: true), .init("执行得分", alignRight: true), .init("指标得分", alignRight: true),
            .init("总分", alignRight: true), .init("等级"), .init("规则总分", alignRight: true), .init("规则等级"),
            .init(heading(.headingChange)),
        ]
    }

    public static func table(project: String, steps: [TraceStep], language: Language = .en) -> String {
        var table = TextTable(columns(language))
        for step in steps { table.add(cells(step, language: language)) }
        return title(project: project, count: steps.count) + table.render()
    }

    public static func title(project: String, count: Int, language: Language = .en) -> String { Message(.traceOfEventsN, project, count).text(language) }

    public static func cells(_ step: TraceStep, language: Language = .en) -> [String] {
        let card = step.after
        return [step.reversalSeq.map { "\($0)+\(step.event.seq)" } ?? String(step.event.seq), step.event.date.text,
                step.reversalSeq == nil ? step.event.body.kind.label : "更正",
                card.rate?.description ?? "—", card.executionScore.text, card.indicatorScore.text,
                card.total.text + delta(step), card.grade.rawValue, card.computedTotal.text, card.computedGrade.rawValue, step.change.text(language)]
    }

    /// The change of the total, where there was one: "97.2 (+0.3)".
    static func delta(_ step: TraceStep) -> String {
        guard let before = step.before else { return "" }
        let change = step.after.total - before.total
        if change.hundredths == 0 { return "" }
        return " (\(change.hundredths > 0 ? "+" : "")\(change.text))"
    }

    public static func json(project: String, steps: [TraceStep], language: Language = .en) -> String {
        var out = jsonOpening(project: project)
        for (index, step) in steps.enumerated() { out += jsonSeparator(first: index == 0) + jsonStep(step) }
        return out + jsonClosing(empty: steps.isEmpty)
    }

    /// The JSON document written piece by piece, as `JSONWriter.pretty` writes it whole:
    /// `{"project": …, "steps": [` (opening), each step after its separator, then the closing.
    public static func jsonOpening(project: String) -> String {
        var quoted: [UInt8] = []
        JSONWriter.appendQuoted(project, to: &quoted)
        return "{\n  \"project\": " + String(decoding: quoted, as: UTF8.self) + ",\n  \"steps\": ["
    }

    public static func jsonSeparator(first: Bool) -> String { first ? "\n    " : ",\n    " }

    public static func jsonClosing(empty: Bool) -> String { empty ? "]\n}\n" : "\n  ]\n}\n" }

    public static func jsonStep(_ step: TraceStep, language: Language = .en) -> String {
        var object = JSONObject()
        object.append("seq", .number(String(step.event.seq)))
        object.append("date", .string(step.event.date.text))
        object.append("type", .string(step.event.body.kind.name))
        object.append("rate", step.after.rate.map { .string($0.percentText) } ?? .null)
        object.append("executionScore", .string(step.after.executionScore.text))
        object.append("indicatorScore", .string(step.after.indicatorScore.text))
        object.append("totalScore", .string(step.after.total.text))
        object.append("grade", .string(step.after.grade.rawValue))
        object.append("computedIndicatorScore", .string(step.after.computedIndicatorScore.text))
        object.append("computedTotalScore", .string(step.after.computedTotal.text))
        object.append("computedGrade", .string(step.after.computedGrade.rawValue))
        object.append("change", .string(step.change.text(language)))
        object.append("late", .bool(LateEntry.recordedDay(ifLate: step.event) != nil))
        return JSONWriter.pretty(.object(object), level: 2)
    }
}
