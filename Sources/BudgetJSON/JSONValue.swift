/// A parsed JSON value. Numbers keep their literal text so money never passes through Double.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)            // the literal, validated against the RFC grammar
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// An object keeping its members in written order. Duplicate keys are rejected by the parser.
public struct JSONObject: Equatable, Sendable {
    public var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The first member named `key`. Journal objects have a dozen members, so a scan
    /// beats building and keeping a dictionary per line.
    public subscript(key: String) -> JSONValue? {
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }

    /// Does not look for an existing `key`: callers build objects from known, distinct
    /// fields, and the hot path should not pay for a scan on every append.
    public mutating func append(_ key: String, _ value: JSONValue) {
        members.append((key: key, value: value))
    }

    /// Member order counts: the journal is compared and hashed line by line, so two
    /// objects that would be written differently must not compare equal.
    /// (Tuples cannot conform to Equatable, hence this is written by hand.)
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (left, right) in zip(lhs.members, rhs.members) {
            if left.key != right.key || left.value != right.value { return false }
        }
        return true
    }
}
