import BudgetText
import BudgetJSON

/// One member of an event kind's journal line: its key, where its value lives in the payload,
/// and the rule its value must satisfy. A kind's table of these (`EventPayload.fields`) is what
/// the encoder writes and the decoder reads, in the table's order, so each field is declared once.
public struct EventField<Payload>: @unchecked Sendable {
    public let key: String
    /// The member's value, or nil when the member is left out.
    let write: (Payload) -> JSONValue?
    /// Sets the field of a payload being decoded from the member's value (nil when absent).
    let read: (JSONValue?, inout Payload) throws(FieldProblem) -> Void
    /// Why the field of a payload made in memory breaks its rule; nil when it does not.
    @usableFromInline let validate: (Payload) -> Message?

    /// A member every event of the kind states.
    public static func required<Value: FieldValue>(_ key: String, _ path: WritableKeyPath<Payload, Value>,
                                                   _ check: FieldCheck<Value>? = nil) -> EventField {
        EventField(key: key, write: { $0[keyPath: path].fieldJSON }, read: { json, payload throws(FieldProblem) in
            guard let json else { throw FieldProblem(Message(.missingField, Value.fieldKindName, key)) }
            payload[keyPath: path] = try checked(Value(fieldJSON: json, key: key), key, check)
        }, validate: { problem(with: $0[keyPath: path], key, check) })
    }

    /// A member left out when the value is nil.
    public static func optional<Value: FieldValue>(_ key: String, _ path: WritableKeyPath<Payload, Value?>,
                                                   _ check: FieldCheck<Value>? = nil) -> EventField {
        EventField(key: key, write: { $0[keyPath: path]?.fieldJSON }, read: { json, payload throws(FieldProblem) in
            guard let json else { return }
            payload[keyPath: path] = try checked(Value(fieldJSON: json, key: key), key, check)
        }, validate: { payload in payload[keyPath: path].flatMap { problem(with: $0, key, check) } })
    }

    /// A collection left out when empty; when present it must hold something, so that an
    /// event has one spelling.
    public static func list<Value: FieldValue & Collection>(_ key: String, _ path: WritableKeyPath<Payload, Value>) -> EventField {
        EventField(key: key, write: { $0[keyPath: path].isEmpty ? nil : $0[keyPath: path].fieldJSON },
                   read: { json, payload throws(FieldProblem) in
            guard let json else { return }
            let value = try Value(fieldJSON: json, key: key)
            guard !value.isEmpty else { throw FieldProblem(Message(.isEmpty2, key)) }
            payload[keyPath: path] = value
        }, validate: { $0[keyPath: path].fieldProblem.map { Message(.quotedFieldThen, key, $0) } })
    }

    private static func problem<Value: FieldValue>(with value: Value, _ key: String, _ check: FieldCheck<Value>?) -> Message? {
        (value.fieldProblem ?? check?.problem(value)).map { Message(.quotedFieldThen, key, $0) }
    }

    private static func checked<Value>(_ value: Value, _ key: String, _ check: FieldCheck<Value>?) throws(FieldProblem) -> Value {
        if let problem = check?.problem(value) { throw FieldProblem(Message(.quotedFieldThen, key, problem)) }
        return value
    }
}

extension EventPayload {
    /// The payload's members, in the kind's order, as the journal writes them.
    public var fieldMembers: [(key: String, value: JSONValue)] {
        Self.fields.compactMap { field in field.write(self).map { (field.key, $0) } }
    }

    /// The payload stated by the members of `object`. Members the kind does not declare are
    /// left to the caller, who knows which others the line may hold.
    public static func decode(_ object: JSONObject) throws(FieldProblem) -> Self {
        var payload = blank
        for field in fields { try field.read(object[field.key], &payload) }
        if let problem = payload.shapeProblem { throw FieldProblem(problem) }
        return payload
    }

    /// Why the payload, made in memory, could not be written as it is and read back: the first
    /// field that breaks its rule, or the rule across fields. The reader makes the same checks.
    @inlinable
    public var problem: Message? {
        for field in Self.fields { if let problem = field.validate(self) { return problem } }
        return shapeProblem
    }

    /// The keys of the kind's members, in its table's order.
    static var memberKeys: [String] { fields.map(\.key) }
}
