/// The name of an event kind in the journal's `type` member, and what a person calls it.
public struct EventKind: Hashable, Sendable, CustomStringConvertible {
    /// Part of the file format: never rename one.
    public let name: String
    /// A short Chinese label for tables.
    public let label: String

    public init(name: String, label: String) { self.name = name; self.label = label }

    public var description: String { name }
}
