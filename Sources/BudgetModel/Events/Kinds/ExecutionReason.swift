import BudgetText

/// 执行偏差原因: why a project's execution rate fell short, recorded in the ledger as soon as it
/// is known — before any form is declared — so that the form carries it in its fund block. A
/// later one supersedes an earlier one. (Reasons given for indicator rows answer those rows,
/// not the rate.)
public struct ExecutionReason: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var text: String

    public init(project: String, text: String) { self.project = project; self.text = text }
}

extension ExecutionReason: ProjectPayload {
    public static let kind = EventKind(name: "execution.explained", label: "执行偏差原因")
    public static let fields: [EventField<Self>] = [.required("project", \.project, .identifier), .required("reason", \.text)]
    public static let blank = ExecutionReason(project: "", text: "")
    public var body: EventBody { .executionExplained(self) }
    public var summary: Message { Message(verbatim: "执行偏差原因 \(text)") }
    public var remark: String? { text }
    /// Given once the year is over, as a form is.
    public var dateWindow: DateWindow { .fiscalYearOrNext }
    public var shapeProblem: Message? { text.allSatisfy(\.isWhitespace) ? Message(.executionReasonSaysNothing) : nil }
}
