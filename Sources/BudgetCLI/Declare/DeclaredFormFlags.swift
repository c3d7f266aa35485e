import BudgetModel

/// A declared form given as options: one option per fund row and per figure of the foot.
enum DeclaredFormFlags {
    static let rowOptions: [(name: String, row: FormFundRow)] = [
        ("fund-total", .total), ("fund-current", .current), ("fund-carryover", .carryover), ("fund-other", .other),
    ]
    /// The options that carry figures: with --file they would say the same thing twice.
    static let figureOptions = rowOptions.map(\.name) + [
        "unit", "execution-weight", "execution-score", "scores", "indicator-score", "total-score", "grade", "execution-reason",
    ]

    static func read(_ arguments: ParsedArguments, project: String, memo: String?) throws(UsageError) -> FormDeclaration {
        let unit = try arguments.options["unit"].map { text throws(UsageError) in try DeclaredCells.unit(text, "--unit") } ?? .wan
        var funds: [FormFundRow: DeclaredFigures] = [:]
        for (name, row) in rowOptions {
            guard let text = arguments.options[name] else { continue }
            funds[row] = try DeclaredCells.row(text, unit: unit, "--\(name)")
        }
        func points(_ name: String) throws(UsageError) -> Points? {
            try arguments.options[name].flatMap { text throws(UsageError) in try DeclaredCells.points(text, "--\(name)") }
        }
        return FormDeclaration(
            project: project, fundUnit: unit, funds: funds,
            executionWeight: try points("execution-weight"), executionScore: try points("execution-score"),
            indicatorScores: try arguments.options["scores"].map { text throws(UsageError) in try DeclaredCells.scores(text, "--scores") } ?? [],
            indicatorScore: try points("indicator-score"), totalScore: try points("total-score"),
            grade: try arguments.options["grade"].flatMap { text throws(UsageError) in try DeclaredCells.grade(text, "--grade") },
            executionReason: try arguments.text("execution-reason"), memo: memo)
    }
}
