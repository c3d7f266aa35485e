import BudgetText
/// What one kind of event states, declared in one place: its name in the journal, its fields
/// and their order, the project it is recorded against, the money it moves, and how it reads
/// in `log` and `trace`. Every layer reads these facts generically; a layer keeps code of its
/// own for a kind only where the kind truly behaves differently there (a registration creates a
/// project, a reversal undoes an event), as a conformance to that layer's protocol.
public protocol EventPayload: Equatable, Sendable {
    static var kind: EventKind { get }
    /// The members of the kind's journal line after `recorded`, in their fixed order.
    static var fields: [EventField<Self>] { get }
    /// Where decoding starts: each field of `fields` is then read from the line into it.
    static var blank: Self { get }
    /// Whether a reversal may undo an event of this kind.
    static var isReversible: Bool { get }
    /// The event in the closed set of kinds.
    var body: EventBody { get }
    /// The project the event is recorded against; nil for one that applies to the whole journal.
    var recordedAgainst: String? { get }
    /// The fund figures the event moves.
    var movements: Movements { get }
    /// What the event says, in a line: the detail of `log` and `trace` and the acknowledgement of a write.
    var summary: Message { get }
    /// The free text that says why, when the event carries one: a memo or a reason.
    var remark: String? { get }
    /// Who was paid, for an event that pays someone.
    var payee: String? { get }
    /// The treasury voucher (支付凭证号) of the money the event moves, when it carries one (a
    /// reversal carries its original's).
    var voucher: String? { get }
    /// The economic and functional classification codes of the money the event moves.
    var economicClass: String? { get }
    var functionalClass: String? { get }
    /// A rule across fields that the field table cannot state; checked when a line is read and
    /// when an event is admitted.
    var shapeProblem: Message? { get }
    /// The dates the event may bear, relative to its project's fiscal year.
    var dateWindow: DateWindow { get }
    /// The fiscal year the event closes or reopens, for an event that does.
    var yearMark: YearMark? { get }
}

/// When an event may be dated. The year is its project's fiscal year.
public enum DateWindow: Sendable {
    /// Inside the year, on or after the project's registration: nearly every event.
    case fiscalYear
    /// As `fiscalYear`, or in the year after: a form is declared once its year is over.
    case fiscalYearOrNext
    /// In the year it names, or the year before: a project is planned the autumn before its year.
    case registration
    /// On the year's last day or any day after: a close, which may follow a reopen years later.
    case yearEndOrLater
}

extension EventPayload {
    public static var isReversible: Bool { true }
    public var movements: Movements { Movements() }
    public var shapeProblem: Message? { nil }
    public var dateWindow: DateWindow { .fiscalYear }
    public var remark: String? { nil }
    public var payee: String? { nil }
    public var voucher: String? { nil }
    public var economicClass: String? { nil }
    public var functionalClass: String? { nil }
    public var yearMark: YearMark? { nil }
}

/// A kind recorded against one project, named by its `project` field.
public protocol ProjectPayload: EventPayload {
    var project: String { get }
}

extension ProjectPayload {
    public var recordedAgainst: String? { project }
}

/// The words of a summary, the absent ones left out.
func summaryWords(_ words: String?...) -> Message {
    Message(verbatim: words.compactMap { $0 }.joined(separator: " "))
}
