import BudgetModel

/// The scoring policy in force at a point of replay: the setting of the last `policy.set`
/// folded in, or the defaults that reproduce the seed forms when there is none. It does the
/// rounding every score goes through, so that each figure is rounded once, half-up, at the
/// precision the policy names.
public struct ScoringPolicy: Equatable, Sendable {
    public let setting: PolicySetting
    /// The `policy.set` event that set it; nil for the defaults.
    public let seq: Int64?
    public let date: BusinessDate?

    public init(setting: PolicySetting = .standard, seq: Int64? = nil, date: BusinessDate? = nil) {
        self.setting = setting; self.seq = seq; self.date = date
    }

    public static let standard = ScoringPolicy()

    /// 分值 of the execution rate.
    public var executionWeight: Points { setting.executionWeight }
    public var tolerance: Points { setting.tolerance }
    public var lowerIsBetter: LowerIsBetterRule { setting.lowerIsBetter }
    /// The points the indicators share: 100 − the execution weight (90 on the seed forms).
    public var indicatorWeight: Points { setting.outputWeight + setting.benefitWeight + setting.satisfactionWeight }

    /// 执行率 = executed ÷ full-year, at the policy's precision.
    public func rate(of figures: FundFigures) -> Rate? {
        Rate.of(figures.executed, over: figures.fullYear, decimals: setting.rateDecimals)
    }

    /// The execution score: the weight times the rate as printed, capped at 100%, rounded
    /// half-up at the policy's precision (71.90% of 10 is 7.19, printed 7.2). Scoring the
    /// printed rate keeps the form's own cross-check, 得分 = 分值 × 执行率, true.
    public func executionScore(rate: Rate?) -> Points {
        let cappedBasisPoints = min(max(rate?.basisPoints ?? 0, 0), 10_000)
        return Self.round(Int128(cappedBasisPoints) * Int128(executionWeight.hundredths), over: 10_000,
                          decimals: setting.executionScoreDecimals)
    }

    /// An indicator score `numerator ÷ denominator` hundredths of a point, rounded half-up at
    /// the policy's indicator precision.
    public func indicatorScore(_ numerator: Int128, over denominator: Int128) -> Points {
        Self.round(numerator, over: denominator, decimals: setting.indicatorScoreDecimals)
    }

    /// `numerator ÷ denominator` hundredths, rounded half-up to `decimals` decimals of a point.
    static func round(_ numerator: Int128, over denominator: Int128, decimals: Int) -> Points {
        let step: Int128 = decimals >= 2 ? 1 : decimals == 1 ? 10 : 100
        return Points(hundredths: Int64(Rounding.divideHalfUp(numerator, by: denominator * step) * step))
    }
}
