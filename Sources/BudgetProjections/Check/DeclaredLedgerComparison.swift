import BudgetText
import BudgetModel

/// A declared form against the ledger: every printed amount, the execution weight and every
/// indicator score. Amounts are compared at the precision the form prints (0.01 万元 on the
/// seed forms): the ledger's figure is rounded half-up to it first, so rounding is no finding.
/// Derived figures (rates, execution score, totals) are not compared here: the form's own
/// arithmetic checks them, and a money difference behind them is reported here once.
struct DeclaredLedgerComparison {
    let declared: DeclaredForm
    let project: ProjectState
    let context: CheckContext

    var form: FormDeclaration { declared.form }

    func findings() -> [Finding] {
        amounts() + executionWeight() + scores()
    }

    func finding(_ subject: any MessageText, _ expected: any MessageText, _ found: any MessageText, _ detail: any MessageText, _ seqs: [Int64], cell: FormCell) -> Finding {
        finding(subject, expected, found, detail, SeqList(seqs), cell: cell)
    }

    func finding(_ subject: any MessageText, _ expected: any MessageText, _ found: any MessageText, _ detail: any MessageText, _ events: SeqList, cell: FormCell) -> Finding {
        Finding(project: project.id, rule: .declaredDiffers, subject: subject, expected: expected, found: found,
                events: SeqList([declared.seq]) + events, detail: detail, cell: cell)
    }

    /// Only when the form declares a fund block at all, as with the scores below.
    func amounts() -> [Finding] {
        guard !form.funds.isEmpty else { return [] }
        let step = Int128(form.fundUnit.stepFen)
        var findings: [Finding] = []
        for row in FormFundRow.allCases {
            let ledger = row.source.map { project.funds[$0] } ?? project.funds.total
            for column in [FundColumn.initial, .fullYear, .executed] {
                let exact = ledger.cell(column).fen
                let rounded = Int64(Rounding.divideHalfUp(Int128(exact), by: step) * step)
                let printed = form.figures(row).cell(column)
                if printed == nil && rounded == 0 { continue }
                guard printed?.fen != rounded else { continue }
                let shown = FindingText.money(rounded, form.fundUnit)
                let detail = Message(.ledgerSIs, row.label, column.label, FindingText.money(exact, .yuan))
                    + (form.fundUnit == .wan ? Message(.atFormS, shown) : "")
                findings.append(finding("\(row.label) \(column.label)", shown, printed.map { Message(verbatim: FindingText.money($0.fen, form.fundUnit)) } ?? Message(.blankMark),
                                        detail, context.trail.seqs(project.id, row, column), cell: .fund(row, column)))
            }
        }
        return findings
    }

    func executionWeight() -> [Finding] {
        guard let printed = form.executionWeight, printed != context.policy.executionWeight else { return [] }
        return [finding("执行率 分值", context.policy.executionWeight.text, printed.text,
                        Message(.policyInForceGivesExecution, context.policy.executionWeight), context.policySeqs,
                        cell: .executionWeight)]
    }

    /// Only when the form declares indicator scores at all: a declaration of the fund block
    /// alone says nothing about them.
    func scores() -> [Finding] {
        guard !form.indicatorScores.isEmpty else { return [] }
        return project.indicators.compactMap { state -> Finding? in
            let printed = form.score(of: state.definition.indicator)
            guard printed != state.score else { return nil }
            let seqs = [state.definedSeq] + (state.scores.last.map { [$0.seq] } ?? [])
            return finding(Message(.indicatorSubject, state.definition.indicator, state.definition.name), state.score.map { Message(verbatim: $0.text) } ?? Message(.noScore),
                           printed.map { Message(verbatim: $0.text) } ?? Message(.notDeclared),
                           Message(.ledgerSelfScoreIs, state.score.map { Message(verbatim: $0.text) } ?? Message(.notRecorded)), seqs,
                           cell: .indicator(state.definition.indicator, .score))
        }
    }
}

extension FundFigures {
    func cell(_ column: FundColumn) -> Money {
        switch column {
        case .initial: return initial
        case .fullYear: return fullYear
        case .executed: return executed
        case .rate: return .zero
        }
    }
}
