import BudgetText
import BudgetModel

/// The checks of a declared form against its own arithmetic. Each derived figure is checked
/// against what the form's primary figures (its money and its indicator scores) give, through
/// the form's chain: rate = executed ÷ full-year, execution score = weight × rate, total =
/// indicator scores + execution score, grade from the total. So a wrong rate is reported once
/// for the rate and again for each figure it carried into, with the right value of each.
enum DeclaredFormChecks {
    static func run(_ declared: DeclaredForm, of project: ProjectState, _ context: CheckContext) -> [Finding] {
        let check = FormArithmetic(declared: declared, project: project, context: context)
        return check.columnTotals() + check.overspent() + check.rates() + check.executionScore() + check.totals() + check.scoresOverWeight()
            + DeclaredLedgerComparison(declared: declared, project: project, context: context).findings()
    }
}

struct FormArithmetic {
    let declared: DeclaredForm
    let project: ProjectState
    let context: CheckContext

    var form: FormDeclaration { declared.form }
    var unit: DeclaredFundUnit { form.fundUnit }

    func finding(_ rule: CheckRule, _ subject: any MessageText, _ expected: any MessageText, _ found: any MessageText, _ detail: any MessageText, extra: [Int64] = [],
                 cell: FormCell) -> Finding {
        Finding(project: project.id, rule: rule, subject: subject, expected: expected, found: found, seqs: [declared.seq] + extra, detail: detail,
                cell: cell)
    }

    /// 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, column by column. A blank source cell is 0.
    func columnTotals() -> [Finding] {
        [FundColumn.initial, .fullYear, .executed].compactMap { column -> Finding? in
            let cells = FundSource.allCases.map { form.figures(FormFundRow(rawValue: $0.rawValue)!).cell(column) }
            let total = form.figures(.total).cell(column)
            // A column with no source printed gives no breakdown to add up; the comparison with
            // the ledger reports the blank rows if the ledger has money there.
            guard cells.contains(where: { $0 != nil }) else { return nil }
            let sum = cells.reduce(Int64(0)) { $0 + ($1?.fen ?? 0) }
            guard total?.fen != sum else { return nil }
            let terms = cells.compactMap { $0.map { FindingText.number($0.fen, unit) } }
            return finding(.fundTotal, "年度资金总额 \(column.label)", FindingText.money(sum, unit), total.map { Message(verbatim: FindingText.money($0.fen, unit)) } ?? Message(.blankMark),
                           "\(terms.isEmpty ? "0" : terms.joined(separator: " + ")) = \(FindingText.number(sum, unit))",
                           cell: .fund(.total, column))
        }
    }

    /// 无预算不支出 on the form too: a row may not print more executed than its full-year budget
    /// (a blank full-year cell is 0).
    func overspent() -> [Finding] {
        FormFundRow.allCases.compactMap { row -> Finding? in
            let figures = form.figures(row)
            guard let executed = figures.executed?.fen, executed > (figures.fullYear?.fen ?? 0) else { return nil }
            let fullYear = figures.fullYear?.fen ?? 0
            return finding(.overspent, "\(row.label) 全年执行数", Message(.atMost, FindingText.money(fullYear, unit)), FindingText.money(executed, unit),
                           Message(.executedFullYearBudget, FindingText.number(executed, unit), FindingText.number(fullYear, unit)),
                           cell: .fund(row, .executed))
        }
    }

    /// The rate each row should print: its executed ÷ its full-year, at the policy's precision.
    func expectedRate(_ row: FormFundRow) -> Rate? {
        let figures = form.figures(row)
        return Rate.of(figures.executed ?? .zero, over: figures.fullYear ?? .zero, decimals: context.policy.setting.rateDecimals)
    }

    func rateWorking(_ row: FormFundRow) -> Message {
        let figures = form.figures(row)
        let executed = figures.executed?.fen ?? 0, fullYear = figures.fullYear?.fen ?? 0
        return "\(FindingText.number(executed, unit)) ÷ \(FindingText.number(fullYear, unit)) = \(FindingText.quotient(executed, fullYear)) → \(FindingText.rate(expectedRate(row)))"
    }

    /// Whether `printed` is a rate some true figures could give, that print as the row's figures
    /// do: each printed amount stands for any within half its last digit (±50元 in 万元), so
    /// 54.09 ÷ 62.09 万元 may truly be 540,850.50 ÷ 620,850.50 = 87.11%, though 54.09 ÷ 62.09 is 87.12%.
    func isConsistent(_ printed: Rate, _ row: FormFundRow) -> Bool {
        let figures = form.figures(row)
        guard let executed = figures.executed?.fen, let fullYear = figures.fullYear?.fen, fullYear > 0 else { return false }
        // In half-fen, the figures and their half-step; in half-basis-points, the printed rate's own interval.
        let e = Int128(executed) * 2, f = Int128(fullYear) * 2, h = Int128(unit.stepFen)
        let step: Int128 = context.policy.setting.rateDecimals >= 2 ? 1 : context.policy.setting.rateDecimals == 1 ? 10 : 100
        let rateLow = Int128(printed.basisPoints) * 2 - step, rateHigh = Int128(printed.basisPoints) * 2 + step
        // The lowest true ratio (e − h) ÷ (f + h) lies below the top of the printed interval, and
        // the highest (e + h) ÷ (f − h) reaches its bottom.
        let lowBelowTop = (e - h) * 20_000 < rateHigh * (f + h)
        let highReachesBottom = f - h <= 0 || (e + h) * 20_000 >= rateLow * (f - h)
        return lowBelowTop && highReachesBottom
    }

    func rates() -> [Finding] {
        FormFundRow.allCases.compactMap { row -> Finding? in
            guard let printed = form.figures(row).rate else { return nil }
            let expected = expectedRate(row)
            if expected == nil && printed.basisPoints == 0 { return nil }
            guard expected != printed, !isConsistent(printed, row) else { return nil }
            return finding(.rate, "\(row.label) 执行率", FindingText.rate(expected), FindingText.rate(printed), rateWorking(row),
                           cell: .fund(row, .rate))
        }
    }

    /// The execution score the form's figures give: from the declared total row when it prints
    /// a full-year budget, else the ledger's (a declaration of scores only). `working` is the
    /// product; `rateWorking` where the rate came from.
    var expectedExecution: (score: Points, working: Message, rateWorking: Message) {
        let weight = context.policy.executionWeight
        guard form.figures(.total).fullYear != nil else {
            let card = Scorecard(project, policy: context.policy)
            return (card.executionScore, "\(weight) × \(FindingText.rate(card.rate)) → \(card.executionScore)", Message(.ledgerSRate))
        }
        // A printed rate that its figures' rounding allows is the rate the score is checked by.
        let printed = form.figures(.total).rate
        let rate = printed.flatMap { isConsistent($0, .total) ? $0 : nil } ?? expectedRate(.total)
        let score = context.policy.executionScore(rate: rate)
        let exact = ExactDecimal(millionths: Int128(weight.hundredths) * Int128(min(max(rate?.basisPoints ?? 0, 0), 10_000)))
        return (score, "\(weight) × \(FindingText.rate(rate)) = \(exact) → \(score)", rateWorking(.total))
    }

    func executionScore() -> [Finding] {
        guard let printed = form.executionScore else { return [] }
        let expected = expectedExecution
        guard printed != expected.score else { return [] }
        return [finding(.executionScore, "执行得分", expected.score.text, printed.text,
                        expected.working + Message(.rateWorkingNote, expected.rateWorking), extra: context.policySeqs, cell: .executionScore)]
    }

    /// The indicator part of the total: the declared scores, else a printed indicator total,
    /// else the ledger's self-assessed scores.
    var indicatorPart: (score: Points, working: Message) {
        if !form.indicatorScores.isEmpty {
            let sum = form.indicatorScores.reduce(Points.zero) { $0 + $1.score }
            return (sum, Message(.declaredIndicatorScores, sum))
        }
        if let printed = form.indicatorScore { return (printed, Message(.declaredIndicatorTotal, printed)) }
        let sum = project.indicators.reduce(Points.zero) { $0 + ($1.score ?? .zero) }
        return (sum, Message(.ledgerSIndicatorScores, sum))
    }

    func totals() -> [Finding] {
        var findings: [Finding] = []
        let indicators = indicatorPart
        if let printed = form.indicatorScore, !form.indicatorScores.isEmpty, printed != indicators.score {
            let terms = form.indicatorScores.map(\.score.text).joined(separator: " + ")
            findings.append(finding(.indicatorScore, "指标得分", indicators.score.text, printed.text, "\(terms) = \(indicators.score)",
                                    cell: .totalScore))
        }
        let execution = expectedExecution
        let expectedTotal = indicators.score + execution.score
        if let printed = form.totalScore, printed != expectedTotal {
            let gradeNote = Grade(total: printed) != Grade(total: expectedTotal)
                ? Message(expectedTotal > printed ? .gradeRises : .gradeDrops, Grade(total: printed).rawValue, Grade(total: expectedTotal).rawValue)
                : ""
            let gradesDiffer = Grade(total: printed) != Grade(total: expectedTotal)
            findings.append(finding(.totalScore, "总分", gradesDiffer ? FindingText.withGrade(expectedTotal) : expectedTotal.text,
                                    gradesDiffer ? FindingText.withGrade(printed) : printed.text,
                                    Message(.totalWorking, indicators.working, execution.score, execution.working, expectedTotal, gradeNote),
                                    extra: context.policySeqs, cell: .totalScore))
        }
        if let printed = form.grade {
            let expected = Grade(total: expectedTotal)
            if printed != expected {
                findings.append(finding(.grade, "评价等级", expected.rawValue, printed.rawValue, Message(.totalOfEarns, expectedTotal, expected.rawValue),
                                        cell: .totalScore))
            }
        }
        return findings
    }

    func scoresOverWeight() -> [Finding] {
        form.indicatorScores.compactMap { entry -> Finding? in
            guard let state = project.indicators.first(where: { $0.definition.indicator == entry.indicator }),
                  entry.score > state.definition.weight else { return nil }
            return finding(.scoreOverWeight, Message(.declaredIndicator, entry.indicator, state.definition.name), Message(.atMost, state.definition.weight),
                           entry.score.text, Message(.scoreCannotExceedItsWeight, state.definition.weight), extra: [state.definedSeq],
                           cell: .indicator(entry.indicator, .score))
        }
    }
}

extension DeclaredFigures {
    func cell(_ column: FundColumn) -> Money? {
        switch column {
        case .initial: return initial
        case .fullYear: return fullYear
        case .executed: return executed
        case .rate: return nil
        }
    }
}
