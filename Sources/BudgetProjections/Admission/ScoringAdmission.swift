import BudgetModel

/// Admission of the events that shape scoring rather than money: policies, declared forms, and
/// the grade of a qualitative result.
extension LedgerBook {
    /// The policy in force after every event so far: the last one set and not reversed, with
    /// the event that set it; the defaults when there is none.
    public var policyInForce: (setting: PolicySetting, seq: Int64?, date: BusinessDate?) {
        guard let seq = livePolicySeqs.last, let event = event(seq: seq), case .policySet(let setting) = event.body else {
            return (.standard, nil, nil)
        }
        return (setting, seq, event.date)
    }

    /// A policy, or the reversal of one: they name no project, so no fiscal year binds them.
    func checkJournalWide(_ event: Event, lookup: EventLookup?) throws(Rejection) {
        switch event.body {
        case .policySet(let setting):
            try checkPolicy(setting, on: event.date)
        case .reversed(let reversal):
            try checkReversal(reversal, on: event.date, seq: event.seq, lookup: lookup)
        default:
            preconditionFailure("only policies and their reversals are journal-wide")
        }
    }

    /// The four weights make the form's 100 points, precisions are whole decimals the model can
    /// hold, and policies take effect in date order, so the policy in force at any date is the
    /// last one set on or before it.
    func checkPolicy(_ setting: PolicySetting, on date: BusinessDate) throws(Rejection) {
        let sum = setting.executionWeight + setting.outputWeight + setting.benefitWeight + setting.satisfactionWeight
        guard sum.hundredths == 100_00 else {
            throw Rejection("the weights add up to \(sum) (execution \(setting.executionWeight) + output \(setting.outputWeight) + benefit \(setting.benefitWeight) + satisfaction \(setting.satisfactionWeight)); a form has 100 points")
        }
        for (name, decimals) in [("rate", setting.rateDecimals), ("execution score", setting.executionScoreDecimals),
                                 ("indicator score", setting.indicatorScoreDecimals)] where !PolicySetting.decimalsRange.contains(decimals) {
            throw Rejection("the \(name) precision of \(decimals) decimals is outside \(PolicySetting.decimalsRange)")
        }
        let current = policyInForce
        if let since = current.date, let seq = current.seq, date < since {
            throw Rejection("a policy dated \(date) would precede the policy in force since \(since) (#\(seq)); policies take effect in date order")
        }
    }

    /// A form is declared once its year is over, so its date may fall in the year after.
    func checkDeclaration(_ form: FormDeclaration, on date: BusinessDate, of facts: ProjectFacts) throws(Rejection) {
        try checkDeclarationDate(date, of: facts)
        guard !form.isEmpty else { throw Rejection("the declared form of '\(form.project)' states nothing") }
        var seen: Set<String> = []
        for entry in form.indicatorScores {
            _ = try indicatorDefinition(entry.indicator, of: facts)
            guard seen.insert(entry.indicator).inserted else { throw Rejection("indicator '\(entry.indicator)' is declared twice") }
        }
        for (row, figures) in form.funds {
            for (name, amount) in [("initial", figures.initial), ("fullYear", figures.fullYear), ("executed", figures.executed)] {
                guard let amount else { continue }
                guard amount.fen >= 0, amount.fen <= Limits.amountFenMax else {
                    throw Rejection("declared \(row) \(name) \(amount.yuanText) is outside 0–\(Money(fen: Limits.amountFenMax).groupedYuanText) yuan")
                }
                guard amount.fen % form.fundUnit.stepFen == 0 else {
                    throw Rejection("declared \(row) \(name) \(amount.yuanText) is finer than 0.01 \(form.fundUnit)")
                }
            }
            if let rate = figures.rate, !(0...Self.declaredRateBasisPointsMax).contains(rate.basisPoints) {
                throw Rejection("declared \(row) rate \(rate) is outside 0–1000%")
            }
        }
    }

    /// A declaration, or its reversal, may be dated in the project's year or the year after.
    func checkDeclarationDate(_ date: BusinessDate, of facts: ProjectFacts) throws(Rejection) {
        let year = facts.registration.year, project = facts.registration.project
        guard date.year == year || date.year == year + 1 else {
            throw Rejection("date \(date) is outside fiscal year \(year) of project '\(project)' (or the year after, when forms are submitted)")
        }
        guard date >= facts.registeredOn else {
            throw Rejection("date \(date) is before project '\(project)' was registered (\(facts.registeredOn))")
        }
    }

    /// A printed rate above 1000% is no rate a form could mean.
    static let declaredRateBasisPointsMax: Int64 = 100_000

    /// A grade places a qualitative result in a band. A quantitative target is scored from its
    /// numbers, so a grade beside it would be a second, conflicting answer.
    func checkGradeApplies(to definition: IndicatorDefinition) throws(Rejection) {
        if case .quantity = IndicatorValueParser.parse(definition.target) {
            throw Rejection("--grade is for qualitative indicators; the target '\(definition.target)' of '\(definition.indicator)' is a quantity, scored from its numbers")
        }
    }
}
