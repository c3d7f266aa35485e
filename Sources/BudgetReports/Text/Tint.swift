/// A colour for terminal output (ANSI SGR). Renderers take a `colour` switch that the command line
/// turns on only when stdout is a terminal and `NO_COLOR` is not set, so that files, pipes and
/// people who asked for no colour get plain text.
public enum Tint: String, Sendable {
    case red = "31"
    case green = "32"
    case yellow = "33"

    /// `text` wrapped in this colour's codes when `colour` is on, else unchanged. The codes take
    /// no columns, so callers pad by the width of the plain text.
    public func paint(_ text: String, colour: Bool) -> String {
        colour && !text.isEmpty ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
    }
}
