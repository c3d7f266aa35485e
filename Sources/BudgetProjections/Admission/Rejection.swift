/// Why an event may not enter the journal, said so that the person who asked can fix it. An
/// operating error, not a programmer's: the journal is left untouched.
public struct Rejection: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
