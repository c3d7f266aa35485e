import BudgetText
import BudgetModel

/// Says in a few words what an event did to a project, for `budget trace`: what the event
/// states (its kind's summary), then where each figure of the project it moved stands after it.
enum ChangeDescription {
    static func describe(_ body: EventBody, for project: String, after: ProjectState) -> Message {
        body.summary + figures(body, for: project, after: after)
    }

    /// Where each figure of `project` that `body` moved stands after it: ` → 全年执行 120.00`.
    static func figures(_ body: EventBody, for project: String, after: ProjectState) -> Message {
        var text = ""
        for movement in body.movements where movement.project == project {
            let figures = after.funds[movement.source]
            switch movement.figure {
            case .approved: text += " → 年初预算 \(figures.initial.yuanText)"
            case .carriedIn: text += " → 上年结转 \(figures.initial.yuanText)"
            case .adjusted, .refunded: text += " → 全年预算 \(figures.fullYear.yuanText)"
            case .executed: text += " → 全年执行 \(figures.executed.yuanText)"
            case .carriedOut: text += " → 结转 \(figures.carriedOut.yuanText)"
            }
        }
        return Message(verbatim: text)
    }

    /// How a payment moved the indicators derived from the payments: ` · cost-01 实际 0元 →
    /// 17474.02元/期, 规则得分 5 → 4.2`. The answer to "which payment moved the cost score".
    static func derivedActuals(before: ProjectState?, after: ProjectState, scores: ([RuleScore]?, [RuleScore])) -> Message {
        guard let before else { return "" }
        var text = ""
        for (index, indicator) in after.indicators.enumerated() where indicator.definition.derived != nil {
            guard let earlier = before.indicators.first(where: { $0.definition.indicator == indicator.definition.indicator }),
                  earlier.derivedActual != indicator.derivedActual else { continue }
            text += " · \(indicator.definition.indicator) 实际 \(earlier.derivedActual ?? "—") → \(indicator.derivedActual ?? "—")"
            let old = scores.0.flatMap { index < $0.count ? $0[index].score : nil }, new = scores.1[index].score
            text += ", 规则得分 \(old?.text ?? "—") → \(new?.text ?? "—")"
        }
        return Message(verbatim: text)
    }
}
