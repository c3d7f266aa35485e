import BudgetText
import BudgetModel

/// The quantitative rules, part by part. A composite value (`区内510元/人天,区外530元/人天`)
/// is a target of its own for every part; the indicator reaches its target only when every part
/// does, and scores as its weakest part. (Rounding is monotone, so the weakest rounded part
/// score is the rounded weakest score.)
enum QuantityScoring {
    static func score(_ definition: IndicatorDefinition, target: [QuantityPart], actual: [QuantityPart],
                      policy: ScoringPolicy) -> RuleScore {
        let pairs: [(target: QuantityPart, actual: QuantityPart)]
        switch pair(target, actual) {
        case .success(let paired): pairs = paired
        case .failure(let failure): return RuleScore.unavailable(.incomparable, failure.reason)
        }
        var weakest: Points?
        var lines: [Message] = []
        for (targetPart, actualPart) in pairs {
            guard compatible(targetPart, actualPart) else {
                return RuleScore.unavailable(.unitMismatch, Message(.unitMismatch, targetPart, targetPart.unit.map { Message(verbatim: $0) } ?? Message(.noUnit),
                                                                      actualPart, actualPart.unit.map { Message(verbatim: $0) } ?? Message(.noUnit)))
            }
            let direction = ScoringDirection.of(target: targetPart, in: definition)
            guard let value = usableValue(actualPart, for: direction) else {
                return RuleScore.unavailable(.incomparable, Message(.actualGivesOnlyBoundOn, actualPart, targetPart))
            }
            let (points, line) = partScore(direction, target: targetPart, actual: value, actualUnit: actualPart.unit,
                                           weight: definition.weight, policy: policy)
            lines.append((pairs.count > 1 && !targetPart.label.isEmpty ? targetPart.label + " " : "") + line)
            weakest = min(weakest ?? points, points)
        }
        var working = lines.joined(separator: "; ")
        if pairs.count > 1, let weakest { working += Message(.weakestPartScores, weakest) }
        return RuleScore(basis: .quantitative, score: weakest, band: nil, working: working)
    }

    struct Failure: Error { let reason: Message }

    /// One part each: paired as they stand. Several: by label when every part has a distinct
    /// label, else by position, and a label that differs at its position is a mismatch.
    static func pair(_ target: [QuantityPart], _ actual: [QuantityPart]) -> Result<[(target: QuantityPart, actual: QuantityPart)], Failure> {
        guard target.count == actual.count else {
            return .failure(Failure(reason: Message(.targetHasPartSActual, target.count, actual.count)))
        }
        if target.count == 1 { return .success([(target[0], actual[0])]) }
        let labels = target.map(\.label)
        if labels.allSatisfy({ !$0.isEmpty }) && Set(labels).count == labels.count && Set(actual.map(\.label)) == Set(labels) {
            return .success(target.map { part in (part, actual.first { $0.label == part.label }!) })
        }
        for (t, a) in zip(target, actual) where !t.label.isEmpty && !a.label.isEmpty && t.label != a.label {
            return .failure(Failure(reason: Message(.partOfTargetMeetsPart, t, a)))
        }
        return .success(Array(zip(target, actual)))
    }

    /// Same unit, or a bare zero: zero of anything is zero, so `0` against `3000元` is no guess.
    static func compatible(_ target: QuantityPart, _ actual: QuantityPart) -> Bool {
        if target.unit == actual.unit { return true }
        return (actual.unit == nil && actual.value == .zero) || (target.unit == nil && target.value == .zero)
    }

    /// The number an actual value vouches for. `≥90%` vouches for at least 90, which serves a
    /// higher-is-better target; it says nothing of an upper limit, so a lower-is-better target
    /// cannot use it. Strict and non-strict signs score alike: the formulas are continuous.
    static func usableValue(_ actual: QuantityPart, for direction: ScoringDirection) -> ExactDecimal? {
        switch (actual.sign, direction) {
        case (nil, _), (.equal?, _): return actual.value
        case (.atLeast?, .higherIsBetter), (.greater?, .higherIsBetter): return actual.value
        case (.atMost?, .lowerIsBetter), (.less?, .lowerIsBetter): return actual.value
        default: return nil
        }
    }

    static func partScore(_ direction: ScoringDirection, target part: QuantityPart, actual a: ExactDecimal, actualUnit: String?,
                          weight: Points, policy: ScoringPolicy) -> (Points, Message) {
        let t = part.value
        let w = Int128(weight.hundredths)
        let (ta, aa) = (t.description + (part.unit ?? ""), a.description + (actualUnit ?? ""))
        let full = (weight, Message(.fullWeight, weight))
        switch direction {
        case .higherIsBetter:
            if t == .zero { return (weight, Message(.targetZero) + full.1) }
            if a >= t { return (weight, "\(aa) ≥ \(ta): " + full.1) }
            let score = policy.indicatorScore(a.millionths * w, over: t.millionths)
            return (score, "\(aa) < \(ta): \(a) ÷ \(t) × \(weight) = \(score)")
        case .lowerIsBetter:
            if a <= t { return (weight, "\(aa) ≤ \(ta): " + full.1) }
            switch policy.lowerIsBetter {
            case .linear:
                if a.millionths >= 2 * t.millionths { return (.zero, "\(aa) ≥ 2 × \(ta): 0") }
                let score = policy.indicatorScore((2 * t.millionths - a.millionths) * w, over: t.millionths)
                return (score, "\(aa) > \(ta): \(weight) × (1 − (\(a) − \(t)) ÷ \(t)) = \(score)")
            case .ratio:
                let score = policy.indicatorScore(t.millionths * w, over: a.millionths)
                return (score, "\(aa) > \(ta): \(t) ÷ \(a) × \(weight) = \(score)")
            }
        case .equality:
            if a == t { return (weight, "\(aa) = \(ta): " + full.1) }
            let (small, large) = a < t ? (a, t) : (t, a)
            let score = policy.indicatorScore(small.millionths * w, over: large.millionths)
            return (score, "\(aa) ≠ \(ta): \(small) ÷ \(large) × \(weight) = \(score)")
        }
    }
}
