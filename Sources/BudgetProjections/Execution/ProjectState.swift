import BudgetModel

/// Everything the journal says about one project at a point of replay: its header, its fund
/// block and its indicators, in the order they were defined.
public struct ProjectState: Equatable, Sendable {
    public let registration: ProjectRegistration
    public var funds = FundTable()
    /// The executed money of classified payments, by code.
    public var classified = ClassifiedSums()
    public var indicators: [IndicatorState] = []
    /// Every declared form not reversed, in journal order; the last supersedes the others.
    public var declarations: [DeclaredForm] = []
    /// Every goal record not reversed, in journal order (年度总体目标).
    public var goals: [GoalEntry] = []
    /// Every execution reason recorded and not reversed, in journal order.
    public var executionReasons: [ReasonEntry] = []
    /// The closing figures stated when the project's year last closed.
    public var closing: ClosingRecord?
    /// The last event that changed this project.
    public var lastSeq: Int64

    public init(registration: ProjectRegistration, seq: Int64) {
        self.registration = registration
        self.lastSeq = seq
    }

    public var id: String { registration.project }

    /// The form as last declared, if any.
    public var declared: DeclaredForm? { declarations.last }

    /// 预期目标: the text of the latest goal record that states one.
    public var expectedGoal: String? { goals.last { $0.record.expected != nil }?.record.expected }

    /// 执行偏差原因: the latest given, by an `execution.explained` event or a declared form.
    public var executionReason: String? {
        let declared = declarations.last { !($0.form.executionReason ?? "").allSatisfy(\.isWhitespace) }.map { ($0.seq, $0.form.executionReason!) }
        let recorded = executionReasons.last
        switch (declared, recorded) {
        case let (declared?, recorded?): return declared.0 > recorded.seq ? declared.1 : recorded.text
        case let (declared?, nil): return declared.1
        case let (nil, recorded?): return recorded.text
        case (nil, nil): return nil
        }
    }

    /// 实际完成情况: the text of the latest goal record that states one.
    public var outcome: String? { goals.last { $0.record.outcome != nil }?.record.outcome }

    /// Recomputes the actual value of each indicator derived from the payments.
    mutating func refreshDerivedActuals() {
        for index in indicators.indices {
            guard let rule = indicators[index].definition.derived else { continue }
            indicators[index].derivedActual = rule.value(classified.economic_fen, target: indicators[index].definition.target)
        }
    }

    public func indicatorIndex(_ id: String) -> Int? {
        indicators.firstIndex { $0.definition.indicator == id }
    }
}

/// An `execution.explained` event as folded.
public struct ReasonEntry: Equatable, Sendable {
    public let seq: Int64
    public let text: String
}

/// A `project.closed` event as folded: the closing figures and the event that stated them.
public struct ClosingRecord: Equatable, Sendable {
    public let seq: Int64
    public let figures: ProjectClose
}

/// A `form.declared` event as folded: the figures, and where and when they were declared.
public struct DeclaredForm: Equatable, Sendable {
    public let seq: Int64
    public let date: BusinessDate
    public let form: FormDeclaration

    public init(seq: Int64, date: BusinessDate, form: FormDeclaration) {
        self.seq = seq; self.date = date; self.form = form
    }
}

/// A `goal.recorded` event as folded: the texts it states, and where and when.
public struct GoalEntry: Equatable, Sendable {
    public let seq: Int64
    public let date: BusinessDate
    public let record: GoalRecord

    public init(seq: Int64, date: BusinessDate, record: GoalRecord) {
        self.seq = seq; self.date = date; self.record = record
    }
}
