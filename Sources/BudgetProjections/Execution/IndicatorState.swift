import BudgetModel

/// One indicator as the journal has shaped it so far. Actuals and scores keep their history,
/// so that reversing the latest one brings back the one before.
public struct IndicatorState: Equatable, Sendable {
    public let definition: IndicatorDefinition
    public let definedSeq: Int64
    public var actuals: [(seq: Int64, value: String, grade: Achievement?)] = []
    public var scores: [(seq: Int64, score: Points, reason: String?)] = []

    public init(definition: IndicatorDefinition, definedSeq: Int64) {
        self.definition = definition
        self.definedSeq = definedSeq
    }

    /// The actual value the ledger derives from the payments, for an indicator defined so.
    public internal(set) var derivedActual: String?

    /// 实际完成值: derived from the payments, or as last recorded; nil until recorded.
    public var actual: String? { derivedActual ?? actuals.last?.value }
    /// The grade recorded with the current actual value, for a qualitative indicator.
    public var actualGrade: Achievement? { actuals.last?.grade }
    /// The self-assessed 得分, nil until scored.
    public var score: Points? { scores.last?.score }
    /// 偏差原因 given with the current score.
    public var reason: String? { scores.last?.reason }

    public static func == (a: IndicatorState, b: IndicatorState) -> Bool {
        a.definition == b.definition && a.definedSeq == b.definedSeq && a.derivedActual == b.derivedActual
            && a.actuals.elementsEqual(b.actuals, by: { $0.seq == $1.seq && $0.value == $1.value && $0.grade == $1.grade })
            && a.scores.elementsEqual(b.scores, by: { $0.seq == $1.seq && $0.score == $1.score && $0.reason == $1.reason })
    }
}
