import BudgetModel

extension LedgerBook {
    /// A goal states at least one text, and each text says something within the limits of free
    /// text. Its date was checked with every other event of the project: inside the fiscal
    /// year, on or after registration. A blank text is refused rather than taken to clear a
    /// goal: a goal is withdrawn by reversing the event that stated it.
    func checkGoal(_ goal: GoalRecord) throws(Rejection) {
        guard !goal.isEmpty else {
            throw Rejection("a goal needs --expected TEXT (预期目标), --outcome TEXT (实际完成情况) or both")
        }
        for (option, text) in [("--expected", goal.expected), ("--outcome", goal.outcome)] {
            guard let text else { continue }
            if let problem = FreeText.problem(with: text) { throw Rejection("\(option) \(problem)") }
            guard !text.allSatisfy(\.isWhitespace) else { throw Rejection("\(option) is blank") }
        }
    }
}
