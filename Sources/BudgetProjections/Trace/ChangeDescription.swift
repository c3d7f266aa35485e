import BudgetModel

/// Says in a few words what an event did to a project, for `budget trace`.
enum ChangeDescription {
    static func describe(_ body: EventBody, for project: String, before: ProjectState?, after: ProjectState) -> String {
        switch body {
        case .projectRegistered(let e):
            return "registered \(e.name) (\(e.year))"
        case .budgetApproved(let e):
            return "\(e.source) +\(e.amount.yuanText): 年初预算 \(after.funds[e.source].initial.yuanText)"
        case .budgetAdjusted(let e):
            let sign = e.amount.fen > 0 ? "+" : ""
            return "\(e.source) \(sign)\(e.amount.yuanText): 全年预算 \(after.funds[e.source].fullYear.yuanText)"
        case .disbursed(let e):
            return "\(e.source) paid \(e.amount.yuanText): 全年执行 \(after.funds[e.source].executed.yuanText)"
        case .refunded(let e):
            return "\(e.source) refunded \(e.amount.yuanText): 全年预算 \(after.funds[e.source].fullYear.yuanText)"
        case .carriedOver(let e):
            if e.toProject == project && e.project != project {
                return "carried in \(e.amount.yuanText) from \(e.project): 上年结转 \(after.funds.carryover.initial.yuanText)"
            }
            return "\(e.source) carried \(e.amount.yuanText) to \(e.toProject)"
        case .indicatorDefined(let e):
            return "indicator \(e.indicator) \(e.name): weight \(e.weight)"
        case .indicatorActualRecorded(let e):
            return "indicator \(e.indicator) actual: \(e.value)" + (e.grade.map { " (\($0.label))" } ?? "")
        case .indicatorScored(let e):
            let old = before?.indicators.first { $0.definition.indicator == e.indicator }?.score
            return "indicator \(e.indicator) score \(old.map { "\($0) → " } ?? "")\(e.score)"
        case .reversed(let reversal):
            return "reversed #\(reversal.targetSeq) (\(reversal.original.type.label)): \(reversal.reason)"
        case .policySet(let e):
            return "policy: " + describe(e)
        case .formDeclared(let e):
            let total = e.totalScore.map { "总分 \($0)" } ?? "no 总分"
            return "form declared: \(total), \(e.indicatorScores.count) indicator scores"
        case .goalRecorded(let e):
            return "goal: " + [e.expected.map { _ in "预期目标" }, e.outcome.map { _ in "实际完成情况" }].compactMap { $0 }.joined(separator: ", ") + " recorded"
        }
    }

    static func describe(_ policy: PolicySetting) -> String {
        "weights \(policy.executionWeight)/\(policy.outputWeight)/\(policy.benefitWeight)/\(policy.satisfactionWeight), "
            + "lower-is-better \(policy.lowerIsBetter), tolerance \(policy.tolerance)"
    }
}
