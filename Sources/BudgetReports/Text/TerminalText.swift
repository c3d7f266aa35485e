import BudgetModel

/// Text as a terminal must show it: a character that changes how the text around it is shown
/// (see `FreeText.isDeceptive`), which journals written before it was refused may still hold,
/// is shown as its escape (`\u{202E}`), never raw.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        guard FreeText.mayHoldDeceptive(text), text.unicodeScalars.contains(where: FreeText.isDeceptive) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if FreeText.isDeceptive(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
