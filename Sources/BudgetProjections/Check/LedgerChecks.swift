import BudgetText
import BudgetModel

/// The checks of a project's own ledger figures: its weights, each indicator's score against
/// the rules, the deviation reasons, and where its money came from. Balances and carry-overs
/// are kept right by admission; they are checked again here because a check that cannot fail
/// today guards the day the admission rules change.
enum LedgerChecks {
    static func run(_ project: ProjectState, _ context: CheckContext) -> [Finding] {
        weights(project, context) + project.indicators.flatMap { indicator(project, $0, context) }
            + executionReason(project, context) + overspent(project, context) + carryover(project, context)
    }

    static func weights(_ project: ProjectState, _ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for level in IndicatorLevel.allCases {
            let rows = project.indicators.filter { $0.definition.level1 == level }
            let sum = rows.reduce(Points.zero) { $0 + $1.definition.weight }
            let expected = context.policy.setting.weight(of: level)
            guard sum != expected else { continue }
            let terms = rows.map(\.definition.weight.text).joined(separator: " + ")
            let working = rows.isEmpty ? Message(.noLevel, level.label) : rows.count == 1 ? Message(.oneOf, level.label, sum) : "\(terms) = \(sum)"
            findings.append(Finding(
                project: project.id, rule: .levelWeight, subject: Message(.levelWeights, level.label), expected: expected.text, found: sum.text,
                seqs: rows.map(\.definedSeq) + context.policySeqs,
                detail: Message(.policyGives, working, level.label, expected), cell: .levelWeights(level)))
        }
        let all = project.indicators.reduce(Points.zero) { $0 + $1.definition.weight }
        if all != context.policy.indicatorWeight {
            findings.append(Finding(
                project: project.id, rule: .indicatorWeight, subject: Message(.allIndicatorWeights), expected: context.policy.indicatorWeight.text,
                found: all.text, seqs: project.indicators.map(\.definedSeq) + context.policySeqs,
                detail: Message(.indicatorsShareExecutionPointsTheirs, context.policy.executionWeight, context.policy.indicatorWeight, all),
                cell: .totalWeight))
        }
        return findings
    }

    /// Only scored indicators are checked: an unscored one has nothing self-assessed to check yet.
    static func indicator(_ project: ProjectState, _ state: IndicatorState, _ context: CheckContext) -> [Finding] {
        guard let score = state.score else { return [] }
        let definition = state.definition
        let subject = Message(.indicatorSubject, definition.indicator, definition.name)
        let seqs = [state.definedSeq] + (state.actuals.last.map { [$0.seq] } ?? []) + (state.scores.last.map { [$0.seq] } ?? [])
        func finding(_ rule: CheckRule, _ expected: any MessageText, _ found: any MessageText, _ detail: any MessageText, extra: [Int64] = []) -> Finding {
            Finding(project: project.id, rule: rule, subject: subject, expected: expected, found: found, seqs: seqs + extra, detail: detail,
                    cell: .indicator(definition.indicator, column(of: rule)))
        }
        var findings: [Finding] = []
        if score > definition.weight {
            findings.append(finding(.scoreOverWeight, Message(.atMost, definition.weight), score.text, Message(.scoreCannotExceedItsWeight, definition.weight)))
        }
        let rule = state.ruleScore(policy: context.policy, year: project.registration.year)
        switch rule.basis {
        case .quantitative:
            if let computed = rule.score, (score - computed).hundredths.magnitude > context.policy.tolerance.hundredths.magnitude {
                let fullMarks = score == definition.weight && computed < definition.weight ? Message(.fullMarksWhileTargetWas) : ""
                var found = finding(.ruleScore, computed.text, score.text,
                                    rule.working + fullMarks + Message(.toleranceNote, context.policy.tolerance),
                                    extra: context.policySeqs)
                // Scoring oneself below the rules is modest, not wrong: a note, not an error.
                if score < computed { found.severity = .note }
                findings.append(found)
            }
        case .band(let grade):
            if !RuleScore.isInBand(score, weight: definition.weight, grade: grade), let band = rule.band {
                var found = finding(.gradeBand, "\(band.lowerBound)–\(band.upperBound) (\(grade.label))", score.text, rule.working)
                // Below its grade's band: modest, not wrong, as with a quantity.
                if score < band.lowerBound { found.severity = .note }
                findings.append(found)
            }
        case .textMatch:
            break
        case .unavailable(let problem):
            findings.append(unavailable(problem, state, rule, finding))
        }
        if score < definition.weight && (state.reason ?? "").allSatisfy(\.isWhitespace) && context.isYearEnd(of: project.registration.year) {
            findings.append(finding(.deviationReason, Message(.aDeviationReason), Message(.noneMark),
                                    Message(.ofPointsLostWithNo, definition.weight - score, definition.weight)))
        }
        return findings
    }

    /// The row's cell a rule questions: the score it would set, the actual it could not use,
    /// or the missing reason.
    static func column(of rule: CheckRule) -> IndicatorColumn {
        switch rule {
        case .deviationReason: return .reason
        case .gradeMissing, .unparseable, .unitMismatch, .incomparable, .actualMissing: return .actual
        default: return .score
        }
    }

    static func unavailable(_ problem: RuleScore.Problem, _ state: IndicatorState, _ rule: RuleScore,
                            _ finding: (CheckRule, any MessageText, any MessageText, any MessageText, [Int64]) -> Finding) -> Finding {
        let target = Message(verbatim: state.definition.target), actual = state.actual.map { Message(verbatim: $0) } ?? Message(.noneMark)
        switch problem {
        case .actualMissing: return finding(.actualMissing, Message(.actualValue), Message(.noneMark), Message(.scoreOfWith, state.score ?? .zero, rule.working), [])
        case .gradeMissing: return finding(.gradeMissing, Message(.gradeAchievedPartialOrNot), Message(.noneMark), rule.working, [])
        case .unparseable: return finding(.unparseable, target, actual, rule.working + Message(.notGuessed), [])
        case .unitMismatch: return finding(.unitMismatch, target, actual, rule.working, [])
        case .incomparable: return finding(.incomparable, target, actual, rule.working, [])
        }
    }

    /// 执行率 under 90% needs a reason. The form has one 偏差原因 column, so a reason on any row,
    /// or one declared for the execution rate, counts: whether it explains the rate is for a reader.
    /// At year end, a rate under 90% needs its own reason (`budget reason ID --execution`, or
    /// `declare --execution-reason`): a reason given for an indicator row answers that row, not
    /// the rate. Mid-year the rate is judged against 序时进度 instead (`behind-schedule`).
    static func executionReason(_ project: ProjectState, _ context: CheckContext) -> [Finding] {
        guard context.isYearEnd(of: project.registration.year) else { return behindSchedule(project, context) }
        guard let rate = context.policy.rate(of: project.funds.total), rate.basisPoints < 90_00 else { return [] }
        guard (project.executionReason ?? "").allSatisfy(\.isWhitespace) else { return [] }
        return [Finding(project: project.id, rule: .executionReason, subject: "执行率 \(rate)", expected: Message(.aDeviationReason), found: Message(.noneMark),
                        events: context.trail.seqs(project.id, .total, .rate),
                        detail: Message(.andNoExecutionReasonIs, FindingText.number(project.funds.total.executed.fen, .yuan), FindingText.number(project.funds.total.fullYear.fen, .yuan), rate, project.id),
                        cell: .fund(.total, .rate))]
    }

    /// Mid-year: execution more than 10 points behind 序时进度 at the replay date, as a note.
    static func behindSchedule(_ project: ProjectState, _ context: CheckContext) -> [Finding] {
        guard let asOf = context.asOf, let lag = BehindSchedule.lagging([project], at: asOf, thresholdBasisPoints: BehindSchedule.thresholdBasisPointsDefault).first,
              let rate = lag.point.rate else { return [] }
        let elapsed = lag.point.elapsed
        return [Finding(project: project.id, rule: .behindSchedule, subject: Message(.behindSubject, rate, asOf), expected: "序时进度 \(elapsed)", found: rate.description,
                        events: context.trail.seqs(project.id, .total, .rate),
                        detail: Message(.executedWhereOfYearHas, rate, elapsed, Points(hundredths: BehindSchedule.thresholdBasisPointsDefault)),
                        cell: .fund(.total, .rate), severity: .note)]
    }

    static func overspent(_ project: ProjectState, _ context: CheckContext) -> [Finding] {
        FundSource.allCases.compactMap { source -> Finding? in
            let figures = project.funds[source]
            guard figures.executed > figures.fullYear else { return nil }
            return Finding(project: project.id, rule: .overspent, subject: "\(source.label) 全年执行数",
                           expected: Message(.atMost, FindingText.money(figures.fullYear.fen, .yuan)), found: FindingText.money(figures.executed.fen, .yuan),
                           events: context.trail.seqs(project.id, FormFundRow(rawValue: source.rawValue)!, .rate),
                           detail: Message(.executedExceedsFullYearBudget), cell: .fund(FormFundRow(rawValue: source.rawValue)!, .executed))
        }
    }

    /// 上年结转资金 is money carried over from an earlier year's project, so its 年初 is exactly
    /// what arrived by carry-overs; anything approved straight into it came from elsewhere.
    static func carryover(_ project: ProjectState, _ context: CheckContext) -> [Finding] {
        let arrived = context.trail.carriedInFen[project.id] ?? 0
        let initial = project.funds.carryover.initial.fen
        guard initial != arrived else { return [] }
        return [Finding(project: project.id, rule: .carryoverArrival, subject: "上年结转资金 年初预算数",
                        expected: FindingText.money(arrived, .yuan), found: FindingText.money(initial, .yuan),
                        events: context.trail.seqs(project.id, .carryover, .initial),
                        detail: Message(.carriedInFromEarlierProjects, FindingText.money(arrived, .yuan), FindingText.money(initial, .yuan)),
                        cell: .fund(.carryover, .initial))]
    }
}
