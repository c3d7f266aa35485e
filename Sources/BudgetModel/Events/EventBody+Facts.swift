import BudgetText
import BudgetJSON

/// The facts of an event, whatever its kind, each read from the kind's declaration.
extension EventBody {
    public var kind: EventKind { visit(KindOf()) }
    /// The project the event is recorded against; nil for a journal-wide event (a policy).
    public var project: String? { visit(ProjectOf()) }
    public var movements: Movements { visit(MovementsOf()) }
    public var summary: Message { visit(SummaryOf()) }
    /// Why the event, made in memory, could not be written as it is (see `EventPayload.problem`).
    public var problem: Message? { visit(ProblemOf()) }
    public var isReversible: Bool { visit(ReversibleOf()) }
    public var dateWindow: DateWindow { visit(DateWindowOf()) }
    public var remark: String? { visit(RemarkOf()) }
    public var payee: String? { visit(PayeeOf()) }
    public var voucher: String? { visit(VoucherOf()) }
    public var economicClass: String? { visit(EconomicClassOf()) }
    public var functionalClass: String? { visit(FunctionalClassOf()) }
    /// The fiscal year the event closes or reopens.
    public var yearMark: YearMark? { visit(YearMarkOf()) }
    /// Whether a year's close seals the event: it moves money, or adds a project to the year.
    public var isSealedByClose: Bool {
        if case .projectRegistered = self { return true }
        return !movements.isEmpty
    }
    /// The members of the event's line after `recorded`, in order.
    public var fieldMembers: [(key: String, value: JSONValue)] { visit(MembersOf()) }

    /// Every project whose figures the event can move: its own, and those its money goes to
    /// (a carry-over moves two). A policy names none, though it moves the scores of all.
    public var projectsTouched: [String] {
        var touched = project.map { [$0] } ?? []
        for movement in movements where !touched.contains(movement.project) { touched.append(movement.project) }
        return touched
    }

    /// Whether the event is a payment: the kind a journal holds most of, which its checkpoint
    /// keeps summed per project, source and date (see `PaymentTotal`) rather than one by one.
    public var isPayment: Bool {
        if case .disbursed = self { return true }
        return false
    }

    /// Whether the event applies to the whole journal rather than to named projects.
    public var isJournalWide: Bool { project == nil }

    /// The kind named `name` in a journal line's `type`, or nil for a name no kind has.
    public static func kind(named name: String) -> (any EventPayload.Type)? { kindsByName[name] }

    private static let kindsByName: [String: any EventPayload.Type] =
        Dictionary(uniqueKeysWithValues: kinds.map { ($0.kind.name, $0) })

    /// The members the kind named `name` declares, or nil for a name no kind has: a table made
    /// once, asked once a line. (Walking the kind's `fields` for each member, in code generic over
    /// the kind, took 3,700 instructions a member.)
    public static func memberKeys(ofKindNamed name: String) -> Set<String>? { memberKeysByName[name] }

    private static let memberKeysByName: [String: Set<String>] =
        Dictionary(uniqueKeysWithValues: kinds.map { ($0.kind.name, Set($0.memberKeys)) })

    /// The event of kind `kind` stated by the members of `object`.
    public static func decode(_ kind: any EventPayload.Type, from object: JSONObject) throws(FieldProblem) -> EventBody {
        try kind.decode(object).body
    }
}

private struct KindOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> EventKind { Payload.kind }
}

private struct ProjectOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> String? { payload.recordedAgainst }
}

private struct MovementsOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> Movements { payload.movements }
}

private struct SummaryOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> Message { payload.summary }
}

private struct ProblemOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> Message? { payload.problem }
}

private struct ReversibleOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> Bool { Payload.isReversible }
}

private struct DateWindowOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> DateWindow { payload.dateWindow }
}

private struct RemarkOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> String? { payload.remark }
}

private struct PayeeOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> String? { payload.payee }
}

private struct VoucherOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> String? { payload.voucher }
}

private struct EconomicClassOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> String? { payload.economicClass }
}

private struct YearMarkOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> YearMark? { payload.yearMark }
}

private struct FunctionalClassOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> String? { payload.functionalClass }
}

private struct MembersOf: EventPayloadVisitor {
    func visit<Payload: EventPayload>(_ payload: Payload) -> [(key: String, value: JSONValue)] { payload.fieldMembers }
}

/// A reversal carries the body it undoes as a nested member: `{"type": …, its own members}`.
extension EventBody: FieldValue {
    public static var fieldKindName: Message { Message(.fieldKindObject) }

    public var fieldJSON: JSONValue {
        .object(JSONObject([(key: "type", value: .string(kind.name))] + fieldMembers))
    }

    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        guard case .object(let object) = json else { throw FieldProblem(Message(.missingObject, key)) }
        guard case .string(let name)? = object["type"], let kind = EventBody.kind(named: name) else {
            throw FieldProblem(Message(.namesNoEventType, key))
        }
        self = try EventBody.decode(kind, from: object)
        let declared = EventBody.memberKeys(ofKindNamed: name) ?? []
        for member in object.members where member.key != "type" && !declared.contains(member.key) {
            throw FieldProblem(Message(.unexpectedMemberIn, member.key, key))
        }
    }
}
