import BudgetJSON

/// What an event records. The set is closed: every change to a project is one of these. Each
/// kind's facts are declared by its payload (see `EventPayload`); this file only lists the
/// kinds, so adding one means a case here, its line in `visit` and in `kinds`, and its payload.
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
    case annotated(Annotation)
    case projectClosed(ProjectClose)
    case yearClosed(YearClose)
    case yearReopened(YearReopen)
    case executionExplained(ExecutionReason)
    case settingsSet(FormSettings)

    /// Hands the payload to `visitor` with its concrete type, so that a fact of every kind is
    /// reached through this one switch, and without boxing the payload.
    @inlinable
    public func visit<Visitor: EventPayloadVisitor>(_ visitor: Visitor) -> Visitor.Result {
        switch self {
        case .projectRegistered(let payload): return visitor.visit(payload)
        case .budgetApproved(let payload): return visitor.visit(payload)
        case .budgetAdjusted(let payload): return visitor.visit(payload)
        case .disbursed(let payload): return visitor.visit(payload)
        case .refunded(let payload): return visitor.visit(payload)
        case .carriedOver(let payload): return visitor.visit(payload)
        case .indicatorDefined(let payload): return visitor.visit(payload)
        case .indicatorActualRecorded(let payload): return visitor.visit(payload)
        case .indicatorScored(let payload): return visitor.visit(payload)
        case .reversed(let payload): return visitor.visit(payload)
        case .policySet(let payload): return visitor.visit(payload)
        case .formDeclared(let payload): return visitor.visit(payload)
        case .goalRecorded(let payload): return visitor.visit(payload)
        case .annotated(let payload): return visitor.visit(payload)
        case .projectClosed(let payload): return visitor.visit(payload)
        case .yearClosed(let payload): return visitor.visit(payload)
        case .yearReopened(let payload): return visitor.visit(payload)
        case .executionExplained(let payload): return visitor.visit(payload)
        case .settingsSet(let payload): return visitor.visit(payload)
        }
    }

    /// Every kind, for reading a line by its `type`.
    public static let kinds: [any EventPayload.Type] = [
        ProjectRegistration.self, BudgetApproval.self, BudgetAdjustment.self, Disbursement.self, TreasuryRefund.self,
        CarryOver.self, IndicatorDefinition.self, IndicatorActual.self, IndicatorScore.self, Reversal.self,
        PolicySetting.self, FormDeclaration.self, GoalRecord.self, Annotation.self,
        ProjectClose.self, YearClose.self, YearReopen.self, ExecutionReason.self, FormSettings.self,
    ]
}

/// Something computed from a payload of any kind (see `EventBody.visit`).
public protocol EventPayloadVisitor {
    associatedtype Result
    func visit<Payload: EventPayload>(_ payload: Payload) -> Result
}
