import BudgetModel

/// Which way an indicator's number should move. The sign of the target decides when it has
/// one; otherwise a cost indicator is lower-is-better and every other one higher-is-better.
///
/// A cost indicator (成本指标) is an 产出指标 whose level-2 class or name says cost (成本, 费用),
/// or whose target is a price (元 per something: 234300元/项, 400元/天/人). Prices count because
/// the forms file some under other classes (form 1's 改革调研 per-diem caps sit under 数量指标,
/// form 5's 单位成本 under 质量指标), and spending less than a price cap is never a shortfall.
/// Only 产出指标 are classed by words or units: a 效益指标 in 元 (增收 50万元) is a gain.
public enum ScoringDirection: Equatable, Sendable {
    /// Full weight at or above the target, else actual ÷ target × weight.
    case higherIsBetter
    /// Full weight at or below the target, else the policy's rule.
    case lowerIsBetter
    /// Full weight when equal, else the smaller ÷ the larger × weight.
    case equality

    public static func of(target part: QuantityPart, in definition: IndicatorDefinition) -> ScoringDirection {
        switch part.sign {
        case .atLeast?, .greater?: return .higherIsBetter
        case .atMost?, .less?: return .lowerIsBetter
        case .equal?: return .equality
        case nil: return isCost(definition, unit: part.unit) ? .lowerIsBetter : .higherIsBetter
        }
    }

    public static func isCost(_ definition: IndicatorDefinition, unit: String?) -> Bool {
        guard definition.level1 == .output else { return false }
        let words = ["成本", "费用"]
        if words.contains(where: { definition.level2.contains($0) || definition.name.contains($0) }) { return true }
        return unit?.hasPrefix("元/") ?? false
    }
}
