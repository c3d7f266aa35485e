import BudgetText
import BudgetModel

/// Admission of the events that shape scoring rather than money: policies and declared forms.
extension LedgerBook {
    /// The policy in force after every event so far: the last one set and not reversed, with
    /// the event that set it; the defaults when there is none.
    public var policyInForce: (setting: PolicySetting, seq: Int64?, date: BusinessDate?) {
        guard let seq = livePolicySeqs.last, let event = event(seq: seq), case .policySet(let setting) = event.body else {
            return (.standard, nil, nil)
        }
        return (setting, seq, event.date)
    }

    /// A printed rate above 1000% is no rate a form could mean.
    static let declaredRateBasisPointsMax: Int64 = 100_000
}

extension PolicySetting: AdmissionRule {
    /// The four weights make the form's 100 points, precisions are whole decimals the model can
    /// hold, and policies take effect in date order, so the policy in force at any date is the
    /// last one set on or before it.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        let sum = executionWeight + outputWeight + benefitWeight + satisfactionWeight
        guard sum.hundredths == 100_00 else {
            throw Rejection(.weightsAddUpToExecution, sum, executionWeight, outputWeight, benefitWeight, satisfactionWeight)
        }
        for (name, decimals) in [("rate", rateDecimals), (Message(.executionScore), executionScoreDecimals),
                                 (Message(.indicatorScore), indicatorScoreDecimals)] where !PolicySetting.decimalsRange.contains(decimals) {
            throw Rejection(.precisionOfDecimalsIsOutside, name, decimals, PolicySetting.decimalsRange)
        }
        let current = book.policyInForce
        if let since = current.date, let seq = current.seq, event.date < since {
            throw Rejection(.policyDatedWouldPrecedePolicy, event.date, since, seq)
        }
    }
}

extension FormDeclaration: AdmissionRule {
    /// A declaration states something about indicators the project has, each once, in figures a
    /// form could print.
    func check(_ event: Event, in book: LedgerBook, lookup: EventLookup?) throws(Rejection) {
        guard !isEmpty else { throw Rejection(.declaredFormOfStatesNothing, project) }
        var seen: Set<String> = []
        for entry in indicatorScores {
            _ = try book.indicatorDefinition(entry.indicator, of: project)
            guard seen.insert(entry.indicator).inserted else { throw Rejection(.indicatorIsDeclaredTwice, entry.indicator) }
        }
        for (row, figures) in funds {
            for (name, amount) in [("initial", figures.initial), ("fullYear", figures.fullYear), ("executed", figures.executed)] {
                guard let amount else { continue }
                guard amount.fen >= 0, amount.fen <= Limits.amountFenMax else {
                    throw Rejection(.declaredIsOutsideYuan, row, name, amount.yuanText, Money(fen: Limits.amountFenMax).groupedYuanText)
                }
                guard amount.fen % fundUnit.stepFen == 0 else {
                    throw Rejection(.declaredIsFinerThan, row, name, amount.yuanText, fundUnit)
                }
            }
            if let rate = figures.rate, !(0...LedgerBook.declaredRateBasisPointsMax).contains(rate.basisPoints) {
                throw Rejection(.declaredRateIsOutside, row, rate)
            }
        }
    }
}
