import BudgetModel
import BudgetProjections
import BudgetJSON

/// Renders `budget trace`: one line per event that touched the project, with the rate and
/// scores after it, so a reader can see which event moved a score and by how much. Beside the
/// self-assessed total stands the total by the rules (规则总分), under the policy of that step.
public enum TraceRenderer {
    public static func table(project: String, steps: [TraceStep]) -> String {
        var table = TextTable([
            .init("seq", alignRight: true), .init("date"), .init("type"), .init("执行率", alignRight: true),
            .init("执行得分", alignRight: true), .init("指标得分", alignRight: true), .init("总分", alignRight: true),
            .init("等级"), .init("规则总分", alignRight: true), .init("规则等级"), .init("change"),
        ])
        for step in steps {
            let card = step.after
            table.add([String(step.event.seq), step.event.date.text, step.event.body.kind.label,
                       card.rate?.description ?? "—", card.executionScore.text, card.indicatorScore.text,
                       card.total.text + delta(step), card.grade.rawValue, card.computedTotal.text, card.computedGrade.rawValue, step.change])
        }
        return "trace of \(project): \(steps.count) events\n" + table.render()
    }

    /// The change of the total, where there was one: "97.2 (+0.3)".
    static func delta(_ step: TraceStep) -> String {
        guard let before = step.before else { return "" }
        let change = step.after.total - before.total
        if change.hundredths == 0 { return "" }
        return " (\(change.hundredths > 0 ? "+" : "")\(change.text))"
    }

    public static func json(project: String, steps: [TraceStep]) -> String {
        var root = JSONObject()
        root.append("project", .string(project))
        root.append("steps", .array(steps.map { step in
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
            object.append("change", .string(step.change))
            return .object(object)
        }))
        return JSONWriter.pretty(.object(root)) + "\n"
    }
}
