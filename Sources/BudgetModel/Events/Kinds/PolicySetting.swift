import BudgetText

/// 评分规则: the scoring policy set for the whole journal from its date on (`policy.set`). It
/// names no project: it applies to every project replayed past it. Every member is written, so
/// one event says the whole policy and a replay never has to merge partial settings.
public struct PolicySetting: Equatable, Sendable {
    /// 分值 of the execution rate (资金执行率).
    public internal(set) var executionWeight: Points
    /// The shares of the level-1 indicator classes: 产出, 效益, 满意度.
    public internal(set) var outputWeight: Points
    public internal(set) var benefitWeight: Points
    public internal(set) var satisfactionWeight: Points
    /// Decimals of a percent the execution rate is rounded to (2: 71.90%).
    public internal(set) var rateDecimals: Int
    /// Decimals of a point the execution score is rounded to (1: 7.2).
    public internal(set) var executionScoreDecimals: Int
    /// Decimals of a point a rule-computed indicator score is rounded to (2: 1.72).
    public internal(set) var indicatorScoreDecimals: Int
    public internal(set) var lowerIsBetter: LowerIsBetterRule
    /// How far a self-assessed indicator score may depart from the rule-computed one before
    /// `budget check` reports it.
    public internal(set) var tolerance: Points
    public internal(set) var memo: String?

    public init(executionWeight: Points, outputWeight: Points, benefitWeight: Points, satisfactionWeight: Points,
                rateDecimals: Int, executionScoreDecimals: Int, indicatorScoreDecimals: Int,
                lowerIsBetter: LowerIsBetterRule, tolerance: Points, memo: String? = nil) {
        self.executionWeight = executionWeight; self.outputWeight = outputWeight
        self.benefitWeight = benefitWeight; self.satisfactionWeight = satisfactionWeight
        self.rateDecimals = rateDecimals; self.executionScoreDecimals = executionScoreDecimals
        self.indicatorScoreDecimals = indicatorScoreDecimals
        self.lowerIsBetter = lowerIsBetter; self.tolerance = tolerance; self.memo = memo
    }

    /// What a journal without a `policy.set` uses: the weights and precisions of the seed forms
    /// (10 + 50 + 30 + 10; 71.90%, 7.2), the linear rule, and a tolerance of 0.05 point, so that
    /// a self-assessed score equal to the rule's score rounded half-up to 0.1 point passes and
    /// anything further off (47 of 50 trainees scored 5 of 5 instead of 4.7) is reported.
    public static let standard = PolicySetting(
        executionWeight: Points(hundredths: 10_00), outputWeight: Points(hundredths: 50_00),
        benefitWeight: Points(hundredths: 30_00), satisfactionWeight: Points(hundredths: 10_00),
        rateDecimals: 2, executionScoreDecimals: 1, indicatorScoreDecimals: 2,
        lowerIsBetter: .linear, tolerance: Points(hundredths: 5))

    /// Rounding precisions are whole decimals of the units the model holds exactly: a rate in
    /// hundredths of a percent, points in hundredths.
    public static let decimalsRange = 0...2

    /// The weight of one level-1 class.
    public func weight(of level: IndicatorLevel) -> Points {
        switch level {
        case .output: return outputWeight
        case .benefit: return benefitWeight
        case .satisfaction: return satisfactionWeight
        }
    }

    /// The same policy with another memo; the memo says why, and does not change the rules.
    public func with(memo: String?) -> PolicySetting {
        var setting = self
        setting.memo = memo
        return setting
    }
}

extension PolicySetting: EventPayload {
    public static let kind = EventKind(name: "policy.set", label: "评分规则")
    public static let fields: [EventField<Self>] = [
        .required("executionWeight", \.executionWeight), .required("outputWeight", \.outputWeight),
        .required("benefitWeight", \.benefitWeight), .required("satisfactionWeight", \.satisfactionWeight),
        .required("rateDecimals", \.rateDecimals, .range(decimalsRange)),
        .required("executionScoreDecimals", \.executionScoreDecimals, .range(decimalsRange)),
        .required("indicatorScoreDecimals", \.indicatorScoreDecimals, .range(decimalsRange)),
        .required("lowerIsBetter", \.lowerIsBetter), .required("tolerance", \.tolerance), .optional("memo", \.memo),
    ]
    public static let blank = PolicySetting.standard
    public var body: EventBody { .policySet(self) }
    /// A policy names no project: it applies to every project replayed past it.
    public var recordedAgainst: String? { nil }
    public var summary: Message {
        Message(.weightsLowerIsBetterTolerance, executionWeight, outputWeight, benefitWeight, satisfactionWeight, lowerIsBetter, tolerance)
    }
    public var remark: String? { memo }
}
