import BudgetText

/// 冲销: the only correction. It names the event it reverses and carries a copy of that event's
/// body, so a fold can undo its effect without looking anything up. It moves the original's
/// money back, on the reversal's own date.
public struct Reversal: Equatable, Sendable {
    public internal(set) var targetSeq: Int64
    public internal(set) var reason: String
    public internal(set) var original: EventBody

    public init(targetSeq: Int64, reason: String, original: EventBody) {
        self.targetSeq = targetSeq; self.reason = reason; self.original = original
    }
}

extension Reversal: EventPayload {
    public static let kind = EventKind(name: "event.reversed", label: "冲销")
    public static let fields: [EventField<Self>] = [
        .required("target", \.targetSeq, .range(1...Int64(Limits.eventsMax))), .required("reason", \.reason),
        .required("reverses", \.original, FieldCheck { $0.isReversible ? nil : Message(.namesEventTypeThatCannot) }),
    ]
    public static let blank = Reversal(targetSeq: 0, reason: "", original: .goalRecorded(GoalRecord(project: "")))
    /// A reversal is final: to restore what it undid, the original is recorded again.
    public static let isReversible = false
    public var body: EventBody { .reversed(self) }
    public var recordedAgainst: String? { original.project }
    public var movements: Movements { original.movements.undone }
    public var summary: Message { Message(.summaryReverses, targetSeq, original.kind.name, reason) }
    /// A reversal may be dated when its original may: a declared form's, in the year after.
    public var dateWindow: DateWindow { original.dateWindow }
    public var remark: String? { reason }
    public var payee: String? { original.payee }
    public var voucher: String? { original.voucher }
    public var economicClass: String? { original.economicClass }
    public var functionalClass: String? { original.functionalClass }
}
