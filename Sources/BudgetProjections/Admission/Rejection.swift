import BudgetText

/// Why an event may not enter the journal, said so that the person who asked can fix it. An
/// operating error, not a programmer's: the journal is left untouched.
public struct Rejection: Error, Equatable, CustomStringConvertible, Explained {
    public let reason: Message
    public init(_ reason: Message) { self.reason = reason }
    public init(_ key: MessageKey, _ arguments: Any...) { reason = Message(key, arguments: arguments) }
    public var explanation: Message { reason }
    /// The English text, as logs and tests read it.
    public var message: String { reason.description }
    public var description: String { message }
}
