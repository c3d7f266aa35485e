import BudgetText

/// 备注更正: the memo of an earlier event corrected, without moving money — an approval's 批复文号
/// typed wrong, a payment's 用途 that says too little. The event keeps its own line; the
/// annotation names it and says what its memo should read, and why. A later annotation of the
/// same event supersedes an earlier one.
public struct Annotation: Equatable, Sendable {
    public internal(set) var targetSeq: Int64
    /// The project of the event annotated; nil when that event is journal-wide (a policy).
    public internal(set) var project: String?
    public internal(set) var memo: String
    public internal(set) var reason: String

    public init(targetSeq: Int64, project: String?, memo: String, reason: String) {
        self.targetSeq = targetSeq; self.project = project; self.memo = memo; self.reason = reason
    }
}

extension Annotation: EventPayload {
    public static let kind = EventKind(name: "event.annotated", label: "备注更正")
    public static let fields: [EventField<Self>] = [
        .required("target", \.targetSeq, .range(1...Int64(Limits.eventsMax))), .optional("project", \.project, .identifier),
        .required("memo", \.memo), .required("reason", \.reason),
    ]
    public static let blank = Annotation(targetSeq: 0, project: nil, memo: "", reason: "")
    /// A memo is corrected by annotating again.
    public static let isReversible = false
    public var body: EventBody { .annotated(self) }
    public var recordedAgainst: String? { project }
    public var summary: Message { Message(.memoOf, targetSeq, memo, reason) }
    public var remark: String? { reason }
    /// An annotation may be made once the year is over, as a form is.
    public var dateWindow: DateWindow { .fiscalYearOrNext }
}
