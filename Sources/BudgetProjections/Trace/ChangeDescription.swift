import BudgetModel

/// Says in a few words what an event did to a project, for `budget trace`: what the event
/// states (its kind's summary), then where each figure of the project it moved stands after it.
enum ChangeDescription {
    static func describe(_ body: EventBody, for project: String, after: ProjectState) -> String {
        body.summary + figures(body, for: project, after: after)
    }

    /// Where each figure of `project` that `body` moved stands after it: ` → 全年执行 120.00`.
    static func figures(_ body: EventBody, for project: String, after: ProjectState) -> String {
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
        return text
    }
}
