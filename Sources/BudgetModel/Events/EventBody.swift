/// What an event records. The set is closed: every change to a project is one of these.
public indirect enum EventBody: Equatable, Sendable {
    case projectRegistered(ProjectRegistration)
    case budgetApproved(BudgetApproval)
    case budgetAdjusted(BudgetAdjustment)
    case disbursed(Disbursement)
    case refunded(TreasuryRefund)
    case carriedOver(CarryOver)
    case indicatorDefined(IndicatorDefinition)
    case indicatorActualRecorded(IndicatorActual)
    case indicatorScored(IndicatorScore)
    case reversed(Reversal)
    case policySet(PolicySetting)
    case formDeclared(FormDeclaration)
    case goalRecorded(GoalRecord)

    /// The name written in the journal's `type` field.
    public var type: EventType {
        switch self {
        case .projectRegistered: return .projectRegistered
        case .budgetApproved: return .budgetApproved
        case .budgetAdjusted: return .budgetAdjusted
        case .disbursed: return .disbursed
        case .refunded: return .refunded
        case .carriedOver: return .carriedOver
        case .indicatorDefined: return .indicatorDefined
        case .indicatorActualRecorded: return .indicatorActualRecorded
        case .indicatorScored: return .indicatorScored
        case .reversed: return .reversed
        case .policySet: return .policySet
        case .formDeclared: return .formDeclared
        case .goalRecorded: return .goalRecorded
        }
    }

    /// The project the event is recorded against; nil for a journal-wide event (a policy).
    public var project: String? {
        switch self {
        case .projectRegistered(let e): return e.project
        case .budgetApproved(let e): return e.project
        case .budgetAdjusted(let e): return e.project
        case .disbursed(let e): return e.project
        case .refunded(let e): return e.project
        case .carriedOver(let e): return e.project
        case .indicatorDefined(let e): return e.project
        case .indicatorActualRecorded(let e): return e.project
        case .indicatorScored(let e): return e.project
        case .reversed(let e): return e.original.project
        case .policySet: return nil
        case .formDeclared(let e): return e.project
        case .goalRecorded(let e): return e.project
        }
    }

    /// Every project whose figures the event can move: a carry-over moves two. A policy names
    /// none, though it moves the scores of all (see `isJournalWide`).
    public var projectsTouched: [String] {
        switch self {
        case .carriedOver(let e): return [e.project, e.toProject]
        case .reversed(let e): return e.original.projectsTouched
        default: return project.map { [$0] } ?? []
        }
    }
}

extension EventBody {
    /// Whether the event applies to the whole journal rather than to named projects.
    public var isJournalWide: Bool {
        switch self {
        case .policySet: return true
        case .reversed(let e): return e.original.isJournalWide
        default: return false
        }
    }
}

/// The journal's names for the event kinds. They are part of the file format: never rename one.
public enum EventType: String, CaseIterable, Sendable {
    case projectRegistered = "project.registered"
    case budgetApproved = "budget.approved"
    case budgetAdjusted = "budget.adjusted"
    case disbursed = "disbursement.made"
    case refunded = "treasury.refunded"
    case carriedOver = "balance.carried_over"
    case indicatorDefined = "indicator.defined"
    case indicatorActualRecorded = "indicator.actual_recorded"
    case indicatorScored = "indicator.scored"
    case reversed = "event.reversed"
    case policySet = "policy.set"
    case formDeclared = "form.declared"
    case goalRecorded = "goal.recorded"

    /// A short Chinese label for tables: what a person would call the event.
    public var label: String {
        switch self {
        case .projectRegistered: return "项目登记"
        case .budgetApproved: return "年初预算"
        case .budgetAdjusted: return "预算调整"
        case .disbursed: return "支出"
        case .refunded: return "交回财政"
        case .carriedOver: return "结转"
        case .indicatorDefined: return "设定指标"
        case .indicatorActualRecorded: return "实际完成值"
        case .indicatorScored: return "自评得分"
        case .reversed: return "冲销"
        case .policySet: return "评分规则"
        case .formDeclared: return "报送自评表"
        case .goalRecorded: return "年度总体目标"
        }
    }
}
