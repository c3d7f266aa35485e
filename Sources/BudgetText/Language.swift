/// The language a person reads the ledger's messages in. Command names, options, JSON keys and
/// rule ids are the programmatic interface and stay as they are in every language; the form
/// and the form-shaped tables are the official form, and stay Chinese in every language.
public enum Language: String, CaseIterable, Sendable {
    case en
    case zh

    /// The language `--lang` names, or else the locale's: `LC_ALL`, then `LC_MESSAGES`, then
    /// `LANG`, the first that is set and not empty, as POSIX orders them. Chinese when that
    /// locale is Chinese (`zh_CN.UTF-8`, `zh_TW`, `zh`); English otherwise, `C` and `POSIX` included.
    public static func chosen(option: String?, environment: [String: String]) -> Language? {
        if let option { return Language(rawValue: option.lowercased()) }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let locale = environment[name], !locale.isEmpty else { continue }
            return locale.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }
}
