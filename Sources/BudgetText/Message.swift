/// Something the ledger says to a person, not yet in any language: a key of the catalogue and
/// the figures it names, or text that is the same in every language (a path, an amount, a
/// name the user gave). The lower layers make messages; the command line renders them in the
/// reader's language, so that no fold or check depends on who reads its result.
public struct Message: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    enum Part: Hashable, Sendable {
        case keyed(MessageKey, [Message])
        case verbatim(String)
        /// Choices: "a, b or c" in English, "a、b或c" in Chinese.
        case alternatives([Message])
    }

    private(set) var parts: [Part]

    /// The message `key` names, with `arguments` in its places `{1}`, `{2}`…: a `Message`
    /// argument is rendered in the same language, anything else as it prints.
    public init(_ key: MessageKey, _ arguments: Any...) {
        self.init(key, arguments: arguments)
    }

    public init(_ key: MessageKey, arguments: [Any]) {
        parts = [.keyed(key, arguments.map(Message.argument))]
    }

    /// Text that reads the same in every language: user data, a path, a figure.
    public init(verbatim text: String) {
        parts = [.verbatim(text)]
    }

    /// A literal is verbatim: a name of a system call, a punctuation mark. Words a person reads
    /// are keys (a test scans the sources for literals that read as prose).
    public init(stringLiteral text: String) {
        self.init(verbatim: text)
    }

    /// An interpolated literal, such as a working `"\(actual) ≥ \(target): "`, is verbatim, except
    /// the messages it holds, which keep their keys.
    public init(stringInterpolation: Interpolation) {
        self = stringInterpolation.message
    }

    public struct Interpolation: StringInterpolationProtocol {
        var message = Message(verbatim: "")
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { message += literal }
        public mutating func appendInterpolation(_ value: Message) { message += value }
        /// An error that explains itself keeps its keys; anything else prints as it does.
        public mutating func appendInterpolation(_ value: some Any) {
            if let explained = value as? Explained { message += explained.explanation; return }
            message += Message(verbatim: String(describing: value))
        }
    }

    static func argument(_ value: Any) -> Message {
        if let message = value as? Message { return message }
        if let explained = value as? Explained { return explained.explanation }
        return Message(verbatim: String(describing: value))
    }

    public func text(_ language: Language) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .verbatim(let text): out += text
            case .alternatives(let items):
                let texts = items.map { $0.text(language) }
                guard let last = texts.last else { break }
                guard texts.count > 1 else { out += last; break }
                let separator = MessageCatalogue.template(.listSeparator, language)
                out += MessageCatalogue.template(.alternativeOr, language).filling([texts.dropLast().joined(separator: separator), last])
            case .keyed(let key, let arguments):
                let sentence = MessageCatalogue.template(key, language).filling(arguments.map { $0.text(language) })
                // English sentences are joined with a space; Chinese ones are not. Only where two
                // of the catalogue's own texts meet: a user's text keeps its spaces.
                if language == .zh, out.hasSuffix("。 ") { out.removeLast() }
                if language == .zh, out.hasSuffix("。"), sentence.hasPrefix(" ") { out += sentence.dropFirst() } else { out += sentence }
            }
        }
        return out
    }

    /// The English text: what logs and tests that do not choose a language read.
    public var description: String { text(.en) }

    /// The choices a person is offered, joined as the language joins them.
    public static func alternatives(_ items: [Any]) -> Message {
        var message = Message(verbatim: "")
        message.parts = [.alternatives(items.map(Message.argument))]
        return message
    }

    /// Whether the message, or one it holds, is the one `key` names.
    public func names(_ key: MessageKey) -> Bool {
        parts.contains { part in
            switch part {
            case .verbatim: false
            case .keyed(let own, let arguments): own == key || arguments.contains { $0.names(key) }
            case .alternatives(let items): items.contains { $0.names(key) }
            }
        }
    }

    /// Items in a row: "a, b, c" in English, "a、b、c" in Chinese.
    public static func list(_ items: [Any]) -> Message {
        items.map(Message.argument).joined(separator: Message(.listSeparator))
    }

    public var isEmpty: Bool { parts.allSatisfy { if case .verbatim(let text) = $0 { text.isEmpty } else { false } } }

    /// Two messages are equal when they say the same in every language, however they were put
    /// together: that is all a reader can tell apart.
    public static func == (left: Message, right: Message) -> Bool {
        Language.allCases.allSatisfy { left.text($0) == right.text($0) }
    }

    public func hash(into hasher: inout Hasher) {
        for language in Language.allCases { hasher.combine(text(language)) }
    }

    public static func + (left: Message, right: Message) -> Message {
        var joined = left
        joined.parts += right.parts
        return joined
    }

    public static func + (left: Message, right: String) -> Message { left + Message(verbatim: right) }
    public static func + (left: String, right: Message) -> Message { Message(verbatim: left) + right }
    public static func += (left: inout Message, right: Message) { left = left + right }
    public static func += (left: inout Message, right: String) { left = left + right }
}

extension String {
    /// The template with `{n}` replaced by the n-th value. A brace that is not a placeholder
    /// stays as written.
    func filling(_ values: [String]) -> String {
        guard contains("{") else { return self }
        var out = ""
        var rest = Substring(self)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let number = Int(after[..<close]), number >= 1, number <= values.count {
                out += values[number - 1]
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }
}

/// An error that says what went wrong as a message, for the command line to render in the
/// reader's language.
public protocol Explained: Error {
    var explanation: Message { get }
}

extension Sequence where Element == Message {
    /// The messages one after another, `separator` between them.
    public func joined(separator: Message = "") -> Message {
        var out = Message(verbatim: "")
        for (index, message) in enumerated() {
            if index > 0 { out += separator }
            out += message
        }
        return out
    }
}

/// Text a message can be made of: a message, or a string that reads the same in every
/// language (a figure, a name).
public protocol MessageText {
    var message: Message { get }
}

extension Message: MessageText {
    public var message: Message { self }
}

extension String: MessageText {
    public var message: Message { Message(verbatim: self) }
}
