/// Every message the ledger says, by key, with its languages side by side. Places for figures
/// are written `{1}`, `{2}`…, in the order the message is given them; a language may order them
/// as its grammar wants, and Chinese drops English plural endings.
public enum MessageCatalogue {
    public struct Entry: Sendable {
        public let key: MessageKey
        public let en: String
        public let zh: String

        init(_ key: MessageKey, en: String, zh: String) {
            self.key = key
            self.en = en
            self.zh = zh
        }

        public func text(_ language: Language) -> String {
            switch language {
            case .en: en
            case .zh: zh
            }
        }
    }

    /// All entries, in the order of their files. A test holds that every key has exactly one,
    /// with both languages.
    public static let entries: [Entry] = model + json + journal + projections + reports
        + commandLine1 + commandLine2 + commandLine3 + joining + helpDetails

    private static let byKey: [MessageKey: Entry] = Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })

    /// The text of `key` in `language`. A message that lacks the language (a test forbids it)
    /// falls back to English rather than saying nothing; one that lacks an entry says its key.
    static func template(_ key: MessageKey, _ language: Language) -> String {
        guard let entry = byKey[key] else { return key.rawValue }
        let text = entry.text(language)
        return text.isEmpty ? entry.en : text
    }
}
